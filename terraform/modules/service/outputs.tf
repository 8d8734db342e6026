output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "task_definition_family" {
  description = "Family of the task definition; the pipeline registers new revisions of it."
  value       = aws_ecs_task_definition.this.family
}

output "task_definition_arn" {
  description = "First task definition revision."
  value       = aws_ecs_task_definition.this.arn
}

output "execution_role_arn" {
  description = "Execution role, for the pipeline's task definition template."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "Task role, for the pipeline's task definition template."
  value       = aws_iam_role.task.arn
}

output "target_group_names" {
  description = "Blue and green target group names, for CodeDeploy."
  value       = { for color, group in aws_lb_target_group.this : color => group.name }
}

output "target_group_arn_suffixes" {
  description = "Blue and green target group ARN suffixes, for alarms."
  value       = { for color, group in aws_lb_target_group.this : color => group.arn_suffix }
}

output "log_group_name" {
  description = "Log group of the service."
  value       = aws_cloudwatch_log_group.this.name
}

output "security_group_id" {
  description = "Security group of the tasks."
  value       = aws_security_group.service.id
}

output "listener_arns" {
  description = "The listeners whose path rules send requests to this service."
  value       = [for rule in aws_lb_listener_rule.this : rule.listener_arn]
}

output "path_patterns" {
  description = "The paths the load balancer sends to this service."
  value       = var.path_patterns
}

output "execute_command_enabled" {
  description = "Whether ECS Exec reaches the service's tasks."
  value       = aws_ecs_service.this.enable_execute_command
}

output "environment" {
  description = "The plain (not secret) environment variables of the service's container."
  value       = local.application_environment
}

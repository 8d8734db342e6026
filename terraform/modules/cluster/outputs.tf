# Services use the cluster's default capacity provider strategy: whatever
# creates one must wait for the strategy to be in place.
output "cluster_name" {
  description = "Name of the ECS cluster, once its capacity providers are attached."
  value       = aws_ecs_cluster_capacity_providers.this.cluster_name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster, once its capacity providers are attached."
  value       = aws_ecs_cluster.this.arn
  depends_on  = [aws_ecs_cluster_capacity_providers.this]
}

output "exec_log_group_name" {
  description = "Log group of ECS Exec sessions."
  value       = aws_cloudwatch_log_group.exec.name
}

output "exec_log_group_arn" {
  description = "ARN of the log group of ECS Exec sessions; tasks need to write to it."
  value       = aws_cloudwatch_log_group.exec.arn
}

output "default_capacity_provider_strategy" {
  description = "The cluster's default capacity provider strategy: base and weight by capacity provider."
  value = {
    for strategy in aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy :
    strategy.capacity_provider => { base = strategy.base, weight = strategy.weight }
  }
}

resource "aws_ecs_service" "this" {
  name                              = var.service_name
  cluster                           = var.cluster_arn
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.min_tasks
  health_check_grace_period_seconds = var.health_check_grace_seconds
  enable_execute_command            = var.execute_command_enabled
  propagate_tags                    = "SERVICE"

  # Releases are blue/green through CodeDeploy (pipeline module).
  deployment_controller {
    type = "CODE_DEPLOY"
  }

  # No capacity provider strategy of its own: the cluster's default (FARGATE
  # for the base, FARGATE_SPOT by weight) applies. A service-level strategy on a
  # CODE_DEPLOY service cannot be changed in place.

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this["blue"].arn
    container_name   = var.service_name
    container_port   = local.api_port
  }

  # CodeDeploy owns the running task definition, the live target group and the network
  # configuration (the pipeline's appspec carries the subnets and security group: a change
  # reaches the tasks with the next deployment); ECS takes none of them, nor ECS Exec, in an
  # update of a blue/green service. Autoscaling owns the count; the cluster's default
  # strategy was applied at creation.
  lifecycle {
    ignore_changes = [
      task_definition, load_balancer, network_configuration, enable_execute_command, desired_count,
      capacity_provider_strategy,
    ]
  }

  depends_on = [aws_lb_listener_rule.this]
}

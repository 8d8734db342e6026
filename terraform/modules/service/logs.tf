resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}/${var.service_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}/${var.service_name}"
  retention_in_days = var.log_retention_days
}

# The collector writes the service's metrics here in CloudWatch's embedded
# metric format; CloudWatch turns them into metrics of var.metric_namespace.
resource "aws_cloudwatch_log_group" "metrics" {
  name              = "/ecs/${var.name}/${var.service_name}/metrics"
  retention_in_days = 7
}

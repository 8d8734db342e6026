output "alarm_topic_arn" {
  description = "SNS topic of every alarm."
  value       = aws_sns_topic.alarms.arn
}

output "rollback_alarm_names" {
  description = "Alarms that roll a release of each service back, by service."
  value = { for service, settings in var.services : service => concat(
    [aws_cloudwatch_metric_alarm.target_5xx[service].alarm_name, aws_cloudwatch_metric_alarm.p99_latency[service].alarm_name],
    settings.has_outbox ? [aws_cloudwatch_metric_alarm.outbox_age[service].alarm_name] : [],
  ) }
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the system."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

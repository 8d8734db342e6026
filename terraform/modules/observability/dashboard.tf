locals {
  service_widgets = [for service, settings in var.services : {
    type   = "metric"
    width  = 12
    height = 6
    properties = {
      title  = "${service}: requests, 5xx, p99 latency"
      region = var.region
      stat   = "Sum"
      period = 60
      metrics = concat(
        [for color, suffix in settings.target_group_arn_suffixes :
        ["AWS/ApplicationELB", "RequestCountPerTarget", "TargetGroup", suffix, "LoadBalancer", var.alb_arn_suffix, { label = "requests per target (${color})" }]],
        [for color, suffix in settings.target_group_arn_suffixes :
        ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "TargetGroup", suffix, "LoadBalancer", var.alb_arn_suffix, { label = "5xx (${color})" }]],
        [for color, suffix in settings.target_group_arn_suffixes :
        ["AWS/ApplicationELB", "TargetResponseTime", "TargetGroup", suffix, "LoadBalancer", var.alb_arn_suffix, { stat = "p99", yAxis = "right", label = "p99 s (${color})" }]],
      )
    }
  }]

  queue_widgets = [for key, queue in var.queue_names : {
    type   = "metric"
    width  = 8
    height = 6
    properties = {
      title  = "${key}: backlog, age, dead letters"
      region = var.region
      stat   = "Maximum"
      period = 60
      metrics = [
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue, { label = "visible" }],
        ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", queue, { yAxis = "right", label = "oldest (s)" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.dead_letter_queue_names[key], { label = "dead letters" }],
      ]
    }
  }]

  cluster_widget = {
    type   = "metric"
    width  = 24
    height = 6
    properties = {
      title  = "Tasks, CPU and memory by service"
      region = var.region
      stat   = "Average"
      period = 60
      metrics = flatten([for service, settings in var.services : [
        ["ECS/ContainerInsights", "RunningTaskCount", "ClusterName", var.cluster_name, "ServiceName", service, { label = "${service} tasks" }],
        ["ECS/ContainerInsights", "CpuUtilized", "ClusterName", var.cluster_name, "ServiceName", service, { yAxis = "right", label = "${service} CPU" }],
      ]])
    }
  }

  errors_widget = {
    type   = "log"
    width  = 24
    height = 6
    properties = {
      title  = "Errors and warnings of the services"
      region = var.region
      view   = "table"
      query  = "SOURCE ${join(" | SOURCE ", [for service, settings in var.services : "'${settings.log_group_name}'"])} | fields @timestamp, @logStream, @message | filter @message like /ERROR|WARN/ | sort @timestamp desc | limit 50"
    }
  }
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = concat(local.service_widgets, local.queue_widgets, [local.cluster_widget, local.errors_widget])
  })
}

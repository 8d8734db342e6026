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

  # The business, from the services' own metrics (var.metric_namespace).
  orders_widget = {
    type   = "metric"
    width  = 12
    height = 6
    properties = {
      title  = "Orders per minute: placed, and how they end"
      region = var.region
      stat   = "Sum"
      period = 60
      metrics = concat(
        [[var.metric_namespace, "orders_placed_total", "service", "order-service", { label = "placed" }]],
        [for outcome in ["confirmed", "rejected", "cancelled", "shipped", "delivered"] :
        [var.metric_namespace, "orders_outcome_total", "service", "order-service", "outcome", outcome, { label = outcome }]],
      )
    }
  }

  saga_widget = {
    type   = "metric"
    width  = 12
    height = 6
    properties = {
      title  = "Saga: seconds from placed to reserved and to CONFIRMED (p50, p99, slowest)"
      region = var.region
      period = 60
      metrics = flatten([for stage in ["placed_to_reserved", "placed_to_confirmed"] : [
        [var.metric_namespace, "saga_stage_percentile_seconds", "service", "order-service", "stage", stage, "quantile", "0.5", { stat = "Average", label = "${stage} p50" }],
        [var.metric_namespace, "saga_stage_percentile_seconds", "service", "order-service", "stage", stage, "quantile", "0.99", { stat = "Maximum", label = "${stage} p99" }],
        [var.metric_namespace, "saga_stage_seconds_max", "service", "order-service", "stage", stage, { stat = "Maximum", label = "${stage} slowest" }],
      ]])
    }
  }

  outbox_widget = {
    type   = "metric"
    width  = 12
    height = 6
    properties = {
      title  = "Outbox: oldest message (s) and messages waiting, stuck orders"
      region = var.region
      stat   = "Maximum"
      period = 60
      metrics = concat(
        flatten([for service, settings in var.services : [
          [var.metric_namespace, "outbox_oldest_age_seconds", "service", service, { label = "${service} oldest (s)" }],
          [var.metric_namespace, "outbox_waiting", "service", service, { yAxis = "right", label = "${service} waiting" }],
        ] if settings.has_outbox]),
        [[var.metric_namespace, "saga_orders_stuck", "service", "order-service", { yAxis = "right", label = "stuck orders" }]],
      )
    }
  }

  inventory_widget = {
    type   = "metric"
    width  = 12
    height = 6
    properties = {
      title  = "Inventory: reservations, rejections, transaction conflicts per minute"
      region = var.region
      stat   = "Sum"
      period = 60
      metrics = [
        [var.metric_namespace, "inventory_reservations_total", "service", "inventory-service", "outcome", "reserved", { label = "reserved" }],
        [var.metric_namespace, "inventory_reservations_total", "service", "inventory-service", "outcome", "rejected", { label = "rejected" }],
        [var.metric_namespace, "inventory_transaction_conflicts_total", "service", "inventory-service", "operation", "reserve", { label = "conflicts (reserve)" }],
      ]
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
    widgets = concat(
      [local.orders_widget, local.saga_widget, local.outbox_widget, local.inventory_widget],
      local.service_widgets,
      local.queue_widgets,
      [local.cluster_widget, local.errors_widget],
    )
  })
}

# modules/observability: alarms that reach a person, and the dashboard.

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:eu-west-1:123456789012:fulfilment-test-alarms" }
  }
}

variables {
  name           = "fulfilment-test"
  region         = "eu-west-1"
  alarm_email    = "oncall@example.com"
  alb_arn_suffix = "app/fulfilment-test/0123456789abcdef"
  cluster_name   = "fulfilment-test"
  services = {
    "order-service" = {
      target_group_arn_suffixes = { blue = "targetgroup/order-b/1", green = "targetgroup/order-g/2" }
      log_group_name            = "/ecs/fulfilment-test/order-service"
      has_outbox                = true
    }
  }
  metric_namespace        = "OrderFulfilment/fulfilment-test"
  queue_names             = { "order-events" = "fulfilment-test-order-events" }
  dead_letter_queue_names = { "order-events" = "fulfilment-test-order-events-dlq" }
  saga_log_group_name     = "/ecs/fulfilment-test/order-service"
}

run "alarms" {
  command = apply

  module {
    source = "../../modules/observability"
  }

  assert {
    condition     = aws_sns_topic.alarms.kms_master_key_id == aws_kms_key.alarms.arn
    error_message = "The topic is encrypted with our own key: CloudWatch cannot publish to a topic under the AWS-managed alias/aws/sns key."
  }

  assert {
    condition = contains(flatten([
      for statement in data.aws_iam_policy_document.alarm_key.statement : [
        for principal in statement.principals : tolist(principal.identifiers) if principal.type == "Service"
      ] if contains(tolist(statement.actions), "kms:GenerateDataKey*") && contains(tolist(statement.actions), "kms:Decrypt")
    ]), "cloudwatch.amazonaws.com")
    error_message = "The key's policy lets CloudWatch encrypt the notifications it publishes."
  }

  assert {
    condition     = aws_cloudwatch_log_metric_filter.stuck_orders.log_group_name == var.saga_log_group_name && aws_cloudwatch_log_metric_filter.stuck_orders.pattern == "\"SAGA_STUCK\"" && aws_cloudwatch_metric_alarm.stuck_orders.metric_name == aws_cloudwatch_log_metric_filter.stuck_orders.metric_transformation[0].name && aws_cloudwatch_metric_alarm.stuck_orders.namespace == aws_cloudwatch_log_metric_filter.stuck_orders.metric_transformation[0].namespace
    error_message = "Every SAGA_STUCK line of order-service counts a stuck order, and one in five minutes alarms."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.saga_slow.namespace == var.metric_namespace && aws_cloudwatch_metric_alarm.saga_slow.metric_name == "saga_stage_percentile_seconds" && aws_cloudwatch_metric_alarm.saga_slow.dimensions["service"] == "order-service" && aws_cloudwatch_metric_alarm.saga_slow.dimensions["stage"] == "placed_to_confirmed" && aws_cloudwatch_metric_alarm.saga_slow.dimensions["quantile"] == "0.99"
    error_message = "The slow-saga alarm reads the metric and dimensions the collector writes (the service label and the stage tag)."
  }

  assert {
    condition     = contains(output.rollback_alarm_names["order-service"], aws_cloudwatch_metric_alarm.outbox_age["order-service"].alarm_name) && aws_cloudwatch_metric_alarm.outbox_age["order-service"].metric_name == "outbox_oldest_age_seconds"
    error_message = "An outbox that stops draining rolls a release of its service back."
  }

  assert {
    condition     = length([for widget in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : widget if try(strcontains(jsonencode(widget.properties.metrics), var.metric_namespace), false)]) >= 4
    error_message = "The dashboard shows the business figures: orders by outcome, saga times, outbox, inventory."
  }

  assert {
    condition     = aws_kms_key.alarms.enable_key_rotation
    error_message = "The key rotates."
  }

  assert {
    condition = alltrue([
      for alarm in concat(values(aws_cloudwatch_metric_alarm.dead_letters), values(aws_cloudwatch_metric_alarm.oldest_message), values(aws_cloudwatch_metric_alarm.target_5xx), values(aws_cloudwatch_metric_alarm.p99_latency), [aws_cloudwatch_metric_alarm.stuck_orders, aws_cloudwatch_metric_alarm.saga_slow], values(aws_cloudwatch_metric_alarm.outbox_age)) :
      alarm.alarm_actions == toset([aws_sns_topic.alarms.arn])
    ])
    error_message = "Every alarm notifies the topic."
  }

  assert {
    condition     = aws_sns_topic_subscription.email[0].endpoint == var.alarm_email && aws_sns_topic_subscription.email[0].topic_arn == aws_sns_topic.alarms.arn
    error_message = "The alarm address is subscribed to the topic."
  }

  assert {
    condition = alltrue([for service, alarm in aws_cloudwatch_metric_alarm.p99_latency : toset(flatten([
      for query in alarm.metric_query : [for metric in query.metric : metric.dimensions["TargetGroup"]]
    ])) == toset(values(var.services[service].target_group_arn_suffixes))])
    error_message = "The p99 latency alarm, a rollback alarm, watches both target groups: after a release live traffic may be on green."
  }

  assert {
    condition = alltrue([for service, alarm in aws_cloudwatch_metric_alarm.target_5xx : toset(flatten([
      for query in alarm.metric_query : [for metric in query.metric : metric.dimensions["TargetGroup"]]
    ])) == toset(values(var.services[service].target_group_arn_suffixes))])
    error_message = "The 5xx alarm, a rollback alarm, watches both target groups."
  }

  # Security review M3: a few errors anyone can cause on a quiet service roll nothing back.
  assert {
    condition = alltrue([for service, alarm in aws_cloudwatch_metric_alarm.target_5xx :
      one([for query in alarm.metric_query : query.expression if query.return_data]) == "IF(requests >= 20, 100 * errors / requests, 0)"
      && alarm.threshold == 5
    ])
    error_message = "The 5xx alarm judges the share of server errors, and only above twenty requests a minute."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.dead_letters["order-events"].threshold == 0 && aws_cloudwatch_metric_alarm.dead_letters["order-events"].comparison_operator == "GreaterThanThreshold"
    error_message = "One dead letter is already an alarm."
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# A key of our own: CloudWatch cannot publish to a topic encrypted with the
# AWS-managed alias/aws/sns key, whose policy we cannot extend, and the alarm
# notifications would silently never arrive.
resource "aws_kms_key" "alarms" {
  description         = "Encrypts the alarm topic of ${var.name}"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alarm_key.json
}

resource "aws_kms_alias" "alarms" {
  name          = "alias/${var.name}-alarms"
  target_key_id = aws_kms_key.alarms.key_id
}

data "aws_iam_policy_document" "alarm_key" {
  statement {
    sid       = "TheAccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"] # in a key policy, the key itself
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchPublishesAlarms"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"] # in a key policy, the key itself
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = aws_kms_key.alarms.arn
}

data "aws_iam_policy_document" "alarm_topic" {
  statement {
    sid       = "CloudWatchAlarmsOfThisAccountPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  arn    = aws_sns_topic.alarms.arn
  policy = data.aws_iam_policy_document.alarm_topic.json
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# Any message in a dead-letter queue needs a person.
resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  for_each = var.dead_letter_queue_names

  alarm_name          = "${var.name}-${each.key}-dead-letters"
  alarm_description   = "Messages in ${each.value}: read their failure-reason attribute, fix, then redrive."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "oldest_message" {
  for_each = var.queue_names

  alarm_name          = "${var.name}-${each.key}-oldest-message"
  alarm_description   = "${each.value} is not being worked off: its consumer is down or too slow."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.oldest_message_threshold_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# A share, not a count: a few requests anyone can send that fail (a bug reached on purpose)
# must not roll a release back or page on a quiet service, and a busy one needs no more
# errors than a quiet one to be called failing. Both target groups, as after a blue/green
# release the traffic is on either.
resource "aws_cloudwatch_metric_alarm" "target_5xx" {
  for_each = var.services

  alarm_name          = "${var.name}-${each.key}-5xx"
  alarm_description   = "More than ${var.error_rate_threshold_percent} % of ${each.key}'s answers are server errors (of at least ${var.error_rate_minimum_requests} requests a minute). CodeDeploy rolls a release back on it."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.error_rate_threshold_percent
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  dynamic "metric_query" {
    for_each = each.value.target_group_arn_suffixes
    content {
      id          = "errors_${metric_query.key}"
      return_data = false
      metric {
        namespace   = "AWS/ApplicationELB"
        metric_name = "HTTPCode_Target_5XX_Count"
        period      = 60
        stat        = "Sum"
        dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = metric_query.value }
      }
    }
  }

  dynamic "metric_query" {
    for_each = each.value.target_group_arn_suffixes
    content {
      id          = "requests_${metric_query.key}"
      return_data = false
      metric {
        namespace   = "AWS/ApplicationELB"
        metric_name = "RequestCount"
        period      = 60
        stat        = "Sum"
        dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = metric_query.value }
      }
    }
  }

  metric_query {
    id          = "errors"
    expression  = "SUM(METRICS(\"errors_\"))"
    return_data = false
  }

  metric_query {
    id          = "requests"
    expression  = "SUM(METRICS(\"requests_\"))"
    return_data = false
  }

  metric_query {
    id          = "error_rate"
    expression  = "IF(requests >= ${var.error_rate_minimum_requests}, 100 * errors / requests, 0)"
    label       = "5xx share of ${each.key}'s answers (%)"
    return_data = true
  }
}

# The worse of the two target groups: after a blue/green release the live
# traffic is on whichever CodeDeploy shifted it to.
resource "aws_cloudwatch_metric_alarm" "p99_latency" {
  for_each = var.services

  alarm_name          = "${var.name}-${each.key}-p99-latency"
  alarm_description   = "${each.key}'s p99 response time is above ${var.p99_latency_threshold_seconds} s. CodeDeploy rolls a release back on it."
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.p99_latency_threshold_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  dynamic "metric_query" {
    for_each = each.value.target_group_arn_suffixes
    content {
      id          = "p99_${metric_query.key}"
      return_data = false
      metric {
        namespace   = "AWS/ApplicationELB"
        metric_name = "TargetResponseTime"
        period      = 60
        stat        = "p99"
        dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = metric_query.value }
      }
    }
  }

  metric_query {
    id          = "p99"
    expression  = "MAX(METRICS())"
    label       = "p99 response time of ${each.key} (s)"
    return_data = true
  }
}

# An order that waited past its deadlines and every reminder: order-service logs
# it with the marker SAGA_STUCK (SagaDeadlines); each such line counts one.
resource "aws_cloudwatch_log_metric_filter" "stuck_orders" {
  name           = "${var.name}-stuck-orders"
  log_group_name = var.saga_log_group_name
  pattern        = "\"SAGA_STUCK\""

  metric_transformation {
    name          = "StuckOrders"
    namespace     = var.metric_namespace
    value         = "1"
    default_value = "0"
    unit          = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "stuck_orders" {
  alarm_name          = "${var.name}-stuck-orders"
  alarm_description   = "An order got no reply after every reminder (order-service log: SAGA_STUCK). Look into the dead-letter queues (./ops/dead-letters list --aws --prefix ${var.name}-, or the SQS console) and the order's timeline."
  namespace           = var.metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.stuck_orders.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# The p99 of placed to CONFIRMED over the last minute: order-service
# publishes it as a gauge, because CloudWatch gets the Prometheus histogram as
# statistic sets, without its buckets.
resource "aws_cloudwatch_metric_alarm" "saga_slow" {
  alarm_name          = "${var.name}-saga-slow"
  alarm_description   = "The p99 of placed to CONFIRMED is above ${var.saga_p99_threshold_seconds} s: look at the outbox age, the queues' backlog and the conflicts on the dashboard."
  namespace           = var.metric_namespace
  metric_name         = "saga_stage_percentile_seconds"
  dimensions          = { service = "order-service", stage = "placed_to_confirmed", quantile = "0.99" }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.saga_p99_threshold_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# Messages that wait in a service's outbox: SQS unreachable, or a release that
# broke the relay. CodeDeploy rolls a release back on it.
resource "aws_cloudwatch_metric_alarm" "outbox_age" {
  for_each = { for service, settings in var.services : service => settings if settings.has_outbox }

  alarm_name          = "${var.name}-${each.key}-outbox-age"
  alarm_description   = "${each.key} has had a message in its outbox for more than ${var.outbox_age_threshold_seconds} s. CodeDeploy rolls a release back on it."
  namespace           = var.metric_namespace
  metric_name         = "outbox_oldest_age_seconds"
  dimensions          = { service = each.key }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.outbox_age_threshold_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

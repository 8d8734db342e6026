# Standard queues with SQS-managed encryption; the design needs neither order
# nor exactly-once delivery (consumers are idempotent).

resource "aws_sqs_queue" "dead_letter" {
  for_each = var.queues

  name                      = "${var.name}-${each.key}-dlq"
  message_retention_seconds = var.dead_letter_retention_seconds
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "this" {
  for_each = var.queues

  name                       = "${var.name}-${each.key}"
  visibility_timeout_seconds = var.visibility_timeout_seconds
  receive_wait_time_seconds  = 20
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = var.max_receive_count
  })
}

# Only the queues of this system may send their dead letters here.
resource "aws_sqs_queue_redrive_allow_policy" "dead_letter" {
  for_each = var.queues

  queue_url = aws_sqs_queue.dead_letter[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this[each.key].arn]
  })
}

# Every queue refuses requests that do not come over TLS, whoever sends them.
data "aws_iam_policy_document" "tls_only" {
  for_each = merge(
    { for queue, _ in var.queues : queue => aws_sqs_queue.this[queue].arn },
    { for queue, _ in var.queues : "${queue}-dlq" => aws_sqs_queue.dead_letter[queue].arn },
  )

  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [each.value]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "tls_only" {
  for_each = data.aws_iam_policy_document.tls_only

  queue_url = endswith(each.key, "-dlq") ? aws_sqs_queue.dead_letter[trimsuffix(each.key, "-dlq")].id : aws_sqs_queue.this[each.key].id
  policy    = each.value.json
}

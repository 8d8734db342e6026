# What each application may do, and nothing more: receive its own queue,
# send to the queues it sends to and to its own dead-letter queue, and (for
# inventory) use its table.

data "aws_iam_policy_document" "application" {
  for_each = local.services

  statement {
    sid = "ConsumeItsQueue"
    actions = [
      "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
      "sqs:GetQueueUrl", "sqs:GetQueueAttributes",
    ]
    resources = [module.messaging.queue_arns[each.value.consumes]]
  }

  statement {
    sid       = "SendItsMessages"
    actions   = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
    resources = [for queue in each.value.sends_to : module.messaging.queue_arns[queue]]
  }

  statement {
    sid       = "MovePoisonToItsDeadLetterQueue"
    actions   = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
    resources = [module.messaging.dead_letter_queue_arns[each.value.consumes]]
  }

  dynamic "statement" {
    for_each = each.key == "inventory-service" ? [1] : []
    content {
      sid = "UseItsTable"
      actions = [
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "dynamodb:ConditionCheckItem", "dynamodb:Query", "dynamodb:DescribeTable",
      ]
      resources = [module.data.inventory_table_arn, "${module.data.inventory_table_arn}/index/*"]
    }
  }
}

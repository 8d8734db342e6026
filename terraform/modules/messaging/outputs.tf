output "queue_names" {
  description = "Queue name by logical name (inventory-commands, ...)."
  value       = { for key, queue in aws_sqs_queue.this : key => queue.name }
}

output "queue_urls" {
  description = "Queue URL by logical name."
  value       = { for key, queue in aws_sqs_queue.this : key => queue.url }
}

output "queue_arns" {
  description = "Queue ARN by logical name."
  value       = { for key, queue in aws_sqs_queue.this : key => queue.arn }
}

output "dead_letter_queue_names" {
  description = "Dead-letter queue name by logical name of its source queue."
  value       = { for key, queue in aws_sqs_queue.dead_letter : key => queue.name }
}

output "dead_letter_queue_arns" {
  description = "Dead-letter queue ARN by logical name of its source queue."
  value       = { for key, queue in aws_sqs_queue.dead_letter : key => queue.arn }
}

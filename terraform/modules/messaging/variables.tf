variable "name" {
  type        = string
  description = "Prefix of every queue name, e.g. fulfilment-prod."
}

variable "queues" {
  type        = set(string)
  description = "Queues to create, each with a dead-letter queue named <queue>-dlq."
  default     = ["inventory-commands", "shipping-commands", "order-events"]
}

variable "max_receive_count" {
  type        = number
  description = "Receives after which SQS moves a message to the dead-letter queue."
  default     = 5
}

variable "visibility_timeout_seconds" {
  type        = number
  description = "How long a received message stays hidden; longer than a handler's worst case."
  default     = 30
}

variable "dead_letter_retention_seconds" {
  type        = number
  description = "How long dead letters are kept for inspection and redrive (max 14 days)."
  default     = 1209600
}

variable "name" {
  type        = string
  description = "Prefix of every resource name, e.g. fulfilment-prod."
}

variable "region" {
  type        = string
  description = "AWS region of the environment, e.g. eu-west-1 (the provider's region)."
}

variable "alarm_email" {
  type        = string
  description = "Address that receives alarm notifications; null for none (subscribe later)."
  default     = null
}

variable "alb_arn_suffix" {
  type        = string
  description = "ARN suffix of the load balancer."
}

variable "cluster_name" {
  type        = string
  description = "ECS cluster name."
}

variable "services" {
  type = map(object({
    target_group_arn_suffixes = map(string)
    log_group_name            = string
    has_outbox                = bool
  }))
  description = "Per service: its blue and green target group ARN suffixes, its log group, and whether it sends through an outbox."
}

variable "metric_namespace" {
  type        = string
  description = "CloudWatch namespace of the system's own metrics (the services' collectors write them)."
}

variable "saga_p99_threshold_seconds" {
  type        = number
  description = "Alarm when the p99 of placed to CONFIRMED is above this, in two minutes of three."
  default     = 5
}

variable "outbox_age_threshold_seconds" {
  type        = number
  description = "Alarm when a service's oldest outbox message is older than this: SQS or the relay is failing."
  default     = 60
}

variable "queue_names" {
  type        = map(string)
  description = "Queue name by logical name."
}

variable "dead_letter_queue_names" {
  type        = map(string)
  description = "Dead-letter queue name by logical name of its source queue."
}

variable "p99_latency_threshold_seconds" {
  type        = number
  description = "p99 target response time above which the latency alarm fires."
  default     = 1
}

variable "oldest_message_threshold_seconds" {
  type        = number
  description = "Age of the oldest message in a queue above which the alarm fires."
  default     = 300
}

variable "saga_log_group_name" {
  type        = string
  description = "Log group of order-service, whose SAGA_STUCK lines count stuck orders."
}

variable "error_rate_threshold_percent" {
  type        = number
  description = "Share of a service's answers that may be server errors (5xx) for two minutes before its 5xx alarm, a rollback alarm, fires."
  default     = 5
}

variable "error_rate_minimum_requests" {
  type        = number
  description = "Requests a minute below which a service's 5xx share is not judged: a handful of errors on a quiet service is no failing release."
  default     = 20
}

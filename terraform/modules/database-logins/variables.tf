variable "name" {
  type        = string
  description = "Prefix of every secret name, e.g. fulfilment-prod."
}

variable "service_databases" {
  type        = map(string)
  description = "PostgreSQL database (and login of the same name) per service, e.g. { order-service = \"orders\" }."
}

variable "recovery_window_days" {
  type        = number
  description = "Days a deleted secret can be restored (0 deletes at once, 7 to 30 otherwise)."
  default     = 7

  validation {
    condition     = var.recovery_window_days == 0 || (var.recovery_window_days >= 7 && var.recovery_window_days <= 30)
    error_message = "Secrets Manager allows 0, or 7 to 30 days."
  }
}

variable "secret_version" {
  type        = number
  description = "Version of the passwords; raise it to generate new ones, then run the bootstrap task."
  default     = 1
}

variable "name" {
  type        = string
  description = "Name of the ECS cluster, e.g. fulfilment-prod."
}

variable "fargate_base" {
  type        = number
  description = "Tasks always placed on on-demand FARGATE before any weight applies."
  default     = 2
}

variable "fargate_weight" {
  type        = number
  description = "Relative share of tasks above the base on on-demand FARGATE."
  default     = 1
}

variable "fargate_spot_weight" {
  type        = number
  description = "Relative share of tasks above the base on FARGATE_SPOT (0 to keep everything on demand)."
  default     = 1
}

variable "log_retention_days" {
  type        = number
  description = "Days to keep ECS Exec session logs."
  default     = 90
}

variable "container_insights" {
  type        = string
  description = "ECS Container Insights: enhanced (per container), enabled (per service and task) or disabled."
  default     = "enhanced"

  validation {
    condition     = contains(["enhanced", "enabled", "disabled"], var.container_insights)
    error_message = "enhanced, enabled or disabled."
  }
}

variable "name" {
  type        = string
  description = "Prefix of every resource of the environment, e.g. fulfilment-prod."
}

variable "region" {
  type        = string
  description = "AWS region of the environment, e.g. eu-west-1 (the provider's region)."
}

variable "hosted_zone_name" {
  type        = string
  description = "Route 53 public hosted zone of the API's name, e.g. example.com."
}

variable "domain_name" {
  type        = string
  description = "The API's name, e.g. api.example.com."
}

variable "repository" {
  type        = string
  description = "Source repository (owner/name) the pipeline builds."
}

variable "branch" {
  type        = string
  description = "Branch the pipeline builds and deploys."
  default     = "main"
}

variable "image_tag" {
  type        = string
  description = "Image tag of the first task definitions; the pipeline deploys every later one."
  default     = "bootstrap"
}

variable "production" {
  type        = bool
  description = "Production settings: deletion protection, one NAT gateway per zone."
}

variable "min_tasks" {
  type        = number
  description = "Fewest tasks per service."
  default     = 2
}

variable "max_tasks" {
  type        = number
  description = "Most tasks per service."
  default     = 6
}

variable "aurora_max_capacity" {
  type        = number
  description = "Aurora Serverless v2 maximum capacity in ACUs."
  default     = 4
}

variable "alarm_email" {
  type        = string
  description = "Address that receives alarm notifications; null for none."
  default     = null
}

variable "log_retention_days" {
  type        = number
  description = "Days to keep logs."
  default     = 90
}

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

variable "fargate_spot_weight" {
  type        = number
  description = "Share of the tasks above min_tasks on FARGATE_SPOT, which AWS may reclaim with two minutes' notice; null: 0 in production (every task on demand), 1 elsewhere (half the extra tasks on Spot)."
  default     = null
}

variable "execute_command_enabled" {
  type        = bool
  description = "ECS Exec into the services' tasks (sessions logged by the cluster); null: off in production, on elsewhere. A blue/green service takes a change only when it is created again: for an incident, run a one-off task of the service's task definition with --enable-execute-command (modules/service README)."
  default     = null
}

variable "cognito_domain_suffix" {
  type        = string
  description = "Ends the user pools' domain prefixes, which are unique per region across all AWS accounts; null: this account's id."
  default     = null
}

variable "customer_email_identity_arn" {
  type        = string
  description = "Verified SES identity the customers' pool sends its e-mails through; null: Cognito's own sender (a few e-mails a day, development only)."
  default     = null
}

variable "customer_email_from_address" {
  type        = string
  description = "Sender of the customers' e-mails through SES, e.g. \"Shop <no-reply@example.com>\"."
  default     = null
}

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
  description = "Fewest tasks per service: at least two in production, in different zones; one elsewhere is down for a minute or two while it is replaced."
  default     = 2

  validation {
    condition     = var.min_tasks >= (var.production ? 2 : 1)
    error_message = "Production runs at least two tasks per service, in different zones; other environments at least one."
  }
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

variable "availability_zone_count" {
  type        = number
  description = "Zones the VPC, the load balancer and the tasks span (2 or 3)."
  default     = 3
}

variable "interface_endpoints" {
  type        = bool
  description = "Interface endpoints for the AWS services the tasks call, in every zone (network module); false: through the NAT gateway."
  default     = true
}

variable "fargate_base" {
  type        = number
  description = "Tasks of each service on FARGATE (on demand) before any goes to Spot; null: min_tasks."
  default     = null
}

variable "fargate_weight" {
  type        = number
  description = "Share of the tasks above fargate_base on FARGATE (on demand), against fargate_spot_weight on Spot; 0 with fargate_base 0: every task on Spot."
  default     = 1
}

variable "aurora_instance_count" {
  type        = number
  description = "Aurora instances: a writer, and readers to fail over to in another zone."
  default     = 2
}

variable "container_insights" {
  type        = string
  description = "ECS Container Insights: enhanced (per container), enabled (per service and task) or disabled."
  default     = "enhanced"
}

variable "aurora_min_capacity" {
  type        = number
  description = "Aurora Serverless v2 minimum ACUs; 0 lets an idle cluster pause (five minutes without a connection), and the first request after waits for it to resume."
  default     = 0.5
}

variable "health_check_path" {
  type        = string
  description = "The load balancer's health check of the tasks: /q/health/ready (their dependencies too) or /q/health/live (the process only; with Aurora at 0 ACU, so that the checks do not keep it awake)."
  default     = "/q/health/ready"
}

variable "task_cpu" {
  type        = number
  description = "CPU units of each service's task (256 = 0.25 vCPU)."
  default     = 512
}

variable "task_memory" {
  type        = number
  description = "Memory of each service's task in MiB."
  default     = 1024
}

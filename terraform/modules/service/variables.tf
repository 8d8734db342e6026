variable "name" {
  type        = string
  description = "Prefix of the environment's resources, e.g. fulfilment-prod."
}

variable "region" {
  type        = string
  description = "AWS region of the environment, e.g. eu-west-1 (the provider's region)."
}

variable "service_name" {
  type        = string
  description = "The service, e.g. order-service; also its container name."
}

variable "cluster_arn" {
  type        = string
  description = "ECS cluster to run in."
}

variable "exec_log_group_arn" {
  type        = string
  description = "Log group of the cluster's ECS Exec sessions, which the task's agent writes to."
}

variable "cluster_name" {
  type        = string
  description = "Name of that cluster, for autoscaling and metrics."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the tasks."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets over several zones; tasks never get a public IP."
}

variable "alb_security_group_id" {
  type        = string
  description = "Security group of the load balancer, the only one allowed to the container port."
}

variable "alb_arn_suffix" {
  type        = string
  description = "ARN suffix of the load balancer, for the request-count scaling metric."
}

variable "https_listener_arn" {
  type        = string
  description = "Production listener the service's path rule goes on."
}

variable "test_listener_arn" {
  type        = string
  description = "Test listener of blue/green deployments."
}

variable "listener_rule_priority" {
  type        = number
  description = "Priority of the service's path rule; unique per listener."
}

variable "path_patterns" {
  type        = list(string)
  description = "Paths the load balancer sends to this service, e.g. [\"/orders\", \"/orders/*\"]."
}

variable "image" {
  type        = string
  description = "Image of the first task definition (repository URL and tag); CodeDeploy replaces it on each release."
}

variable "ecr_repository_arn" {
  type        = string
  description = "Repository the execution role may pull from."
}

variable "cpu" {
  type        = number
  description = "Task CPU units (256 = 0.25 vCPU)."
  default     = 512
}

variable "memory" {
  type        = number
  description = "Task memory in MiB."
  default     = 1024
}

variable "min_tasks" {
  type        = number
  description = "Fewest tasks; two or more spread the service over zones (one, as in dev, is down while it is replaced)."
  default     = 2

  validation {
    condition     = var.min_tasks >= 1
    error_message = "Run at least one task."
  }
}

variable "max_tasks" {
  type        = number
  description = "Most tasks autoscaling may run."
  default     = 6
}

variable "environment" {
  type        = map(string)
  description = "Plain environment variables of the container."
  default     = {}
}

variable "secrets" {
  type        = map(string)
  description = "Environment variables read from Secrets Manager: name => secret ARN with optional :json-key:: suffix."
  default     = {}
}

variable "secret_arns" {
  type        = list(string)
  description = "ARNs of the secrets in var.secrets, which the execution role may read."
  default     = []
}

variable "database" {
  type = object({
    security_group_id = string
  })
  description = "The service's database: its security group is opened to this service on 5432. Null for a service without one."
  default     = null
}

variable "task_policy_json" {
  type        = string
  description = "IAM policy of the application itself (its queues, its table), least privilege."
}

variable "consumed_queue_name" {
  type        = string
  description = "Queue the service consumes, for backlog-per-task scaling; null for none."
  default     = null
}

variable "backlog_per_task_target" {
  type        = number
  description = "Visible messages per running task that autoscaling aims for."
  default     = 100
}

variable "cpu_target_percent" {
  type        = number
  description = "Average CPU that autoscaling aims for."
  default     = 60
}

variable "requests_per_task_target" {
  type        = number
  description = "Load balancer requests per task per minute that autoscaling aims for."
  default     = 3000
}

variable "health_check_grace_seconds" {
  type        = number
  description = "Seconds the load balancer's health checks are ignored after a task starts."
  default     = 60
}

variable "trace_sampling_ratio" {
  type        = number
  description = "Share of new traces recorded and sent to X-Ray, 0 to 1; a trace started upstream keeps its decision."
  default     = 1

  validation {
    condition     = var.trace_sampling_ratio >= 0 && var.trace_sampling_ratio <= 1
    error_message = "A ratio between 0 and 1."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Days to keep the service's logs."
  default     = 90
}

variable "metric_namespace" {
  type        = string
  description = "CloudWatch namespace of the system's own metrics, e.g. OrderFulfilment/fulfilment-prod."
}

variable "execute_command_enabled" {
  type        = bool
  description = "ECS Exec into the service's tasks (sessions logged by the cluster). Set when the service is created: a blue/green service takes no change of it later. The task definition always has the writable volumes Exec's agent needs, for a one-off task opened with Exec."
  default     = false
}

variable "health_check_path" {
  type        = string
  description = "What the load balancer asks each task on its management port: readiness (its database, queues and table answer; a task that cannot serve leaves the rotation), or liveness (the process answers; the database is not touched, so that an idle Aurora can pause)."
  default     = "/q/health/ready"

  validation {
    condition     = contains(["/q/health/ready", "/q/health/live"], var.health_check_path)
    error_message = "/q/health/ready or /q/health/live."
  }
}

variable "name" {
  type        = string
  description = "Prefix of every resource name, e.g. fulfilment-prod."
}

variable "region" {
  type        = string
  description = "AWS region of the environment, e.g. eu-west-1 (the provider's region)."
}

variable "repository" {
  type        = string
  description = "Source repository as owner/name on the connection's provider."
}

variable "branch" {
  type        = string
  description = "Branch whose every commit is built, tested and deployed."
  default     = "main"
}

variable "connection_provider" {
  type        = string
  description = "Provider of the CodeStar connection: GitHub, GitLab or Bitbucket."
  default     = "GitHub"
}

variable "cluster_name" {
  type        = string
  description = "ECS cluster of the services."
}

variable "https_listener_arn" {
  type        = string
  description = "Production listener, whose traffic CodeDeploy shifts."
}

variable "test_listener_arn" {
  type        = string
  description = "Test listener that reaches the new tasks before the shift."
}

variable "services" {
  type = map(object({
    ecs_service_name       = string
    task_definition_family = string
    execution_role_arn     = string
    task_role_arn          = string
    target_group_names     = map(string)
    repository_url         = string
    repository_arn         = string
    rollback_alarm_names   = list(string)
    subnet_ids             = list(string)
    security_group_ids     = list(string)
  }))
  description = "Per service: what CodeBuild and CodeDeploy need to release it, the network of its tasks among it."
}

variable "termination_wait_minutes" {
  type        = number
  description = "Minutes the old (blue) tasks stay up after the shift, for a fast rollback."
  default     = 5
}

variable "log_retention_days" {
  type        = number
  description = "Days to keep the build logs."
  default     = 90
}

variable "require_approval" {
  type        = bool
  description = "Wait for a person's approval between the build and the deployment (prod)."
  default     = false
}

variable "web" {
  type = object({
    bucket_name      = string
    bucket_arn       = string
    distribution_id  = string
    distribution_arn = string
  })
  description = "Where the built web pages go (the web module's bucket) and the distribution to refresh after they do."
}

variable "build_compute_type" {
  type        = string
  description = "CodeBuild compute type of the test and image build (ARM). A new account's quota for ARM large builds may be 0 or 1: ask for more, or take BUILD_GENERAL1_MEDIUM (slower)."
  default     = "BUILD_GENERAL1_LARGE"
}

variable "web_releases_kept" {
  type        = number
  description = "The web pages' hashed assets of this many latest releases stay in the site bucket, for tabs still open on them; older ones are removed."
  default     = 5

  validation {
    condition     = var.web_releases_kept >= 2
    error_message = "Keep at least the current release and the one before it."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Keep the artifact bucket when the environment is destroyed while it holds artifacts (production)."
  default     = true
}

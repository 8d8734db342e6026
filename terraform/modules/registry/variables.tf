variable "name" {
  type        = string
  description = "Prefix of every repository name, e.g. fulfilment."
}

variable "services" {
  type        = set(string)
  description = "One image repository per service."
}

variable "keep_releases" {
  type        = number
  description = "Released images (tagged release-<commit> by the pipeline when it deploys them) kept per repository, the newest; older releases expire."
  default     = 50

  validation {
    condition     = var.keep_releases >= 5
    error_message = "Keep at least five releases: a rollback needs the ones before the current."
  }
}

variable "unreleased_image_days" {
  type        = number
  description = "Days an image that was never released (a build still waiting for approval, or rejected) is kept."
  default     = 30
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete a repository that holds images (production); without it, terraform destroy deletes them with their images."
  default     = true
}

variable "region" {
  type        = string
  description = "AWS region of the state bucket (the environments' backend.hcl names the same)."
}

variable "bucket_name" {
  type        = string
  description = "Name of the state bucket, unique across AWS, e.g. my-tf-state-123456789012."
}

variable "deploy_role_arns" {
  type        = list(string)
  description = "The roles that run terraform plan and apply (people's or a pipeline's): the only principals the bucket lets in. Include your own before you apply, or you lock yourself out."

  validation {
    condition     = length(var.deploy_role_arns) > 0 && alltrue([for arn in var.deploy_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", arn))])
    error_message = "At least one role ARN (arn:aws:iam::<account>:role/...)."
  }
}

variable "noncurrent_version_days" {
  type        = number
  description = "Days an overwritten state version is kept before it is deleted."
  default     = 90
}

variable "region" {
  type        = string
  description = "AWS region of the environment."
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

variable "alarm_email" {
  type        = string
  description = "Address that receives alarm notifications; null for none."
  default     = null
}

variable "cognito_domain_suffix" {
  type        = string
  description = "Ends the user pools' domain prefixes (unique per region across all AWS accounts); null: the account's id."
  default     = null
}

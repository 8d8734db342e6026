variable "name" {
  type        = string
  description = "Prefix of every resource name, e.g. fulfilment-prod."
}

variable "region" {
  type        = string
  description = "AWS region of the user pools; part of their issuer URLs."
}

variable "production" {
  type        = bool
  description = "Deletion protection on the user pools, and threat protection enforced (the Plus feature tier; Essentials otherwise)."
}

variable "access_token_minutes" {
  type        = number
  description = "Lifetime of an access token, in minutes (5 to 1440)."
  default     = 60

  validation {
    condition     = var.access_token_minutes >= 5 && var.access_token_minutes <= 1440
    error_message = "Cognito issues access tokens for 5 minutes to 24 hours."
  }
}

variable "customer_callback_urls" {
  type        = list(string)
  description = "Where the customers' web app receives the managed login's answer (authorization code flow); empty: sign-in through the API (SRP) only."
  default     = []
}

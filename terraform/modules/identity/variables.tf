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
  description = "Where the shop receives the hosted UI's answer (authorization code flow with PKCE), and where sign-out returns; empty: sign-in through the API (SRP) only."
  default     = []
}

variable "back_office_callback_urls" {
  type        = list(string)
  description = "Where the back office receives the staff pool's hosted UI's answer (authorization code flow with PKCE), and where sign-out returns; empty: sign-in through the API (SRP) only."
  default     = []
}

variable "domain_suffix" {
  type        = string
  description = "Ends the user pools' domain prefixes (<name>-customers-<suffix>, <name>-staff-<suffix>), which must be unique in the region across every AWS account; null: this account's id."
  default     = null

  validation {
    condition     = var.domain_suffix == null || can(regex("^[a-z0-9](-?[a-z0-9])*$", var.domain_suffix))
    error_message = "Lower-case letters, digits and single hyphens, as a Cognito domain prefix allows."
  }
}

variable "email_sending_identity_arn" {
  type        = string
  description = "ARN of a verified Amazon SES identity (a domain, or an address) the customers' pool sends its e-mails through (DEVELOPER sending); null: Cognito's own sender, which allows a few e-mails a day and suits development only."
  default     = null
}

variable "email_from_address" {
  type        = string
  description = "Sender of the customers' pool's e-mails when they go through SES, e.g. \"Shop <no-reply@example.com>\"; its address must belong to the SES identity."
  default     = null
}

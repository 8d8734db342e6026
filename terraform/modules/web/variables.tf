variable "name" {
  type        = string
  description = "Prefix of every resource name, e.g. fulfilment-prod."
}

variable "api_url" {
  type        = string
  description = "HTTPS URL of the API (the load balancer's name), which the pages call and the Content-Security-Policy lets them reach."
}

variable "sign_in" {
  type = object({
    shop        = object({ authorize_url = string, token_url = string, logout_url = string, client_id = string })
    back_office = object({ authorize_url = string, token_url = string, logout_url = string, client_id = string })
  })
  description = "The Cognito hosted UI of each public client (identity module's web_sign_in): where the pages send people to sign in, and where they trade the code for tokens."
}

variable "sign_in_origins" {
  type        = list(string)
  description = "Origins of the hosted UIs' token endpoints (identity module's login_origins), which the pages call; separate from sign_in, whose client ids depend on this module's callback URLs."
}

variable "deletion_protection" {
  type        = bool
  description = "Keep the bucket when the environment is destroyed while it holds files (prod)."
}

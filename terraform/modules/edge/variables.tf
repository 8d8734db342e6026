variable "name" {
  type        = string
  description = "Prefix of every resource name, e.g. fulfilment-prod."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the load balancer."
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Public subnets, one per zone, for the load balancer."
}

variable "hosted_zone_name" {
  type        = string
  description = "Route 53 public hosted zone that holds the API's name, e.g. example.com."
}

variable "domain_name" {
  type        = string
  description = "The API's name in that zone, e.g. api.example.com."
}

variable "access_log_retention_days" {
  type        = number
  description = "Days to keep the load balancer's access logs."
  default     = 90
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the load balancer (true in prod)."
  default     = true
}

variable "requests_per_ip_per_5_minutes" {
  type        = number
  description = "Requests one client IP may make in 5 minutes before WAF blocks it for a while."
  default     = 2000

  validation {
    condition     = var.requests_per_ip_per_5_minutes >= 10
    error_message = "WAF's rate-based rules start at 10 requests per window."
  }
}

variable "max_body_bytes" {
  type        = number
  description = "Largest request body WAF lets through (at most 8192: WAF inspects the first 8 KB of a body behind a load balancer)."
  default     = 8192

  validation {
    condition     = var.max_body_bytes > 0 && var.max_body_bytes <= 8192
    error_message = "Between 1 and 8192 bytes."
  }
}

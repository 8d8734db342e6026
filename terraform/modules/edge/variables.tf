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

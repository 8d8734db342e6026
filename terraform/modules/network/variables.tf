variable "name" {
  type        = string
  description = "Prefix of every resource name, e.g. fulfilment-prod."
}

variable "region" {
  type        = string
  description = "AWS region of the environment, e.g. eu-west-1 (the provider's region)."
}

variable "cidr_block" {
  type        = string
  description = "CIDR block of the VPC; split into a public and a private /20 per availability zone."
  default     = "10.40.0.0/16"
}

variable "availability_zone_count" {
  type        = number
  description = "Availability zones to spread over."
  default     = 3

  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 6
    error_message = "Use 2 to 6 availability zones."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway for all zones (cheaper, for dev) instead of one per zone."
  default     = false
}

variable "flow_log_retention_days" {
  type        = number
  description = "Days to keep the VPC flow logs."
  default     = 90
}

variable "interface_endpoints" {
  type        = bool
  description = "Interface endpoints (ECR, logs, SQS, Secrets Manager, SSM messages, X-Ray) in every zone, so that the tasks' calls to AWS stay in the VPC; false: they go out through the NAT gateway (cheaper while idle, dearer per byte)."
  default     = true
}

variable "name" {
  type        = string
  description = "Prefix of every resource name, e.g. fulfilment-prod."
}

variable "region" {
  type        = string
  description = "AWS region of the environment, e.g. eu-west-1 (the provider's region)."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the database."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets, one per zone, for the Aurora cluster."
}

variable "service_databases" {
  type        = map(string)
  description = "PostgreSQL database (and user of the same name) per service, e.g. { order-service = \"orders\" }."
}

variable "service_login_secret_arns" {
  type        = map(string)
  description = "Secret ({username, password}) of each service's login, by service; the bootstrap task sets these passwords."
}

variable "engine_major_version" {
  type        = string
  description = "Aurora PostgreSQL major version; the cluster is created with its newest minor version that AWS offers then, and RDS upgrades minor versions after that."
  default     = "17"

  validation {
    condition     = can(regex("^[0-9]+$", var.engine_major_version))
    error_message = "A major version only, e.g. 17: AWS withdraws old minor versions from creation."
  }
}

variable "min_capacity" {
  type        = number
  description = "Aurora Serverless v2 minimum capacity in ACUs; 0: the instances pause after seconds_until_auto_pause without a connection."
  default     = 0.5
}

variable "seconds_until_auto_pause" {
  type        = number
  description = "With min_capacity 0, seconds without a connection before an instance pauses (300 to 86400)."
  default     = 300

  validation {
    condition     = var.seconds_until_auto_pause >= 300 && var.seconds_until_auto_pause <= 86400
    error_message = "Aurora pauses after 300 s at the earliest and 86400 s at the latest."
  }
}

variable "max_capacity" {
  type        = number
  description = "Aurora Serverless v2 maximum capacity in ACUs."
  default     = 4
}

variable "instance_count" {
  type        = number
  description = "Aurora instances (a writer and readers) spread over the zones."
  default     = 2
}

variable "backup_retention_days" {
  type        = number
  description = "Days of automated Aurora backups."
  default     = 7
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the database and the table (true in prod)."
  default     = true
}

variable "inventory_table_name" {
  type        = string
  description = "Name of inventory-service's DynamoDB table."
}

variable "log_retention_days" {
  type        = number
  description = "Days to keep the database's and the bootstrap task's logs."
  default     = 90
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Application = "order-fulfilment"
      Environment = "prod"
      ManagedBy   = "terraform"
    }
  }
}

# prod: a NAT gateway per zone, deletion protection on the database, the
# table and the load balancer, longer log retention.
module "fulfilment" {
  source = "../../modules/fulfilment"

  name                  = "fulfilment-prod"
  region                = var.region
  production            = true
  hosted_zone_name      = var.hosted_zone_name
  domain_name           = var.domain_name
  repository            = var.repository
  branch                = var.branch
  alarm_email           = var.alarm_email
  min_tasks             = 3
  max_tasks             = 12
  aurora_max_capacity   = 16
  cognito_domain_suffix = var.cognito_domain_suffix
  # Customers' e-mails through SES; on-demand capacity only (no Spot interruptions).
  customer_email_identity_arn = var.customer_email_identity_arn
  customer_email_from_address = var.customer_email_from_address
  fargate_spot_weight         = 0
  log_retention_days          = 365
}

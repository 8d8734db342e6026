provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Application = "order-fulfilment"
      Environment = "dev"
      ManagedBy   = "terraform"
    }
  }
}

# dev: cheaper (one NAT gateway, no deletion protection), same shape as prod.
module "fulfilment" {
  source = "../../modules/fulfilment"

  name                  = "fulfilment-dev"
  region                = var.region
  production            = false
  hosted_zone_name      = var.hosted_zone_name
  domain_name           = var.domain_name
  repository            = var.repository
  branch                = var.branch
  alarm_email           = var.alarm_email
  min_tasks             = 2
  max_tasks             = 4
  aurora_max_capacity   = 2
  cognito_domain_suffix = var.cognito_domain_suffix
  # Cognito's own sender (a few e-mails a day); half the extra tasks on Spot.
  fargate_spot_weight = 1
  log_retention_days  = 30
}

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

# dev: the same system and code path as prod (private subnets, TLS, identity, the pipeline),
# at a fraction of its floor while nobody uses it (README: each choice and its price).
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
  cognito_domain_suffix = var.cognito_domain_suffix
  # Two zones (the fewest a load balancer takes), one NAT gateway, and no interface endpoints:
  # the tasks reach AWS's APIs through the NAT gateway.
  availability_zone_count = 2
  interface_endpoints     = false
  # One task per service, on Spot; up to three under load.
  min_tasks      = 1
  max_tasks      = 3
  fargate_base   = 0
  fargate_weight = 0
  task_cpu       = 256
  task_memory    = 1024
  # One Aurora instance that pauses when idle; the load balancer asks the tasks' liveness only,
  # so that its checks leave the database alone.
  aurora_instance_count = 1
  aurora_min_capacity   = 0
  aurora_max_capacity   = 2
  health_check_path     = "/q/health/live"
  container_insights    = "disabled"
  # Cognito's own sender (a few e-mails a day).
  log_retention_days = 7
}

# envs/dev and envs/prod planned whole, as a first `terraform plan` would be:
# every value another resource only knows after apply is unknown here, so a
# count or for_each that depends on one fails this test as it would fail there.

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_availability_zones" {
    defaults = { names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_route53_zone" {
    defaults = { zone_id = "Z0123456789ABCDEFGHIJ" }
  }
  mock_data "aws_rds_engine_version" {
    defaults = { version_actual = "17.7", supports_limitless_database = false, parameter_group_family = "aurora-postgresql17" }
  }
}

variables {
  region           = "eu-west-1"
  hosted_zone_name = "example.com"
  repository       = "example/order-fulfilment"
  alarm_email      = "oncall@example.com"
}

run "dev" {
  command = plan

  module {
    source = "../../envs/dev"
  }

  variables {
    domain_name = "api.dev.example.com"
  }

  assert {
    condition     = output.url == "https://api.dev.example.com"
    error_message = "The API answers over HTTPS at its name."
  }
}

run "prod" {
  command = plan

  module {
    source = "../../envs/prod"
  }

  variables {
    domain_name                 = "api.example.com"
    customer_email_identity_arn = "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
    customer_email_from_address = "Shop <no-reply@example.com>"
  }

  assert {
    condition     = output.url == "https://api.example.com"
    error_message = "The API answers over HTTPS at its name."
  }
}

# modules/fulfilment's own defaults in production, whatever an environment passes.
run "production_defaults" {
  command = plan

  module {
    source = "../../modules/fulfilment"
  }

  variables {
    name        = "fulfilment-prod"
    production  = true
    domain_name = "api.example.com"
  }

  assert {
    condition     = module.cluster.default_capacity_provider_strategy["FARGATE_SPOT"].weight == 0
    error_message = "Production runs no task on FARGATE_SPOT unless asked: Spot tasks can be reclaimed with two minutes' notice."
  }

  assert {
    condition     = alltrue([for service in module.service : !service.execute_command_enabled])
    error_message = "Security review L2: no ECS Exec into production's services unless asked for."
  }

  assert {
    condition     = module.service["order-service"].environment["QUIET_ENABLED"] == "false" && module.service["shipping-service"].environment["QUIET_ENABLED"] == "false"
    error_message = "Production's database never pauses: its services keep their timed jobs' pace (decision 0026)."
  }
}

# Where Aurora may pause, the services with a database rest when idle, or they would keep it awake.
run "development_database_that_pauses" {
  command = plan

  module {
    source = "../../modules/fulfilment"
  }

  variables {
    name                = "fulfilment-dev"
    production          = false
    domain_name         = "api.dev.example.com"
    aurora_min_capacity = 0
    min_tasks           = 1
  }

  assert {
    condition     = module.service["order-service"].environment["QUIET_ENABLED"] == "true" && module.service["shipping-service"].environment["QUIET_ENABLED"] == "true"
    error_message = "With Aurora at 0 ACU the services with a database rest when idle (outbox Quiet), so that it can pause."
  }

  assert {
    condition     = !contains(keys(module.service["inventory-service"].environment), "QUIET_ENABLED")
    error_message = "inventory-service has no database to leave alone."
  }
}

run "production_keeps_two_tasks" {
  command = plan

  module {
    source = "../../modules/fulfilment"
  }

  variables {
    name        = "fulfilment-prod"
    production  = true
    domain_name = "api.example.com"
    min_tasks   = 1
  }

  expect_failures = [var.min_tasks]
}

run "development_defaults" {
  command = plan

  module {
    source = "../../modules/fulfilment"
  }

  variables {
    name        = "fulfilment-dev"
    production  = false
    domain_name = "api.dev.example.com"
  }

  assert {
    condition     = module.cluster.default_capacity_provider_strategy["FARGATE_SPOT"].weight > 0
    error_message = "Development puts tasks above the base on Spot too."
  }

  assert {
    condition     = alltrue([for service in module.service : service.execute_command_enabled])
    error_message = "Development keeps ECS Exec into its services."
  }
}

# envs/dev and envs/prod planned whole, as a first `terraform plan` would be:
# every value another resource only knows after apply is unknown here, so a
# count or for_each that depends on one fails this test as it would fail there.

mock_provider "aws" {
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
    domain_name = "api.example.com"
  }

  assert {
    condition     = output.url == "https://api.example.com"
    error_message = "The API answers over HTTPS at its name."
  }
}

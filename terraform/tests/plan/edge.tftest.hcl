# modules/edge: the load balancer, its listeners, certificate, name and logs.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_elb_service_account" {
    defaults = { arn = "arn:aws:iam::156460612806:root" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_route53_zone" {
    defaults = { zone_id = "Z0123456789ABCDEFGHIJ" }
  }
  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
      domain_validation_options = [{
        domain_name           = "api.example.com"
        resource_record_name  = "_x1.api.example.com."
        resource_record_type  = "CNAME"
        resource_record_value = "_x2.acm-validations.aws."
      }]
    }
  }
  mock_resource "aws_acm_certificate_validation" {
    defaults = { certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000" }
  }
  mock_resource "aws_lb" {
    defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/fulfilment-test/0123456789abcdef" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::fulfilment-test-alb-logs-1" }
  }
  mock_resource "aws_wafv2_web_acl" {
    defaults = { arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/fulfilment-test/00000000-0000-0000-0000-000000000000" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-fulfilment-test" }
  }
}

variables {
  name              = "fulfilment-test"
  vpc_id            = "vpc-0123456789abcdef0"
  public_subnet_ids = ["subnet-public-a", "subnet-public-b", "subnet-public-c"]
  hosted_zone_name  = "example.com"
  domain_name       = "api.example.com"
}

run "the_edge_plans_before_the_certificate_exists" {
  command = plan

  module {
    source = "../../modules/edge"
  }

  assert {
    condition     = keys(aws_route53_record.certificate_validation) == ["api.example.com"]
    error_message = "The validation records are keyed by names known when planning, not by the certificate's attributes."
  }
}

run "the_edge" {
  command = apply

  module {
    source = "../../modules/edge"
  }

  assert {
    condition     = aws_lb.this.internal == false && aws_lb.this.drop_invalid_header_fields && toset(aws_lb.this.subnets) == toset(var.public_subnet_ids)
    error_message = "An internet-facing load balancer in the public subnets that drops invalid header fields."
  }

  assert {
    condition     = aws_lb.this.access_logs[0].enabled && aws_lb.this.access_logs[0].bucket == aws_s3_bucket.access_logs.id
    error_message = "The load balancer writes access logs to its bucket."
  }

  # Terraform review A3: which principal delivers depends on the region's age; both may write
  # under the account's prefix, nobody else.
  assert {
    condition = toset(flatten([for statement in data.aws_iam_policy_document.access_logs.statement : [
      for principal in statement.principals : principal.identifiers
    ] if contains(statement.actions, "s3:PutObject") && statement.effect != "Deny"])) == toset(["logdelivery.elasticloadbalancing.amazonaws.com", data.aws_elb_service_account.this.arn])
    error_message = "Access logs may be written by the log delivery service (regions since August 2022) and by the region's ELB account (older ones), and by nobody else."
  }

  assert {
    condition     = aws_lb_listener.http.port == 80 && aws_lb_listener.http.default_action[0].type == "redirect" && aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS"
    error_message = "Port 80 only redirects to HTTPS."
  }

  assert {
    condition     = alltrue([for listener in aws_lb_listener.https : listener.protocol == "HTTPS" && listener.ssl_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06" && listener.certificate_arn == aws_acm_certificate_validation.this.certificate_arn])
    error_message = "Every HTTPS listener uses TLS 1.3/1.2 and the validated certificate."
  }

  assert {
    condition     = alltrue([for listener in aws_lb_listener.https : contains(["text/plain", "text/css", "text/html", "application/javascript", "application/json"], listener.default_action[0].fixed_response[0].content_type)])
    error_message = "A fixed response's content type must be one the load balancer accepts (application/problem+json is not)."
  }

  assert {
    condition     = toset([for rule in [aws_vpc_security_group_ingress_rule.alb_https, aws_vpc_security_group_ingress_rule.alb_http] : rule.from_port]) == toset([80, 443])
    error_message = "The internet reaches the load balancer on 80 and 443 only; the test listener (8443) is not open."
  }

  assert {
    condition     = aws_route53_record.api.alias[0].name == aws_lb.this.dns_name && aws_route53_record.api.name == var.domain_name
    error_message = "The API's name is an alias of the load balancer."
  }

  assert {
    condition     = aws_wafv2_web_acl_association.alb.resource_arn == aws_lb.this.arn && aws_wafv2_web_acl_association.alb.web_acl_arn == aws_wafv2_web_acl.this.arn && aws_wafv2_web_acl.this.scope == "REGIONAL"
    error_message = "The WAF web ACL is associated with the load balancer: no listener is reachable around it."
  }

  assert {
    condition = toset(flatten([for rule in aws_wafv2_web_acl.this.rule : [
      for statement in rule.statement : [for group in statement.managed_rule_group_statement : group.name]
    ]])) == toset(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"])
    error_message = "AWS's common rule set, known bad inputs and IP reputation list are applied."
  }

  assert {
    condition = one(flatten([for rule in aws_wafv2_web_acl.this.rule : [
      for statement in rule.statement : [for rate in statement.rate_based_statement : rate.aggregate_key_type == "IP" && rate.limit == var.requests_per_ip_per_5_minutes && one(rule.action[0].block) != null]
    ]]))
    error_message = "One rule blocks a client IP over its request rate."
  }

  assert {
    condition = one(flatten([for rule in aws_wafv2_web_acl.this.rule : [
      for statement in rule.statement : [for size in statement.size_constraint_statement : size.comparison_operator == "GT" && size.size == 8192 && size.field_to_match[0].body[0].oversize_handling == "MATCH"]
    ]]))
    error_message = "Bodies over 8 KB are blocked, including those larger than WAF inspects."
  }

  assert {
    condition     = one(aws_wafv2_web_acl_logging_configuration.this.redacted_fields[0].single_header).name == "authorization" && startswith(aws_cloudwatch_log_group.waf.name, "aws-waf-logs-")
    error_message = "WAF logs to a group WAF may write to (aws-waf-logs-*), without the bearer tokens."
  }
}

run "a_rate_below_what_waf_allows_is_refused" {
  command = plan

  module {
    source = "../../modules/edge"
  }

  variables {
    requests_per_ip_per_5_minutes = 5
  }

  expect_failures = [var.requests_per_ip_per_5_minutes]
}

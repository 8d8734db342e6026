# AWS WAF in front of the load balancer: nothing reaches a listener rule (and
# so a service) without passing this web ACL. Requests are allowed unless a
# rule blocks them: AWS's common rule set and known bad inputs, one client IP's
# request rate, and the body size (the API's largest legitimate body, an order
# of 50 lines, is under 6 KB; WAF sees the first 8 KB of a body behind an ALB).

locals {
  managed_rule_groups = {
    common             = { priority = 20, name = "AWSManagedRulesCommonRuleSet" }
    known-bad-inputs   = { priority = 30, name = "AWSManagedRulesKnownBadInputsRuleSet" }
    ip-reputation-list = { priority = 40, name = "AWSManagedRulesAmazonIpReputationList" }
  }
}

resource "aws_wafv2_web_acl" "this" {
  name        = var.name
  description = "In front of ${var.name}'s load balancer"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "requests-per-client-ip"
    priority = 10

    action {
      block {}
    }

    statement {
      rate_based_statement {
        aggregate_key_type    = "IP"
        limit                 = var.requests_per_ip_per_5_minutes
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-requests-per-client-ip"
      sampled_requests_enabled   = true
    }
  }

  dynamic "rule" {
    for_each = local.managed_rule_groups

    content {
      name     = rule.key
      priority = rule.value.priority

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.value.name

          # The body size is this ACL's own rule below, with its own limit.
          dynamic "rule_action_override" {
            for_each = rule.key == "common" ? ["SizeRestrictions_BODY"] : []

            content {
              name = rule_action_override.value
              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  rule {
    name     = "body-size"
    priority = 50

    action {
      block {}
    }

    statement {
      size_constraint_statement {
        comparison_operator = "GT"
        size                = var.max_body_bytes

        field_to_match {
          body {
            # A body larger than WAF inspects is too large.
            oversize_handling = "MATCH"
          }
        }

        text_transformation {
          priority = 0
          type     = "NONE"
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-body-size"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "alb" {
  resource_arn = aws_lb.this.arn
  web_acl_arn  = aws_wafv2_web_acl.this.arn
}

# Blocked requests are logged (WAF's log group names must start with
# aws-waf-logs-); the bearer token never is.
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.access_log_retention_days
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  logging_filter {
    default_behavior = "DROP"

    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"

      condition {
        action_condition {
          action = "BLOCK"
        }
      }
      condition {
        action_condition {
          action = "COUNT"
        }
      }
    }
  }
}

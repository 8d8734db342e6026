# The IAM, key and bucket policies as the real AWS provider renders them: the
# other plan tests mock the provider, and a mocked aws_iam_policy_document
# renders nothing. This file plans with the real provider (no account: made-up
# credentials it never checks), overriding only the data sources that would
# call AWS, and the few values AWS would only know after apply that the
# policies name. Each policy is read as JSON, as IAM would read it.
#
# Rendered here: the applications' task-role policies, the alarm key's policy,
# the state bucket's policy. A policy document that names a resource of its own
# module (a log group's ARN, a topic's) is read only at apply, as in a real plan;
# those are checked statement by statement in the module's own test file.

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "plan-only"
  secret_key                  = "plan-only"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

variables {
  name   = "fulfilment-test"
  region = "eu-west-1"
}

run "the_applications_may_use_their_own_queues_and_table_only" {
  command = plan

  module {
    source = "../../modules/fulfilment"
  }

  variables {
    production       = true
    hosted_zone_name = "example.com"
    domain_name      = "api.example.com"
    repository       = "example/order-fulfilment"
  }

  override_module {
    target = module.messaging
    outputs = {
      queue_names = { "inventory-commands" = "fulfilment-test-inventory-commands", "shipping-commands" = "fulfilment-test-shipping-commands", "order-events" = "fulfilment-test-order-events" }
      queue_arns = {
        "inventory-commands" = "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-inventory-commands"
        "shipping-commands"  = "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-shipping-commands"
        "order-events"       = "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-order-events"
      }
      dead_letter_queue_arns = {
        "inventory-commands" = "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-inventory-commands-dlq"
        "shipping-commands"  = "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-shipping-commands-dlq"
        "order-events"       = "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-order-events-dlq"
      }
      dead_letter_queue_names = { "inventory-commands" = "a", "shipping-commands" = "b", "order-events" = "c" }
      queue_urls              = { "inventory-commands" = "a", "shipping-commands" = "b", "order-events" = "c" }
    }
  }

  override_resource {
    target          = module.data.aws_dynamodb_table.inventory
    override_during = plan
    values          = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/fulfilment-test-inventory" }
  }
  override_data {
    target = module.data.data.aws_rds_engine_version.postgresql
    values = { version_actual = "17.7", supports_limitless_database = false, parameter_group_family = "aurora-postgresql17" }
  }

  # What the rest of the environment asks AWS while it is planned.
  override_data {
    target = module.network.data.aws_availability_zones.available
    values = { names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
  }
  override_data {
    target = module.identity.data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = module.edge.data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = module.network.data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = module.edge.data.aws_route53_zone.this
    values = { zone_id = "Z0123456789ABCDEFGHIJ" }
  }
  override_data {
    target = module.observability.data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = module.pipeline.data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = module.web.data.aws_cloudfront_cache_policy.optimized
    values = { id = "658327ea-f89d-4fab-a63d-7e88639e58f6" }
  }

  assert {
    condition = jsondecode(data.aws_iam_policy_document.application["order-service"].json).Statement == [
      {
        Sid      = "ConsumeItsQueue"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]
        Resource = "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-order-events"
      },
      {
        Sid      = "SendItsMessages"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
        Resource = ["arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-shipping-commands", "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-inventory-commands"]
      },
      {
        Sid      = "MovePoisonToItsDeadLetterQueue"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
        Resource = "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-order-events-dlq"
      },
    ]
    error_message = "order-service receives its own queue, sends to the two command queues and to its own dead-letter queue, as IAM reads the rendered policy."
  }

  assert {
    condition = alltrue([for service, document in data.aws_iam_policy_document.application : alltrue([
      for statement in jsondecode(document.json).Statement : alltrue([
        for resource in flatten([statement.Resource]) : startswith(resource, "arn:aws:sqs:eu-west-1:123456789012:fulfilment-test-") || startswith(resource, "arn:aws:dynamodb:eu-west-1:123456789012:table/fulfilment-test-inventory")
      ])
    ])])
    error_message = "Every application statement names exact queue and table ARNs of this environment, never *."
  }

  assert {
    condition = one([for statement in jsondecode(data.aws_iam_policy_document.application["inventory-service"].json).Statement : statement.Resource if statement.Sid == "UseItsTable"]) == [
      "arn:aws:dynamodb:eu-west-1:123456789012:table/fulfilment-test-inventory/index/*",
      "arn:aws:dynamodb:eu-west-1:123456789012:table/fulfilment-test-inventory",
    ]
    error_message = "inventory-service uses its table and the table's indexes, no other table."
  }

  assert {
    condition = alltrue([for service, document in data.aws_iam_policy_document.application : alltrue([
      for statement in jsondecode(document.json).Statement : alltrue([for action in flatten([statement.Action]) : action != "*" && !endswith(action, ":*")])
    ])])
    error_message = "No application may do everything, nor everything of one service."
  }
}

run "cloudwatch_may_publish_to_the_encrypted_alarm_topic" {
  command = plan

  module {
    source = "../../modules/observability"
  }

  variables {
    alarm_email    = "oncall@example.com"
    alb_arn_suffix = "app/fulfilment-test/0123456789abcdef"
    cluster_name   = "fulfilment-test"
    services = {
      "order-service" = {
        target_group_arn_suffixes = { blue = "targetgroup/order-b/1", green = "targetgroup/order-g/2" }
        log_group_name            = "/ecs/fulfilment-test/order-service"
        has_outbox                = true
      }
    }
    metric_namespace        = "OrderFulfilment/fulfilment-test"
    queue_names             = { "order-events" = "fulfilment-test-order-events" }
    dead_letter_queue_names = { "order-events" = "fulfilment-test-order-events-dlq" }
    saga_log_group_name     = "/ecs/fulfilment-test/order-service"
  }

  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }

  assert {
    condition = one([for statement in jsondecode(data.aws_iam_policy_document.alarm_key.json).Statement : statement if statement.Sid == "CloudWatchPublishesAlarms"]) == {
      Sid       = "CloudWatchPublishesAlarms"
      Effect    = "Allow"
      Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
      Resource  = "*"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }
    error_message = "The topic's key lets CloudWatch, for this account's alarms, encrypt what it publishes: without it no alarm notification arrives."
  }

  assert {
    condition = alltrue([for statement in jsondecode(data.aws_iam_policy_document.alarm_key.json).Statement :
    statement.Sid == "TheAccountAdministersTheKey" ? statement.Principal == { AWS = "arn:aws:iam::123456789012:root" } : !contains(flatten([statement.Action]), "kms:*")])
    error_message = "Only the account administers the key; no one else gets kms:*."
  }
}

run "only_the_deploy_roles_reach_the_state_over_tls" {
  command = plan

  module {
    source = "../../bootstrap"
  }

  variables {
    bucket_name      = "fulfilment-test-state"
    deploy_role_arns = ["arn:aws:iam::123456789012:role/terraform-deploy"]
  }

  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012", arn = "arn:aws:sts::123456789012:assumed-role/terraform-deploy/ada" }
  }

  override_data {
    target = data.aws_iam_session_context.applier
    values = { issuer_arn = "arn:aws:iam::123456789012:role/terraform-deploy" }
  }

  assert {
    condition = jsondecode(data.aws_iam_policy_document.state.json).Statement == [
      {
        Sid       = "TlsOnly"
        Effect    = "Deny"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::fulfilment-test-state/*", "arn:aws:s3:::fulfilment-test-state"]
        Principal = "*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "DeployRolesOnly"
        Effect    = "Deny"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::fulfilment-test-state/*", "arn:aws:s3:::fulfilment-test-state"]
        Principal = "*"
        Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/terraform-deploy" } }
      },
    ]
    error_message = "The state bucket refuses every request without TLS and every principal but the deploy roles."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.state.restrict_public_buckets && aws_s3_bucket_versioning.state.versioning_configuration[0].status == "Enabled" && one(aws_s3_bucket_server_side_encryption_configuration.state.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "aws:kms"
    error_message = "The state is versioned, encrypted and never public."
  }
}

# Terraform review A10: a policy that would shut out the one applying it is refused before
# the bucket is touched; an IAM Identity Center role, path and all, is named by a wildcard.
run "whoever_applies_the_state_bucket_must_be_a_deploy_role" {
  command = plan

  module {
    source = "../../bootstrap"
  }

  variables {
    bucket_name      = "fulfilment-test-state"
    deploy_role_arns = ["arn:aws:iam::123456789012:role/terraform-deploy"]
  }

  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012", arn = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/ada" }
  }

  override_data {
    target = data.aws_iam_session_context.applier
    values = { issuer_arn = "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef" }
  }

  expect_failures = [aws_s3_bucket_policy.state]
}

run "an_identity_center_role_is_named_with_its_path_by_a_wildcard" {
  command = plan

  module {
    source = "../../bootstrap"
  }

  variables {
    bucket_name      = "fulfilment-test-state"
    deploy_role_arns = ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*"]
  }

  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012", arn = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/ada" }
  }

  override_data {
    target = data.aws_iam_session_context.applier
    values = { issuer_arn = "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef" }
  }

  # The plan got here: the precondition found the applier's role, path included, in the list.
  assert {
    condition     = jsondecode(data.aws_iam_policy_document.state.json).Statement[1].Condition.ArnNotLike["aws:PrincipalArn"] == var.deploy_role_arns[0]
    error_message = "The applier's role, path included, matches the wildcard, which the policy lets in."
  }
}

run "another_accounts_deploy_role_is_refused" {
  command = plan

  module {
    source = "../../bootstrap"
  }

  variables {
    bucket_name      = "fulfilment-test-state"
    deploy_role_arns = ["arn:aws:iam::123456789012:role/terraform-deploy", "arn:aws:iam::210987654321:role/terraform-deploy"]
  }

  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012", arn = "arn:aws:sts::123456789012:assumed-role/terraform-deploy/ada" }
  }

  override_data {
    target = data.aws_iam_session_context.applier
    values = { issuer_arn = "arn:aws:iam::123456789012:role/terraform-deploy" }
  }

  expect_failures = [aws_s3_bucket_policy.state]
}

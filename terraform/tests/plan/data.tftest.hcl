# modules/data and modules/database-logins: Aurora, the logins and the task
# that creates them, the DynamoDB table.

mock_provider "aws" {
  mock_data "aws_rds_engine_version" {
    defaults = { version_actual = "17.7", supports_limitless_database = false, parameter_group_family = "aurora-postgresql17" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_rds_cluster" {
    defaults = {
      endpoint           = "fulfilment-test.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com"
      port               = 5432
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0000", kms_key_id = "", secret_status = "active" }]
    }
  }
}

variables {
  name                 = "fulfilment-test"
  region               = "eu-west-1"
  vpc_id               = "vpc-0123456789abcdef0"
  private_subnet_ids   = ["subnet-private-a", "subnet-private-b", "subnet-private-c"]
  service_databases    = { "order-service" = "orders", "shipping-service" = "shipping" }
  inventory_table_name = "fulfilment-test-inventory"
  service_login_secret_arns = {
    "order-service"    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:fulfilment-test/order-service/database-1"
    "shipping-service" = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:fulfilment-test/shipping-service/database-1"
  }
}

run "the_data" {
  command = apply

  module {
    source = "../../modules/data"
  }

  assert {
    condition     = aws_rds_cluster.this.storage_encrypted && aws_rds_cluster.this.manage_master_user_password && alltrue([for instance in aws_rds_cluster_instance.this : !instance.publicly_accessible])
    error_message = "Aurora is encrypted, its master password managed in Secrets Manager, and no instance is public."
  }

  assert {
    condition     = length(aws_rds_cluster_instance.this) >= 2 && aws_rds_cluster.this.engine == "aurora-postgresql" && aws_rds_cluster.this.engine_version == data.aws_rds_engine_version.postgresql.version_actual && data.aws_rds_engine_version.postgresql.version == "17" && data.aws_rds_engine_version.postgresql.latest
    error_message = "Aurora PostgreSQL 17 (as the local stack runs), a writer and a reader."
  }

  # Terraform review A2: AWS's default minor of the major, never a Limitless Database build.
  assert {
    condition     = data.aws_rds_engine_version.postgresql.default_only
    error_message = "The engine version is AWS's default of the major, not merely the newest made."
  }

  # Security review L3: the cluster takes TLS only, and the bootstrap task checks whom it
  # sends the master password to.
  assert {
    condition = (
      aws_rds_cluster.this.db_cluster_parameter_group_name == aws_rds_cluster_parameter_group.this.name
      && one([for parameter in aws_rds_cluster_parameter_group.this.parameter : parameter.value if parameter.name == "rds.force_ssl"]) == "1"
      && contains(jsondecode(aws_ecs_task_definition.bootstrap.container_definitions)[0].environment, { name = "PGSSLMODE", value = "verify-full" })
      && strcontains(jsondecode(aws_ecs_task_definition.bootstrap.container_definitions)[0].command[0], "https://truststore.pki.rds.amazonaws.com/")
    )
    error_message = "Aurora refuses connections without TLS, and the bootstrap task verifies the server (verify-full against RDS's authorities)."
  }

  assert {
    condition     = can(regex("@sha256:[0-9a-f]{64}$", jsondecode(aws_ecs_task_definition.bootstrap.container_definitions)[0].image))
    error_message = "Security review L4: the task that holds the master credentials runs an image pinned by digest."
  }

  assert {
    condition     = alltrue([for instance in aws_rds_cluster_instance.this : instance.auto_minor_version_upgrade])
    error_message = "RDS upgrades minor versions (the cluster ignores its version's drift, so an apply never asks for a downgrade)."
  }

  assert {
    condition     = aws_cloudwatch_log_group.postgresql.name == "/aws/rds/cluster/${aws_rds_cluster.this.cluster_identifier}/postgresql" && aws_cloudwatch_log_group.postgresql.retention_in_days == var.log_retention_days && contains(aws_rds_cluster.this.enabled_cloudwatch_logs_exports, "postgresql")
    error_message = "The log group of Aurora's exported logs is ours, with a retention, not one RDS creates without."
  }

  assert {
    condition = alltrue([for database in values(var.service_databases) : strcontains(
      jsondecode(aws_ecs_task_definition.bootstrap.container_definitions)[0].command[0],
      "GRANT \"${database}\" TO CURRENT_USER;\nSELECT format('CREATE DATABASE %I OWNER %I', '${database}'"
    )])
    error_message = "The master user, not a superuser on Aurora, joins each role before it makes the role a database's owner (PostgreSQL 16 needs SET ROLE)."
  }

  assert {
    condition     = toset([for rule in [aws_vpc_security_group_egress_rule.bootstrap_https, aws_vpc_security_group_egress_rule.bootstrap_to_database] : rule.from_port]) == toset([443, 5432]) && aws_vpc_security_group_egress_rule.bootstrap_to_database.referenced_security_group_id == aws_security_group.database.id
    error_message = "The bootstrap task reaches HTTPS and the database, nothing else."
  }

  assert {
    condition     = one([for statement in data.aws_iam_policy_document.bootstrap_execution.statement : statement.resources if statement.sid == "ReadTheDatabaseSecrets"]) == toset(concat([aws_rds_cluster.this.master_user_secret[0].secret_arn], values(var.service_login_secret_arns)))
    error_message = "The bootstrap task reads the master secret and the service logins, named by ARN."
  }

  assert {
    condition     = aws_dynamodb_table.inventory.point_in_time_recovery[0].enabled && aws_dynamodb_table.inventory.server_side_encryption[0].enabled && aws_dynamodb_table.inventory.billing_mode == "PAY_PER_REQUEST"
    error_message = "The table is on demand, encrypted, with point-in-time recovery."
  }

  assert {
    condition = aws_dynamodb_table.inventory.hash_key == "pk" && aws_dynamodb_table.inventory.range_key == "sk" && one([
      for index in aws_dynamodb_table.inventory.global_secondary_index : index if index.name == "catalogue"
      ]).hash_key == "catalogueShard" && one([
      for index in aws_dynamodb_table.inventory.global_secondary_index : index if index.name == "catalogue"
    ]).projection_type == "KEYS_ONLY"
    error_message = "The table is the one inventory-service creates locally (InventoryTable): pk and sk, a sharded catalogue index of keys only, so that stock changes never write to one hot index partition."
  }

  assert {
    condition     = aws_dynamodb_table.inventory.ttl[0].enabled && aws_dynamodb_table.inventory.ttl[0].attribute_name == "expiresAt"
    error_message = "The guards of adjustments' Idempotency-Keys expire."
  }
}

run "logins_of_an_environment_without_deletion_protection" {
  command = apply

  module {
    source = "../../modules/database-logins"
  }

  variables {
    recovery_window_days = 0
  }

  assert {
    condition     = keys(aws_secretsmanager_secret.service) == ["order-service", "shipping-service"] && alltrue([for secret in aws_secretsmanager_secret.service : startswith(secret.name_prefix, "fulfilment-test/")])
    error_message = "A secret per service database, named by a prefix: an environment created again must not collide with its deleted secrets."
  }

  assert {
    condition     = alltrue([for secret in aws_secretsmanager_secret.service : secret.recovery_window_in_days == 0])
    error_message = "Without deletion protection, a deleted secret goes at once."
  }

  assert {
    condition     = alltrue([for version in aws_secretsmanager_secret_version.service : version.secret_string == null && version.secret_string_wo_version == 1])
    error_message = "Passwords are written through the write-only argument, never into the plan or the state."
  }
}

run "a_limitless_build_is_refused_before_the_cluster_is_asked_for" {
  command = plan

  module {
    source = "../../modules/data"
  }

  override_data {
    target = data.aws_rds_engine_version.postgresql
    values = { version_actual = "16.4-limitless", supports_limitless_database = true, parameter_group_family = "aurora-postgresql16" }
  }

  expect_failures = [data.aws_rds_engine_version.postgresql]
}

# modules/network, cluster, messaging and registry: what every service stands on.

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_availability_zones" {
    defaults = { names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:eu-west-1:123456789012:mock" }
  }
}

variables {
  name   = "fulfilment-test"
  region = "eu-west-1"
}

run "network_for_production" {
  command = apply

  module {
    source = "../../modules/network"
  }

  assert {
    condition     = one(data.aws_iam_policy_document.flow_logs_assume.statement[0].condition).variable == "aws:SourceAccount"
    error_message = "The flow logs' role is assumed by the service on behalf of this account only (no confused deputy)."
  }

  assert {
    condition     = length(aws_subnet.private) == 3 && length(toset([for subnet in aws_subnet.private : subnet.availability_zone])) == 3
    error_message = "Private subnets over three zones."
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 3
    error_message = "One NAT gateway per zone in production, so that a zone's outage does not cut the others off."
  }

  assert {
    condition     = alltrue([for subnet in concat(aws_subnet.public, aws_subnet.private) : subnet.map_public_ip_on_launch != true])
    error_message = "Nothing gets a public IP by default."
  }

  assert {
    condition     = toset(keys(aws_vpc_endpoint.interface)) == toset(["ecr.api", "ecr.dkr", "logs", "sqs", "secretsmanager", "ssmmessages", "xray"]) && toset(keys(aws_vpc_endpoint.gateway)) == toset(["s3", "dynamodb"])
    error_message = "The AWS services the tasks call are reached through VPC endpoints."
  }

  assert {
    condition     = alltrue([for key, endpoint in merge(aws_vpc_endpoint.interface, aws_vpc_endpoint.gateway) : endpoint.service_name == "com.amazonaws.${var.region}.${key}"])
    error_message = "Endpoints are named in the environment's region."
  }
}

run "network_for_development" {
  command = plan

  module {
    source = "../../modules/network"
  }

  variables {
    single_nat_gateway = true
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 1
    error_message = "One NAT gateway for all zones in development."
  }
}

run "cluster" {
  command = apply

  module {
    source = "../../modules/cluster"
  }

  assert {
    condition     = one([for setting in aws_ecs_cluster.this.setting : setting.value if setting.name == "containerInsights"]) == "enhanced"
    error_message = "Container Insights is on."
  }

  assert {
    condition = toset([for strategy in aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy : strategy.capacity_provider]) == toset(["FARGATE", "FARGATE_SPOT"]) && one([
      for strategy in aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy : strategy.base if strategy.capacity_provider == "FARGATE"
    ]) == var.fargate_base
    error_message = "The default strategy runs the base on FARGATE and the rest also on FARGATE_SPOT."
  }

  assert {
    condition     = output.cluster_name == aws_ecs_cluster_capacity_providers.this.cluster_name
    error_message = "Services are created after the capacity providers they use by default are attached."
  }

  assert {
    condition     = aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_log_group_name == aws_cloudwatch_log_group.exec.name && aws_cloudwatch_log_group.exec.retention_in_days == var.log_retention_days
    error_message = "ECS Exec sessions are logged, and kept for the retention."
  }
}

run "messaging" {
  command = apply

  module {
    source = "../../modules/messaging"
  }

  assert {
    condition     = alltrue([for queue in concat(values(aws_sqs_queue.this), values(aws_sqs_queue.dead_letter)) : queue.sqs_managed_sse_enabled])
    error_message = "Every queue is encrypted."
  }

  assert {
    condition     = alltrue([for key, queue in aws_sqs_queue.this : jsondecode(queue.redrive_policy).maxReceiveCount == 5 && jsondecode(queue.redrive_policy).deadLetterTargetArn == aws_sqs_queue.dead_letter[key].arn])
    error_message = "Every queue sends a message to its own dead-letter queue after five receives."
  }

  assert {
    condition     = alltrue([for queue in aws_sqs_queue.this : queue.receive_wait_time_seconds == 20])
    error_message = "Receives long-poll."
  }

  # Security review L7 (in part): no queue takes a request without TLS.
  assert {
    condition = (
      length(aws_sqs_queue_policy.tls_only) == 2 * length(aws_sqs_queue.this)
      && toset([for policy in aws_sqs_queue_policy.tls_only : policy.queue_url]) == toset(concat([for queue in aws_sqs_queue.this : queue.id], [for queue in aws_sqs_queue.dead_letter : queue.id]))
      && alltrue([for document in data.aws_iam_policy_document.tls_only : one(document.statement).effect == "Deny" && one(one(document.statement).condition).variable == "aws:SecureTransport"])
    )
    error_message = "Every queue and dead-letter queue refuses requests without TLS."
  }
}

run "registry" {
  command = apply

  module {
    source = "../../modules/registry"
  }

  # Terraform review A14: production keeps a repository that holds images; elsewhere destroy empties it.
  assert {
    condition     = alltrue([for repository in aws_ecr_repository.this : !repository.force_delete])
    error_message = "By default (production) a repository with images is never deleted with the environment."
  }

  variables {
    services = ["order-service", "inventory-service"]
  }

  assert {
    condition     = alltrue([for repository in aws_ecr_repository.this : repository.image_tag_mutability == "IMMUTABLE" && repository.image_scanning_configuration[0].scan_on_push && repository.encryption_configuration[0].encryption_type == "KMS"])
    error_message = "Images are immutable, scanned on push and encrypted."
  }

  # Terraform review A1, as ECR decides it: rules in priority order, the first whose
  # selection matches an image decides; a tagged rule matches an image only when EVERY prefix
  # of its tagPrefixList begins one of the image's tags (AWS, "Lifecycle policy properties").
  # A released image (its build tag and release-<commit>) and the bootstrap image must first
  # meet a rule that keeps a count of them, never one that expires by age.
  assert {
    condition = alltrue(flatten([for policy in aws_ecr_lifecycle_policy.this : [
      for tags in [["0123456789ab", "release-0123456789ab"], ["bootstrap"]] : [
        for rule in jsondecode(policy.policy).rules : rule if(
          rule.selection.tagStatus == "any"
          || (rule.selection.tagStatus == "tagged" && alltrue([
            for prefix in try(rule.selection.tagPrefixList, []) : anytrue([for tag in tags : startswith(tag, prefix)])
          ]))
        )
      ][0].selection.countType == "imageCountMoreThan"
    ]]))
    error_message = "ECR's first matching rule for a released image and for the bootstrap image keeps the newest of them: each kept prefix needs a rule of its own."
  }

  assert {
    condition = alltrue([for policy in aws_ecr_lifecycle_policy.this :
      alltrue([for index, rule in jsondecode(policy.policy).rules : rule.rulePriority == index + 1])
      && one([for rule in jsondecode(policy.policy).rules : rule.selection.countNumber if jsonencode(try(rule.selection.tagPrefixList, [])) == jsonencode(["release-"])]) >= 5
    ])
    error_message = "The rules are listed in priority order (as the check above reads them), and at least five releases are kept for rollbacks."
  }

  assert {
    condition = alltrue([for policy in aws_ecr_lifecycle_policy.this : alltrue([
      for rule in jsondecode(policy.policy).rules : rule.selection.countType == "sinceImagePushed" if rule.selection.tagStatus != "tagged"
    ])])
    error_message = "No later rule keeps only a count of images of any tag: thirty builds waiting for approval would expire the image production runs."
  }
}

run "cluster_without_spot" {
  command = plan

  module {
    source = "../../modules/cluster"
  }

  variables {
    fargate_spot_weight = 0
  }

  assert {
    condition     = output.default_capacity_provider_strategy["FARGATE_SPOT"].weight == 0 && output.default_capacity_provider_strategy["FARGATE"].weight > 0
    error_message = "With a Spot weight of 0, every task runs on demand."
  }
}

run "registry_outside_production" {
  command = plan

  module {
    source = "../../modules/registry"
  }

  variables {
    services            = ["order-service"]
    deletion_protection = false
  }

  assert {
    condition     = alltrue([for repository in aws_ecr_repository.this : repository.force_delete])
    error_message = "Outside production terraform destroy deletes the repositories with their images."
  }
}

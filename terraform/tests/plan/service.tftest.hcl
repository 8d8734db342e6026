# modules/service: one ECS service behind the load balancer, its network,
# roles and scaling. Applied against a mocked provider, so that the ids and
# ARNs it creates have values to compare.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_lb_target_group" {
    defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mock/0123456789abcdef" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_ecs_task_definition" {
    defaults = { arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/mock:1" }
  }
}

variables {
  name                   = "fulfilment-test"
  region                 = "eu-west-1"
  service_name           = "order-service"
  cluster_arn            = "arn:aws:ecs:eu-west-1:123456789012:cluster/fulfilment-test"
  cluster_name           = "fulfilment-test"
  exec_log_group_arn     = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/fulfilment-test/exec"
  vpc_id                 = "vpc-0123456789abcdef0"
  private_subnet_ids     = ["subnet-private-a", "subnet-private-b", "subnet-private-c"]
  alb_security_group_id  = "sg-0a1b2c3d4e5f60001"
  alb_arn_suffix         = "app/fulfilment-test/0123456789abcdef"
  https_listener_arn     = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/fulfilment-test/0123456789abcdef/0000000000000443"
  test_listener_arn      = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/fulfilment-test/0123456789abcdef/0000000000008443"
  listener_rule_priority = 10
  path_patterns          = ["/orders", "/orders/*"]
  image                  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fulfilment-test/order-service:bootstrap"
  ecr_repository_arn     = "arn:aws:ecr:eu-west-1:123456789012:repository/fulfilment-test/order-service"
  task_policy_json       = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  consumed_queue_name    = "fulfilment-test-order-events"
  metric_namespace       = "OrderFulfilment/fulfilment-test"
  database               = { security_group_id = "sg-0a1b2c3d4e5f60002" }
  secrets = {
    QUARKUS_DATASOURCE_PASSWORD = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:fulfilment-test/order-service/database-1:password::"
  }
  secret_arns = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:fulfilment-test/order-service/database-1"]
}

run "a_service_with_a_database" {
  command = apply

  module {
    source = "../../modules/service"
  }

  assert {
    condition     = aws_ecs_service.this.network_configuration[0].assign_public_ip == false && toset(aws_ecs_service.this.network_configuration[0].subnets) == toset(var.private_subnet_ids)
    error_message = "Tasks run in the private subnets, without a public IP."
  }

  assert {
    condition     = aws_ecs_service.this.deployment_controller[0].type == "CODE_DEPLOY" && aws_ecs_service.this.health_check_grace_period_seconds > 0
    error_message = "Releases are blue/green through CodeDeploy, with a health check grace period."
  }

  assert {
    condition     = length(aws_ecs_service.this.capacity_provider_strategy) == 0
    error_message = "A CODE_DEPLOY service takes the cluster's default capacity providers: a strategy of its own cannot be changed in place."
  }

  assert {
    condition     = { for key, rule in aws_vpc_security_group_ingress_rule.from_alb : key => [rule.referenced_security_group_id, rule.from_port, rule.to_port] } == { api = [var.alb_security_group_id, 8080, 8080], health = [var.alb_security_group_id, 9000, 9000] }
    error_message = "The API port (8080) and the management port (9000) are open to the load balancer's security group only."
  }

  assert {
    condition     = alltrue([for rule in aws_vpc_security_group_egress_rule.alb_to_service : rule.security_group_id == var.alb_security_group_id && rule.referenced_security_group_id == aws_security_group.service.id]) && toset([for rule in aws_vpc_security_group_egress_rule.alb_to_service : rule.from_port]) == toset([8080, 9000])
    error_message = "The load balancer may reach the service's API and management ports (its security group has no other egress): without 9000 every health check fails."
  }

  assert {
    condition     = alltrue([for group in aws_lb_target_group.this : group.port == 8080 && group.health_check[0].port == "9000" && group.health_check[0].path == "/q/health/ready"])
    error_message = "Requests go to the API port; health checks to the management interface on 9000, which no listener rule reaches."
  }

  assert {
    condition     = alltrue([for rule in aws_lb_listener_rule.this : alltrue([for action in rule.action : action.type == "forward" && contains(values(aws_lb_target_group.this)[*].arn, action.target_group_arn)])])
    error_message = "The service's listener rules forward only to its own target groups (the API port), never to the management interface."
  }

  assert {
    condition = alltrue([
      for config in [yamldecode(one([for variable in jsondecode(aws_ecs_task_definition.this.container_definitions)[1].environment : variable.value if variable.name == "AOT_CONFIG_CONTENT"]))] :
      config.receivers.prometheus.config.scrape_configs[0].static_configs[0].targets == ["127.0.0.1:9000"]
      && config.receivers.prometheus.config.scrape_configs[0].metrics_path == "/q/metrics"
      && config.receivers.prometheus.config.scrape_configs[0].static_configs[0].labels.service == var.service_name
      && config.exporters.awsemf.namespace == var.metric_namespace
      && config.exporters.awsemf.log_group_name == aws_cloudwatch_log_group.metrics.name
      && config.service.pipelines.metrics.exporters == ["awsemf"]
      && config.service.pipelines.traces.exporters == ["awsxray"]
    ])
    error_message = "The collector scrapes the management interface's /q/metrics, labels them with the service, and writes them to CloudWatch (EMF) in the system's namespace; traces go to X-Ray."
  }

  assert {
    condition = alltrue([
      for config in [yamldecode(one([for variable in jsondecode(aws_ecs_task_definition.this.container_definitions)[1].environment : variable.value if variable.name == "AOT_CONFIG_CONTENT"]))] :
      anytrue([for declaration in config.exporters.awsemf.metric_declarations :
        length([for selector in declaration.metric_name_selectors : selector if can(regex(selector, "saga_stage_percentile_seconds"))]) > 0
        && declaration.dimensions == [["service", "stage", "quantile"]]
      ])
    ])
    error_message = "The saga's percentile gauges reach CloudWatch with their stage and quantile, which the slow-saga alarm and the dashboard select."
  }

  assert {
    condition     = contains(one([for statement in data.aws_iam_policy_document.platform.statement : statement.resources if statement.sid == "CollectorWritesItsLogs"]), "${aws_cloudwatch_log_group.metrics.arn}:*")
    error_message = "The collector may write the metrics log group."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment[index(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment[*].name, "QUARKUS_MANAGEMENT_PORT")].value == "9000" && strcontains(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].healthCheck.command[1], "localhost:9000/q/health/live")
    error_message = "The container runs its management interface on 9000 and checks its liveness there."
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.to_database) == 1 && aws_vpc_security_group_egress_rule.to_database[0].referenced_security_group_id == var.database.security_group_id && aws_vpc_security_group_egress_rule.to_database[0].from_port == 5432
    error_message = "The service reaches its database on 5432, by security group."
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.database_from_service) == 1 && aws_vpc_security_group_ingress_rule.database_from_service[0].security_group_id == var.database.security_group_id && aws_vpc_security_group_ingress_rule.database_from_service[0].referenced_security_group_id == aws_security_group.service.id
    error_message = "The database lets this service's security group in on 5432."
  }

  assert {
    condition     = one([for statement in data.aws_iam_policy_document.platform.statement : statement.resources if statement.sid == "EcsExecWritesSessionLogs"]) == toset(["${var.exec_log_group_arn}:*"])
    error_message = "The task role may write ECS Exec session logs to the cluster's exec log group, and only there."
  }

  assert {
    condition     = one([for statement in data.aws_iam_policy_document.execution.statement : statement.resources if statement.sid == "ReadItsSecrets"]) == toset(var.secret_arns)
    error_message = "The execution role reads the service's own secrets, named by ARN."
  }

  assert {
    condition = toset(flatten([
      for metric in aws_appautoscaling_policy.requests.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics : [
        for stat in metric.metric_stat : [for dimension in stat.metric[0].dimensions : dimension.value if dimension.name == "TargetGroup"]
      ]
    ])) == toset([for group in aws_lb_target_group.this : group.arn_suffix])
    error_message = "Request-count scaling counts both target groups: after a blue/green release live traffic may be on green."
  }

  assert {
    condition     = length(aws_appautoscaling_policy.backlog) == 1 && aws_appautoscaling_target.this.min_capacity >= 2
    error_message = "A consumer scales on its queue's backlog per task, from at least two tasks."
  }

  assert {
    condition = alltrue([
      for container in jsondecode(aws_ecs_task_definition.this.container_definitions) :
      container.readonlyRootFilesystem && container.user != "0" && container.logConfiguration.options["awslogs-group"] == aws_cloudwatch_log_group.this.name
    ])
    error_message = "Every container runs as a non-root user on a read-only root file system and logs to the service's log group."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == var.log_retention_days
    error_message = "The service's logs are kept for the retention asked for."
  }
}

run "ecs_exec_beside_a_read_only_root" {
  command = plan
  # A service of its own: the one the runs above made ignores a later ECS Exec setting, as
  # a blue/green service must (Terraform review A4).
  state_key = "exec"

  module {
    source = "../../modules/service"
  }

  variables {
    execute_command_enabled = true
  }

  assert {
    condition = (
      aws_ecs_service.this.enable_execute_command
      && jsondecode(aws_ecs_task_definition.this.container_definitions)[0].readonlyRootFilesystem
      && toset([for mount in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].mountPoints : mount.containerPath if !mount.readOnly])
      == toset(["/tmp", "/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm"])
      && toset([for volume in aws_ecs_task_definition.this.volume : volume.name]) == toset(["tmp", "exec-managed-agents", "exec-ssm-state", "exec-ssm-logs"])
    )
    error_message = "With ECS Exec on and the root file system read-only, the agent Exec injects gets its three writable places (or it cannot start)."
  }
}

run "no_ecs_exec_into_the_service_by_default_but_a_one_off_task_can_have_it" {
  command = plan

  module {
    source = "../../modules/service"
  }

  assert {
    condition = (
      !aws_ecs_service.this.enable_execute_command
      && toset([for volume in aws_ecs_task_definition.this.volume : volume.name]) == toset(["tmp", "exec-managed-agents", "exec-ssm-state", "exec-ssm-logs"])
    )
    error_message = "Security review L2: no Exec into the service unless asked for; its task definition stays ready for a one-off task opened with Exec."
  }
}

run "a_service_without_a_database" {
  command = apply

  module {
    source = "../../modules/service"
  }

  variables {
    service_name = "inventory-service"
    database     = null
    secrets      = {}
    secret_arns  = []
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.to_database) == 0 && length(aws_vpc_security_group_ingress_rule.database_from_service) == 0
    error_message = "A service without a database opens no database port."
  }

  assert {
    condition     = length([for statement in data.aws_iam_policy_document.execution.statement : statement if statement.sid == "ReadItsSecrets"]) == 0
    error_message = "A service without secrets may read none."
  }
}

locals {
  api_port        = 8080
  management_port = 9000

  # The system's own metrics the collector sends to CloudWatch, with the
  # dimensions each is kept by (Prometheus labels of /q/metrics). JVM, pool and
  # HTTP metrics stay on /q/metrics: the load balancer and Container Insights
  # cover those in CloudWatch.
  metric_dimensions = {
    "^orders_placed_total$|^outbox_waiting$|^outbox_oldest_age_seconds$|^saga_orders_stuck$" = [["service"]]
    "^orders_outcome_total$|^inventory_reservations_total$"                                  = [["service", "outcome"]]
    "^saga_stage_seconds(_max)?$"                                                            = [["service", "stage"]]
    "^saga_stage_percentile_seconds$"                                                        = [["service", "stage", "quantile"]]
    "^saga_(reminders|stuck)_total$"                                                         = [["service", "status"]]
    "^messaging_handling_seconds(_max)?$"                                                    = [["service", "queue", "type", "outcome"]]
    "^messaging_lag_seconds(_max)?$"                                                         = [["service", "queue"]]
    "^messaging_dead_lettered_total$"                                                        = [["service", "queue", "reason"]]
    "^inventory_rejections_total$"                                                           = [["service", "reason"]]
    "^inventory_transaction_conflicts_total$"                                                = [["service", "operation"]]
  }

  # The OpenTelemetry collector beside the service: traces from the service
  # (OTLP on localhost:4317) to X-Ray; metrics scraped from its management
  # interface every minute to CloudWatch (embedded metric format in their own
  # log group, namespace var.metric_namespace, dimension service).
  collector_config = yamlencode({
    receivers = {
      otlp = { protocols = { grpc = { endpoint = "127.0.0.1:4317" } } }
      prometheus = {
        config = {
          scrape_configs = [{
            job_name        = var.service_name
            scrape_interval = "60s"
            metrics_path    = "/q/metrics"
            static_configs  = [{ targets = ["127.0.0.1:${local.management_port}"], labels = { service = var.service_name } }]
          }]
        }
      }
    }
    processors = { batch = {} }
    exporters = {
      awsxray = { region = var.region }
      awsemf = {
        region                  = var.region
        namespace               = var.metric_namespace
        log_group_name          = aws_cloudwatch_log_group.metrics.name
        log_stream_name         = "{TaskId}"
        dimension_rollup_option = "NoDimensionRollup"
        metric_declarations = [for selector, dimensions in local.metric_dimensions : {
          dimensions            = dimensions
          metric_name_selectors = [selector]
        }]
      }
    }
    service = {
      pipelines = {
        traces  = { receivers = ["otlp"], processors = ["batch"], exporters = ["awsxray"] }
        metrics = { receivers = ["prometheus"], processors = ["batch"], exporters = ["awsemf"] }
      }
    }
  })

  log_configuration = {
    logDriver = "awslogs"
    options = {
      awslogs-group         = aws_cloudwatch_log_group.this.name
      awslogs-region        = var.region
      awslogs-stream-prefix = var.service_name
    }
  }

  # ECS Exec runs AWS's SSM agent inside the container, and the agent writes to
  # these paths; with a read-only root file system each is a writable volume of
  # the task's ephemeral storage (AWS's documentation calls read-only roots
  # unsupported for Exec; these three are what its agent needs, see README).
  # Every task definition has them, so that a one-off task can be opened with Exec
  # in an incident where the service's own tasks may not (execute_command_enabled).
  exec_paths = {
    "exec-managed-agents" = "/managed-agents"
    "exec-ssm-state"      = "/var/lib/amazon/ssm"
    "exec-ssm-logs"       = "/var/log/amazon/ssm"
  }

  application_environment = merge(var.environment, {
    QUARKUS_HTTP_PORT       = tostring(local.api_port)
    QUARKUS_MANAGEMENT_PORT = tostring(local.management_port)
    # The share of traces recorded and sent to X-Ray through the collector
    # (the services record none by default).
    QUARKUS_OTEL_TRACES_SAMPLER_ARG            = tostring(var.trace_sampling_ratio)
    QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = "http://127.0.0.1:4317"
    QUARKUS_LOG_CONSOLE_JSON_ENABLED           = "true"
  })
}

resource "aws_ecs_task_definition" "this" {
  family                   = "${var.name}-${var.service_name}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  # The root file systems are read-only; /tmp is the one writable place of the
  # application, and ECS Exec's agent gets its own (local.exec_paths).
  volume {
    name = "tmp"
  }

  dynamic "volume" {
    for_each = local.exec_paths
    content {
      name = volume.key
    }
  }

  container_definitions = jsonencode([
    {
      name                   = var.service_name
      image                  = var.image
      essential              = true
      readonlyRootFilesystem = true
      user                   = "185"
      stopTimeout            = 30
      portMappings = [
        { containerPort = local.api_port, protocol = "tcp" },
        { containerPort = local.management_port, protocol = "tcp" },
      ]
      environment = [for key in sort(keys(local.application_environment)) : { name = key, value = local.application_environment[key] }]
      secrets     = [for key in sort(keys(var.secrets)) : { name = key, valueFrom = var.secrets[key] }]
      mountPoints = concat(
        [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }],
        [for volume, path in local.exec_paths : { sourceVolume = volume, containerPath = path, readOnly = false }],
      )
      healthCheck = {
        command     = ["CMD-SHELL", "curl -fsS http://localhost:${local.management_port}/q/health/live || exit 1"]
        interval    = 10
        timeout     = 3
        retries     = 3
        startPeriod = 30
      }
      dependsOn        = [{ containerName = "otel-collector", condition = "START" }]
      logConfiguration = local.log_configuration
    },
    {
      name = "otel-collector"
      # By digest: the collector shares the task role's credentials (Renovate moves the digest).
      image                  = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3@sha256:8aa9ea5f67b8d318f7d6af24677e3c70f7098bc0631147cb5fa91addbe980b06"
      essential              = false
      readonlyRootFilesystem = true
      user                   = "10001"
      command                = ["--config=env:AOT_CONFIG_CONTENT"]
      environment            = [{ name = "AOT_CONFIG_CONTENT", value = local.collector_config }]
      logConfiguration       = local.log_configuration
    },
  ])
}

locals {
  api_port        = 8080
  management_port = 9000

  # The OpenTelemetry collector receives the application's traces on
  # localhost:4317 and sends them to X-Ray.
  collector_config = <<-YAML
    receivers:
      otlp:
        protocols:
          grpc:
            endpoint: 127.0.0.1:4317
    processors:
      batch: {}
    exporters:
      awsxray:
        region: ${var.region}
    service:
      pipelines:
        traces:
          receivers: [otlp]
          processors: [batch]
          exporters: [awsxray]
  YAML

  log_configuration = {
    logDriver = "awslogs"
    options = {
      awslogs-group         = aws_cloudwatch_log_group.this.name
      awslogs-region        = var.region
      awslogs-stream-prefix = var.service_name
    }
  }

  application_environment = merge(var.environment, {
    QUARKUS_HTTP_PORT       = tostring(local.api_port)
    QUARKUS_MANAGEMENT_PORT = tostring(local.management_port)
    # The share of traces recorded and sent to X-Ray through the collector
    # (the services record none by default).
    QUARKUS_OTEL_TRACES_SAMPLER_ARG            = tostring(var.trace_sampling_ratio)
    QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = "http://127.0.0.1:4317"
    QUARKUS_LOG_CONSOLE_JSON                   = "true"
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

  # The root file systems are read-only; /tmp is the one writable place.
  volume {
    name = "tmp"
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
      mountPoints = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
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
      name                   = "otel-collector"
      image                  = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3"
      essential              = false
      readonlyRootFilesystem = true
      user                   = "10001"
      command                = ["--config=env:AOT_CONFIG_CONTENT"]
      environment            = [{ name = "AOT_CONFIG_CONTENT", value = local.collector_config }]
      logConfiguration       = local.log_configuration
    },
  ])
}

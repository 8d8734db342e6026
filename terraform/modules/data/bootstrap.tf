# A one-off ECS task, run inside the VPC after the first apply and after
# adding a service, that creates each service's role and database (idempotent):
#   aws ecs run-task --cluster <cluster> --task-definition <name>-database-bootstrap \
#     --launch-type FARGATE --network-configuration \
#     'awsvpcConfiguration={subnets=[<private subnet>],securityGroups=[<bootstrap security group>]}'
# envs/*/outputs.tf prints the exact command.

locals {
  bootstrap_sql = join("\n", [for service, database in var.service_databases : <<-SQL
    psql -v ON_ERROR_STOP=1 -v pw="$PASSWORD_${upper(replace(database, "-", "_"))}" <<'PSQL'
    SELECT format('CREATE ROLE %I LOGIN', '${database}') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${database}') \gexec
    ALTER ROLE "${database}" WITH LOGIN PASSWORD :'pw';
    -- The master user is not a superuser on Aurora: to make the role a database's
    -- owner it must be able to SET ROLE to it (PostgreSQL 16 and later), so it joins it first.
    GRANT "${database}" TO CURRENT_USER;
    SELECT format('CREATE DATABASE %I OWNER %I', '${database}', '${database}') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${database}') \gexec
    REVOKE ALL ON DATABASE "${database}" FROM PUBLIC;
    PSQL
  SQL
  ])
}

resource "aws_cloudwatch_log_group" "bootstrap" {
  name              = "/ecs/${var.name}/database-bootstrap"
  retention_in_days = var.log_retention_days
}

resource "aws_security_group" "bootstrap" {
  name        = "${var.name}-database-bootstrap"
  description = "The database bootstrap task: out to PostgreSQL and the AWS endpoints only"
  vpc_id      = var.vpc_id
}

# Out to the image registry, Secrets Manager and CloudWatch Logs (HTTPS), and
# to the database.
resource "aws_vpc_security_group_egress_rule" "bootstrap_https" {
  security_group_id = aws_security_group.bootstrap.id
  description       = "HTTPS to the image registry and the AWS endpoints"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "bootstrap_to_database" {
  security_group_id            = aws_security_group.bootstrap.id
  description                  = "PostgreSQL to the database"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database.id
}

resource "aws_vpc_security_group_ingress_rule" "database_from_bootstrap" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from the database bootstrap task"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.bootstrap.id
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bootstrap_execution" {
  name               = "${var.name}-database-bootstrap-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "bootstrap_execution" {
  statement {
    sid       = "ReadTheDatabaseSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = concat([aws_rds_cluster.this.master_user_secret[0].secret_arn], values(var.service_login_secret_arns))
  }

  statement {
    sid       = "WriteItsLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.bootstrap.arn}:*"]
  }
}

resource "aws_iam_role_policy" "bootstrap_execution" {
  role   = aws_iam_role.bootstrap_execution.id
  policy = data.aws_iam_policy_document.bootstrap_execution.json
}

resource "aws_ecs_task_definition" "bootstrap" {
  family                   = "${var.name}-database-bootstrap"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.bootstrap_execution.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([{
    name = "bootstrap"
    # By digest: this task holds the master credentials (Renovate moves the digest).
    image                  = "public.ecr.aws/docker/library/postgres:17-alpine@sha256:742f40ea20b9ff2ff31db5458d127452988a2164df9e17441e191f3b72252193"
    essential              = true
    readonlyRootFilesystem = true
    user                   = "70"
    entryPoint             = ["sh", "-c"]
    # The RDS certificate authorities, over HTTPS checked by the image's own, so that psql
    # verifies the cluster before it sends the master password.
    command = ["set -eu\nwget -q -O /tmp/rds-ca-bundle.pem https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem\n${local.bootstrap_sql}"]
    # The root file system is read-only; /tmp is the task's own.
    mountPoints = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
    environment = [
      { name = "PGHOST", value = aws_rds_cluster.this.endpoint },
      { name = "PGPORT", value = tostring(aws_rds_cluster.this.port) },
      { name = "PGDATABASE", value = "postgres" },
      { name = "PGSSLMODE", value = "verify-full" },
      { name = "PGSSLROOTCERT", value = "/tmp/rds-ca-bundle.pem" },
    ]
    secrets = concat(
      [
        { name = "PGUSER", valueFrom = "${aws_rds_cluster.this.master_user_secret[0].secret_arn}:username::" },
        { name = "PGPASSWORD", valueFrom = "${aws_rds_cluster.this.master_user_secret[0].secret_arn}:password::" },
      ],
      [for service, database in var.service_databases : {
        name      = "PASSWORD_${upper(replace(database, "-", "_"))}"
        valueFrom = "${var.service_login_secret_arns[service]}:password::"
      }]
    )
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.bootstrap.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "bootstrap"
      }
    }
  }])
}

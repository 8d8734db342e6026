resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.private_subnet_ids
}

resource "aws_security_group" "database" {
  name        = "${var.name}-database"
  description = "PostgreSQL from the services that own a database, nothing else"
  vpc_id      = var.vpc_id
}

# Created before the cluster so that the log export has a retention.
resource "aws_cloudwatch_log_group" "postgresql" {
  name              = "/aws/rds/cluster/${var.name}/postgresql"
  retention_in_days = var.log_retention_days
}

# AWS's default minor version of the major now: a pinned minor version is withdrawn from
# creation after a while, and the first apply would fail. Not simply the newest: the newest
# made can be a Limitless Database build (16.x-limitless), which a Serverless v2 cluster
# cannot be created with.
data "aws_rds_engine_version" "postgresql" {
  engine       = "aurora-postgresql"
  version      = var.engine_major_version
  default_only = true
  latest       = true

  filter {
    name   = "engine-mode"
    values = ["provisioned"]
  }

  lifecycle {
    postcondition {
      condition     = !self.supports_limitless_database && !strcontains(self.version_actual, "limitless")
      error_message = "The engine version found (${self.version_actual}) is a Limitless Database build; Serverless v2 needs a standard one."
    }
  }
}

# Every connection to the cluster is TLS, whatever a client asks for.
resource "aws_rds_cluster_parameter_group" "this" {
  name_prefix = "${var.name}-"
  family      = data.aws_rds_engine_version.postgresql.parameter_group_family
  description = "${var.name}: TLS only"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = data.aws_rds_engine_version.postgresql.version_actual
  master_username    = "fulfilment_admin"

  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  # The master password lives in Secrets Manager, created and rotated by RDS.
  manage_master_user_password = true

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.database.id]
  storage_encrypted      = true

  backup_retention_period             = var.backup_retention_days
  preferred_backup_window             = "02:00-03:00"
  copy_tags_to_snapshot               = true
  deletion_protection                 = var.deletion_protection
  skip_final_snapshot                 = !var.deletion_protection
  final_snapshot_identifier           = var.deletion_protection ? "${var.name}-final" : null
  iam_database_authentication_enabled = false
  enabled_cloudwatch_logs_exports     = ["postgresql"]

  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
    # With a minimum of 0, the instances pause after this long without a connection, and resume
    # (in about 15 s) at the next one.
    seconds_until_auto_pause = var.min_capacity == 0 ? var.seconds_until_auto_pause : null
  }

  # Minor versions are upgraded by RDS in the maintenance window, and the
  # lookup above moves on: neither may make an apply touch a running cluster.
  lifecycle {
    ignore_changes = [engine_version]
  }

  depends_on = [aws_cloudwatch_log_group.postgresql]
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier                   = "${var.name}-${count.index}"
  cluster_identifier           = aws_rds_cluster.this.id
  instance_class               = "db.serverless"
  engine                       = aws_rds_cluster.this.engine
  publicly_accessible          = false
  performance_insights_enabled = true
  auto_minor_version_upgrade   = true
}

# One database and one login per service, so that a service can reach only
# its own data. Their passwords live in Secrets Manager; the services read
# them at start (ECS secrets). The databases and roles are created inside the
# VPC by the bootstrap task (bootstrap.tf), which Terraform cannot do from
# outside.

resource "random_password" "service" {
  for_each = var.service_databases

  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "service" {
  for_each = var.service_databases

  name        = "${var.name}/${each.key}/database"
  description = "Login of ${each.key} to its database ${each.value}"
}

resource "aws_secretsmanager_secret_version" "service" {
  for_each = var.service_databases

  secret_id = aws_secretsmanager_secret.service[each.key].id
  secret_string = jsonencode({
    username = each.value
    password = random_password.service[each.key].result
    database = each.value
    host     = aws_rds_cluster.this.endpoint
    port     = aws_rds_cluster.this.port
  })
}

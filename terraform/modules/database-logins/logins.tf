# One login per service database, so that a service can reach only its own
# data. The passwords live in Secrets Manager; the services read them at start
# (ECS secrets), and the data module's bootstrap task sets them on the roles.
#
# A password is a version 4 UUID, hex: 122 random bits (six of its 128 are fixed),
# from Terraform's uuid(), which draws from the operating system's cryptographic
# generator. It goes through the write-only argument secret_string_wo, so it is in
# neither the plan nor the state, and is written only when secret_version changes:
# to rotate the passwords, raise it, apply, run the bootstrap task again, which sets
# them on the roles, then deploy the services (their pools open no new connection
# with the old password).
# (Secrets Manager's own generator, the ephemeral
# aws_secretsmanager_random_password, would do as well, but Terraform 1.11's
# test mocks cannot open ephemeral resources, and the plan is tested.)

resource "aws_secretsmanager_secret" "service" {
  for_each = var.service_databases

  # A prefix, not a name: a deleted secret keeps its name during its recovery
  # window, and an environment destroyed and created again must not collide.
  name_prefix             = "${var.name}/${each.key}/database-"
  description             = "Login of ${each.key} to its database ${each.value}"
  recovery_window_in_days = var.recovery_window_days
}

resource "aws_secretsmanager_secret_version" "service" {
  for_each = var.service_databases

  secret_id = aws_secretsmanager_secret.service[each.key].id
  secret_string_wo = jsonencode({
    username = each.value
    password = replace(uuid(), "-", "")
  })
  secret_string_wo_version = var.secret_version
}

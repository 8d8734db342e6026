output "secret_arns" {
  description = "Secret of each service's database login ({username, password}), by service."
  value       = { for service, secret in aws_secretsmanager_secret.service : service => secret.arn }
  # Only once the secret has a value: tasks read it at start.
  depends_on = [aws_secretsmanager_secret_version.service]
}

output "cluster_endpoint" {
  description = "Writer endpoint of the Aurora cluster."
  value       = aws_rds_cluster.this.endpoint
}

output "cluster_port" {
  description = "Port of the Aurora cluster."
  value       = aws_rds_cluster.this.port
}

output "master_secret_arn" {
  description = "Secrets Manager secret of the master user (managed by RDS)."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "database_security_group_id" {
  description = "Security group of the database; services are allowed in by the service module."
  value       = aws_security_group.database.id
}

output "service_database_urls" {
  description = "JDBC URL of each service's database, by service."
  value       = { for service, database in var.service_databases : service => "jdbc:postgresql://${aws_rds_cluster.this.endpoint}:${aws_rds_cluster.this.port}/${database}" }
}

output "inventory_table_name" {
  description = "Name of the inventory table."
  value       = aws_dynamodb_table.inventory.name
}

output "inventory_table_arn" {
  description = "ARN of the inventory table."
  value       = aws_dynamodb_table.inventory.arn
}

output "bootstrap_task_definition" {
  description = "Family of the one-off task that creates the service databases and roles."
  value       = aws_ecs_task_definition.bootstrap.family
}

output "bootstrap_security_group_id" {
  description = "Security group to run the bootstrap task with."
  value       = aws_security_group.bootstrap.id
}

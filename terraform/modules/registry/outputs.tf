output "repository_urls" {
  description = "Repository URL by service."
  value       = { for service, repository in aws_ecr_repository.this : service => repository.repository_url }
}

output "repository_arns" {
  description = "Repository ARN by service."
  value       = { for service, repository in aws_ecr_repository.this : service => repository.arn }
}

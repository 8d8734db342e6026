output "web_url" {
  description = "The shop (the back office is back-office.html under it)."
  value       = module.fulfilment.web_url
}

output "url" {
  description = "HTTPS URL of the API."
  value       = module.fulfilment.url
}

output "queue_urls" {
  description = "Queue URL by logical name."
  value       = module.fulfilment.queue_urls
}

output "repository_urls" {
  description = "Image repository URL by service."
  value       = module.fulfilment.repository_urls
}

output "pipeline_name" {
  description = "The delivery pipeline."
  value       = module.fulfilment.pipeline_name
}

output "source_connection_arn" {
  description = "Confirm this connection once in the console before the first pipeline run."
  value       = module.fulfilment.source_connection_arn
}

output "database_bootstrap_command" {
  description = "Creates the service databases and roles; run once after the first apply."
  value       = module.fulfilment.database_bootstrap_command
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the system."
  value       = module.fulfilment.dashboard_name
}

output "identity" {
  description = "The user pools' issuers and ids, the app clients, and the token endpoint of the warehouse's and the carrier's systems."
  value       = module.fulfilment.identity
}

output "url" {
  description = "HTTPS URL of the API."
  value       = module.edge.url
}

output "web_url" {
  description = "The shop (the back office is back-office.html under it), served by CloudFront."
  value       = module.web.url
}

output "web_bucket" {
  description = "The bucket the pipeline uploads the built web pages to."
  value       = module.web.bucket_name
}

output "queue_urls" {
  description = "Queue URL by logical name."
  value       = module.messaging.queue_urls
}

output "repository_urls" {
  description = "Image repository URL by service."
  value       = module.registry.repository_urls
}

output "cluster_name" {
  description = "ECS cluster of the services."
  value       = module.cluster.cluster_name
}

output "pipeline_name" {
  description = "The delivery pipeline."
  value       = module.pipeline.pipeline_name
}

output "source_connection_arn" {
  description = "Confirm this connection once in the console before the first pipeline run."
  value       = module.pipeline.connection_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the system."
  value       = module.observability.dashboard_name
}

output "database_bootstrap_command" {
  description = "Creates the service databases and roles; run once after the first apply."
  value = join(" ", [
    "aws ecs run-task --cluster", module.cluster.cluster_name,
    "--task-definition", module.data.bootstrap_task_definition,
    "--launch-type FARGATE --network-configuration",
    "'awsvpcConfiguration={subnets=[${module.network.private_subnet_ids[0]}],securityGroups=[${module.data.bootstrap_security_group_id}],assignPublicIp=DISABLED}'",
  ])
}

output "identity" {
  description = "The user pools' issuers and ids, the app clients, and the token endpoint of the warehouse's and the carrier's systems."
  value = {
    customers_issuer     = module.identity.customers_issuer
    staff_issuer         = module.identity.staff_issuer
    user_pool_ids        = module.identity.user_pool_ids
    machine_client_ids   = module.identity.machine_client_ids
    staff_token_endpoint = module.identity.staff_token_endpoint
  }
}

output "url" {
  description = "HTTPS URL of the API."
  value       = "https://${var.domain_name}"
}

output "alb_arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer, for CloudWatch metrics."
  value       = aws_lb.this.arn_suffix
}

output "alb_security_group_id" {
  description = "Security group of the load balancer; services allow their port from it."
  value       = aws_security_group.alb.id
}

output "https_listener_arn" {
  description = "Production listener (443)."
  value       = aws_lb_listener.https["production"].arn
}

output "test_listener_arn" {
  description = "Test listener (8443) of blue/green deployments; not open to the internet."
  value       = aws_lb_listener.https["test"].arn
}

output "web_acl_arn" {
  description = "The WAF web ACL in front of the load balancer."
  value       = aws_wafv2_web_acl.this.arn
}

output "web_acl_protected_arn" {
  description = "The resource the WAF web ACL is associated with (the load balancer)."
  value       = aws_wafv2_web_acl_association.alb.resource_arn
}

output "listener_arns" {
  description = "Every listener of the load balancer."
  value       = concat([aws_lb_listener.http.arn], [for listener in aws_lb_listener.https : listener.arn])
}

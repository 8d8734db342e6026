output "url" {
  description = "HTTPS URL of the shop; the back office is back-office.html under it."
  value       = "https://${aws_cloudfront_distribution.site.domain_name}/"
}

output "origin" {
  description = "The pages' origin (https://<distribution>.cloudfront.net): the services' CORS origin."
  value       = "https://${aws_cloudfront_distribution.site.domain_name}"
}

output "callback_urls" {
  description = "Where Cognito sends each public client back after sign-in (and sign-out)."
  value = {
    # The shop is the site's root, also when a visitor opened it as /index.html.
    shop        = ["https://${aws_cloudfront_distribution.site.domain_name}/", "https://${aws_cloudfront_distribution.site.domain_name}/index.html"]
    back_office = ["https://${aws_cloudfront_distribution.site.domain_name}/back-office.html"]
  }
}

output "bucket_name" {
  description = "The bucket the pipeline uploads web/dist to."
  value       = aws_s3_bucket.site.bucket
}

output "bucket_arn" {
  description = "ARN of the site bucket, for the pipeline's upload permission."
  value       = aws_s3_bucket.site.arn
}

output "distribution_id" {
  description = "The distribution the pipeline invalidates after an upload."
  value       = aws_cloudfront_distribution.site.id
}

output "distribution_arn" {
  description = "ARN of the distribution, for the pipeline's invalidation permission."
  value       = aws_cloudfront_distribution.site.arn
}

output "content_security_policy" {
  description = "The Content-Security-Policy every answer carries."
  value       = local.content_security_policy
}

output "bucket" {
  description = "The state bucket's name, for the environments' backend.hcl."
  value       = aws_s3_bucket.state.bucket
}

output "region" {
  description = "The state bucket's region, for the environments' backend.hcl."
  value       = var.region
}

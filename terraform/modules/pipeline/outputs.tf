output "pipeline_name" {
  description = "Name of the pipeline."
  value       = aws_codepipeline.this.name
}

output "connection_arn" {
  description = "The source connection; confirm it once in the console before the first run."
  value       = aws_codestarconnections_connection.source.arn
}

output "artifact_bucket" {
  description = "Bucket of the pipeline's artifacts."
  value       = aws_s3_bucket.artifacts.bucket
}

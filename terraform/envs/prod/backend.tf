# State in S3, locked with S3's own lock file (no DynamoDB table needed).
# The bucket is made once per account by terraform/bootstrap (its README).
terraform {
  backend "s3" {
    key          = "order-fulfilment/prod/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
    # bucket and region come from backend.hcl: terraform init -backend-config=backend.hcl
  }
}

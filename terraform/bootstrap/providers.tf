provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Application = "order-fulfilment"
      Purpose     = "terraform-state"
      ManagedBy   = "terraform"
    }
  }
}

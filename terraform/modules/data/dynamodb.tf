# inventory-service's table; its design is in inventory-service/README.md.
resource "aws_dynamodb_table" "inventory" {
  name                        = var.inventory_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "itemType"
    type = "S"
  }

  global_secondary_index {
    name            = "products-by-type"
    hash_key        = "itemType"
    range_key       = "pk"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

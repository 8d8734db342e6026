# inventory-service's table; its design is in inventory-service/README.md: a
# product, its adjustments and their idempotency guards share the product's
# partition; reservations have their own; the catalogue index spreads the
# products over shards and holds keys only, so stock changes never write to it.
resource "aws_dynamodb_table" "inventory" {
  name                        = var.inventory_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "catalogueShard"
    type = "N"
  }

  attribute {
    name = "sku"
    type = "S"
  }

  global_secondary_index {
    name            = "catalogue"
    hash_key        = "catalogueShard"
    range_key       = "sku"
    projection_type = "KEYS_ONLY"
  }

  # The guards of adjustments' Idempotency-Keys expire after a day.
  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

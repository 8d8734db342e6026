data "aws_caller_identity" "current" {}

locals {
  # Domain prefixes are unique per region across all AWS accounts.
  domain_suffix = coalesce(var.domain_suffix, data.aws_caller_identity.current.account_id)

  # Each pool's hosted UI and OAuth endpoints.
  customers_login = "https://${aws_cognito_user_pool_domain.customers.domain}.auth.${var.region}.amazoncognito.com"
  staff_login     = "https://${aws_cognito_user_pool_domain.staff.domain}.auth.${var.region}.amazoncognito.com"

  # Threat protection (adaptive authentication, compromised-credential checks)
  # needs the Plus feature tier; Essentials has the password history.
  tier              = var.production ? "PLUS" : "ESSENTIALS"
  threat_protection = var.production ? "ENFORCED" : "OFF"

  scopes = {
    "shipments.read"     = "Read shipments"
    "shipments.dispatch" = "Hand shipments to the carrier"
    "shipments.deliver"  = "Report shipments delivered"
  }

  machine_clients = {
    warehouse = ["shipments.read", "shipments.dispatch"]
    carrier   = ["shipments.read", "shipments.deliver"]
  }
}

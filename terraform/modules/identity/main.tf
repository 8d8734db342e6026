locals {
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

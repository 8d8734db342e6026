# The staff user pool: operators of the back office (group `operator`, MFA
# required, created by an administrator, never by sign-up), and the warehouse's
# and the carrier's systems as machine-to-machine clients whose scopes of the
# `fulfilment` resource server say what they may do.

resource "aws_cognito_user_pool" "staff" {
  name                = "${var.name}-staff"
  username_attributes = ["email"]
  mfa_configuration   = "ON"
  deletion_protection = var.production ? "ACTIVE" : "INACTIVE"
  user_pool_tier      = local.tier

  software_token_mfa_configuration {
    enabled = true
  }

  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  password_policy {
    minimum_length                   = 14
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    password_history_size            = 12
    temporary_password_validity_days = 1
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "admin_only"
      priority = 1
    }
  }

  username_configuration {
    case_sensitive = false
  }

  user_pool_add_ons {
    advanced_security_mode = local.threat_protection
  }
}

resource "aws_cognito_user_group" "operator" {
  name         = "operator"
  description  = "The back office: reads every order, sets the catalogue and the stock."
  user_pool_id = aws_cognito_user_pool.staff.id
}

resource "aws_cognito_resource_server" "fulfilment" {
  identifier   = "fulfilment"
  name         = "${var.name}-fulfilment"
  user_pool_id = aws_cognito_user_pool.staff.id

  dynamic "scope" {
    for_each = local.scopes

    content {
      scope_name        = scope.key
      scope_description = scope.value
    }
  }
}

# The token endpoint (https://<domain>.auth.<region>.amazoncognito.com/oauth2/token)
# of the client-credentials flow.
resource "aws_cognito_user_pool_domain" "staff" {
  domain       = "${var.name}-staff-${local.domain_suffix}"
  user_pool_id = aws_cognito_user_pool.staff.id
  # The classic hosted UI: managed login (version 2) shows no page until a branding style
  # exists, which provider 5.x cannot create.
  managed_login_version = 1
}

# The back office's app, a public client: operators sign in through the managed
# login (authorization code flow with PKCE) or by SRP, with their MFA either way.
resource "aws_cognito_user_pool_client" "back_office" {
  name         = "${var.name}-back-office"
  user_pool_id = aws_cognito_user_pool.staff.id

  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  allowed_oauth_flows_user_pool_client = length(var.back_office_callback_urls) > 0
  allowed_oauth_flows                  = length(var.back_office_callback_urls) > 0 ? ["code"] : []
  allowed_oauth_scopes                 = length(var.back_office_callback_urls) > 0 ? ["openid", "email"] : []
  callback_urls                        = var.back_office_callback_urls
  logout_urls                          = var.back_office_callback_urls
  supported_identity_providers         = ["COGNITO"]

  access_token_validity  = var.access_token_minutes
  id_token_validity      = var.access_token_minutes
  refresh_token_validity = 1

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

# The warehouse's and the carrier's systems: confidential clients of the
# client-credentials flow, each with the scopes of its job and no other.
resource "aws_cognito_user_pool_client" "machine" {
  for_each = local.machine_clients

  name         = "${var.name}-${each.key}"
  user_pool_id = aws_cognito_user_pool.staff.id

  generate_secret                      = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_scopes                 = [for scope in each.value : "${aws_cognito_resource_server.fulfilment.identifier}/${scope}"]
  supported_identity_providers         = ["COGNITO"]
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  enable_token_revocation              = true

  access_token_validity = var.access_token_minutes

  token_validity_units {
    access_token = "minutes"
  }
}

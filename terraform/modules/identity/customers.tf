# The customers' user pool: anyone may sign up with an email address; every
# token of this pool makes its bearer a customer, and only that (the services
# read no groups or scopes of it). MFA is the customer's choice.

resource "aws_cognito_user_pool" "customers" {
  name                     = "${var.name}-customers"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "OPTIONAL"
  deletion_protection      = var.production ? "ACTIVE" : "INACTIVE"
  user_pool_tier           = local.tier

  software_token_mfa_configuration {
    enabled = true
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    password_history_size            = 5
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  username_configuration {
    case_sensitive = false
  }

  user_pool_add_ons {
    advanced_security_mode = local.threat_protection
  }

  # Verification codes and password resets: through SES in production, with
  # the sending limits of the account's SES; Cognito's own sender otherwise.
  email_configuration {
    email_sending_account = var.email_sending_identity_arn == null ? "COGNITO_DEFAULT" : "DEVELOPER"
    source_arn            = var.email_sending_identity_arn
    from_email_address    = var.email_sending_identity_arn == null ? null : var.email_from_address
  }

  lifecycle {
    precondition {
      condition     = var.email_sending_identity_arn == null || var.email_from_address != null
      error_message = "E-mails sent through SES need a from address (email_from_address)."
    }
  }
}

# Lets Cognito send with the SES identity, for this user pool only.
resource "aws_ses_identity_policy" "customers" {
  count = var.email_sending_identity_arn == null ? 0 : 1

  identity = var.email_sending_identity_arn
  name     = "${var.name}-customers-cognito"
  policy   = data.aws_iam_policy_document.cognito_sends_email[0].json
}

data "aws_iam_policy_document" "cognito_sends_email" {
  count = var.email_sending_identity_arn == null ? 0 : 1

  statement {
    sid       = "CognitoSendsTheCustomersPoolsEmail"
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = [var.email_sending_identity_arn]
    principals {
      type        = "Service"
      identifiers = ["cognito-idp.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [aws_cognito_user_pool.customers.arn]
    }
  }
}

# The shop's web or mobile app: a public client (no secret), sign-in by SRP or
# by the hosted UI's authorization code flow with PKCE.
resource "aws_cognito_user_pool_client" "web" {
  name         = "${var.name}-web"
  user_pool_id = aws_cognito_user_pool.customers.id

  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  allowed_oauth_flows_user_pool_client = length(var.customer_callback_urls) > 0
  allowed_oauth_flows                  = length(var.customer_callback_urls) > 0 ? ["code"] : []
  allowed_oauth_scopes                 = length(var.customer_callback_urls) > 0 ? ["openid", "email"] : []
  callback_urls                        = var.customer_callback_urls
  logout_urls                          = var.customer_callback_urls
  supported_identity_providers         = ["COGNITO"]

  access_token_validity  = var.access_token_minutes
  id_token_validity      = var.access_token_minutes
  refresh_token_validity = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

resource "aws_cognito_user_pool_domain" "customers" {
  domain       = "${var.name}-customers-${local.domain_suffix}"
  user_pool_id = aws_cognito_user_pool.customers.id
  # The classic hosted UI: managed login (version 2) shows no page until a branding style
  # exists, which provider 5.x cannot create.
  managed_login_version = 1
}

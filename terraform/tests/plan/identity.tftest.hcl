# modules/identity: the customers' and the staff user pools, the resource
# server of the machine-to-machine scopes, the app clients.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_resource "aws_cognito_user_pool" {
    defaults = { id = "eu-west-1_Mock12345", endpoint = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Mock12345" }
  }
}

variables {
  name   = "fulfilment-test"
  region = "eu-west-1"
}

run "production_pools" {
  command = apply

  module {
    source = "../../modules/identity"
  }

  variables {
    production = true
  }

  assert {
    condition     = aws_cognito_user_pool.customers.mfa_configuration == "OPTIONAL" && aws_cognito_user_pool.staff.mfa_configuration == "ON"
    error_message = "MFA is the customer's choice and required of every operator."
  }

  assert {
    condition     = aws_cognito_user_pool.staff.admin_create_user_config[0].allow_admin_create_user_only && !aws_cognito_user_pool.customers.admin_create_user_config[0].allow_admin_create_user_only
    error_message = "Customers sign up; operators are created by an administrator only."
  }

  assert {
    condition = alltrue([for pool in [aws_cognito_user_pool.customers, aws_cognito_user_pool.staff] :
      pool.password_policy[0].minimum_length >= 12 && pool.password_policy[0].require_symbols && pool.password_policy[0].password_history_size > 0
      && pool.deletion_protection == "ACTIVE" && pool.user_pool_tier == "PLUS" && pool.user_pool_add_ons[0].advanced_security_mode == "ENFORCED"
    ])
    error_message = "Both pools: long passwords of every kind of character that may not repeat recent ones, threat protection enforced, deletion protection."
  }

  assert {
    condition     = aws_cognito_user_group.operator.name == "operator" && aws_cognito_user_group.operator.user_pool_id == aws_cognito_user_pool.staff.id
    error_message = "Operators are the staff pool's group named operator (the role the services check)."
  }

  assert {
    condition     = toset([for scope in aws_cognito_resource_server.fulfilment.scope : "${aws_cognito_resource_server.fulfilment.identifier}/${scope.scope_name}"]) == toset(["fulfilment/shipments.read", "fulfilment/shipments.dispatch", "fulfilment/shipments.deliver"])
    error_message = "The resource server's scopes are the roles shipping-service checks."
  }

  assert {
    condition = alltrue([for client in aws_cognito_user_pool_client.machine :
      client.generate_secret && client.allowed_oauth_flows == toset(["client_credentials"]) && client.user_pool_id == aws_cognito_user_pool.staff.id
    ]) && aws_cognito_user_pool_client.machine["warehouse"].allowed_oauth_scopes == toset(["fulfilment/shipments.read", "fulfilment/shipments.dispatch"]) && aws_cognito_user_pool_client.machine["carrier"].allowed_oauth_scopes == toset(["fulfilment/shipments.read", "fulfilment/shipments.deliver"])
    error_message = "The warehouse and the carrier are confidential client-credentials clients of the staff pool with only their own scopes."
  }

  assert {
    condition     = !aws_cognito_user_pool_client.web.generate_secret && aws_cognito_user_pool_client.web.user_pool_id == aws_cognito_user_pool.customers.id && aws_cognito_user_pool_client.web.prevent_user_existence_errors == "ENABLED"
    error_message = "The shop's app is a public client of the customers' pool that does not reveal which users exist."
  }

  assert {
    condition     = output.customers_issuer == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Mock12345" && length(output.client_ids) == 4
    error_message = "The services get each pool's issuer URL and the four app clients."
  }
}

run "development_pools" {
  command = plan

  module {
    source = "../../modules/identity"
  }

  variables {
    production = false
  }

  assert {
    condition     = aws_cognito_user_pool.staff.user_pool_tier == "ESSENTIALS" && aws_cognito_user_pool.staff.user_pool_add_ons[0].advanced_security_mode == "OFF" && aws_cognito_user_pool.staff.mfa_configuration == "ON"
    error_message = "Outside production: the Essentials tier (threat protection needs Plus), MFA still required of operators."
  }
}

run "domains_and_email_in_production" {
  command = plan

  module {
    source = "../../modules/identity"
  }

  variables {
    production                 = true
    domain_suffix              = "acme"
    email_sending_identity_arn = "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
    email_from_address         = "Shop <no-reply@example.com>"
  }

  assert {
    condition     = aws_cognito_user_pool_domain.customers.domain == "fulfilment-test-customers-acme" && aws_cognito_user_pool_domain.staff.domain == "fulfilment-test-staff-acme"
    error_message = "The pools' domain prefixes, unique per region across all accounts, end with the suffix."
  }

  assert {
    condition     = aws_cognito_user_pool_domain.customers.managed_login_version == 1 && aws_cognito_user_pool_domain.staff.managed_login_version == 1
    error_message = "Terraform review A15: the classic hosted UI, which shows its page without a branding style provider 5.x cannot make."
  }

  assert {
    condition = (
      aws_cognito_user_pool.customers.email_configuration[0].email_sending_account == "DEVELOPER"
      && aws_cognito_user_pool.customers.email_configuration[0].source_arn == "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
      && aws_cognito_user_pool.customers.email_configuration[0].from_email_address == "Shop <no-reply@example.com>"
      && length(aws_ses_identity_policy.customers) == 1
    )
    error_message = "Customers' e-mails go through the SES identity, which lets Cognito send with it."
  }
}

run "domains_and_email_in_development" {
  command = plan

  module {
    source = "../../modules/identity"
  }

  variables {
    production = false
  }

  assert {
    condition     = endswith(aws_cognito_user_pool_domain.customers.domain, "-123456789012") && endswith(aws_cognito_user_pool_domain.staff.domain, "-123456789012")
    error_message = "Without a suffix, the account's id makes the domain prefixes unique."
  }

  assert {
    condition     = aws_cognito_user_pool.customers.email_configuration[0].email_sending_account == "COGNITO_DEFAULT" && length(aws_ses_identity_policy.customers) == 0
    error_message = "Development uses Cognito's own sender."
  }
}

run "the_web_pages_sign_in_with_the_managed_login" {
  command = plan

  module {
    source = "../../modules/identity"
  }

  variables {
    production                = true
    customer_callback_urls    = ["https://d1example.cloudfront.net/"]
    back_office_callback_urls = ["https://d1example.cloudfront.net/back-office.html"]
    domain_suffix             = "acme"
  }

  assert {
    condition = alltrue([for client in [aws_cognito_user_pool_client.web, aws_cognito_user_pool_client.back_office] :
      !client.generate_secret && client.allowed_oauth_flows_user_pool_client && client.allowed_oauth_flows == toset(["code"])
    ])
    error_message = "The shop and the back office are public clients of the authorization code flow (with PKCE: no secret in a browser)."
  }

  assert {
    condition = (
      aws_cognito_user_pool_client.web.callback_urls == toset(["https://d1example.cloudfront.net/"])
      && aws_cognito_user_pool_client.back_office.callback_urls == toset(["https://d1example.cloudfront.net/back-office.html"])
      && aws_cognito_user_pool_client.back_office.logout_urls == toset(["https://d1example.cloudfront.net/back-office.html"])
    )
    error_message = "Each client returns to its own page only, after sign-in and after sign-out."
  }

  assert {
    condition = (
      output.web_sign_in.shop.authorize_url == "https://fulfilment-test-customers-acme.auth.eu-west-1.amazoncognito.com/oauth2/authorize"
      && output.web_sign_in.back_office.token_url == "https://fulfilment-test-staff-acme.auth.eu-west-1.amazoncognito.com/oauth2/token"
    )
    error_message = "The pages sign customers in at the customers' pool and staff at the staff pool."
  }
}

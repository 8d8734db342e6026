output "customers_issuer" {
  description = "Issuer URL of the customers' pool (its OpenID configuration and keys are under it); QUARKUS_OIDC_CUSTOMERS_AUTH_SERVER_URL."
  value       = "https://${aws_cognito_user_pool.customers.endpoint}"
}

output "staff_issuer" {
  description = "Issuer URL of the staff pool; QUARKUS_OIDC_STAFF_AUTH_SERVER_URL."
  value       = "https://${aws_cognito_user_pool.staff.endpoint}"
}

output "client_ids" {
  description = "Every app client whose access tokens the services accept (AUTH_CLIENT_IDS)."
  value = concat(
    [aws_cognito_user_pool_client.web.id, aws_cognito_user_pool_client.back_office.id],
    [for client in aws_cognito_user_pool_client.machine : client.id],
  )
}

output "machine_client_ids" {
  description = "Client id of the warehouse's and of the carrier's system; their secrets are in the console or `aws cognito-idp describe-user-pool-client`."
  value       = { for name, client in aws_cognito_user_pool_client.machine : name => client.id }
}

output "staff_token_endpoint" {
  description = "Token endpoint of the client-credentials flow for the warehouse and the carrier."
  value       = "${local.staff_login}/oauth2/token"
}

output "user_pool_ids" {
  description = "The customers' and the staff pool's ids (for adding operators: aws cognito-idp admin-create-user, admin-add-user-to-group operator)."
  value = {
    customers = aws_cognito_user_pool.customers.id
    staff     = aws_cognito_user_pool.staff.id
  }
}

output "web_sign_in" {
  description = "The hosted UI of the shop's and the back office's public clients: authorization, token and logout endpoints, client id (the web pages' config.json)."
  value = {
    shop = {
      authorize_url = "${local.customers_login}/oauth2/authorize"
      token_url     = "${local.customers_login}/oauth2/token"
      logout_url    = "${local.customers_login}/logout"
      client_id     = aws_cognito_user_pool_client.web.id
    }
    back_office = {
      authorize_url = "${local.staff_login}/oauth2/authorize"
      token_url     = "${local.staff_login}/oauth2/token"
      logout_url    = "${local.staff_login}/logout"
      client_id     = aws_cognito_user_pool_client.back_office.id
    }
  }
}

output "login_origins" {
  description = "Origins of the two pools' hosted UIs (https://<domain>.auth.<region>.amazoncognito.com), known before the app clients: the web pages' Content-Security-Policy lets them be called."
  value       = [local.customers_login, local.staff_login]
}

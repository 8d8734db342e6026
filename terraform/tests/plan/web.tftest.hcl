# modules/web: the shop and the back office from a private bucket through CloudFront.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_cloudfront_cache_policy" {
    defaults = { id = "658327ea-f89d-4fab-a63d-7e88639e58f6" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::fulfilment-test-web-1", bucket = "fulfilment-test-web-1", bucket_regional_domain_name = "fulfilment-test-web-1.s3.eu-west-1.amazonaws.com" }
  }
  mock_resource "aws_cloudfront_distribution" {
    defaults = { arn = "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE", domain_name = "d1example.cloudfront.net", id = "E2EXAMPLE" }
  }
}

variables {
  sign_in_origins     = ["https://fulfilment-test-customers-acme.auth.eu-west-1.amazoncognito.com", "https://fulfilment-test-staff-acme.auth.eu-west-1.amazoncognito.com"]
  name                = "fulfilment-test"
  api_url             = "https://api.example.com"
  deletion_protection = true
  sign_in = {
    shop = {
      authorize_url = "https://fulfilment-test-customers-acme.auth.eu-west-1.amazoncognito.com/oauth2/authorize"
      token_url     = "https://fulfilment-test-customers-acme.auth.eu-west-1.amazoncognito.com/oauth2/token"
      logout_url    = "https://fulfilment-test-customers-acme.auth.eu-west-1.amazoncognito.com/logout"
      client_id     = "shopclient"
    }
    back_office = {
      authorize_url = "https://fulfilment-test-staff-acme.auth.eu-west-1.amazoncognito.com/oauth2/authorize"
      token_url     = "https://fulfilment-test-staff-acme.auth.eu-west-1.amazoncognito.com/oauth2/token"
      logout_url    = "https://fulfilment-test-staff-acme.auth.eu-west-1.amazoncognito.com/logout"
      client_id     = "backofficeclient"
    }
  }
}

run "the_pages_from_a_private_bucket_through_cloudfront" {
  command = apply

  module {
    source = "../../modules/web"
  }

  # Terraform review A7 and A13.
  assert {
    condition     = aws_cloudfront_distribution.site.viewer_certificate[0].cloudfront_default_certificate && aws_cloudfront_distribution.site.viewer_certificate[0].minimum_protocol_version == "TLSv1"
    error_message = "With CloudFront's default certificate, the only TLS floor CloudFront keeps is TLSv1: another would show as a change in every plan."
  }

  assert {
    condition     = contains(output.callback_urls.shop, "https://${aws_cloudfront_distribution.site.domain_name}/index.html")
    error_message = "A visitor who opened the shop as /index.html can sign in: the hosted UI returns to the page it was sent from."
  }

  assert {
    condition = (
      aws_s3_bucket_public_access_block.site.block_public_policy && aws_s3_bucket_public_access_block.site.restrict_public_buckets
      && one(aws_cloudfront_distribution.site.origin).origin_access_control_id == aws_cloudfront_origin_access_control.site.id
      && aws_cloudfront_origin_access_control.site.signing_behavior == "always"
    )
    error_message = "The bucket is never public: CloudFront reads it through origin access control."
  }

  assert {
    condition = (
      toset(one([for statement in data.aws_iam_policy_document.site.statement : one(statement.condition).values if statement.sid == "DistributionReadsThePages"])) == toset([aws_cloudfront_distribution.site.arn])
      && one([for statement in data.aws_iam_policy_document.site.statement : statement.actions if statement.sid == "DistributionReadsThePages"]) == toset(["s3:GetObject"])
    )
    error_message = "Only this distribution may read the pages, and only read them."
  }

  assert {
    condition = (
      aws_cloudfront_distribution.site.default_cache_behavior[0].viewer_protocol_policy == "redirect-to-https"
      && aws_cloudfront_distribution.site.default_cache_behavior[0].allowed_methods == toset(["GET", "HEAD"])
      && aws_cloudfront_distribution.site.default_cache_behavior[0].response_headers_policy_id == aws_cloudfront_response_headers_policy.site.id
    )
    error_message = "HTTPS only, reads only, and every answer with the security headers."
  }

  assert {
    condition = (
      output.content_security_policy == "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://api.example.com https://fulfilment-test-customers-acme.auth.eu-west-1.amazoncognito.com https://fulfilment-test-staff-acme.auth.eu-west-1.amazoncognito.com; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
      && one(aws_cloudfront_response_headers_policy.site.security_headers_config).frame_options[0].frame_option == "DENY"
      && one(aws_cloudfront_response_headers_policy.site.security_headers_config).strict_transport_security[0].access_control_max_age_sec >= 31536000
    )
    error_message = "Scripts and styles from the site only, calls to the API and the two token endpoints only, never framed, HSTS."
  }

  assert {
    condition = (
      jsondecode(aws_s3_object.config.content).api.orders == "https://api.example.com"
      && jsondecode(aws_s3_object.config.content).signIn.shop.clientId == "shopclient"
      && jsondecode(aws_s3_object.config.content).signIn.backOffice.tokenUrl == var.sign_in.back_office.token_url
      && aws_s3_object.config.cache_control == "no-cache"
    )
    error_message = "config.json names the API and each client's sign-in, and is read again on every visit."
  }

  assert {
    condition     = output.callback_urls.shop == ["https://d1example.cloudfront.net/", "https://d1example.cloudfront.net/index.html"] && output.callback_urls.back_office == ["https://d1example.cloudfront.net/back-office.html"] && output.origin == "https://d1example.cloudfront.net"
    error_message = "Cognito returns to the shop's and the back office's own pages; the services let that origin call them."
  }
}

# The shop and the back office: static files (web/dist, built and uploaded by the
# pipeline) in a private bucket that only this distribution may read (origin access
# control), served over HTTPS with the security headers the pages need.

locals {
  # Scripts and styles from this site only (the build names them; nothing inline), calls
  # to the API and to the two token endpoints, no framing.
  content_security_policy = join("; ", [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' ${join(" ", distinct(concat([regex("^https://[^/]+", var.api_url)], var.sign_in_origins)))}",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ])
}

resource "aws_s3_bucket" "site" {
  bucket_prefix = "${var.name}-web-"
  force_destroy = !var.deletion_protection
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-S3: the files are public pages, and CloudFront's access control reads them
# without a key policy to keep in step.
resource "aws_s3_bucket_server_side_encryption_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "site" {
  bucket = aws_s3_bucket.site.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    id     = "old-builds"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

resource "aws_cloudfront_origin_access_control" "site" {
  name                              = "${var.name}-web"
  description                       = "The web pages' distribution reads the site bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

data "aws_iam_policy_document" "site" {
  statement {
    sid       = "DistributionReadsThePages"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
  }

  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.site.arn, "${aws_s3_bucket.site.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket     = aws_s3_bucket.site.id
  policy     = data.aws_iam_policy_document.site.json
  depends_on = [aws_s3_bucket_public_access_block.site]
}

resource "aws_cloudfront_response_headers_policy" "site" {
  name = "${var.name}-web"

  security_headers_config {
    content_security_policy {
      content_security_policy = local.content_security_policy
      override                = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "no-referrer"
      override        = true
    }
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      override                   = true
    }
  }

  # No page of another origin that this one opens (or that opens it) keeps a handle on its
  # window: the shop and the back office share the origin, and a script of one may not
  # reach into a window of the other that it did not open itself.
  custom_headers_config {
    items {
      header   = "Cross-Origin-Opener-Policy"
      value    = "same-origin"
      override = true
    }
    items {
      header   = "Permissions-Policy"
      value    = "camera=(), microphone=(), geolocation=(), payment=()"
      override = true
    }
  }
}

# The managed caching policies: hashed assets are cached long; the pages and
# config.json carry Cache-Control: no-cache, which the policy honours.
data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  comment             = "${var.name} shop and back office"
  default_root_object = "index.html"
  http_version        = "http2and3"
  price_class         = "PriceClass_100"

  origin {
    origin_id                = "site"
    domain_name              = aws_s3_bucket.site.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  default_cache_behavior {
    target_origin_id           = "site"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.optimized.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.site.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # The distribution's own name (https://<id>.cloudfront.net): a name of your domain needs
  # a certificate in us-east-1 and an alias record, left to whoever adopts this. With
  # CloudFront's default certificate the TLS floor is CloudFront's (TLSv1): a higher one
  # needs such a certificate (README), and asking for it here would only make every plan
  # show a change that never applies.
  viewer_certificate {
    cloudfront_default_certificate = true
    minimum_protocol_version       = "TLSv1"
  }
}

# What the pages read first: the API and the sign-in of each public client. Terraform
# owns it; the pipeline's upload of web/dist leaves it alone.
resource "aws_s3_object" "config" {
  bucket        = aws_s3_bucket.site.id
  key           = "config.json"
  content_type  = "application/json"
  cache_control = "no-cache"
  content = jsonencode({
    api = { orders = var.api_url, inventory = var.api_url, shipments = var.api_url }
    signIn = {
      shop = {
        authorizeUrl = var.sign_in.shop.authorize_url
        tokenUrl     = var.sign_in.shop.token_url
        logoutUrl    = var.sign_in.shop.logout_url
        clientId     = var.sign_in.shop.client_id
        scope        = "openid"
      }
      backOffice = {
        authorizeUrl = var.sign_in.back_office.authorize_url
        tokenUrl     = var.sign_in.back_office.token_url
        logoutUrl    = var.sign_in.back_office.logout_url
        clientId     = var.sign_in.back_office.client_id
        scope        = "openid"
      }
    }
  })
}

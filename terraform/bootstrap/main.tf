# The S3 bucket that holds the environments' Terraform state, made once per
# account, applied with local state by a deploy role (see README). The state
# holds secrets (the machine clients' client secrets, among others): nobody but
# the deploy roles may read it, and only over TLS.

data "aws_partition" "current" {}

locals {
  # From the name, not from the bucket: the policy is then known before the bucket
  # exists, and the plan shows it whole.
  bucket_arn = "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name}"
}

resource "aws_s3_bucket" "state" {
  bucket = var.bucket_name

  # Losing the state of a running system is worse than keeping a bucket.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    id     = "old-state-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

data "aws_iam_policy_document" "state" {
  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arn, "${local.bucket_arn}/*"]
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

  statement {
    sid       = "DeployRolesOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arn, "${local.bucket_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = var.deploy_role_arns
    }
  }
}

data "aws_caller_identity" "current" {}

# The role behind the session that applies this, with its path (IAM Identity Center's roles
# have one: role/aws-reserved/sso.amazonaws.com/...), as aws:PrincipalArn sees it.
data "aws_iam_session_context" "applier" {
  arn = data.aws_caller_identity.current.arn
}

locals {
  applier = data.aws_iam_session_context.applier.issuer_arn
  # deploy_role_arns as regular expressions, as ArnLike reads them: * any run, ? one character.
  deploy_role_patterns = [for arn in var.deploy_role_arns :
    "^${replace(replace(replace(replace(arn, ".", "\\."), "+", "\\+"), "*", ".*"), "?", ".")}$"
  ]
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = data.aws_iam_policy_document.state.json

  # The bucket is whole before the policy closes it to all but the deploy roles.
  depends_on = [
    aws_s3_bucket_public_access_block.state,
    aws_s3_bucket_versioning.state,
    aws_s3_bucket_server_side_encryption_configuration.state,
    aws_s3_bucket_ownership_controls.state,
    aws_s3_bucket_lifecycle_configuration.state,
  ]

  lifecycle {
    precondition {
      condition     = anytrue([for pattern in local.deploy_role_patterns : can(regex(pattern, local.applier))])
      error_message = "You apply this as ${local.applier}, which deploy_role_arns does not name: the policy would lock you out. Add it (with its path; a wildcard such as arn:aws:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_* works)."
    }
    precondition {
      condition     = alltrue([for arn in var.deploy_role_arns : split(":", arn)[4] == data.aws_caller_identity.current.account_id])
      error_message = "Every deploy role is of this account (${data.aws_caller_identity.current.account_id}): the policy only denies, and another account's role would need an allow of its own."
    }
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = toset(["codebuild", "codedeploy", "codepipeline"])

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["${each.key}.amazonaws.com"]
    }
  }
}

# Three CodeBuild roles, one per project, each with what its project does and no more. The
# test and image build runs the commit's code (and every Maven plugin and npm package it
# pulls) before anyone approves it: it may push images, never touch what production serves.
resource "aws_iam_role" "build" {
  name               = "${var.name}-build"
  assume_role_policy = data.aws_iam_policy_document.assume["codebuild"].json
}

resource "aws_iam_role" "release" {
  name               = "${var.name}-release"
  assume_role_policy = data.aws_iam_policy_document.assume["codebuild"].json
}

resource "aws_iam_role" "web" {
  name               = "${var.name}-web"
  assume_role_policy = data.aws_iam_policy_document.assume["codebuild"].json
}

data "aws_iam_policy_document" "build" {
  source_policy_documents = [data.aws_iam_policy_document.codebuild_common.json]

  statement {
    sid       = "TestReports"
    actions   = ["codebuild:CreateReport", "codebuild:UpdateReport", "codebuild:BatchPutTestCases"]
    resources = [aws_codebuild_report_group.tests.arn]
  }

  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # no resource-level permissions for this action
  }

  statement {
    sid = "PushImages"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages",
      "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
    ]
    resources = [for service in var.services : service.repository_arn]
  }
}

# After the approval: adds a tag to the approved images and reads the task definitions it
# templates. Its buildspec is Terraform's own (build.tf).
data "aws_iam_policy_document" "release" {
  source_policy_documents = [data.aws_iam_policy_document.codebuild_common.json]

  statement {
    sid       = "TagReleases"
    actions   = ["ecr:BatchGetImage", "ecr:DescribeImages", "ecr:PutImage"]
    resources = [for service in var.services : service.repository_arn]
  }

  statement {
    sid       = "ReadTaskDefinitions"
    actions   = ["ecs:DescribeTaskDefinition"]
    resources = ["*"] # no resource-level permissions for this action
  }
}

# After the deployments: the site bucket's pages and assets, and refreshing the distribution;
# never config.json, which Terraform writes and which says where the pages sign in.
data "aws_iam_policy_document" "web" {
  source_policy_documents = [data.aws_iam_policy_document.codebuild_common.json]

  statement {
    sid       = "ListWebPages"
    actions   = ["s3:ListBucket"]
    resources = [var.web.bucket_arn]
  }

  statement {
    sid       = "UploadWebPages"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.web.bucket_arn}/*"]
  }

  statement {
    sid       = "NeverTheSiteConfiguration"
    effect    = "Deny"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.web.bucket_arn}/config.json"]
  }

  statement {
    sid       = "RefreshWebPages"
    actions   = ["cloudfront:CreateInvalidation"]
    resources = [var.web.distribution_arn]
  }
}

# What every build does: its logs, and the pipeline's artifacts (its input, its output).
data "aws_iam_policy_document" "codebuild_common" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.build.arn}:*"]
  }

  statement {
    sid       = "PipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }
}

resource "aws_iam_role_policy" "build" {
  role   = aws_iam_role.build.id
  policy = data.aws_iam_policy_document.build.json
}

resource "aws_iam_role_policy" "release" {
  role   = aws_iam_role.release.id
  policy = data.aws_iam_policy_document.release.json
}

resource "aws_iam_role_policy" "web" {
  role   = aws_iam_role.web.id
  policy = data.aws_iam_policy_document.web.json
}

# CodeDeploy: the AWS-managed policy for ECS blue/green is the documented
# minimum for shifting listeners and replacing task sets.
resource "aws_iam_role" "deploy" {
  name               = "${var.name}-deploy"
  assume_role_policy = data.aws_iam_policy_document.assume["codedeploy"].json
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSCodeDeployRoleForECS"
}

# CodePipeline: its artifacts, the connection, the build, the deployments.
resource "aws_iam_role" "pipeline" {
  name               = "${var.name}-pipeline"
  assume_role_policy = data.aws_iam_policy_document.assume["codepipeline"].json
}

data "aws_iam_policy_document" "pipeline" {
  statement {
    sid       = "Artifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:GetBucketVersioning"]
    resources = [aws_s3_bucket.artifacts.arn, "${aws_s3_bucket.artifacts.arn}/*"]
  }

  # Connections were renamed from CodeStar to CodeConnections; both prefixes
  # name the same permission, and which one is checked depends on the ARN.
  statement {
    sid       = "Source"
    actions   = ["codestar-connections:UseConnection", "codeconnections:UseConnection"]
    resources = [aws_codestarconnections_connection.source.arn]
  }

  statement {
    sid       = "Build"
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"]
    resources = [aws_codebuild_project.this.arn, aws_codebuild_project.release.arn, aws_codebuild_project.web.arn]
  }

  statement {
    sid     = "Deploy"
    actions = ["codedeploy:CreateDeployment", "codedeploy:GetDeployment", "codedeploy:GetApplication", "codedeploy:GetApplicationRevision", "codedeploy:RegisterApplicationRevision"]
    resources = concat(
      [aws_codedeploy_app.this.arn],
      [for group in aws_codedeploy_deployment_group.this : group.arn],
    )
  }

  statement {
    sid       = "DeploymentConfig"
    actions   = ["codedeploy:GetDeploymentConfig"]
    resources = ["arn:${data.aws_partition.current.partition}:codedeploy:${var.region}:${data.aws_caller_identity.current.account_id}:deploymentconfig:CodeDeployDefault.ECSAllAtOnce"]
  }

  statement {
    sid       = "RegisterTaskDefinitions"
    actions   = ["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"]
    resources = ["*"] # no resource-level permissions for these actions
  }

  statement {
    sid       = "PassTheServicesRoles"
    actions   = ["iam:PassRole"]
    resources = flatten([for service in var.services : [service.execution_role_arn, service.task_role_arn]])
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "pipeline" {
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline.json
}

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

# CodeBuild: read the source, write artifacts, logs and test reports, push
# the three images, read the task definitions it templates.
resource "aws_iam_role" "build" {
  name               = "${var.name}-build"
  assume_role_policy = data.aws_iam_policy_document.assume["codebuild"].json
}

data "aws_iam_policy_document" "build" {
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

  statement {
    sid       = "ListWebPages"
    actions   = ["s3:ListBucket"]
    resources = [var.web.bucket_arn]
  }

  statement {
    sid       = "UploadWebPages"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.web.bucket_arn}/*"]
  }

  statement {
    sid       = "RefreshWebPages"
    actions   = ["cloudfront:CreateInvalidation"]
    resources = [var.web.distribution_arn]
  }

  statement {
    sid       = "ReadTaskDefinitions"
    actions   = ["ecs:DescribeTaskDefinition"]
    resources = ["*"] # no resource-level permissions for this action
  }
}

resource "aws_iam_role_policy" "build" {
  role   = aws_iam_role.build.id
  policy = data.aws_iam_policy_document.build.json
}

# CodeDeploy: the AWS-managed policy for ECS blue/green is the documented
# minimum for shifting listeners and replacing task sets.
resource "aws_iam_role" "deploy" {
  name               = "${var.name}-deploy"
  assume_role_policy = data.aws_iam_policy_document.assume["codedeploy"].json
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/AWSCodeDeployRoleForECS"
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
    resources = ["arn:aws:codedeploy:${var.region}:${data.aws_caller_identity.current.account_id}:deploymentconfig:CodeDeployDefault.ECSAllAtOnce"]
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

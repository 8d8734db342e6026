data "aws_caller_identity" "current" {}

resource "aws_cloudwatch_log_group" "build" {
  name              = "/codebuild/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_codebuild_report_group" "tests" {
  name = "${var.name}-tests"
  type = "TEST"

  export_config {
    type = "NO_EXPORT"
  }
}

resource "aws_codebuild_project" "this" {
  name          = var.name
  description   = "Tests every commit, builds one image per service and the deployment files (buildspec.yml)"
  service_role  = aws_iam_role.build.arn
  build_timeout = 45

  source {
    type      = "CODEPIPELINE"
    buildspec = "buildspec.yml"
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  cache {
    type  = "LOCAL"
    modes = ["LOCAL_CUSTOM_CACHE", "LOCAL_DOCKER_LAYER_CACHE"]
  }

  environment {
    # Graviton, like the tasks: images are built natively for arm64.
    compute_type    = "BUILD_GENERAL1_LARGE"
    image           = "aws/codebuild/amazonlinux-aarch64-standard:3.0"
    type            = "ARM_CONTAINER"
    privileged_mode = true # docker build

    environment_variable {
      name  = "AWS_ACCOUNT_ID"
      value = data.aws_caller_identity.current.account_id
    }

    environment_variable {
      name  = "REPORT_GROUP_ARN"
      value = aws_codebuild_report_group.tests.arn
    }

    dynamic "environment_variable" {
      for_each = var.services
      content {
        name  = "${upper(replace(environment_variable.key, "-", "_"))}_REPOSITORY"
        value = environment_variable.value.repository_url
      }
    }

    dynamic "environment_variable" {
      for_each = var.services
      content {
        name  = "${upper(replace(environment_variable.key, "-", "_"))}_TASK_FAMILY"
        value = environment_variable.value.task_definition_family
      }
    }


  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }
}

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

# Tags the images the Deploy stage is about to deploy "release-<commit>", which the
# repositories' lifecycle policy keeps (modules/registry): an image a service runs never
# expires while builds wait for approval. A commit deployed again keeps its tag.
resource "aws_codebuild_project" "release" {
  name          = "${var.name}-release"
  description   = "Tags the images about to be deployed as releases"
  service_role  = aws_iam_role.build.arn
  build_timeout = 10

  source {
    type      = "CODEPIPELINE"
    buildspec = <<-YAML
      version: 0.2
      phases:
        build:
          commands:
            - TAG="$${CODEBUILD_RESOLVED_SOURCE_VERSION:0:12}"
            - |
              for repository in $REPOSITORIES; do
                manifest=$(aws ecr batch-get-image --repository-name "$repository" --image-ids imageTag="$TAG" \
                  --query 'images[0].imageManifest' --output text)
                if aws ecr describe-images --repository-name "$repository" --image-ids imageTag="release-$TAG" >/dev/null 2>&1; then
                  echo "$repository:release-$TAG exists"
                else
                  aws ecr put-image --repository-name "$repository" --image-tag "release-$TAG" --image-manifest "$manifest" >/dev/null
                  echo "$repository:$TAG tagged release-$TAG"
                fi
              done
    YAML
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/amazonlinux-aarch64-standard:3.0"
    type         = "ARM_CONTAINER"

    environment_variable {
      name = "REPOSITORIES"
      # Repository names: the part of each URL after the registry's host.
      value = join(" ", [for service in var.services : join("/", slice(split("/", service.repository_url), 1, length(split("/", service.repository_url))))])
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }
}

# Builds the web pages (web/, Vite) of the commit just deployed and uploads them to the
# site bucket, after the services' deployments: the pages of a commit never call an API
# older than theirs. config.json is Terraform's (modules/web) and stays.
resource "aws_codebuild_project" "web" {
  name          = "${var.name}-web"
  description   = "Builds and uploads the web pages of the deployed commit"
  service_role  = aws_iam_role.build.arn
  build_timeout = 15

  source {
    type      = "CODEPIPELINE"
    buildspec = <<-YAML
      version: 0.2
      phases:
        install:
          runtime-versions:
            nodejs: 20
        build:
          commands:
            - cd web && npm ci --no-audit --no-fund && npm run build
            - aws s3 sync dist "s3://$WEB_BUCKET" --delete --exclude config.json --cache-control no-cache --exclude 'assets/*'
            - aws s3 sync dist/assets "s3://$WEB_BUCKET/assets" --delete --cache-control 'public, max-age=31536000, immutable'
            - aws cloudfront create-invalidation --distribution-id "$WEB_DISTRIBUTION_ID" --paths '/*'
    YAML
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/amazonlinux-aarch64-standard:3.0"
    type         = "ARM_CONTAINER"

    environment_variable {
      name  = "WEB_BUCKET"
      value = var.web.bucket_name
    }

    environment_variable {
      name  = "WEB_DISTRIBUTION_ID"
      value = var.web.distribution_id
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }
}

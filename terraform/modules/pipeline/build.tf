data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

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

locals {
  # Per service, the names the builds' environment gives them: ORDER_SERVICE_REPOSITORY, ...
  service_variables = { for service, _ in var.services : service => upper(replace(service, "-", "_")) }

  # The commit the Source action read, passed to the build before the approval and to the
  # release after it: both tag the same image, whatever each build resolves by itself.
  commit_variable = jsonencode([{ name = "COMMIT_ID", value = "#{SourceVariables.CommitId}", type = "PLAINTEXT" }])
}

# Before any approval: tests the commit, builds and pushes one image per service, and keeps
# each image's bill of materials (buildspec.yml). It runs the repository's code, so its role
# may push images and nothing that production serves (iam.tf).
resource "aws_codebuild_project" "this" {
  name          = var.name
  description   = "Tests every commit and builds one image per service (buildspec.yml)"
  service_role  = aws_iam_role.build.arn
  build_timeout = 60

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
    compute_type    = var.build_compute_type
    image           = "aws/codebuild/amazonlinux-aarch64-standard:3.0"
    type            = "ARM_CONTAINER"
    privileged_mode = true # docker build

    environment_variable {
      name  = "AWS_ACCOUNT_ID"
      value = data.aws_caller_identity.current.account_id
    }

    dynamic "environment_variable" {
      for_each = var.services
      content {
        name  = "${local.service_variables[environment_variable.key]}_REPOSITORY"
        value = environment_variable.value.repository_url
      }
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }
}

# After the approval, before the deployments: tags each service's image of the commit
# "release-<commit>", which the repositories' lifecycle keeps (modules/registry), and writes
# what each CodeDeploy action deploys: the image by its digest, the task definition Terraform
# registered as a template, the appspec. Its buildspec is here, not in the repository: the
# files a deployment runs are made by no code of the commit being approved.
resource "aws_codebuild_project" "release" {
  name          = "${var.name}-release"
  description   = "Tags the images about to be deployed as releases and writes their deployment files"
  service_role  = aws_iam_role.release.arn
  build_timeout = 10

  source {
    type = "CODEPIPELINE"
    buildspec = yamlencode({
      version = "0.2"
      env     = { shell = "bash" }
      phases = {
        install = { commands = ["dnf install -y -q jq"] }
        build = {
          commands = [
            "TAG=\"$${COMMIT_ID:0:12}\"; [ -n \"$TAG\" ] || { echo 'COMMIT_ID is not set' >&2; exit 1; }",
            <<-SCRIPT
              for service in $SERVICES; do
                variable="$(echo "$${service//-/_}" | tr '[:lower:]' '[:upper:]')"
                repository_url_variable="$${variable}_REPOSITORY"; family_variable="$${variable}_TASK_FAMILY"
                repository_url="$${!repository_url_variable}"; repository="$${repository_url#*/}"
                image=$(aws ecr batch-get-image --repository-name "$repository" --image-ids imageTag="$TAG" --query 'images[0]')
                manifest=$(echo "$image" | jq -r .imageManifest)
                media_type=$(echo "$image" | jq -r .imageManifestMediaType)
                if aws ecr describe-images --repository-name "$repository" --image-ids imageTag="release-$TAG" >/dev/null 2>&1; then
                  echo "$repository:release-$TAG exists"
                else
                  aws ecr put-image --repository-name "$repository" --image-tag "release-$TAG" \
                    --image-manifest "$manifest" --image-manifest-media-type "$media_type" >/dev/null
                  echo "$repository:$TAG tagged release-$TAG"
                fi
                digest=$(echo "$image" | jq -r .imageId.imageDigest)
                mkdir -p "deploy/$service"
                printf '{"ImageURI":"%s@%s"}' "$repository_url" "$digest" > "deploy/$service/imageDetail.json"
                aws ecs describe-task-definition --task-definition "$${!family_variable}" --query taskDefinition \
                  | jq --arg container "$service" '
                      del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities,
                          .registeredAt, .registeredBy)
                      | .containerDefinitions |= map(if .name == $container then .image = "<IMAGE1_NAME>" else . end)' \
                  > "deploy/$service/taskdef.json"
                subnets_variable="$${variable}_SUBNETS"; groups_variable="$${variable}_SECURITY_GROUPS"
                sed -e "s/CONTAINER_NAME/$service/" -e "s/SUBNETS/$${!subnets_variable}/" \
                    -e "s/SECURITY_GROUPS/$${!groups_variable}/" appspec.yml > "deploy/$service/appspec.yml"
              done
            SCRIPT
          ]
        }
      }
      artifacts = {
        secondary-artifacts = { for service, _ in var.services : replace(service, "-", "_") => {
          base-directory = "deploy/${service}"
          files          = ["imageDetail.json", "taskdef.json", "appspec.yml"]
        } }
      }
    })
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/amazonlinux-aarch64-standard:3.0"
    type         = "ARM_CONTAINER"

    environment_variable {
      name  = "SERVICES"
      value = join(" ", keys(var.services))
    }

    dynamic "environment_variable" {
      for_each = var.services
      content {
        name  = "${local.service_variables[environment_variable.key]}_REPOSITORY"
        value = environment_variable.value.repository_url
      }
    }

    dynamic "environment_variable" {
      for_each = var.services
      content {
        name  = "${local.service_variables[environment_variable.key]}_TASK_FAMILY"
        value = environment_variable.value.task_definition_family
      }
    }

    # The network the tasks of the next deployment get, as JSON lists for the appspec.
    dynamic "environment_variable" {
      for_each = var.services
      content {
        name  = "${local.service_variables[environment_variable.key]}_SUBNETS"
        value = jsonencode(environment_variable.value.subnet_ids)
      }
    }

    dynamic "environment_variable" {
      for_each = var.services
      content {
        name  = "${local.service_variables[environment_variable.key]}_SECURITY_GROUPS"
        value = jsonencode(environment_variable.value.security_group_ids)
      }
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }
}

# After the deployments: builds the web pages (web/, Vite) of the commit just deployed and
# uploads them to the site bucket, so that the pages of a commit never call an API older than
# theirs. The hashed assets go first and stay (a tab open on the last release still loads
# its own), then the pages, then the distribution is refreshed; assets of none of the last
# var.web_releases_kept releases are removed last. config.json is Terraform's (modules/web):
# this build's role may not write it.
resource "aws_codebuild_project" "web" {
  name          = "${var.name}-web"
  description   = "Builds and uploads the web pages of the deployed commit"
  service_role  = aws_iam_role.web.arn
  build_timeout = 15

  source {
    type      = "CODEPIPELINE"
    buildspec = <<-YAML
      version: 0.2
      env:
        shell: bash
      phases:
        install:
          runtime-versions:
            nodejs: 22
        build:
          commands:
            - (cd web && npm ci --no-audit --no-fund --ignore-scripts && npm run build)
            - aws s3 sync web/dist/assets "s3://$WEB_BUCKET/assets" --cache-control 'public, max-age=31536000, immutable'
            - ls web/dist/assets | aws s3 cp - "s3://$WEB_BUCKET/releases/$CODEBUILD_BUILD_NUMBER.txt"
            - aws s3 sync web/dist "s3://$WEB_BUCKET" --delete --exclude config.json --exclude 'assets/*' --exclude 'releases/*' --cache-control no-cache
            - aws cloudfront create-invalidation --distribution-id "$WEB_DISTRIBUTION_ID" --paths '/*'
            - |
              kept=$(aws s3api list-objects-v2 --bucket "$WEB_BUCKET" --prefix releases/                        --query "reverse(sort_by(Contents, &LastModified))[:$WEB_RELEASES_KEPT].Key" --output text)
              for release in $kept; do aws s3 cp "s3://$WEB_BUCKET/$release" -; done | sort -u > kept-assets.txt
              aws s3 ls "s3://$WEB_BUCKET/assets/" | awk '{print $4}' | grep -vxF -f kept-assets.txt                 | while read -r asset; do aws s3 rm "s3://$WEB_BUCKET/assets/$asset"; done
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

    environment_variable {
      name  = "WEB_RELEASES_KEPT"
      value = tostring(var.web_releases_kept)
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }
}

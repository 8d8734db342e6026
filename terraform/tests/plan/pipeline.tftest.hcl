# modules/pipeline: test, build and deploy every commit, blue/green with rollback.

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::fulfilment-test-pipeline-1", bucket = "fulfilment-test-pipeline-1" }
  }
  mock_resource "aws_codebuild_project" {
    defaults = { arn = "arn:aws:codebuild:eu-west-1:123456789012:project/fulfilment-test" }
  }
  mock_resource "aws_codebuild_report_group" {
    defaults = { arn = "arn:aws:codebuild:eu-west-1:123456789012:report-group/fulfilment-test-tests" }
  }
  mock_resource "aws_codestarconnections_connection" {
    defaults = { arn = "arn:aws:codeconnections:eu-west-1:123456789012:connection/00000000-0000-0000-0000-000000000000" }
  }
}

variables {
  name               = "fulfilment-test"
  region             = "eu-west-1"
  repository         = "example/order-fulfilment"
  cluster_name       = "fulfilment-test"
  https_listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/fulfilment-test/0123456789abcdef/0000000000000443"
  test_listener_arn  = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/fulfilment-test/0123456789abcdef/0000000000008443"
  services = {
    "order-service" = {
      ecs_service_name       = "order-service"
      task_definition_family = "fulfilment-test-order-service"
      execution_role_arn     = "arn:aws:iam::123456789012:role/fulfilment-test-order-service-execution"
      task_role_arn          = "arn:aws:iam::123456789012:role/fulfilment-test-order-service-task"
      target_group_names     = { blue = "fulfilment-test-order-service-b", green = "fulfilment-test-order-service-g" }
      repository_url         = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fulfilment-test/order-service"
      repository_arn         = "arn:aws:ecr:eu-west-1:123456789012:repository/fulfilment-test/order-service"
      rollback_alarm_names   = ["fulfilment-test-order-service-5xx", "fulfilment-test-order-service-p99-latency"]
      subnet_ids             = ["subnet-0a", "subnet-0b"]
      security_group_ids     = ["sg-0order"]
    }
  }
  web = {
    bucket_name      = "fulfilment-test-web-1"
    bucket_arn       = "arn:aws:s3:::fulfilment-test-web-1"
    distribution_id  = "E2EXAMPLE"
    distribution_arn = "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE"
  }
}

run "production_pipeline" {
  command = apply

  module {
    source = "../../modules/pipeline"
  }

  override_resource {
    target = aws_iam_role.build
    values = { arn = "arn:aws:iam::123456789012:role/fulfilment-test-build" }
  }

  override_resource {
    target = aws_iam_role.release
    values = { arn = "arn:aws:iam::123456789012:role/fulfilment-test-release" }
  }

  override_resource {
    target = aws_iam_role.web
    values = { arn = "arn:aws:iam::123456789012:role/fulfilment-test-web" }
  }

  variables {
    require_approval = true
  }

  assert {
    condition     = [for stage in aws_codepipeline.this.stage : stage.name] == ["Source", "Build", "Approve", "Deploy"]
    error_message = "Source, build (tests and images), a person's approval in production, then the deployments."
  }

  assert {
    condition = alltrue([for service, group in aws_codedeploy_deployment_group.this :
      group.deployment_style[0].deployment_type == "BLUE_GREEN"
      && group.auto_rollback_configuration[0].enabled
      && contains(group.auto_rollback_configuration[0].events, "DEPLOYMENT_STOP_ON_ALARM")
      && group.alarm_configuration[0].enabled
      && group.alarm_configuration[0].alarms == toset(var.services[service].rollback_alarm_names)
    ])
    error_message = "Every service deploys blue/green and rolls back on failure and on its alarms."
  }

  assert {
    condition = alltrue([for service, group in aws_codedeploy_deployment_group.this :
      toset([for target in group.load_balancer_info[0].target_group_pair_info[0].target_group : target.name]) == toset(values(var.services[service].target_group_names))
      && group.load_balancer_info[0].target_group_pair_info[0].prod_traffic_route[0].listener_arns == toset([var.https_listener_arn])
      && group.load_balancer_info[0].target_group_pair_info[0].test_traffic_route[0].listener_arns == toset([var.test_listener_arn])
    ])
    error_message = "CodeDeploy swaps the service's two target groups behind the production listener, testing on the test listener first."
  }

  assert {
    condition = (
      one([for stage in aws_codepipeline.this.stage : [for action in stage.action : action.name if action.run_order == 1] if stage.name == "Deploy"]) == ["Release"]
      && alltrue(flatten([for stage in aws_codepipeline.this.stage : [for action in stage.action : action.run_order == 2 if action.provider == "CodeDeployToECS"] if stage.name == "Deploy"]))
      && one([for stage in aws_codepipeline.this.stage : [for action in stage.action : action.configuration.ProjectName if action.name == "Release"][0] if stage.name == "Deploy"]) == aws_codebuild_project.release.name
    )
    error_message = "Before any deployment, the images it deploys are tagged as releases, which the repositories' lifecycle keeps."
  }

  # Security review M2: the build before the approval runs the commit's code and what it
  # downloads; the files a deployment runs are made after the approval, by Terraform's own
  # buildspec, and only the last step may write what production's browsers load.
  assert {
    condition = (
      one([for stage in aws_codepipeline.this.stage : one([for action in stage.action : action.output_artifacts if action.name == "TestAndBuild"]) if stage.name == "Build"]) == tolist(["images"])
      && toset(one([for stage in aws_codepipeline.this.stage : one([for action in stage.action : action.output_artifacts if action.name == "Release"]) if stage.name == "Deploy"])) == toset([for service, _ in var.services : replace(service, "-", "_")])
      && alltrue(flatten([for stage in aws_codepipeline.this.stage : [for action in stage.action : action.input_artifacts == tolist([replace(action.name, "-", "_")]) if action.provider == "CodeDeployToECS"]]))
      && !strcontains(aws_codebuild_project.release.source[0].buildspec, "buildspec.yml")
      && strcontains(aws_codebuild_project.release.source[0].buildspec, "taskdef.json")
    )
    error_message = "The deployments take their files from the Release project after the approval, not from the build before it."
  }

  assert {
    condition = (
      length(toset([aws_codebuild_project.this.service_role, aws_codebuild_project.release.service_role, aws_codebuild_project.web.service_role])) == 3
      && aws_codebuild_project.this.service_role == aws_iam_role.build.arn
      && aws_codebuild_project.release.service_role == aws_iam_role.release.arn
      && aws_codebuild_project.web.service_role == aws_iam_role.web.arn
    )
    error_message = "Each CodeBuild project has a role of its own."
  }

  assert {
    condition = alltrue([for statement in data.aws_iam_policy_document.build.statement :
      !anytrue([for resource in statement.resources : strcontains(resource, var.web.bucket_arn) || resource == var.web.distribution_arn])
      && !anytrue([for action in statement.actions : startswith(action, "cloudfront:") || startswith(action, "ecs:")])
    ])
    error_message = "The build before the approval may not write the site, refresh the distribution or read task definitions."
  }

  assert {
    condition = (
      one([for statement in data.aws_iam_policy_document.web.statement : statement.resources if statement.sid == "UploadWebPages"]) == toset(["${var.web.bucket_arn}/*"])
      && one([for statement in data.aws_iam_policy_document.web.statement : statement.effect if statement.sid == "NeverTheSiteConfiguration"]) == "Deny"
      && one([for statement in data.aws_iam_policy_document.web.statement : statement.resources if statement.sid == "NeverTheSiteConfiguration"]) == toset(["${var.web.bucket_arn}/config.json"])
      && one([for statement in data.aws_iam_policy_document.web.statement : statement.resources if statement.sid == "RefreshWebPages"]) == toset([var.web.distribution_arn])
      && !anytrue([for statement in data.aws_iam_policy_document.web.statement : anytrue([for action in statement.actions : startswith(action, "ecr:")])])
    )
    error_message = "The web step writes the site's pages, never config.json, and refreshes that distribution only."
  }

  # Terraform review A9: a page never references an asset that is not there yet.
  assert {
    condition = (
      one([for stage in aws_codepipeline.this.stage : [for action in stage.action : action.configuration.ProjectName if action.run_order == 3] if stage.name == "Deploy"]) == [aws_codebuild_project.web.name]
      && strcontains(aws_codebuild_project.web.source[0].buildspec, "--exclude config.json")
      && strcontains(aws_codebuild_project.web.source[0].buildspec, "nodejs: 22")
      && length(split("sync web/dist/assets", aws_codebuild_project.web.source[0].buildspec)[0]) < length(split("sync web/dist \"", aws_codebuild_project.web.source[0].buildspec)[0])
      && !can(regex("sync web/dist/assets [^\\n]*--delete", aws_codebuild_project.web.source[0].buildspec))
    )
    error_message = "After the services, the web step uploads the assets first and deletes none of them then, the pages after, config.json left to Terraform."
  }

  # Terraform review A16: the build and the release tag the one commit the Source action read.
  assert {
    condition = (
      one(flatten([for stage in aws_codepipeline.this.stage : [for action in stage.action : action.namespace if action.name == "Source"]])) == "SourceVariables"
      && alltrue(flatten([for stage in aws_codepipeline.this.stage : [for action in stage.action :
        jsondecode(action.configuration.EnvironmentVariables)[0] == { name = "COMMIT_ID", value = "#{SourceVariables.CommitId}", type = "PLAINTEXT" }
      if contains(["TestAndBuild", "Release"], action.name)]]))
      && strcontains(aws_codebuild_project.release.source[0].buildspec, "--image-manifest-media-type")
    )
    error_message = "The build and the release take the commit from the Source action, and the release keeps the manifest's media type."
  }

  assert {
    condition     = contains(one([for statement in data.aws_iam_policy_document.build.statement : statement.actions if statement.sid == "PushImages"]), "ecr:DescribeImages")
    error_message = "The build can see that a commit's image exists: tags are immutable, and a re-run must not push it again."
  }

  assert {
    condition     = one([for statement in data.aws_iam_policy_document.build.statement : statement.resources if statement.sid == "PushImages"]) == toset([for service in var.services : service.repository_arn])
    error_message = "The build pushes to the services' repositories only."
  }

  assert {
    condition     = one([for statement in data.aws_iam_policy_document.pipeline.statement : statement.resources if statement.sid == "PassTheServicesRoles"]) == toset(flatten([for service in var.services : [service.execution_role_arn, service.task_role_arn]]))
    error_message = "The pipeline passes the services' own roles, and no other."
  }
}

run "development_pipeline" {
  command = plan

  module {
    source = "../../modules/pipeline"
  }

  assert {
    condition     = [for stage in aws_codepipeline.this.stage : stage.name] == ["Source", "Build", "Deploy"]
    error_message = "No approval step outside production."
  }
}

run "development_artifacts_go_with_the_environment" {
  command = plan

  module {
    source = "../../modules/pipeline"
  }

  variables {
    deletion_protection = false
  }

  assert {
    condition     = aws_s3_bucket.artifacts.force_destroy
    error_message = "Terraform review A14: outside production, destroy empties the artifact bucket."
  }
}

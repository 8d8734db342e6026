resource "aws_codepipeline" "this" {
  name          = var.name
  role_arn      = aws_iam_role.pipeline.arn
  pipeline_type = "V2"

  artifact_store {
    type     = "S3"
    location = aws_s3_bucket.artifacts.bucket
  }

  stage {
    name = "Source"
    action {
      name             = "Source"
      category         = "Source"
      owner            = "AWS"
      provider         = "CodeStarSourceConnection"
      version          = "1"
      output_artifacts = ["source"]
      namespace        = "SourceVariables"
      configuration = {
        ConnectionArn    = aws_codestarconnections_connection.source.arn
        FullRepositoryId = var.repository
        BranchName       = var.branch
      }
    }
  }

  # buildspec.yml tests, builds and pushes the images, and keeps their bills of materials
  # (the artifact "images").
  stage {
    name = "Build"
    action {
      name             = "TestAndBuild"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      input_artifacts  = ["source"]
      output_artifacts = ["images"]
      configuration = {
        ProjectName          = aws_codebuild_project.this.name
        EnvironmentVariables = local.commit_variable
      }
    }
  }

  dynamic "stage" {
    for_each = var.require_approval ? [1] : []
    content {
      name = "Approve"
      action {
        name     = "Approve"
        category = "Approval"
        owner    = "AWS"
        provider = "Manual"
        version  = "1"
      }
    }
  }

  stage {
    name = "Deploy"

    # First the images to be deployed are tagged as releases, which the lifecycle keeps, and
    # each deployment's files are written: imageDetail.json (the image by digest),
    # taskdef.json and appspec.yml, one artifact per service.
    action {
      name             = "Release"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      run_order        = 1
      input_artifacts  = ["source"]
      output_artifacts = [for service, _ in var.services : replace(service, "-", "_")]
      configuration = {
        ProjectName          = aws_codebuild_project.release.name
        EnvironmentVariables = local.commit_variable
      }
    }

    dynamic "action" {
      for_each = var.services
      content {
        name            = action.key
        category        = "Deploy"
        owner           = "AWS"
        provider        = "CodeDeployToECS"
        version         = "1"
        run_order       = 2
        input_artifacts = [replace(action.key, "-", "_")]
        configuration = {
          ApplicationName                = aws_codedeploy_app.this.name
          DeploymentGroupName            = aws_codedeploy_deployment_group.this[action.key].deployment_group_name
          TaskDefinitionTemplateArtifact = replace(action.key, "-", "_")
          TaskDefinitionTemplatePath     = "taskdef.json"
          AppSpecTemplateArtifact        = replace(action.key, "-", "_")
          AppSpecTemplatePath            = "appspec.yml"
          Image1ArtifactName             = replace(action.key, "-", "_")
          Image1ContainerName            = "IMAGE1_NAME"
        }
      }
    }

    # Then the web pages of the same commit, which may call what the new services offer.
    action {
      name            = "Web"
      category        = "Build"
      owner           = "AWS"
      provider        = "CodeBuild"
      version         = "1"
      run_order       = 3
      input_artifacts = ["source"]
      configuration = {
        ProjectName = aws_codebuild_project.web.name
      }
    }
  }
}

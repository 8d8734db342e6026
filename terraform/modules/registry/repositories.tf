resource "aws_ecr_repository" "this" {
  for_each = var.services

  name                 = "${var.name}/${each.key}"
  image_tag_mutability = "IMMUTABLE"
  # Outside production an environment can be destroyed with its images.
  force_delete = !var.deletion_protection

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }
}

# The pipeline tags every image it deploys "release-<commit>" just before the deployment
# (modules/pipeline, the Release action): those are kept (the newest var.keep_releases), and
# so is the "bootstrap" image an environment first starts with. ECR expires an image by the
# first rule, in priority order, that selects it, and a rule selects an image only when the
# image has a tag for EVERY prefix of its tagPrefixList: so each kept prefix has a rule of
# its own. Builds never released go after var.unreleased_image_days, untagged layers after a
# day.
resource "aws_ecr_lifecycle_policy" "this" {
  for_each = var.services

  repository = aws_ecr_repository.this[each.key].name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the newest released images"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["release-"]
          countType     = "imageCountMoreThan"
          countNumber   = var.keep_releases
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the bootstrap image"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["bootstrap"]
          countType     = "imageCountMoreThan"
          countNumber   = 1
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 3
        description  = "Untagged images go after a day"
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 1 }
        action       = { type = "expire" }
      },
      {
        rulePriority = 4
        description  = "Builds that were never released go after a while"
        selection    = { tagStatus = "any", countType = "sinceImagePushed", countUnit = "days", countNumber = var.unreleased_image_days }
        action       = { type = "expire" }
      },
    ]
  })
}

resource "aws_ecr_repository" "this" {
  for_each = var.services

  name                 = "${var.name}/${each.key}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }
}

# The pipeline tags every image it deploys "release-<commit>" just before the deployment
# (modules/pipeline, the Release action): those, and the "bootstrap" image an environment
# first starts with, are kept (the newest var.keep_releases); a rule never expires an
# image that a rule of higher priority selected, so an image a service runs cannot expire
# however many builds wait for approval. Builds never released go after
# var.unreleased_image_days, untagged layers after a day.
resource "aws_ecr_lifecycle_policy" "this" {
  for_each = var.services

  repository = aws_ecr_repository.this[each.key].name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the newest released images (and the bootstrap image)"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["release-", "bootstrap"]
          countType     = "imageCountMoreThan"
          countNumber   = var.keep_releases
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Untagged images go after a day"
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 1 }
        action       = { type = "expire" }
      },
      {
        rulePriority = 3
        description  = "Builds that were never released go after a while"
        selection    = { tagStatus = "any", countType = "sinceImagePushed", countUnit = "days", countNumber = var.unreleased_image_days }
        action       = { type = "expire" }
      },
    ]
  })
}

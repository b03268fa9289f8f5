# The container images: the Dockerfile's (the API and `opendeck worker`, for ECS or anywhere else) and, with
# lambda_package_type = "Image", deploy/lambda/Dockerfile's for the functions (lambda.tf). The deploy workflow
# (.github/workflows/deploy.yml) pushes them here.
resource "aws_ecr_repository" "app" {
  name                 = local.name
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the 30 newest images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 30 }
      action       = { type = "expire" }
    }]
  })
}

# With Image, Lambda itself pulls the functions' image; only this deployment's functions may.
resource "aws_ecr_repository_policy" "lambda_pull" {
  count      = var.lambda_package_type == "Image" ? 1 : 0
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LambdaPull"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      Condition = {
        StringLike = { "aws:sourceArn" = "arn:aws:lambda:${var.aws_region}:${data.aws_caller_identity.current.account_id}:function:${local.name}-*" }
      }
    }]
  })
}

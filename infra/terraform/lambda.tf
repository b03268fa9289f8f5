# Both functions run the same code (dist-lambda/: http.mjs for the API, sqs.mjs for jobs), packaged as
# lambda_package_type says. "Zip" (the default): the bundle is a few MB, a zip cold-starts faster than an image
# (no image layers to fetch) and needs no registry push. "Image": deploy/lambda/Dockerfile, the same bundles on
# AWS's Lambda Node.js 20 base image, pushed to ECR (image_uri), one image for both functions with the handler
# chosen by the image command. x86_64 either way: both carry @node-rs/argon2's linux-x64-gnu build.
# X-Ray: with xray_tracing, Lambda samples and records each invocation ("Active"); the app's OpenTelemetry spans
# join the same trace when OTEL_PROPAGATORS=xray (README: Tracing on AWS).

locals {
  zip_package = var.lambda_package_type == "Zip"
  # Zip-only and Image-only arguments, null for the other kind (Terraform leaves a null argument unset).
  package = {
    filename         = local.zip_package ? var.lambda_package : null
    source_code_hash = local.zip_package ? var.lambda_package_sha256 : null
    runtime          = local.zip_package ? "nodejs20.x" : null
    image_uri        = local.zip_package ? null : var.image_uri
  }
  tracing_mode = var.xray_tracing ? "Active" : "PassThrough"
}

resource "aws_lambda_function" "api" {
  function_name    = "${local.name}-api"
  role             = aws_iam_role.api.arn
  package_type     = var.lambda_package_type
  filename         = local.package.filename
  source_code_hash = local.package.source_code_hash
  image_uri        = local.package.image_uri
  handler          = local.zip_package ? "http.handler" : null
  runtime          = local.package.runtime
  architectures    = ["x86_64"]
  memory_size      = var.api_memory_mb
  # API Gateway gives up after 30 s; REQUEST_TIMEOUT (30 s) answers 503 about then too.
  timeout = 29
  dynamic "image_config" {
    for_each = local.zip_package ? [] : [1]
    content {
      command = ["http.handler"]
    }
  }
  tracing_config {
    mode = local.tracing_mode
  }
  environment {
    variables = local.lambda_environment
  }
  logging_config {
    log_format = "Text" # pino already writes JSON lines
    log_group  = aws_cloudwatch_log_group.api.name
  }
  depends_on = [aws_iam_role_policy.api]
  lifecycle {
    precondition {
      condition     = local.auth_provider == "local" || (local.oidc_issuer != "" && local.oidc_audience != "")
      error_message = "auth_provider oidc or both needs an issuer: enable_cognito, or oidc_issuer and oidc_audience."
    }
  }
}

resource "aws_lambda_function" "worker" {
  function_name    = "${local.name}-worker"
  role             = aws_iam_role.worker.arn
  package_type     = var.lambda_package_type
  filename         = local.package.filename
  source_code_hash = local.package.source_code_hash
  image_uri        = local.package.image_uri
  handler          = local.zip_package ? "sqs.handler" : null
  runtime          = local.package.runtime
  architectures    = ["x86_64"]
  memory_size      = var.worker_memory_mb
  timeout          = var.worker_timeout_seconds
  dynamic "image_config" {
    for_each = local.zip_package ? [] : [1]
    content {
      command = ["sqs.handler"]
    }
  }
  tracing_config {
    mode = local.tracing_mode
  }
  environment {
    variables = local.lambda_environment
  }
  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.worker.name
  }
  depends_on = [aws_iam_role_policy.worker]
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = 5
  # The handler lists only the failed records (batchItemFailures); the others are deleted.
  function_response_types = ["ReportBatchItemFailures"]
  scaling_config {
    maximum_concurrency = var.worker_max_concurrency
  }
}

# Both functions run the same zip (dist-lambda/: http.mjs for the API, sqs.mjs for jobs). A zip, not a
# container image: the bundle is a few MB, a zip cold-starts faster than an image (no image layers to fetch
# and no custom runtime), and it needs no registry push in the deploy path. x86_64 because the zip carries
# @node-rs/argon2's linux-x64-gnu build (scripts/build-lambda.mjs).

resource "aws_lambda_function" "api" {
  function_name    = "${local.name}-api"
  role             = aws_iam_role.api.arn
  package_type     = "Zip"
  filename         = var.lambda_package
  source_code_hash = var.lambda_package_sha256
  handler          = "http.handler"
  runtime          = "nodejs20.x"
  architectures    = ["x86_64"]
  memory_size      = var.api_memory_mb
  # API Gateway gives up after 30 s; REQUEST_TIMEOUT (30 s) answers 503 about then too.
  timeout = 29
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
  package_type     = "Zip"
  filename         = var.lambda_package
  source_code_hash = var.lambda_package_sha256
  handler          = "sqs.handler"
  runtime          = "nodejs20.x"
  architectures    = ["x86_64"]
  memory_size      = var.worker_memory_mb
  timeout          = var.worker_timeout_seconds
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

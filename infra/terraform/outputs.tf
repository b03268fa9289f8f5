output "api_url" {
  description = "Base URL of the API (the routes are under /api/v1; docs at /docs)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "files_bucket" {
  value = aws_s3_bucket.files.bucket
}

output "jobs_queue_url" {
  value = aws_sqs_queue.jobs.url
}

output "jobs_dlq_url" {
  value = aws_sqs_queue.jobs_dlq.url
}

output "tables" {
  value = local.tables
}

output "secret_arn" {
  description = "Put the JSON of secret variables here (aws secretsmanager put-secret-value)."
  value       = aws_secretsmanager_secret.app.arn
}

output "ecr_repository_url" {
  value = aws_ecr_repository.app.repository_url
}

output "functions" {
  value = local.functions
}

output "lambda_environment" {
  description = "The variables both functions get (test/ops/terraform.test.ts compares the names with src/config.ts)."
  value       = local.lambda_environment
}

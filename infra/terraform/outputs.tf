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
  description = "The variables both functions get (test/unit/ops/terraform.test.ts compares the names with src/config/)."
  value       = local.lambda_environment
}

output "auth_provider" {
  value = local.auth_provider
}

output "oidc_issuer" {
  description = "OIDC_ISSUER the functions get (the Cognito pool's issuer with enable_cognito); null when none."
  value       = local.oidc_issuer == "" ? null : local.oidc_issuer
}

output "cognito_user_pool_id" {
  value = one(aws_cognito_user_pool.main[*].id)
}

output "cognito_client_id" {
  description = "The SPA's app client id: its client_id, and the API's OIDC_AUDIENCE."
  value       = one(aws_cognito_user_pool_client.spa[*].id)
}

output "cognito_hosted_ui_url" {
  description = "Base URL of the hosted UI (/oauth2/authorize, /oauth2/token, /logout)."
  value       = var.enable_cognito ? "https://${one(aws_cognito_user_pool_domain.main[*].domain)}.auth.${var.aws_region}.amazoncognito.com" : null
}

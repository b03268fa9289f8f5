locals {
  name = var.name_prefix
  tables = {
    users      = "${local.name}-users"
    decks      = "${local.name}-decks"
    flashcards = "${local.name}-flashcards"
    documents  = "${local.name}-documents"
  }

  # Sign-in: the Cognito pool and client when enable_cognito, else another issuer's (or none: "" is unset).
  auth_provider = coalesce(var.auth_provider, var.enable_cognito ? "both" : "local")
  oidc_issuer   = var.enable_cognito ? local.cognito_issuer : (var.oidc_issuer != null ? var.oidc_issuer : "")
  oidc_audience = var.enable_cognito ? one(aws_cognito_user_pool_client.spa[*].id) : (var.oidc_audience != null ? var.oidc_audience : "")

  # What both functions get; every name is a variable src/config/ reads (test/unit/ops/terraform.test.ts checks
  # it). AWS_REGION is not here: Lambda sets it itself and refuses it as a function variable. Secrets
  # (SECRET_KEY, OPENAI_API_KEY, ...) are not here either: they are read from Secrets Manager at cold start.
  # TRUST_PROXY stays 0: the client address is API Gateway's requestContext.http.sourceIp (client-ip.ts).
  lambda_environment = merge(tomap({
    ENV                       = "production"
    LOG_LEVEL                 = var.log_level
    DB_BACKEND                = "dynamo"
    USERS_TABLE               = local.tables.users
    DECKS_TABLE               = local.tables.decks
    FLASHCARDS_TABLE          = local.tables.flashcards
    DOCUMENTS_TABLE           = local.tables.documents
    S3_BUCKET                 = aws_s3_bucket.files.bucket
    SQS_QUEUE_URL             = aws_sqs_queue.jobs.url
    SECRETS_MANAGER_SECRET_ID = aws_secretsmanager_secret.app.arn
    AI_PROVIDER               = var.ai_provider
    MAX_UPLOAD_MB             = tostring(var.max_upload_mb)
    CORS_ORIGINS              = join(",", var.cors_origins)
    # Both functions load the same configuration, so both get these; only the API checks tokens.
    AUTH_PROVIDER = local.auth_provider
    OIDC_ISSUER   = local.oidc_issuer
    OIDC_AUDIENCE = local.oidc_audience
    # Below the API function's 29 s timeout, so a slow request gets the app's own 503 problem rather than
    # API Gateway's bare 503 when Lambda cuts it off.
    REQUEST_TIMEOUT = "25s"
    # The only writable folder on Lambda (nothing is kept there: data is in DynamoDB and S3).
    DATA_DIR = "/tmp/opendeck"
  }), var.bedrock_model_id == "" ? {} : { BEDROCK_MODEL_ID = var.bedrock_model_id })
}

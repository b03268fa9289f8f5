variable "aws_region" {
  type        = string
  description = "Region of every resource."
  default     = "eu-west-1"
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name (tables, bucket, queues, functions)."
  default     = "opendeck"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2-31 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Deployment name (tags; part of the bucket name)."
  default     = "prod"
}

variable "lambda_package" {
  type        = string
  description = "Path of the zip of dist-lambda/ (npm run build:lambda && cd dist-lambda && zip -qr ../opendeck-lambda.zip . -x '*.map')."
  default     = "../../opendeck-lambda.zip"
}

variable "lambda_package_type" {
  type        = string
  description = "How the functions are packaged: Zip (lambda_package + lambda_package_sha256) or Image (image_uri, built from deploy/lambda/Dockerfile and pushed to ECR)."
  default     = "Zip"
  validation {
    condition     = contains(["Zip", "Image"], var.lambda_package_type)
    error_message = "lambda_package_type must be Zip or Image."
  }
}

variable "lambda_package_sha256" {
  type        = string
  description = "With Zip: base64 SHA-256 of the zip (openssl dgst -sha256 -binary opendeck-lambda.zip | base64): a new value deploys the new code."
  default     = null
  validation {
    condition     = var.lambda_package_type != "Zip" || var.lambda_package_sha256 != null
    error_message = "lambda_package_type Zip needs lambda_package_sha256 (openssl dgst -sha256 -binary opendeck-lambda.zip | base64)."
  }
}

variable "image_uri" {
  type        = string
  description = "With Image: the ECR image of deploy/lambda/Dockerfile, by digest (<account>.dkr.ecr.<region>.amazonaws.com/opendeck@sha256:...) or tag; one image serves both functions."
  default     = null
  validation {
    condition     = var.image_uri == null || can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[a-f0-9]{64})$", coalesce(var.image_uri, "x")))
    error_message = "image_uri must be an ECR image: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>."
  }
  validation {
    condition     = var.lambda_package_type != "Image" || var.image_uri != null
    error_message = "lambda_package_type Image needs image_uri (the pushed image of deploy/lambda/Dockerfile)."
  }
}

variable "xray_tracing" {
  type        = bool
  description = "Lambda active tracing: each invocation is sampled and recorded in X-Ray (tracing_config Active, plus the xray:Put* permissions)."
  default     = true
}

variable "api_memory_mb" {
  type        = number
  description = "Memory of the API function; CPU grows with it, and with it the cold start shrinks."
  default     = 1024
}

variable "worker_memory_mb" {
  type        = number
  description = "Memory of the SQS worker function (PDF extraction of large books needs ~300 MB)."
  default     = 2048
}

variable "worker_timeout_seconds" {
  type        = number
  description = "Longest a generation job may run. The queue's visibility timeout is six times this (AWS's advice)."
  default     = 600
  validation {
    condition     = var.worker_timeout_seconds >= 60 && var.worker_timeout_seconds <= 900
    error_message = "worker_timeout_seconds must be 60-900 (Lambda's limit)."
  }
}

variable "worker_max_concurrency" {
  type        = number
  description = "Most worker instances at once (SQS event source scaling): bounds parallel model calls and their cost."
  default     = 10
}

variable "max_receive_count" {
  type        = number
  description = "Deliveries of a job before SQS moves it to the dead-letter queue. Above the 6 waits of a run that finds the AI provider down (src/core/documents/outage-retry.ts: 7 runs over ~33 minutes), so an outage ends in a failed document with a message, not in the dead-letter queue."
  default     = 8
}

variable "ai_provider" {
  type        = string
  description = "AI_PROVIDER for the functions: openai, anthropic, bedrock or offline (keys go in the Secrets Manager secret; bedrock needs none: the worker's role is granted bedrock:InvokeModel)."
  default     = "openai"
  validation {
    condition     = contains(["openai", "anthropic", "bedrock", "offline"], var.ai_provider)
    error_message = "ai_provider must be openai, anthropic, bedrock or offline."
  }
}

variable "bedrock_model_id" {
  type        = string
  description = "BEDROCK_MODEL_ID when ai_provider is bedrock: a model id or inference profile in the region; empty keeps the app's default (Claude Haiku 4.5, global profile)."
  default     = ""
}

variable "cors_origins" {
  type        = list(string)
  description = "Browser origins allowed to call the API and to PUT presigned uploads to the bucket."
  default     = []
}

variable "max_upload_mb" {
  type        = number
  description = "MAX_UPLOAD_MB: largest document accepted (presigned uploads; a direct upload through Lambda tops out near 4.5 MB)."
  default     = 20
}

variable "log_level" {
  type    = string
  default = "info"
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "api_throttle_rate" {
  type        = number
  description = "Steady requests per second the API stage accepts before answering 429."
  default     = 100
}

variable "api_throttle_burst" {
  type    = number
  default = 200
}

variable "deletion_protection" {
  type        = bool
  description = "Protects the tables from terraform destroy and from deletion in the console."
  default     = true
}

variable "alarm_actions" {
  type        = list(string)
  description = "ARNs (e.g. an SNS topic) notified when an alarm fires."
  default     = []
}

# Sign-in (AUTH_PROVIDER, OIDC_*) and the optional Cognito user pool (cognito.tf).

variable "enable_cognito" {
  type        = bool
  description = "Create a Cognito user pool, SPA app client and hosted-UI domain, and point the API's OIDC_ISSUER / OIDC_AUDIENCE at them. Off by default: it needs the SPA's callback URLs, and it adds a second sign-in path."
  default     = false
}

variable "auth_provider" {
  type        = string
  description = "AUTH_PROVIDER for the functions: local, oidc or both. Null: both with enable_cognito, local without."
  default     = null
  validation {
    condition     = var.auth_provider == null || contains(["local", "oidc", "both"], coalesce(var.auth_provider, "local"))
    error_message = "auth_provider must be local, oidc or both."
  }
}

variable "oidc_issuer" {
  type        = string
  description = "OIDC_ISSUER of another identity provider, used only without enable_cognito (e.g. https://sso.example.com/realms/opendeck)."
  default     = null
}

variable "oidc_audience" {
  type        = string
  description = "OIDC_AUDIENCE (client id) of that other identity provider, used only without enable_cognito."
  default     = null
}

variable "cognito_callback_urls" {
  type        = list(string)
  description = "Where the hosted UI may send the authorization code: the SPA's callback URL(s), https except http://localhost. Required with enable_cognito."
  default     = []
}

variable "cognito_logout_urls" {
  type        = list(string)
  description = "Where the hosted UI may return after signing out."
  default     = []
}

variable "cognito_domain_prefix" {
  type        = string
  description = "Hosted-UI domain prefix (https://<prefix>.auth.<region>.amazoncognito.com). Null: <name_prefix>-<environment>-<account id>."
  default     = null
  validation {
    condition     = var.cognito_domain_prefix == null || can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", coalesce(var.cognito_domain_prefix, "x"))) && !can(regex("aws|amazon|cognito", coalesce(var.cognito_domain_prefix, "x")))
    error_message = "cognito_domain_prefix must be 1-63 lowercase letters, digits or inner hyphens, without aws, amazon or cognito."
  }
}

variable "cognito_self_signup" {
  type        = bool
  description = "Let people create their own account in the hosted UI (as OpenDeck's /auth/register does); false: administrators create users."
  default     = true
}

variable "cognito_mfa" {
  type        = string
  description = "MFA of the user pool: OFF, OPTIONAL (each user may add a TOTP app) or ON (everyone must)."
  default     = "OPTIONAL"
  validation {
    condition     = contains(["OFF", "OPTIONAL", "ON"], var.cognito_mfa)
    error_message = "cognito_mfa must be OFF, OPTIONAL or ON."
  }
}

variable "cognito_advanced_security_mode" {
  type        = string
  description = "Cognito threat protection: OFF, AUDIT or ENFORCED (billed per monthly active user)."
  default     = "OFF"
  validation {
    condition     = contains(["OFF", "AUDIT", "ENFORCED"], var.cognito_advanced_security_mode)
    error_message = "cognito_advanced_security_mode must be OFF, AUDIT or ENFORCED."
  }
}

variable "cognito_deletion_protection" {
  type        = bool
  description = "Protects the user pool (and so every account in it) from deletion, terraform destroy included."
  default     = true
}

variable "cognito_access_token_minutes" {
  type        = number
  description = "Lifetime of the pool's access and ID tokens, in minutes (OpenDeck's own access tokens last 15)."
  default     = 15
  validation {
    condition     = var.cognito_access_token_minutes >= 5 && var.cognito_access_token_minutes <= 1440
    error_message = "cognito_access_token_minutes must be 5-1440 (Cognito's limits)."
  }
}

variable "cognito_refresh_token_days" {
  type        = number
  description = "Lifetime of the pool's refresh tokens, in days (OpenDeck's own last 30)."
  default     = 30
  validation {
    condition     = var.cognito_refresh_token_days >= 1 && var.cognito_refresh_token_days <= 3650
    error_message = "cognito_refresh_token_days must be 1-3650 (Cognito's limits)."
  }
}

variable "ai_cost_alarm_usd_per_day" {
  type        = number
  description = "Alarm when the estimated AI model spend of the last 24 hours exceeds this many US dollars."
  default     = 50
}

variable "failed_documents_alarm_per_hour" {
  type        = number
  description = "Alarm when more documents than this fail within an hour."
  default     = 5
}

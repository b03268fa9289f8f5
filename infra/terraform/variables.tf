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

variable "lambda_package_sha256" {
  type        = string
  description = "base64 SHA-256 of the zip (openssl dgst -sha256 -binary opendeck-lambda.zip | base64): a new value deploys the new code."
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
  description = "Deliveries of a job before SQS moves it to the dead-letter queue."
  default     = 3
}

variable "ai_provider" {
  type        = string
  description = "AI_PROVIDER for the functions: openai, anthropic or offline (keys go in the Secrets Manager secret)."
  default     = "openai"
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

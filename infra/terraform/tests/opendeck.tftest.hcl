# Offline: the AWS provider is mocked (no credentials, no calls). ARNs and URLs get realistic defaults so the
# resources that check their format accept them.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:opendeck-jobs.fifo"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/opendeck-jobs.fifo"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::opendeck-prod-files-123456789012" }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/opendeck-table" }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:opendeck/app-AbCdEf" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/opendeck" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/opendeck" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:opendeck"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:opendeck/invocations"
    }
  }
  mock_resource "aws_cognito_user_pool" {
    defaults = {
      id  = "eu-west-1_AbCdEf123"
      arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"
    }
  }
  mock_resource "aws_cognito_user_pool_client" {
    defaults = { id = "4k2v7sample0client0id0abc" }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = { execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123" }
  }
}

variables {
  lambda_package_sha256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
}

run "deploys_the_runtime" {
  command = apply

  assert {
    condition     = aws_sqs_queue.jobs.fifo_queue && aws_sqs_queue.jobs_dlq.fifo_queue
    error_message = "The job queue and its dead-letter queue must be FIFO (one run per document at a time)."
  }
  assert {
    condition     = jsondecode(aws_sqs_queue.jobs.redrive_policy).maxReceiveCount == 8 && jsondecode(aws_sqs_queue.jobs.redrive_policy).deadLetterTargetArn == aws_sqs_queue.jobs_dlq.arn
    error_message = "Failed jobs must move to the dead-letter queue after 3 receives."
  }
  assert {
    condition     = aws_sqs_queue.jobs.visibility_timeout_seconds == 6 * aws_lambda_function.worker.timeout
    error_message = "The visibility timeout must be six times the worker's timeout."
  }
  assert {
    condition     = contains(aws_lambda_event_source_mapping.jobs.function_response_types, "ReportBatchItemFailures")
    error_message = "The worker reports partial batch failures."
  }
  assert {
    condition     = alltrue([for t in local.dynamodb_tables : t.point_in_time_recovery[0].enabled && t.server_side_encryption[0].enabled && t.billing_mode == "PAY_PER_REQUEST"])
    error_message = "Every table has PITR, encryption and on-demand billing."
  }
  assert {
    condition     = toset([for i in aws_dynamodb_table.flashcards.global_secondary_index : i.name]) == toset(["by_card", "by_due", "by_user_due", "log_by_deck", "log_by_user"]) && length(aws_dynamodb_table.documents.global_secondary_index) == 1 && aws_dynamodb_table.users.ttl[0].attribute_name == "expires_ttl"
    error_message = "Indexes and TTL must match src/infra/dynamo/tables.ts."
  }
  assert {
    condition     = aws_s3_bucket_public_access_block.files.block_public_acls && aws_s3_bucket_public_access_block.files.restrict_public_buckets && aws_s3_bucket_public_access_block.files.block_public_policy
    error_message = "The bucket is private."
  }
  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.files.rule : r.expiration[0].days if r.id == "expire-unconfirmed-uploads"]) == 1
    error_message = "Unconfirmed presigned uploads expire after a day."
  }
  assert {
    condition     = aws_lambda_function.api.environment[0].variables == local.lambda_environment && aws_lambda_function.worker.environment[0].variables == local.lambda_environment
    error_message = "Both functions get the same configuration."
  }
  assert {
    condition     = !contains(keys(local.lambda_environment), "AWS_REGION") && !anytrue([for k in keys(local.lambda_environment) : can(regex("KEY|PASSWORD|TOKEN", k))])
    error_message = "No reserved or secret variable in the function environment (secrets come from Secrets Manager)."
  }
  assert {
    condition     = aws_lambda_function.api.handler == "http.handler" && aws_lambda_function.worker.handler == "sqs.handler" && aws_lambda_function.api.runtime == "nodejs20.x"
    error_message = "Handlers are the bundles of npm run build:lambda."
  }
  assert {
    condition     = alltrue([for s in jsondecode(aws_iam_role_policy.api.policy).Statement : !contains(flatten([s.Action]), "*") && !anytrue([for a in flatten([s.Action]) : endswith(a, ":*")])])
    error_message = "The API role has no wildcard actions."
  }
  assert {
    condition     = !contains(flatten([for s in jsondecode(aws_iam_role_policy.worker.policy).Statement : s.Action]), "sqs:SendMessage") && !contains(flatten([for s in jsondecode(aws_iam_role_policy.worker.policy).Statement : s.Action]), "s3:PutObject")
    error_message = "The worker neither sends jobs nor writes files."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.dlq_depth.dimensions.QueueName == aws_sqs_queue.jobs_dlq.name && length(aws_cloudwatch_metric_alarm.lambda_errors) == 2 && length(aws_cloudwatch_metric_alarm.lambda_throttles) == 2
    error_message = "Alarms on errors and throttles of both functions and on the dead-letter queue's depth."
  }
  assert {
    condition     = aws_apigatewayv2_integration.api.payload_format_version == "2.0" && aws_apigatewayv2_route.default.route_key == "$default"
    error_message = "An HTTP API sends every request to the API function with payload 2.0."
  }
}

run "bedrock_grants_invoke_model_to_the_worker_only" {
  command = apply
  variables {
    ai_provider = "bedrock"
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.worker.policy).Statement : s if s.Sid == "InvokeModel"]).Action == ["bedrock:InvokeModel"] && contains(one([for s in jsondecode(aws_iam_role_policy.worker.policy).Statement : s if s.Sid == "InvokeModel"]).Resource, "arn:aws:bedrock:*:123456789012:inference-profile/*")
    error_message = "With ai_provider = bedrock the worker's role may call bedrock:InvokeModel on foundation models and this account's inference profiles."
  }
  assert {
    condition     = length([for s in jsondecode(aws_iam_role_policy.api.policy).Statement : s if s.Sid == "InvokeModel"]) == 0 && aws_lambda_function.worker.environment[0].variables.AI_PROVIDER == "bedrock"
    error_message = "The API function runs no model call: only the worker gets the permission."
  }
}

run "no_bedrock_permission_for_other_providers" {
  command = apply

  assert {
    condition     = length([for s in jsondecode(aws_iam_role_policy.worker.policy).Statement : s if s.Sid == "InvokeModel"]) == 0
    error_message = "Without ai_provider = bedrock no role may invoke Bedrock models."
  }
}

run "refuses_an_unknown_ai_provider" {
  command = plan
  variables {
    ai_provider = "gemini"
  }
  expect_failures = [var.ai_provider]
}

run "refuses_a_worker_timeout_beyond_lambda" {
  command = plan
  variables {
    worker_timeout_seconds = 1200
  }
  expect_failures = [var.worker_timeout_seconds]
}

run "local_sign_in_without_cognito" {
  command = plan

  assert {
    condition     = length(aws_cognito_user_pool.main) == 0 && local.lambda_environment.AUTH_PROVIDER == "local" && local.lambda_environment.OIDC_ISSUER == "" && output.cognito_hosted_ui_url == null
    error_message = "Without enable_cognito there is no pool and the API keeps its own sign-in only."
  }
}

run "cognito_wires_the_api_oidc_settings" {
  command = apply
  variables {
    enable_cognito        = true
    cognito_callback_urls = ["https://app.example.com/auth/callback"]
    cognito_logout_urls   = ["https://app.example.com/"]
  }

  assert {
    condition     = aws_lambda_function.api.environment[0].variables.OIDC_ISSUER == "https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.main[0].id}" && aws_lambda_function.api.environment[0].variables.OIDC_ISSUER == output.oidc_issuer
    error_message = "OIDC_ISSUER is the pool's issuer URL, exactly as its tokens' iss spells it."
  }
  assert {
    condition     = aws_lambda_function.api.environment[0].variables.OIDC_AUDIENCE == aws_cognito_user_pool_client.spa[0].id && output.cognito_client_id == aws_cognito_user_pool_client.spa[0].id
    error_message = "OIDC_AUDIENCE is the app client id (Cognito access tokens carry it as client_id)."
  }
  assert {
    condition     = aws_lambda_function.api.environment[0].variables.AUTH_PROVIDER == "both" && aws_lambda_function.worker.environment[0].variables == aws_lambda_function.api.environment[0].variables
    error_message = "With Cognito, both sign-in methods by default, and the worker loads the same configuration."
  }
  assert {
    condition     = !aws_cognito_user_pool_client.spa[0].generate_secret && aws_cognito_user_pool_client.spa[0].allowed_oauth_flows == toset(["code"]) && aws_cognito_user_pool_client.spa[0].allowed_oauth_flows_user_pool_client && contains(aws_cognito_user_pool_client.spa[0].allowed_oauth_scopes, "openid") && contains(aws_cognito_user_pool_client.spa[0].allowed_oauth_scopes, "email")
    error_message = "The SPA client is public and uses the authorization code flow only, with the scopes userinfo needs."
  }
  assert {
    condition     = aws_cognito_user_pool.main[0].username_attributes == toset(["email"]) && aws_cognito_user_pool.main[0].auto_verified_attributes == toset(["email"]) && aws_cognito_user_pool.main[0].deletion_protection == "ACTIVE" && aws_cognito_user_pool.main[0].user_pool_add_ons[0].advanced_security_mode == "OFF"
    error_message = "Email is the user name and is verified; the pool is protected from deletion; threat protection is off by default."
  }
  assert {
    condition     = aws_cognito_user_pool.main[0].password_policy[0].minimum_length == 8 && !aws_cognito_user_pool.main[0].password_policy[0].require_symbols && !aws_cognito_user_pool.main[0].password_policy[0].require_uppercase && !aws_cognito_user_pool.main[0].password_policy[0].require_numbers && !aws_cognito_user_pool.main[0].password_policy[0].require_lowercase
    error_message = "The pool's password rule is OpenDeck's: 8 characters, no composition rules."
  }
  assert {
    condition     = output.cognito_hosted_ui_url == "https://opendeck-prod-123456789012.auth.eu-west-1.amazoncognito.com" && aws_cognito_user_pool_domain.main[0].user_pool_id == aws_cognito_user_pool.main[0].id
    error_message = "The hosted UI has a domain named after the deployment and account."
  }
}

run "cognito_needs_callback_urls" {
  command = plan
  variables {
    enable_cognito = true
  }
  expect_failures = [aws_cognito_user_pool_client.spa]
}

run "oidc_without_an_issuer_is_refused" {
  command = plan
  variables {
    auth_provider = "oidc"
  }
  expect_failures = [aws_lambda_function.api]
}

run "another_issuer_without_cognito" {
  command = plan
  variables {
    auth_provider = "oidc"
    oidc_issuer   = "https://sso.example.com/realms/opendeck"
    oidc_audience = "opendeck"
  }

  assert {
    condition     = local.lambda_environment.OIDC_ISSUER == "https://sso.example.com/realms/opendeck" && local.lambda_environment.OIDC_AUDIENCE == "opendeck" && length(aws_cognito_user_pool.main) == 0
    error_message = "Without Cognito the OIDC settings come from oidc_issuer and oidc_audience."
  }
}

run "zip_package_with_active_tracing" {
  command = plan

  assert {
    condition     = aws_lambda_function.api.package_type == "Zip" && aws_lambda_function.worker.package_type == "Zip" && aws_lambda_function.api.image_uri == null && length(aws_lambda_function.worker.image_config) == 0 && length(aws_ecr_repository_policy.lambda_pull) == 0
    error_message = "By default both functions run the zip, with no image settings and no ECR pull policy."
  }
  assert {
    condition     = aws_lambda_function.api.tracing_config[0].mode == "Active" && aws_lambda_function.worker.tracing_config[0].mode == "Active"
    error_message = "X-Ray active tracing is on for both functions."
  }
  assert {
    condition     = alltrue([for p in [aws_iam_role_policy.api.policy, aws_iam_role_policy.worker.policy] : length([for s in jsondecode(p).Statement : s if s.Sid == "Tracing" && toset(s.Action) == toset(["xray:PutTraceSegments", "xray:PutTelemetryRecords"])]) == 1])
    error_message = "Both roles may send trace segments to X-Ray."
  }
}

run "image_package_one_image_two_commands" {
  command = plan
  variables {
    lambda_package_type   = "Image"
    lambda_package_sha256 = null
    image_uri             = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/opendeck@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  }

  assert {
    condition     = aws_lambda_function.api.package_type == "Image" && aws_lambda_function.worker.package_type == "Image" && aws_lambda_function.api.image_uri == var.image_uri && aws_lambda_function.worker.image_uri == var.image_uri
    error_message = "With Image both functions run the one image."
  }
  assert {
    condition     = tolist(aws_lambda_function.api.image_config[0].command) == tolist(["http.handler"]) && tolist(aws_lambda_function.worker.image_config[0].command) == tolist(["sqs.handler"])
    error_message = "The command picks the handler, as deploy/lambda/Dockerfile's CMD does."
  }
  assert {
    condition     = aws_lambda_function.api.handler == null && aws_lambda_function.api.runtime == null && aws_lambda_function.api.filename == null && aws_lambda_function.worker.runtime == null
    error_message = "An image function sets no zip handler, runtime or file (the base image brings the runtime)."
  }
  assert {
    condition     = length(aws_ecr_repository_policy.lambda_pull) == 1 && jsondecode(aws_ecr_repository_policy.lambda_pull[0].policy).Statement[0].Principal.Service == "lambda.amazonaws.com"
    error_message = "Lambda may pull the image from the repository."
  }
}

run "image_package_needs_an_image_uri" {
  command = plan
  variables {
    lambda_package_type = "Image"
  }
  expect_failures = [var.image_uri]
}

run "zip_package_needs_its_hash" {
  command = plan
  variables {
    lambda_package_sha256 = null
  }
  expect_failures = [var.lambda_package_sha256]
}

run "refuses_an_unknown_package_type" {
  command = plan
  variables {
    lambda_package_type = "Docker"
  }
  expect_failures = [var.lambda_package_type]
}

run "refuses_an_image_uri_outside_ecr" {
  command = plan
  variables {
    lambda_package_type = "Image"
    image_uri           = "docker.io/library/opendeck:latest"
  }
  expect_failures = [var.image_uri]
}

run "tracing_can_be_turned_off" {
  command = plan
  variables {
    xray_tracing = false
  }

  assert {
    condition     = aws_lambda_function.api.tracing_config[0].mode == "PassThrough" && length([for s in jsondecode(aws_iam_role_policy.api.policy).Statement : s if s.Sid == "Tracing"]) == 0
    error_message = "Without xray_tracing the functions only pass trace headers on, and the roles get no X-Ray rights."
  }
}

run "alarms_on_throttling_ai_cost_and_failed_documents" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.dynamodb_throttles) == 4 && alltrue([for t in local.dynamodb_tables : contains(keys(aws_cloudwatch_metric_alarm.dynamodb_throttles), t.name)])
    error_message = "Every table has a throttling alarm."
  }
  assert {
    condition     = toset(flatten([for q in aws_cloudwatch_metric_alarm.dynamodb_throttles["opendeck-users"].metric_query : [for m in q.metric : m.metric_name]])) == toset(["ReadThrottleEvents", "WriteThrottleEvents"])
    error_message = "The throttling alarm counts throttled reads and writes."
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.ai_cost.log_group_name == aws_cloudwatch_log_group.worker.name && aws_cloudwatch_log_metric_filter.ai_cost.metric_transformation[0].value == "$.costUsd" && strcontains(aws_cloudwatch_log_metric_filter.ai_cost.pattern, "\"model usage\"")
    error_message = "The AI cost metric comes from the worker's 'model usage' log lines."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.ai_cost.period == 86400 && aws_cloudwatch_metric_alarm.ai_cost.statistic == "Sum" && aws_cloudwatch_metric_alarm.ai_cost.threshold == 50 && aws_cloudwatch_metric_alarm.ai_cost.metric_name == "AiCostUsd"
    error_message = "The AI cost alarm sums a day's spend against ai_cost_alarm_usd_per_day."
  }
  assert {
    condition     = strcontains(aws_cloudwatch_log_metric_filter.failed_documents.pattern, "$.outcome = \"failed\"") && aws_cloudwatch_metric_alarm.failed_documents.metric_name == "FailedDocuments" && aws_cloudwatch_metric_alarm.failed_documents.namespace == aws_cloudwatch_log_metric_filter.failed_documents.metric_transformation[0].namespace
    error_message = "The failed documents alarm counts 'job finished' lines with outcome failed."
  }
}

# One role per function, each allowed only what its code calls (src/infra/dynamo, S3FileStorage,
# S3PresignedFiles, SqsJobQueue, secrets-manager.ts). No CreateTable or DescribeTable: Terraform owns the tables.

locals {
  table_arns = flatten([for t in local.dynamodb_tables : [t.arn, "${t.arn}/index/*"]])
  # The repositories' calls; ConditionCheckItem is what a TransactWriteItems condition needs.
  dynamodb_actions = [
    "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
    "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:TransactWriteItems", "dynamodb:ConditionCheckItem",
  ]
  common_statements = concat([
    { Sid = "Data", Effect = "Allow", Action = local.dynamodb_actions, Resource = local.table_arns },
    { Sid = "Secrets", Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = aws_secretsmanager_secret.app.arn },
    # Without ListBucket S3 answers 403 for a missing key, which would read as an outage instead of "not found".
    # No s3:prefix condition: a GetObject carries no prefix, so a conditioned grant would not count for it.
    { Sid = "FindFiles", Effect = "Allow", Action = ["s3:ListBucket"], Resource = aws_s3_bucket.files.arn },
    ], var.xray_tracing ? [
    # Active tracing: Lambda sends the invocation's segments with the function's role. X-Ray has no resource ARNs.
    { Sid = "Tracing", Effect = "Allow", Action = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource = "*" },
  ] : [])
  # AI_PROVIDER=bedrock: the worker calls the Converse API, which needs bedrock:InvokeModel on the model or
  # inference profile in BEDROCK_MODEL_ID. A cross-region profile ("global.", "eu.") routes each call to the
  # foundation model in some region, so the foundation models are granted in every region (and without one,
  # as global profiles name them); the profiles only in this account.
  bedrock_statements = var.ai_provider != "bedrock" ? [] : [{
    Sid = "InvokeModel", Effect = "Allow", Action = ["bedrock:InvokeModel"],
    Resource = [
      "arn:aws:bedrock:*::foundation-model/*",
      "arn:aws:bedrock:*:${data.aws_caller_identity.current.account_id}:inference-profile/*",
    ]
  }]
  assume_lambda = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "api" {
  name               = "${local.name}-api"
  assume_role_policy = local.assume_lambda
}

resource "aws_iam_role_policy" "api" {
  name = "${local.name}-api"
  role = aws_iam_role.api.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.common_statements, [
      { Sid = "Logs", Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "${aws_cloudwatch_log_group.api.arn}:*" },
      # Put: direct uploads, and the signature of presigned PUTs to uploads/; Get: reads and download URLs.
      {
        Sid      = "Files", Effect = "Allow", Action = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
        Resource = ["${aws_s3_bucket.files.arn}/documents/*", "${aws_s3_bucket.files.arn}/uploads/*"]
      },
      { Sid = "QueueJobs", Effect = "Allow", Action = ["sqs:SendMessage", "sqs:GetQueueAttributes"], Resource = aws_sqs_queue.jobs.arn },
    ])
  })
}

resource "aws_iam_role" "worker" {
  name               = "${local.name}-worker"
  assume_role_policy = local.assume_lambda
}

resource "aws_iam_role_policy" "worker" {
  name = "${local.name}-worker"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.common_statements, [
      { Sid = "Logs", Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "${aws_cloudwatch_log_group.worker.arn}:*" },
      # A job only reads the document's file.
      { Sid = "Files", Effect = "Allow", Action = ["s3:GetObject"], Resource = "${aws_s3_bucket.files.arn}/documents/*" },
      # What the SQS event source mapping does with the function's role.
      {
        Sid      = "TakeJobs", Effect = "Allow",
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
        Resource = aws_sqs_queue.jobs.arn
      },
    ], local.bedrock_statements)
  })
}

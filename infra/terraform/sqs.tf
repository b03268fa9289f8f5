# FIFO, grouped by document (src/infra/queue/sqs-job-queue.ts): one run per document at a time. A job that
# fails max_receive_count times moves to the dead-letter queue, whose depth raises an alarm.

resource "aws_sqs_queue" "jobs_dlq" {
  name                      = "${local.name}-jobs-dlq.fifo"
  fifo_queue                = true
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps: time to look and redrive
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "jobs" {
  name                    = "${local.name}-jobs.fifo"
  fifo_queue              = true
  sqs_managed_sse_enabled = true
  # AWS's advice for a Lambda source: six times the function's timeout, so a slow run is not handed out twice.
  visibility_timeout_seconds = var.worker_timeout_seconds * 6
  message_retention_seconds  = 345600 # 4 days
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.jobs_dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
}

resource "aws_sqs_queue_redrive_allow_policy" "jobs_dlq" {
  queue_url = aws_sqs_queue.jobs_dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.jobs.arn]
  })
}

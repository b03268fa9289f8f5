# Alarms on what the application reports and on DynamoDB (cloudwatch.tf has the functions' and the queue's).
# The app's JSON log lines become metrics through metric filters: 'model usage' (one per model call, with its
# estimated cost: src/infra/observability/instrument-generators.ts) and 'job finished' with outcome "failed" (a
# document the worker marked failed: src/core/jobs/job-logging.ts). Generation runs in the worker function.

locals {
  app_metrics_namespace = "OpenDeck/${local.name}"
}

resource "aws_cloudwatch_log_metric_filter" "ai_cost" {
  name           = "${local.name}-ai-cost"
  log_group_name = aws_cloudwatch_log_group.worker.name
  pattern        = "{ $.msg = \"model usage\" && $.costUsd > 0 }"
  metric_transformation {
    name      = "AiCostUsd"
    namespace = local.app_metrics_namespace
    value     = "$.costUsd"
    unit      = "None"
  }
}

resource "aws_cloudwatch_log_metric_filter" "failed_documents" {
  name           = "${local.name}-failed-documents"
  log_group_name = aws_cloudwatch_log_group.worker.name
  pattern        = "{ $.msg = \"job finished\" && $.outcome = \"failed\" }"
  metric_transformation {
    name          = "FailedDocuments"
    namespace     = local.app_metrics_namespace
    value         = "1"
    default_value = "0"
    unit          = "Count"
  }
}

# Estimated model spend over a day above ai_cost_alarm_usd_per_day (prices in src/infra/llm/model-prices.ts).
resource "aws_cloudwatch_metric_alarm" "ai_cost" {
  alarm_name          = "${local.name}-ai-cost-per-day"
  alarm_description   = "Estimated AI model spend over the last 24 hours is above ${var.ai_cost_alarm_usd_per_day} USD."
  namespace           = local.app_metrics_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.ai_cost.metric_transformation[0].name
  statistic           = "Sum"
  period              = 86400
  evaluation_periods  = 1
  threshold           = var.ai_cost_alarm_usd_per_day
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "failed_documents" {
  alarm_name          = "${local.name}-failed-documents"
  alarm_description   = "More than ${var.failed_documents_alarm_per_hour} documents failed within an hour (the worker's log says why)."
  namespace           = local.app_metrics_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.failed_documents.metric_transformation[0].name
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = var.failed_documents_alarm_per_hour
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

# Any throttled read or write on a table within 5 minutes (on-demand tables throttle past their previous peak
# doubled, or on a hot partition).
resource "aws_cloudwatch_metric_alarm" "dynamodb_throttles" {
  for_each            = { for t in local.dynamodb_tables : t.name => t.name }
  alarm_name          = "${each.value}-throttles"
  alarm_description   = "DynamoDB throttled requests on ${each.value}."
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  metric_query {
    id          = "throttled"
    expression  = "reads + writes"
    label       = "Throttled reads and writes"
    return_data = true
  }
  metric_query {
    id = "reads"
    metric {
      namespace   = "AWS/DynamoDB"
      metric_name = "ReadThrottleEvents"
      dimensions  = { TableName = each.value }
      stat        = "Sum"
      period      = 300
    }
  }
  metric_query {
    id = "writes"
    metric {
      namespace   = "AWS/DynamoDB"
      metric_name = "WriteThrottleEvents"
      dimensions  = { TableName = each.value }
      stat        = "Sum"
      period      = 300
    }
  }
}

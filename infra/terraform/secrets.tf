# One secret holding a JSON object of variables (SECRET_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY, ...), read by
# the functions once per cold start. Terraform creates it empty on purpose: a value set here would sit in the
# state file. Set it with
#   aws secretsmanager put-secret-value --secret-id <secret_arn output> --secret-string '{"SECRET_KEY":"..."}'
resource "aws_secretsmanager_secret" "app" {
  name                    = "${local.name}/app"
  description             = "OpenDeck configuration secrets (JSON object of variables)"
  recovery_window_in_days = 7
}

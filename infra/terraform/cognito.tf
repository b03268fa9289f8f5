# Optional (enable_cognito): a Cognito user pool for signing in to OpenDeck with AWS's identity service, a
# public app client for the SPA and a hosted-UI domain. The API accepts the pool's access tokens through its
# OIDC settings (locals.tf): OIDC_ISSUER is the pool's issuer URL and OIDC_AUDIENCE the app client id, because
# Cognito access tokens carry no aud but client_id (with token_use=access), which is what the API checks
# (src/infra/auth/oidc-claims.ts).

locals {
  cognito_issuer = var.enable_cognito ? "https://cognito-idp.${var.aws_region}.amazonaws.com/${aws_cognito_user_pool.main[0].id}" : null
  # Globally unique per region; the account id makes the default unique without guessing.
  cognito_domain = coalesce(var.cognito_domain_prefix, "${local.name}-${var.environment}-${data.aws_caller_identity.current.account_id}")
}

resource "aws_cognito_user_pool" "main" {
  count = var.enable_cognito ? 1 : 0
  name  = "${local.name}-users"

  # People sign in with their email, compared case-insensitively, never with a separate user name.
  username_attributes = ["email"]
  username_configuration {
    case_sensitive = false
  }

  # A new account stays unconfirmed (cannot sign in) until the code sent to its email is entered; a changed
  # email keeps the old one in force until the new one is verified. The API links a Cognito sign-in to an
  # existing local account only when email_verified is true.
  auto_verified_attributes = ["email"]
  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }
  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true
    string_attribute_constraints {
      min_length = 3
      max_length = 254
    }
  }

  # The same rule as OpenDeck's own accounts (src/core/schemas.ts): at least 8 characters, no composition
  # rules (length beats forced symbols; NIST SP 800-63B).
  password_policy {
    minimum_length                   = 8
    require_lowercase                = false
    require_uppercase                = false
    require_numbers                  = false
    require_symbols                  = false
    temporary_password_validity_days = 7
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = !var.cognito_self_signup
  }

  # TOTP authenticator apps, at the user's choice by default; no SMS (needs an SNS role and costs money).
  mfa_configuration = var.cognito_mfa
  dynamic "software_token_mfa_configuration" {
    for_each = var.cognito_mfa == "OFF" ? [] : [1]
    content {
      enabled = true
    }
  }

  # Threat protection (compromised credentials, adaptive auth) is billed per user: off unless asked for.
  user_pool_add_ons {
    advanced_security_mode = var.cognito_advanced_security_mode
  }

  deletion_protection = var.cognito_deletion_protection ? "ACTIVE" : "INACTIVE"
}

# The SPA's client: public (no secret: a browser cannot keep one), authorization code flow only (no implicit
# flow, no password grant). Cognito accepts PKCE for any code request but cannot require it; the SPA must send a
# code_challenge (S256).
resource "aws_cognito_user_pool_client" "spa" {
  count        = var.enable_cognito ? 1 : 0
  name         = "${local.name}-spa"
  user_pool_id = aws_cognito_user_pool.main[0].id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  # email and profile let the API fetch the email from the userinfo endpoint on first use (access tokens
  # carry none); openid is what userinfo requires.
  allowed_oauth_scopes         = ["openid", "email", "profile"]
  supported_identity_providers = ["COGNITO"]
  callback_urls                = var.cognito_callback_urls
  logout_urls                  = var.cognito_logout_urls
  # Sign-in happens in the hosted UI; the client itself only refreshes.
  explicit_auth_flows = ["ALLOW_REFRESH_TOKEN_AUTH"]

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  access_token_validity         = var.cognito_access_token_minutes
  id_token_validity             = var.cognito_access_token_minutes
  refresh_token_validity        = var.cognito_refresh_token_days
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  lifecycle {
    precondition {
      condition     = length(var.cognito_callback_urls) > 0
      error_message = "enable_cognito needs cognito_callback_urls: the SPA address(es) the hosted UI returns to with the code."
    }
  }
}

# The hosted UI at https://<prefix>.auth.<region>.amazoncognito.com (a custom domain needs an ACM certificate
# in us-east-1: not set up here).
resource "aws_cognito_user_pool_domain" "main" {
  count        = var.enable_cognito ? 1 : 0
  domain       = local.cognito_domain
  user_pool_id = aws_cognito_user_pool.main[0].id
}

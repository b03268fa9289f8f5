# The four tables of src/infra/dynamo/tables.ts (keys, indexes and TTL must match it): on-demand billing,
# point-in-time recovery, encryption with the AWS-managed KMS key, deletion protection. Keys are the
# specification's PK and SK (USER#<id>/USER#<id>, USER#<id>/DECK#<id>, DECK#<id>/CARD#<id>, USER#<id>/DOC#<id>).

resource "aws_dynamodb_table" "users" {
  name                        = local.tables.users
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "PK"
  range_key                   = "SK"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "PK"
    type = "S"
  }
  attribute {
    name = "SK"
    type = "S"
  }
  # Sessions and refresh tokens expire by themselves.
  ttl {
    attribute_name = "expires_ttl"
    enabled        = true
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled = true
  }
}

resource "aws_dynamodb_table" "decks" {
  name                        = local.tables.decks
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "PK"
  range_key                   = "SK"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "PK"
    type = "S"
  }
  attribute {
    name = "SK"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled = true
  }
}

resource "aws_dynamodb_table" "flashcards" {
  name                        = local.tables.flashcards
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "PK"
  range_key                   = "SK"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "PK"
    type = "S"
  }
  attribute {
    name = "SK"
    type = "S"
  }
  attribute {
    name = "card_key"
    type = "S"
  }
  attribute {
    name = "created_key"
    type = "S"
  }
  attribute {
    name = "due_scope"
    type = "S"
  }
  attribute {
    name = "user_scope"
    type = "S"
  }
  attribute {
    name = "due_key"
    type = "S"
  }
  attribute {
    name = "log_deck"
    type = "S"
  }
  attribute {
    name = "log_user"
    type = "S"
  }
  attribute {
    name = "log_key"
    type = "S"
  }
  # A deck's cards in the list's order (created_at, then id), strongly consistent.
  local_secondary_index {
    name            = "by_created"
    range_key       = "created_key"
    projection_type = "ALL"
  }
  # A card by its id alone.
  global_secondary_index {
    name            = "by_card"
    hash_key        = "card_key"
    projection_type = "KEYS_ONLY"
  }
  # Study (src/infra/dynamo/study-items.ts): sparse due queues of a user's deck and of all their decks (only
  # non-new states carry the keys), and the review log in time order per deck and per user.
  global_secondary_index {
    name            = "by_due"
    hash_key        = "due_scope"
    range_key       = "due_key"
    projection_type = "ALL"
  }
  global_secondary_index {
    name            = "by_user_due"
    hash_key        = "user_scope"
    range_key       = "due_key"
    projection_type = "ALL"
  }
  global_secondary_index {
    name            = "log_by_deck"
    hash_key        = "log_deck"
    range_key       = "log_key"
    projection_type = "ALL"
  }
  global_secondary_index {
    name            = "log_by_user"
    hash_key        = "log_user"
    range_key       = "log_key"
    projection_type = "ALL"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled = true
  }
}

resource "aws_dynamodb_table" "documents" {
  name                        = local.tables.documents
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "PK"
  range_key                   = "SK"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "PK"
    type = "S"
  }
  attribute {
    name = "SK"
    type = "S"
  }
  attribute {
    name = "created_key"
    type = "S"
  }
  attribute {
    name = "unfinished"
    type = "S"
  }
  # A user's documents, newest first, strongly consistent.
  local_secondary_index {
    name            = "by_created"
    range_key       = "created_key"
    projection_type = "ALL"
  }
  # Sparse: only documents pending or processing carry `unfinished`.
  global_secondary_index {
    name            = "unfinished"
    hash_key        = "unfinished"
    range_key       = "created_key"
    projection_type = "KEYS_ONLY"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled = true
  }
}

locals {
  dynamodb_tables = [aws_dynamodb_table.users, aws_dynamodb_table.decks, aws_dynamodb_table.flashcards, aws_dynamodb_table.documents]
}

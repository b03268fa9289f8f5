terraform {
  required_version = ">= 1.9" # 1.9: validations that read other variables (variables.tf)
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60, < 6.0"
    }
  }
}

provider "aws" {
  region = var.aws_region
  default_tags {
    tags = { application = "opendeck", environment = var.environment }
  }
}

# The root of the plan tests (`terraform test` here): each run plans one
# module or one environment against a mocked AWS provider and asserts on what
# the plan would create. The files are by module; environments.tftest.hcl
# plans envs/dev and envs/prod whole.
terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

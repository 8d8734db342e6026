// Each check catches a deliberately broken snippet, and passes its fixed twin:
// a check that cannot fail proves nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { moduleFromText } from "./lib/hcl.mjs";
import { blueGreenServices, iamWildcards, logRetention, openIngress, publicAddresses, unencryptedStorage } from "./lib/checks.mjs";

async function findings(rule, hcl) {
  const model = await moduleFromText(hcl);
  return rule(model, new Map([[model.dir, model]]));
}

async function catches(rule, broken, fixed) {
  assert.notDeepEqual(await findings(rule, broken), [], "the broken snippet passed");
  assert.deepEqual(await findings(rule, fixed), [], "the fixed snippet failed");
}

test("open ingress: anywhere to a service port is caught; anywhere to the ALB on 443 is not", async () => {
  await catches(openIngress,
    `resource "aws_vpc_security_group_ingress_rule" "r" {\n security_group_id = aws_security_group.service.id\n cidr_ipv4 = "0.0.0.0/0"\n from_port = 8080\n to_port = 8080\n ip_protocol = "tcp"\n}`,
    `resource "aws_vpc_security_group_ingress_rule" "r" {\n security_group_id = aws_security_group.alb.id\n cidr_ipv4 = "0.0.0.0/0"\n from_port = 443\n to_port = 443\n ip_protocol = "tcp"\n}`);
  await catches(openIngress,
    `resource "aws_security_group" "db" {\n ingress {\n from_port = 5432\n to_port = 5432\n protocol = "tcp"\n cidr_blocks = ["0.0.0.0/0"]\n }\n}`,
    `resource "aws_security_group" "db" {\n ingress {\n from_port = 5432\n to_port = 5432\n protocol = "tcp"\n cidr_blocks = ["10.0.0.0/16"]\n }\n}`);
});

test("public IPs: a public database and a task with a public IP are caught", async () => {
  await catches(publicAddresses,
    `resource "aws_rds_cluster_instance" "i" { publicly_accessible = true }`,
    `resource "aws_rds_cluster_instance" "i" { publicly_accessible = false }`);
  await catches(publicAddresses,
    `resource "aws_ecs_service" "s" {\n network_configuration {\n subnets = var.private_subnet_ids\n assign_public_ip = true\n }\n}`,
    `resource "aws_ecs_service" "s" {\n network_configuration {\n subnets = var.private_subnet_ids\n assign_public_ip = false\n }\n}`);
});

test("encryption: an unencrypted cluster, queue, table and bucket, a topic under an AWS-managed key are caught", async () => {
  await catches(unencryptedStorage,
    `resource "aws_rds_cluster" "c" { storage_encrypted = false }`,
    `resource "aws_rds_cluster" "c" { storage_encrypted = true }`);
  await catches(unencryptedStorage,
    `resource "aws_sqs_queue" "q" { name = "q" }`,
    `resource "aws_sqs_queue" "q" { sqs_managed_sse_enabled = true }`);
  await catches(unencryptedStorage,
    `resource "aws_dynamodb_table" "t" {\n point_in_time_recovery {\n enabled = true\n }\n}`,
    `resource "aws_dynamodb_table" "t" {\n point_in_time_recovery {\n enabled = true\n }\n server_side_encryption {\n enabled = true\n }\n}`);
  await catches(unencryptedStorage,
    `resource "aws_sns_topic" "t" { kms_master_key_id = "alias/aws/sns" }`,
    `resource "aws_sns_topic" "t" { kms_master_key_id = aws_kms_key.k.arn }`);
  await catches(unencryptedStorage,
    `resource "aws_s3_bucket" "b" {}`,
    `resource "aws_s3_bucket" "b" {}\nresource "aws_s3_bucket_server_side_encryption_configuration" "b" {\n bucket = aws_s3_bucket.b.id\n rule {\n apply_server_side_encryption_by_default {\n sse_algorithm = "aws:kms"\n }\n }\n}`);
});

test("IAM: Action * and a data action on every resource are caught", async () => {
  await catches(iamWildcards,
    `data "aws_iam_policy_document" "p" {\n statement {\n actions = ["*"]\n resources = [aws_sqs_queue.q.arn]\n }\n}`,
    `data "aws_iam_policy_document" "p" {\n statement {\n actions = ["sqs:SendMessage"]\n resources = [aws_sqs_queue.q.arn]\n }\n}`);
  await catches(iamWildcards,
    `data "aws_iam_policy_document" "p" {\n statement {\n actions = ["dynamodb:GetItem"]\n resources = ["*"]\n }\n}`,
    `data "aws_iam_policy_document" "p" {\n statement {\n actions = ["dynamodb:GetItem"]\n resources = [aws_dynamodb_table.t.arn]\n }\n}`);
  await catches(iamWildcards,
    `data "aws_iam_policy_document" "p" {\n dynamic "statement" {\n for_each = [1]\n content {\n actions = ["s3:*"]\n resources = [aws_s3_bucket.b.arn]\n }\n }\n}`,
    `data "aws_iam_policy_document" "p" {\n dynamic "statement" {\n for_each = [1]\n content {\n actions = ["s3:GetObject"]\n resources = [aws_s3_bucket.b.arn]\n }\n }\n}`);
});

test("IAM: a key policy may give the account kms:* on the key, and no one else", async () => {
  const keyPolicy = (principal) => `resource "aws_kms_key" "k" { policy = data.aws_iam_policy_document.key.json }
data "aws_iam_policy_document" "key" {
 statement {
 actions = ["kms:*"]
 resources = ["*"]
 principals {
 type = "${principal.type}"
 identifiers = ["${principal.id}"]
 }
 }
}`;
  await catches(iamWildcards,
    keyPolicy({ type: "Service", id: "cloudwatch.amazonaws.com" }),
    keyPolicy({ type: "AWS", id: "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root" }));
});

test("logs: a log group without retention and a task without a log group are caught", async () => {
  await catches(logRetention,
    `resource "aws_cloudwatch_log_group" "l" { name = "x" }`,
    `resource "aws_cloudwatch_log_group" "l" {\n name = "x"\n retention_in_days = 30\n}`);
  await catches(logRetention,
    `resource "aws_cloudwatch_log_group" "l" { retention_in_days = 30 }\nresource "aws_ecs_task_definition" "t" {\n container_definitions = jsonencode([{ name = "app" }])\n}`,
    `resource "aws_cloudwatch_log_group" "l" { retention_in_days = 30 }\nresource "aws_ecs_task_definition" "t" {\n container_definitions = jsonencode([{ name = "app", logConfiguration = { logDriver = "awslogs", options = { awslogs-group = aws_cloudwatch_log_group.l.name } } }])\n}`);
});

test("blue/green: a CODE_DEPLOY service that Terraform would update in place, and its group replaced after, are caught", async () => {
  const service = (ignored, group) => `resource "aws_ecs_service" "s" {
 deployment_controller {
 type = "CODE_DEPLOY"
 }
 network_configuration {
 security_groups = [aws_security_group.service.id]
 }
 lifecycle {
 ignore_changes = [${ignored}]
 }
}
resource "aws_security_group" "service" {
${group}
}`;
  const fixedGroup = ` name_prefix = "x-"\n lifecycle {\n create_before_destroy = true\n }`;
  await catches(blueGreenServices,
    service("task_definition, load_balancer", fixedGroup),
    service("task_definition, load_balancer, network_configuration, enable_execute_command", fixedGroup));
  await catches(blueGreenServices,
    service("task_definition, load_balancer, network_configuration, enable_execute_command", ` name = "x"`),
    service("task_definition, load_balancer, network_configuration, enable_execute_command", fixedGroup));
});

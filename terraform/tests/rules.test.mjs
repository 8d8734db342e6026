// Each check catches a deliberately broken snippet, and passes its fixed twin:
// a check that cannot fail proves nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { moduleFromText } from "./lib/hcl.mjs";
import {
  ecsServices, iamWildcards, listeners, logRetention, moduleInputs, openIngress, publicAddresses,
  unencryptedStorage, unresolvedReferences,
} from "./lib/checks.mjs";

async function findings(rule, hcl) {
  const model = await moduleFromText(hcl);
  return rule(model, new Map([[model.dir, model]]));
}

async function catches(rule, broken, fixed) {
  assert.notDeepEqual(await findings(rule, broken), [], "the broken snippet passed");
  assert.deepEqual(await findings(rule, fixed), [], "the fixed snippet failed");
}

test("references: an undeclared variable, local or resource is caught", async () => {
  await catches(unresolvedReferences,
    `resource "aws_sqs_queue" "q" { name = var.nme }`,
    `variable "nme" {\n type = string\n description = "x"\n}\nresource "aws_sqs_queue" "q" { name = var.nme }`);
  await catches(unresolvedReferences,
    `output "x" {\n value = aws_sqs_queue.missing.arn\n description = "x"\n}`,
    `resource "aws_sqs_queue" "missing" {}\noutput "x" {\n value = aws_sqs_queue.missing.arn\n description = "x"\n}`);
  await catches(unresolvedReferences,
    `output "x" {\n value = local.nothing\n description = "x"\n}`,
    `locals { nothing = 1 }\noutput "x" {\n value = local.nothing\n description = "x"\n}`);
});

test("module inputs: an unknown input and a missing required one are caught", async () => {
  const { loadModule } = await import("./lib/hcl.mjs");
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tf-"));
  fs.mkdirSync(path.join(root, "child"));
  fs.writeFileSync(path.join(root, "child", "variables.tf"), `variable "needed" {\n type = string\n description = "x"\n}`);
  const check = async (call) => {
    fs.writeFileSync(path.join(root, "main.tf"), call);
    const parent = await loadModule(root);
    const child = await loadModule(path.join(root, "child"));
    return moduleInputs(parent, new Map([[path.resolve(root), parent], [path.resolve(root, "child"), child]]));
  };
  assert.match((await check(`module "c" {\n source = "./child"\n}`))[0].message, /required input needed/);
  assert.match((await check(`module "c" {\n source = "./child"\n needed = "x"\n extra = 1\n}`))[0].message, /unknown input extra/);
  assert.deepEqual(await check(`module "c" {\n source = "./child"\n needed = "x"\n}`), []);
});

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

test("encryption: an unencrypted cluster, queue, table and bucket are caught", async () => {
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

test("logs: a log group without retention and a task without a log group are caught", async () => {
  await catches(logRetention,
    `resource "aws_cloudwatch_log_group" "l" { name = "x" }`,
    `resource "aws_cloudwatch_log_group" "l" {\n name = "x"\n retention_in_days = 30\n}`);
  await catches(logRetention,
    `resource "aws_cloudwatch_log_group" "l" { retention_in_days = 30 }\nresource "aws_ecs_task_definition" "t" {\n container_definitions = jsonencode([{ name = "app" }])\n}`,
    `resource "aws_cloudwatch_log_group" "l" { retention_in_days = 30 }\nresource "aws_ecs_task_definition" "t" {\n container_definitions = jsonencode([{ name = "app", logConfiguration = { logDriver = "awslogs", options = { awslogs-group = aws_cloudwatch_log_group.l.name } } }])\n}`);
});

test("listeners: HTTP that does not redirect, an old TLS policy and kept invalid headers are caught", async () => {
  await catches(listeners,
    `resource "aws_lb_listener" "http" {\n protocol = "HTTP"\n default_action {\n type = "forward"\n }\n}`,
    `resource "aws_lb_listener" "http" {\n protocol = "HTTP"\n default_action {\n type = "redirect"\n redirect {\n protocol = "HTTPS"\n port = "443"\n status_code = "HTTP_301"\n }\n }\n}`);
  await catches(listeners,
    `resource "aws_lb_listener" "https" {\n protocol = "HTTPS"\n ssl_policy = "ELBSecurityPolicy-2016-08"\n}`,
    `resource "aws_lb_listener" "https" {\n protocol = "HTTPS"\n ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n}`);
  await catches(listeners,
    `resource "aws_lb" "a" { drop_invalid_header_fields = false }`,
    `resource "aws_lb" "a" { drop_invalid_header_fields = true }`);
});

test("ECS services: no health check grace, or public subnets, are caught", async () => {
  await catches(ecsServices,
    `resource "aws_ecs_service" "s" {\n load_balancer {\n container_port = 8080\n }\n network_configuration {\n subnets = var.private_subnet_ids\n }\n}`,
    `resource "aws_ecs_service" "s" {\n health_check_grace_period_seconds = 60\n load_balancer {\n container_port = 8080\n }\n network_configuration {\n subnets = var.private_subnet_ids\n }\n}`);
  await catches(ecsServices,
    `resource "aws_ecs_service" "s" {\n network_configuration {\n subnets = var.public_subnet_ids\n }\n}`,
    `resource "aws_ecs_service" "s" {\n network_configuration {\n subnets = var.private_subnet_ids\n }\n}`);
});

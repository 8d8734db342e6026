// What the offline checks look for. Each check takes loaded modules and
// returns findings: { check, where, message }. An empty list is a pass.
import path from "node:path";
import { references } from "./hcl.mjs";

const finding = (check, where, message) => ({ check, where, message });
const whereOf = (model, item) => `${path.relative(process.cwd(), item.file ?? model.dir)} ${item.type ? item.type + "." : ""}${item.name ?? ""}`;
const first = (value) => (Array.isArray(value) ? value[0] : value);
const DATA_SERVICES = ["sqs", "dynamodb", "rds", "rds-db", "s3", "secretsmanager", "kms", "ssm"];

/** Ingress from anywhere only to the load balancer, and only on 80 and 443. */
export function openIngress(model) {
  const findings = [];
  const anywhere = (value) => value === "0.0.0.0/0" || value === "::/0";
  const isLoadBalancerGroup = (expression) => /aws_security_group\.alb\b/.test(String(expression));
  const webPort = (from, to) => from === to && (from === 80 || from === 443);
  for (const resource of model.resources) {
    const body = resource.body;
    if (resource.type === "aws_vpc_security_group_ingress_rule" && (anywhere(body.cidr_ipv4) || anywhere(body.cidr_ipv6))) {
      if (!isLoadBalancerGroup(body.security_group_id) || !webPort(body.from_port, body.to_port)) {
        findings.push(finding("open-ingress", whereOf(model, resource), "ingress from anywhere that is not the load balancer on 80/443"));
      }
    }
    if (resource.type === "aws_security_group_rule" && body.type === "ingress" && (body.cidr_blocks ?? []).some(anywhere)) {
      if (!isLoadBalancerGroup(body.security_group_id) || !webPort(body.from_port, body.to_port)) {
        findings.push(finding("open-ingress", whereOf(model, resource), "ingress from anywhere that is not the load balancer on 80/443"));
      }
    }
    if (resource.type === "aws_security_group") {
      for (const ingress of body.ingress ?? []) {
        if ((ingress.cidr_blocks ?? []).some(anywhere) && (resource.name !== "alb" || !webPort(ingress.from_port, ingress.to_port))) {
          findings.push(finding("open-ingress", whereOf(model, resource), "inline ingress from anywhere that is not the load balancer on 80/443"));
        }
      }
    }
  }
  return findings;
}

/** No database instance, task or instance with a public IP. */
export function publicAddresses(model) {
  const findings = [];
  for (const resource of model.resources) {
    const body = resource.body;
    if (["aws_db_instance", "aws_rds_cluster_instance"].includes(resource.type) && body.publicly_accessible !== false) {
      findings.push(finding("public-ip", whereOf(model, resource), "publicly_accessible must be false"));
    }
    if (resource.type === "aws_ecs_service" && first(body.network_configuration)?.assign_public_ip !== false) {
      findings.push(finding("public-ip", whereOf(model, resource), "assign_public_ip must be false"));
    }
    if (resource.type === "aws_instance" && body.associate_public_ip_address !== false) {
      findings.push(finding("public-ip", whereOf(model, resource), "associate_public_ip_address must be false"));
    }
    if (resource.type === "aws_subnet" && body.map_public_ip_on_launch === true) {
      findings.push(finding("public-ip", whereOf(model, resource), "subnets must not hand out public IPs"));
    }
  }
  return findings;
}

/** Storage, queues, tables, topics and repositories are encrypted at rest. */
export function unencryptedStorage(model) {
  const findings = [];
  const encryptedBuckets = new Set(model.resources
    .filter((resource) => resource.type === "aws_s3_bucket_server_side_encryption_configuration")
    .flatMap((resource) => references(String(resource.body.bucket)).filter((ref) => ref.type === "aws_s3_bucket").map((ref) => ref.name)));
  for (const resource of model.resources) {
    const body = resource.body;
    const fail = (message) => findings.push(finding("encryption", whereOf(model, resource), message));
    switch (resource.type) {
      case "aws_rds_cluster":
      case "aws_db_instance":
        if (body.storage_encrypted !== true) fail("storage_encrypted must be true");
        break;
      case "aws_sqs_queue":
        if (body.sqs_managed_sse_enabled !== true && !body.kms_master_key_id) fail("the queue needs SSE (sqs_managed_sse_enabled or a KMS key)");
        break;
      case "aws_dynamodb_table":
        if (first(body.server_side_encryption)?.enabled !== true) fail("server_side_encryption must be enabled");
        if (first(body.point_in_time_recovery)?.enabled !== true) fail("point_in_time_recovery must be enabled");
        break;
      case "aws_s3_bucket":
        if (!encryptedBuckets.has(resource.name)) fail("the bucket has no server-side encryption configuration");
        break;
      case "aws_sns_topic":
        // CloudWatch and other AWS services cannot publish to a topic under an AWS-managed key.
        if (!body.kms_master_key_id || String(body.kms_master_key_id).startsWith("alias/aws/")) {
          fail("the topic needs kms_master_key_id of a customer-managed key");
        }
        break;
      case "aws_ecr_repository":
        if (!body.encryption_configuration) fail("the repository needs an encryption_configuration");
        if (body.image_tag_mutability !== "IMMUTABLE") fail("image tags must be immutable");
        break;
      default:
    }
  }
  return findings;
}

/**
 * No IAM statement allows every action, or a data action on every resource. A KMS key
 * policy is the exception it must be: its "*" resource is the key itself, and the account
 * (and only the account) administers the key with kms:*.
 */
export function iamWildcards(model) {
  const findings = [];
  const keyPolicies = new Set(model.resources
    .filter((resource) => resource.type === "aws_kms_key")
    .flatMap((key) => references(String(key.body.policy ?? ""))
      .filter((ref) => ref.kind === "data" && ref.type === "aws_iam_policy_document")
      .map((ref) => ref.name)));
  const isAccountRoot = (statement) => (statement.principals ?? []).every((principal) =>
    principal.type === "AWS" && (principal.identifiers ?? []).every((id) => /^arn:(aws|\$\{[^}]*partition[^}]*\}):iam::.*:root$/.test(id)));
  for (const document of model.data.filter((data) => data.type === "aws_iam_policy_document")) {
    const statements = [...(document.body.statement ?? [])];
    const dynamics = document.body.dynamic ?? [];
    for (const dynamic of Array.isArray(dynamics) ? dynamics : [dynamics]) {
      for (const block of dynamic.statement ?? []) statements.push(...(block.content ?? []));
    }
    const keyPolicy = keyPolicies.has(document.name);
    for (const statement of statements) {
      if (statement.effect === "Deny") continue;
      const actions = statement.actions ?? [];
      const resources = statement.resources ?? [];
      const where = `${whereOf(model, document)} statement ${statement.sid ?? "(no sid)"}`;
      if (actions.some((action) => action === "*" || /^[\w-]+:\*$/.test(action)) && !(keyPolicy && isAccountRoot(statement))) {
        findings.push(finding("iam-wildcard", where, `wildcard action ${actions.join(", ")}`));
      }
      const dataActions = actions.filter((action) => DATA_SERVICES.includes(String(action).split(":")[0]));
      if (resources.includes("*") && dataActions.length > 0 && !keyPolicy) {
        findings.push(finding("iam-wildcard", where, `data actions on every resource: ${dataActions.join(", ")}`));
      }
    }
  }
  return findings;
}

/** Every log group keeps its logs for a set time; every task's containers log to one. */
export function logRetention(model) {
  const findings = [];
  const logGroups = new Map(model.resources.filter((r) => r.type === "aws_cloudwatch_log_group").map((r) => [r.name, r]));
  for (const group of logGroups.values()) {
    if (typeof group.body.retention_in_days !== "number" && !String(group.body.retention_in_days ?? "").includes("${")) {
      findings.push(finding("log-retention", whereOf(model, group), "retention_in_days must be set"));
    }
  }
  for (const task of model.resources.filter((r) => r.type === "aws_ecs_task_definition")) {
    let text = String(task.body.container_definitions);
    for (const ref of references(text).filter((r) => r.kind === "local")) text += JSON.stringify(model.locals.get(ref.name) ?? "");
    const groups = references(text).filter((ref) => ref.type === "aws_cloudwatch_log_group");
    if (!text.includes("awslogs") || groups.length === 0 || groups.some((ref) => !logGroups.has(ref.name))) {
      findings.push(finding("log-retention", whereOf(model, task), "containers must log with awslogs to a log group of this module"));
    }
  }
  return findings;
}

// Rules over every resource of every module, which a plan test of chosen
// resources would not see on a resource added later. What one module must
// hold (its listeners, its ECS service, its alarms) is asserted on its plan in
// terraform/tests/plan; references and module inputs, by terraform validate.
/**
 * A blue/green (CODE_DEPLOY) service: ECS refuses to update its task definition, load
 * balancer, network configuration or ECS Exec in place, so Terraform must leave them to
 * CodeDeploy, or the second apply fails (Terraform review A4). Its security groups are
 * replaced before they are removed, while tasks still use them.
 */
export function blueGreenServices(model) {
  const findings = [];
  const blueGreen = model.resources.filter((resource) =>
    resource.type === "aws_ecs_service" && first(resource.body.deployment_controller)?.type === "CODE_DEPLOY");
  for (const resource of blueGreen) {
    const ignored = (first(resource.body.lifecycle)?.ignore_changes ?? []).map((name) => String(name).replace(/^\$\{(.*)\}$/, "$1"));
    for (const attribute of ["task_definition", "load_balancer", "network_configuration", "enable_execute_command"]) {
      if (!ignored.includes(attribute)) {
        findings.push(finding("blue-green", whereOf(model, resource), `a CODE_DEPLOY service must ignore changes to ${attribute}`));
      }
    }
    for (const group of String(JSON.stringify(resource.body.network_configuration ?? [])).matchAll(/aws_security_group\.(\w+)/g)) {
      const definition = model.resources.find((other) => other.type === "aws_security_group" && other.name === group[1]);
      if (definition && (first(definition.body.lifecycle)?.create_before_destroy !== true || definition.body.name !== undefined)) {
        findings.push(finding("blue-green", whereOf(model, definition), "a blue/green service's security group is made (name_prefix) before the old one goes"));
      }
    }
  }
  return findings;
}

export const SECURITY_RULES = [openIngress, publicAddresses, unencryptedStorage, iamWildcards, logRetention, blueGreenServices];

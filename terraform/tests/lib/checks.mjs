// What the offline checks look for. Each check takes loaded modules and
// returns findings: { check, where, message }. An empty list is a pass.
import path from "node:path";
import { expressions, references } from "./hcl.mjs";

const finding = (check, where, message) => ({ check, where, message });
const whereOf = (model, item) => `${path.relative(process.cwd(), item.file ?? model.dir)} ${item.type ? item.type + "." : ""}${item.name ?? ""}`;
const first = (value) => (Array.isArray(value) ? value[0] : value);
const DATA_SERVICES = ["sqs", "dynamodb", "rds", "rds-db", "s3", "secretsmanager", "kms", "ssm"];

/** Every var., local., module output, resource and data source an expression names is declared. */
export function unresolvedReferences(model, modelsByDir) {
  const findings = [];
  const declared = new Set([...model.resources.map((r) => `${r.type}.${r.name}`)]);
  const declaredData = new Set(model.data.map((d) => `${d.type}.${d.name}`));
  const calls = new Map(model.modules.map((call) => [call.name, call]));
  for (const { file, json } of model.json) {
    for (const expression of expressions(json)) {
      for (const ref of references(expression)) {
        const where = `${path.relative(process.cwd(), file)}: ${expression.slice(0, 80)}`;
        if (ref.kind === "var" && !model.variables.has(ref.name)) {
          findings.push(finding("references", where, `var.${ref.name} is not declared`));
        } else if (ref.kind === "local" && !model.locals.has(ref.name)) {
          findings.push(finding("references", where, `local.${ref.name} is not declared`));
        } else if (ref.kind === "resource" && !declared.has(`${ref.type}.${ref.name}`)) {
          findings.push(finding("references", where, `${ref.type}.${ref.name} is not declared in this module`));
        } else if (ref.kind === "data" && !declaredData.has(`${ref.type}.${ref.name}`)) {
          findings.push(finding("references", where, `data.${ref.type}.${ref.name} is not declared in this module`));
        } else if (ref.kind === "module") {
          const call = calls.get(ref.name);
          if (!call) {
            findings.push(finding("references", where, `module.${ref.name} is not called in this module`));
            continue;
          }
          const target = modelsByDir.get(path.resolve(model.dir, call.source));
          if (target && !target.outputs.has(ref.output)) {
            findings.push(finding("references", where, `module.${ref.name} has no output ${ref.output}`));
          }
        }
      }
    }
  }
  return findings;
}

/** Every module call passes only inputs its module declares, and every input without a default. */
export function moduleInputs(model, modelsByDir) {
  const findings = [];
  for (const call of model.modules) {
    const target = modelsByDir.get(path.resolve(model.dir, call.source));
    const where = `${path.relative(process.cwd(), call.file)} module.${call.name}`;
    if (!target) {
      findings.push(finding("module-inputs", where, `source ${call.source} is not a module of this repository`));
      continue;
    }
    for (const input of call.inputs) {
      if (!target.variables.has(input)) findings.push(finding("module-inputs", where, `unknown input ${input}`));
    }
    for (const [name, variable] of target.variables) {
      if (!variable.hasDefault && !call.inputs.includes(name)) {
        findings.push(finding("module-inputs", where, `required input ${name} is missing`));
      }
    }
  }
  return findings;
}

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
        if (!body.kms_master_key_id) fail("the topic needs kms_master_key_id");
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

/** No IAM statement allows every action, or a data action on every resource. */
export function iamWildcards(model) {
  const findings = [];
  for (const document of model.data.filter((data) => data.type === "aws_iam_policy_document")) {
    const statements = [...(document.body.statement ?? [])];
    const dynamics = document.body.dynamic ?? [];
    for (const dynamic of Array.isArray(dynamics) ? dynamics : [dynamics]) {
      for (const block of dynamic.statement ?? []) statements.push(...(block.content ?? []));
    }
    for (const statement of statements) {
      if (statement.effect === "Deny") continue;
      const actions = statement.actions ?? [];
      const resources = statement.resources ?? [];
      const where = `${whereOf(model, document)} statement ${statement.sid ?? "(no sid)"}`;
      if (actions.some((action) => action === "*" || /^[\w-]+:\*$/.test(action))) {
        findings.push(finding("iam-wildcard", where, `wildcard action ${actions.join(", ")}`));
      }
      const dataActions = actions.filter((action) => DATA_SERVICES.includes(String(action).split(":")[0]));
      if (resources.includes("*") && dataActions.length > 0) {
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

/** Plain HTTP only redirects to HTTPS; HTTPS uses a TLS 1.3 policy; the ALB drops invalid headers. */
export function listeners(model) {
  const findings = [];
  for (const resource of model.resources) {
    const body = resource.body;
    if (resource.type === "aws_lb_listener" && body.protocol === "HTTP") {
      const action = first(body.default_action);
      if (action?.type !== "redirect" || first(action.redirect)?.protocol !== "HTTPS") {
        findings.push(finding("http-listener", whereOf(model, resource), "an HTTP listener must redirect to HTTPS"));
      }
    }
    if (resource.type === "aws_lb_listener" && body.protocol === "HTTPS" && !String(body.ssl_policy).startsWith("ELBSecurityPolicy-TLS13")) {
      findings.push(finding("http-listener", whereOf(model, resource), "HTTPS listeners use a TLS 1.3 policy"));
    }
    if (resource.type === "aws_lb" && body.drop_invalid_header_fields !== true) {
      findings.push(finding("http-listener", whereOf(model, resource), "drop_invalid_header_fields must be true"));
    }
  }
  return findings;
}

/** ECS services run in private subnets and give new tasks a health check grace period. */
export function ecsServices(model) {
  const findings = [];
  for (const service of model.resources.filter((r) => r.type === "aws_ecs_service")) {
    const body = service.body;
    if (body.load_balancer && typeof body.health_check_grace_period_seconds === "undefined") {
      findings.push(finding("ecs-service", whereOf(model, service), "health_check_grace_period_seconds must be set"));
    }
    const subnets = String(first(body.network_configuration)?.subnets ?? "");
    if (!/private/.test(subnets)) {
      findings.push(finding("ecs-service", whereOf(model, service), "tasks must run in private subnets"));
    }
  }
  return findings;
}

export const SECURITY_RULES = [openIngress, publicAddresses, unencryptedStorage, iamWildcards, logRetention, listeners, ecsServices];

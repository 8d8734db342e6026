// What an environment costs a month before its first order: every resource of a Terraform
// plan (`terraform show -json`, or `terraform test -json -verbose`'s plans) that costs money
// while nothing happens, priced from benchmarks' aws-prices.properties, the one place for
// prices. A resource type this file does not know is an error, not a zero: each type is
// either priced below or named as free when idle.
import fs from "node:fs";

const HOURS_PER_MONTH = 730;

/** Types that cost nothing while no request, message or byte goes through them. */
export const FREE_WHEN_IDLE = new Set([
  // Networking that bills by traffic or not at all.
  "aws_vpc", "aws_subnet", "aws_route", "aws_route_table", "aws_route_table_association", "aws_internet_gateway",
  "aws_default_security_group", "aws_security_group", "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule", "aws_flow_log", "aws_route53_record", "aws_acm_certificate",
  "aws_acm_certificate_validation", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_target_group",
  "aws_wafv2_web_acl_association", "aws_wafv2_web_acl_logging_configuration",
  // Billed per request or byte stored, which an idle environment hardly has.
  "aws_cloudfront_distribution", "aws_cloudfront_origin_access_control", "aws_cloudfront_response_headers_policy",
  "aws_s3_bucket", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_policy",
  "aws_s3_bucket_public_access_block", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
  "aws_s3_object", "aws_dynamodb_table", "aws_sns_topic", "aws_sns_topic_policy", "aws_sns_topic_subscription",
  "aws_sqs_queue_policy", "aws_sqs_queue_redrive_allow_policy", "aws_cloudwatch_log_metric_filter",
  "aws_ses_identity_policy",
  // Identity, by monthly active users; none while idle.
  "aws_cognito_user_pool", "aws_cognito_user_pool_client", "aws_cognito_user_pool_domain", "aws_cognito_user_group",
  "aws_cognito_resource_server",
  // Delivery, by build minute and pipeline run.
  "aws_codebuild_project", "aws_codebuild_report_group", "aws_codedeploy_app", "aws_codedeploy_deployment_group",
  "aws_codepipeline", "aws_codestarconnections_connection", "aws_ecr_lifecycle_policy",
  // Configuration without a bill of its own.
  "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy", "aws_iam_service_linked_role",
  "aws_kms_alias", "aws_secretsmanager_secret_version", "aws_db_subnet_group", "aws_rds_cluster_parameter_group",
  "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_task_definition", "aws_appautoscaling_target",
  "aws_appautoscaling_policy",
]);

/** The prices and estimates of aws-prices.properties, as numbers (and its region). */
export function loadPrices(file) {
  const prices = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const match = line.match(/^\s*([\w.-]+)\s*=\s*(.*?)\s*$/);
    if (match) prices[match[1]] = match[2];
  }
  return prices;
}

function price(prices, key) {
  const value = Number(prices[key]);
  if (prices[key] === undefined || Number.isNaN(value)) throw new Error(`aws-prices.properties has no number for ${key}`);
  return value;
}

const created = (plan) => (plan.resource_changes ?? []).filter((change) =>
  change.mode === "managed" && change.change.actions.some((action) => action === "create" || action === "update" || action === "no-op"));

const after = (change) => change.change.after ?? {};

/**
 * The monthly cost of the plan's resources while the environment takes no order.
 *
 * @returns {{ lines: {what: string, monthly: number, how: string}[], total: number, unknown: string[] }}
 */
export function idleMonth(plan, prices) {
  const resources = created(plan);
  const byType = (type) => resources.filter((change) => change.type === type);
  const lines = [];
  const add = (what, monthly, how) => { if (monthly > 0 || how) lines.push({ what, monthly, how }); };
  const handled = new Set(FREE_WHEN_IDLE);
  const hours = HOURS_PER_MONTH;

  // The zones the environment spans, by its private subnets.
  const zones = byType("aws_subnet").filter((subnet) => /private/.test(subnet.address)).length || 1;

  handled.add("aws_nat_gateway");
  const nats = byType("aws_nat_gateway").length;
  add(`NAT gateways (${nats})`, nats * hours * price(prices, "ec2.nat-gateway.per-hour"), `${nats} × ${hours} h`);

  handled.add("aws_eip");
  handled.add("aws_lb");
  const eips = byType("aws_eip").length;
  const loadBalancers = byType("aws_lb");
  const loadBalancerAddresses = loadBalancers.filter((lb) => !after(lb).internal).length * zones;
  add(`public IPv4 addresses (${eips} NAT, ${loadBalancerAddresses} load balancer)`,
    (eips + loadBalancerAddresses) * hours * price(prices, "ec2.public-ipv4.per-hour"), "per address-hour");
  add(`application load balancers (${loadBalancers.length})`,
    loadBalancers.length * hours * price(prices, "elb.application.per-hour"), "per hour; no LCU while idle");

  handled.add("aws_vpc_endpoint");
  const interfaceEndpoints = byType("aws_vpc_endpoint").filter((endpoint) => after(endpoint).vpc_endpoint_type === "Interface");
  add(`interface endpoints (${interfaceEndpoints.length} × ${zones} zones)`,
    interfaceEndpoints.length * zones * hours * price(prices, "vpc.interface-endpoint.per-az-hour"),
    "per endpoint, zone and hour; gateway endpoints are free");

  handled.add("aws_rds_cluster");
  handled.add("aws_rds_cluster_instance");
  for (const cluster of byType("aws_rds_cluster")) {
    const scaling = (after(cluster).serverlessv2_scaling_configuration ?? [])[0] ?? {};
    const instances = byType("aws_rds_cluster_instance").length;
    const minimum = Number(scaling.min_capacity ?? 0.5);
    const pauses = minimum === 0 && Number(scaling.seconds_until_auto_pause ?? 0) > 0;
    const acuHour = price(prices, "aurora.serverless-v2.per-acu-hour");
    if (pauses) {
      // Paused, no ACU; awake at the smallest running capacity while the services' timed jobs
      // take their hourly look (outbox Quiet) and until the pause follows it.
      const awake = price(prices, "idle.aurora-awake-share");
      add(`Aurora Serverless v2 (${instances} instance${instances === 1 ? "" : "s"} at 0 ACU, paused when idle)`,
        instances * price(prices, "aurora.serverless-v2.smallest-running-acu") * acuHour * hours * awake,
        `awake ${Math.round(awake * 100)} % of the time at the smallest capacity (estimate)`);
    } else {
      add(`Aurora Serverless v2 (${instances} instances at ${minimum} ACU)`, instances * minimum * hours * acuHour,
        "per ACU-hour at the minimum");
    }
    add("Aurora storage", price(prices, "aurora.idle-storage-gb") * price(prices, "aurora.storage.per-gb-month"),
      "an empty cluster's GB (estimate)");
    if (after(cluster).manage_master_user_password) {
      add("Aurora's master password (Secrets Manager)", price(prices, "secretsmanager.per-secret-month"), "one secret");
    }
  }

  handled.add("aws_ecs_service");
  const tasks = fargateTasks(resources, prices);
  for (const task of tasks) add(task.what, task.monthly, task.how);

  handled.add("aws_wafv2_web_acl");
  for (const acl of byType("aws_wafv2_web_acl")) {
    const rules = (after(acl).rule ?? []).length;
    add(`WAF web ACL and its ${rules} rules`, price(prices, "waf.web-acl-month") + rules * price(prices, "waf.rule-month"),
      "per ACL and rule; requests billed as they come");
  }

  handled.add("aws_kms_key");
  const keys = byType("aws_kms_key").length;
  add(`KMS keys (${keys})`, keys * price(prices, "kms.per-key-month"), "per key");

  handled.add("aws_secretsmanager_secret");
  const secrets = byType("aws_secretsmanager_secret").length;
  add(`Secrets Manager secrets (${secrets})`, secrets * price(prices, "secretsmanager.per-secret-month"), "per secret");

  handled.add("aws_cloudwatch_dashboard");
  const dashboards = byType("aws_cloudwatch_dashboard").length;
  add(`CloudWatch dashboards (${dashboards})`, dashboards * price(prices, "cloudwatch.dashboard-month"), "per dashboard");

  handled.add("aws_cloudwatch_metric_alarm");
  const alarmMetrics = byType("aws_cloudwatch_metric_alarm").reduce((sum, alarm) => {
    const queries = after(alarm).metric_query ?? [];
    return sum + (queries.length ? queries.filter((query) => (query.metric ?? []).length > 0).length : 1);
  }, 0);
  add(`CloudWatch alarms (${byType("aws_cloudwatch_metric_alarm").length}, ${alarmMetrics} metrics)`,
    alarmMetrics * price(prices, "cloudwatch.alarm-metric-month"), "per metric an alarm reads");

  const services = byType("aws_ecs_service").length;
  const runningTasks = tasks.reduce((sum, task) => sum + task.count, 0);
  const insights = byType("aws_ecs_cluster").some((cluster) =>
    (after(cluster).setting ?? []).some((setting) => setting.name === "containerInsights" && setting.value !== "disabled"));
  const customMetrics = services * price(prices, "idle.custom-metrics-per-service")
    + (insights ? price(prices, "idle.container-insights-metrics-per-cluster")
      + services * price(prices, "idle.container-insights-metrics-per-service") : 0);
  add(`CloudWatch custom metrics (${customMetrics}: the services' own${insights ? ", Container Insights" : ""})`,
    customMetrics * price(prices, "cloudwatch.custom-metric-month"), "per metric a month (estimate of the series)");

  handled.add("aws_cloudwatch_log_group");
  const logGigabytes = runningTasks * price(prices, "idle.log-gb-per-task-month")
    + (byType("aws_flow_log").length ? price(prices, "idle.flow-log-gb-month") : 0);
  add(`log ingestion at idle (${logGigabytes.toFixed(2)} GB)`,
    logGigabytes * price(prices, "cloudwatch.logs.per-gb-ingested"), "the tasks' metrics and logs, flow logs (estimate)");

  handled.add("aws_sqs_queue");
  // Each node of the load balancer (one per zone) checks each target; a readiness check looks at
  // the service's queues, a liveness check at nothing but the process.
  const readinessChecks = byType("aws_lb_target_group").map((group) => (after(group).health_check ?? [])[0] ?? {})
    .filter((check) => check.path === "/q/health/ready");
  const interval = Math.min(...readinessChecks.map((check) => Number(check.interval ?? 30)));
  const checksPerTaskHour = loadBalancers.length && Number.isFinite(interval) ? zones * 3600 / interval : 0;
  const sqsRequests = runningTasks * hours * (price(prices, "idle.sqs-requests-per-task-hour")
    + checksPerTaskHour * price(prices, "idle.sqs-requests-per-readiness-check"));
  add(`SQS requests at idle (${(sqsRequests / 1e6).toFixed(1)} M: long polls${checksPerTaskHour ? ", readiness checks" : ""})`,
    sqsRequests / 1e6 * price(prices, "sqs.standard.per-million-requests"), "per million requests");

  handled.add("aws_ecr_repository");
  const repositories = byType("aws_ecr_repository").length;
  add(`ECR storage (${repositories} repositories)`,
    repositories * price(prices, "idle.ecr-gb-per-repository") * price(prices, "ecr.per-gb-month"), "kept images (estimate)");

  add("Route 53 hosted zone (made by hand: terraform/bootstrap)", price(prices, "route53.hosted-zone-month"), "per zone");

  const unknown = [...new Set(resources.map((change) => change.type).filter((type) => !handled.has(type)))].sort();
  const total = lines.reduce((sum, line) => sum + line.monthly, 0);
  return { lines, total, unknown };
}

/** The tasks the services run at their minimum, on demand or on Spot as the cluster's strategy says. */
function fargateTasks(resources, prices) {
  const definitions = new Map(resources.filter((change) => change.type === "aws_ecs_task_definition")
    .map((change) => [after(change).family, after(change)]));
  const strategy = resources.filter((change) => change.type === "aws_ecs_cluster_capacity_providers")
    .flatMap((change) => after(change).default_capacity_provider_strategy ?? []);
  const base = strategy.find((provider) => provider.capacity_provider === "FARGATE")?.base ?? 0;
  const weights = Object.fromEntries(strategy.map((provider) => [provider.capacity_provider, provider.weight ?? 0]));
  const totalWeight = (weights.FARGATE ?? 0) + (weights.FARGATE_SPOT ?? 0);
  const perVcpuHour = price(prices, "fargate.arm64.per-vcpu-hour");
  const perGbHour = price(prices, "fargate.arm64.per-gb-hour");
  const spotShare = price(prices, "fargate.spot.share-of-on-demand");
  return resources.filter((change) => change.type === "aws_ecs_service").map((service) => {
    const count = Number(after(service).desired_count ?? 0);
    const family = [...definitions.keys()].find((name) => name.endsWith(`-${after(service).name}`));
    const definition = definitions.get(family) ?? {};
    const vcpu = Number(definition.cpu ?? 0) / 1024;
    const gigabytes = Number(definition.memory ?? 0) / 1024;
    const onDemand = Math.min(count, base) + (totalWeight ? (count - Math.min(count, base)) * (weights.FARGATE ?? 0) / totalWeight : 0);
    const spot = count - onDemand;
    const perTaskMonth = (vcpu * perVcpuHour + gigabytes * perGbHour) * HOURS_PER_MONTH;
    return {
      what: `${after(service).name}: ${count} task${count === 1 ? "" : "s"} of ${vcpu} vCPU, ${gigabytes} GB`
        + (spot > 0 ? ` (${spot} on Spot)` : ""),
      monthly: perTaskMonth * (onDemand + spot * spotShare),
      how: "Fargate ARM per vCPU- and GB-hour",
      count,
    };
  });
}

/** The environments' plans in `terraform test -json -verbose` output: {runName: plan}. */
export function plansOfTestRun(jsonLines, runs) {
  const plans = {};
  for (const line of jsonLines.split("\n")) {
    if (!line.includes('"test_plan"')) continue;
    const message = JSON.parse(line);
    if (message.type === "test_plan" && runs.includes(message["@testrun"])) plans[message["@testrun"]] = message.test_plan;
  }
  return plans;
}

/** A Markdown table of the bill. */
export function table(name, bill, region) {
  const money = (value) => `$${value.toFixed(2)}`;
  const rows = [...bill.lines].sort((a, b) => b.monthly - a.monthly)
    .map((line) => `| ${line.what} | ${money(line.monthly)} | ${line.how} |`);
  return [`#### ${name}: ${money(bill.total)} a month before its first order (${region} list prices)`, "",
    "| what | a month | how |", "|---|---:|---|", ...rows, `| **total** | **${money(bill.total)}** | |`].join("\n");
}

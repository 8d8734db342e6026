// The idle bill (lib/bill.mjs): what it prices, how, and that a resource it does not know
// fails it rather than costing nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { idleMonth, loadPrices } from "./lib/bill.mjs";

const prices = loadPrices(path.resolve(path.dirname(fileURLToPath(import.meta.url)),
  "../../benchmarks/src/main/resources/aws-prices.properties"));
const resource = (type, name, after = {}) => ({ address: `${type}.${name}`, mode: "managed", type, name, change: { actions: ["create"], after } });
const line = (bill, start) => bill.lines.find((candidate) => candidate.what.startsWith(start));

test("a resource type the bill neither prices nor knows as free fails it, naming the type", () => {
  const bill = idleMonth({ resource_changes: [resource("aws_elasticache_cluster", "cache"), resource("aws_iam_role", "role")] }, prices);

  assert.deepEqual(bill.unknown, ["aws_elasticache_cluster"]);
});

test("NAT gateways, their addresses and interface endpoints are priced per hour, endpoints per zone", () => {
  const plan = { resource_changes: [
    resource("aws_subnet", "private[0]"), resource("aws_subnet", "private[1]"),
    resource("aws_nat_gateway", "this[0]"), resource("aws_eip", "nat[0]"),
    resource("aws_vpc_endpoint", "interface[\"sqs\"]", { vpc_endpoint_type: "Interface" }),
    resource("aws_vpc_endpoint", "gateway[\"s3\"]", { vpc_endpoint_type: "Gateway" }),
  ] };

  const bill = idleMonth(plan, prices);

  assert.equal(line(bill, "NAT gateways (1)").monthly.toFixed(2), (730 * 0.045).toFixed(2));
  assert.equal(line(bill, "interface endpoints (1 × 2 zones)").monthly.toFixed(2), (2 * 730 * 0.01).toFixed(2));
  assert.equal(line(bill, "public IPv4 addresses (1 NAT").monthly.toFixed(2), (730 * 0.005).toFixed(2));
  assert.deepEqual(bill.unknown, []);
});

test("tasks above the on-demand base go to Spot by the strategy's weights, at Spot's share of the price", () => {
  const plan = { resource_changes: [
    resource("aws_ecs_cluster_capacity_providers", "this", { default_capacity_provider_strategy: [
      { capacity_provider: "FARGATE", base: 0, weight: 0 }, { capacity_provider: "FARGATE_SPOT", base: 0, weight: 1 }] }),
    resource("aws_ecs_task_definition", "this", { family: "fulfilment-dev-order-service", cpu: "512", memory: "1024" }),
    resource("aws_ecs_service", "this", { name: "order-service", desired_count: 1 }),
  ] };

  const bill = idleMonth(plan, prices);

  const onDemand = (0.5 * 0.03238 + 1 * 0.00356) * 730;
  assert.equal(line(bill, "order-service: 1 task of 0.5 vCPU, 1 GB (1 on Spot)").monthly.toFixed(2), (onDemand * 0.3).toFixed(2));
});

test("Aurora costs its minimum capacity in every instance; paused at zero, only the share of time it is awake", () => {
  const cluster = (scaling) => resource("aws_rds_cluster", "this", { serverlessv2_scaling_configuration: [scaling], manage_master_user_password: true });
  const instances = [resource("aws_rds_cluster_instance", "this[0]"), resource("aws_rds_cluster_instance", "this[1]")];

  const running = idleMonth({ resource_changes: [cluster({ min_capacity: 0.5 }), ...instances] }, prices);
  const pausing = idleMonth({ resource_changes: [cluster({ min_capacity: 0, seconds_until_auto_pause: 300 }), ...instances] }, prices);

  assert.equal(line(running, "Aurora Serverless v2").monthly.toFixed(2), (2 * 0.5 * 730 * 0.12).toFixed(2));
  assert.equal(line(pausing, "Aurora Serverless v2").monthly.toFixed(2), (2 * 0.5 * 730 * 0.12 * 0.17).toFixed(2));
  assert.ok(line(running, "Aurora's master password"), "the RDS-managed secret is billed too");
});

test("the load balancer's readiness checks cost SQS requests (each looks at the queues); liveness checks do not", () => {
  const plan = (path) => ({ resource_changes: [
    resource("aws_subnet", "private[0]"), resource("aws_subnet", "private[1]"),
    resource("aws_lb", "this", { internal: false }),
    resource("aws_lb_target_group", "this", { health_check: [{ path, interval: 10 }] }),
    resource("aws_ecs_task_definition", "this", { family: "fulfilment-dev-order-service", cpu: "256", memory: "1024" }),
    resource("aws_ecs_service", "this", { name: "order-service", desired_count: 1 }),
  ] });

  const ready = line(idleMonth(plan("/q/health/ready"), prices), "SQS requests");
  const live = line(idleMonth(plan("/q/health/live"), prices), "SQS requests");

  const polls = 720 * 730;
  assert.equal(live.monthly.toFixed(2), (polls / 1e6 * 0.40).toFixed(2));
  assert.equal(ready.monthly.toFixed(2), ((polls + 730 * 2 * 360 * 3.33) / 1e6 * 0.40).toFixed(2));
});

test("the collector publishes one metric per selected name and combination of its dimensions' values", async () => {
  const { declarations, series } = await import("./lib/metric-series.mjs");
  const exposition = [
    "# TYPE orders_outcome counter",
    'orders_outcome_total{outcome="CONFIRMED"} 12.0',
    'orders_outcome_total{outcome="REJECTED"} 1.0',
    "# TYPE messaging_handling_seconds summary",
    'messaging_handling_seconds_count{outcome="handled",queue="order-events",type="InventoryReserved"} 3',
    'messaging_handling_seconds_sum{outcome="handled",queue="order-events",type="InventoryReserved"} 0.1',
    "# TYPE messaging_handling_seconds_max gauge",
    'messaging_handling_seconds_max{outcome="handled",queue="order-events",type="InventoryReserved"} 0.05',
    "# TYPE jvm_threads_live_threads gauge",
    "jvm_threads_live_threads 40",
  ].join("\n");

  const published = series(exposition, await declarations());

  assert.deepEqual(published.map((metric) => metric.split(" ")[0]),
    ["messaging_handling_seconds", "messaging_handling_seconds_max", "orders_outcome_total", "orders_outcome_total"]);
});

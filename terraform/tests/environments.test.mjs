// envs/dev and envs/prod as planned by tests/validate-and-plan (kept in terraform/target/plans):
// what each runs while idle, and what that costs (lib/bill.mjs). Dev idles cheaply on prod's
// code path; prod keeps its availability.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { idleMonth, loadPrices } from "./lib/bill.mjs";

const terraformRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prices = loadPrices(path.join(terraformRoot, "../benchmarks/src/main/resources/aws-prices.properties"));
const planFile = (environment) => path.join(terraformRoot, "target/plans", `${environment}.json`);
const planned = ["dev", "prod"].every((environment) => fs.existsSync(planFile(environment)));
const skip = planned ? false : "no plans in terraform/target/plans: terraform/tests/validate-and-plan makes them";

function environment(name) {
  const plan = JSON.parse(fs.readFileSync(planFile(name), "utf8"));
  const all = (type) => plan.resource_changes.filter((change) => change.type === type).map((change) => change.change.after);
  return { plan, all, one: (type) => all(type)[0] };
}

// What `terraform/idle-bill` printed for envs/dev before it had a profile of its own (2026-12-06).
const DEV_FLOOR_BEFORE = 478.44;

test("dev idles at a third of its first floor or less", { skip }, () => {
  const bill = idleMonth(environment("dev").plan, prices);

  assert.deepEqual(bill.unknown, []);
  assert.ok(bill.total <= DEV_FLOOR_BEFORE / 3, `dev costs $${bill.total.toFixed(2)} a month idle, more than a third of $${DEV_FLOOR_BEFORE}`);
});

test("dev keeps prod's code path: tasks in private subnets, HTTPS, encrypted data, sign-in, the pipeline", { skip }, () => {
  const dev = environment("dev");
  const prod = environment("prod");

  for (const service of dev.all("aws_ecs_service")) {
    assert.equal(service.network_configuration[0].assign_public_ip, false, `${service.name} gets no public address`);
  }
  assert.ok(dev.all("aws_lb_listener").some((listener) => listener.port === 443 && listener.protocol === "HTTPS"));
  assert.equal(dev.one("aws_rds_cluster").storage_encrypted, true);
  for (const type of ["aws_cognito_user_pool", "aws_codepipeline", "aws_wafv2_web_acl", "aws_kms_key"]) {
    assert.equal(dev.all(type).length, prod.all(type).length, `${type}: as many as prod has`);
  }
  assert.equal(dev.all("aws_codedeploy_deployment_group").length, 3, "blue/green releases of every service");
});

test("dev's database pauses when idle, and the load balancer's checks do not wake it", { skip }, () => {
  const dev = environment("dev");

  const scaling = dev.one("aws_rds_cluster").serverlessv2_scaling_configuration[0];
  assert.equal(scaling.min_capacity, 0);
  assert.ok(scaling.seconds_until_auto_pause >= 300);
  assert.equal(dev.all("aws_rds_cluster_instance").length, 1);
  for (const group of dev.all("aws_lb_target_group")) {
    assert.equal(group.health_check[0].path, "/q/health/live", `${group.name} asks liveness, which does not touch the database`);
  }
});

test("dev runs one task per service, all on Spot, and no interface endpoint", { skip }, () => {
  const dev = environment("dev");

  assert.deepEqual(dev.all("aws_ecs_service").map((service) => service.desired_count), [1, 1, 1]);
  const strategy = dev.one("aws_ecs_cluster_capacity_providers").default_capacity_provider_strategy;
  const fargate = strategy.find((provider) => provider.capacity_provider === "FARGATE");
  assert.equal(fargate.base, 0);
  assert.equal(fargate.weight, 0);
  assert.ok(strategy.find((provider) => provider.capacity_provider === "FARGATE_SPOT").weight > 0);
  assert.deepEqual(dev.all("aws_vpc_endpoint").map((endpoint) => endpoint.vpc_endpoint_type), ["Gateway", "Gateway"]);
});

test("prod keeps its availability: three zones, a NAT gateway in each, two tasks and two Aurora instances on demand", { skip }, () => {
  const prod = environment("prod");

  const privateSubnets = prod.plan.resource_changes.filter((change) => change.type === "aws_subnet" && /\.private\[/.test(change.address));
  assert.equal(privateSubnets.length, 3);
  assert.equal(prod.all("aws_nat_gateway").length, 3);
  assert.equal(prod.all("aws_rds_cluster_instance").length, 2);
  assert.ok(prod.one("aws_rds_cluster").serverlessv2_scaling_configuration[0].min_capacity > 0, "prod's database never pauses");
  const strategy = prod.one("aws_ecs_cluster_capacity_providers").default_capacity_provider_strategy;
  const tasks = prod.all("aws_ecs_service").map((service) => service.desired_count);
  assert.ok(tasks.every((count) => count >= 2));
  assert.ok(strategy.find((provider) => provider.capacity_provider === "FARGATE").base >= Math.max(...tasks), "the minimum runs on demand");
  assert.equal(strategy.find((provider) => provider.capacity_provider === "FARGATE_SPOT")?.weight ?? 0, 0);
  for (const group of prod.all("aws_lb_target_group")) assert.equal(group.health_check[0].path, "/q/health/ready");
  assert.deepEqual(idleMonth(prod.plan, prices).unknown, []);
});

// The repository's Terraform, parsed with HCL's own parser: every security
// rule holds over every resource, every input and output is documented.
// terraform validate and the plan tests (tests/plan) check the rest.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadModule, moduleDirectories } from "./lib/hcl.mjs";
import { SECURITY_RULES } from "./lib/checks.mjs";

const terraformRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const models = new Map();
for (const dir of moduleDirectories(terraformRoot)) models.set(path.resolve(dir), await loadModule(dir));

const report = (findings) => findings.map((f) => `${f.where}: ${f.message}`).join("\n");

test("every module and environment parses", () => {
  const names = [...models.keys()].map((dir) => path.relative(terraformRoot, dir));
  for (const expected of ["envs/dev", "envs/prod", "modules/network", "modules/edge", "modules/service", "modules/pipeline"]) {
    assert.ok(names.includes(expected), `${expected} is missing among ${names.join(", ")}`);
  }
});

for (const rule of SECURITY_RULES) {
  test(`security rule holds: ${rule.name}`, () => {
    const findings = [...models.values()].flatMap((model) => rule(model));
    assert.deepEqual(findings, [], report(findings));
  });
}

test("environments keep state in S3 with a lock file, encrypted", () => {
  for (const env of ["dev", "prod"]) {
    const model = models.get(path.join(terraformRoot, "envs", env));
    const backend = model.json.flatMap(({ json }) => json.terraform ?? []).find((block) => block.backend)?.backend?.s3?.[0];
    assert.ok(backend, `${env} has no s3 backend`);
    assert.equal(backend.use_lockfile, true);
    assert.equal(backend.encrypt, true);
  }
});

test("every variable has a type and a description, every output a description", async () => {
  const fs = await import("node:fs");
  const problems = [];
  for (const model of models.values()) {
    for (const { file, json } of model.json) {
      for (const [name, blocks] of Object.entries(json.variable ?? {})) {
        if (!blocks[0].type || !blocks[0].description) problems.push(`${file}: variable ${name}`);
      }
      for (const [name, blocks] of Object.entries(json.output ?? {})) {
        if (!blocks[0].description) problems.push(`${file}: output ${name}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(fs.existsSync(path.join(terraformRoot, "envs/prod/terraform.tfvars.example")));
});

test("every module has a README whose inputs and outputs tables match the module", async () => {
  const fs = await import("node:fs");
  const { updatedReadme } = await import("./lib/readme-tables.mjs");
  const stale = [];
  for (const model of models.values()) {
    if (!model.dir.includes(`${path.sep}modules${path.sep}`)) continue;
    const readmePath = path.join(model.dir, "README.md");
    if (!fs.existsSync(readmePath)) {
      stale.push(`${readmePath} is missing`);
    } else if (fs.readFileSync(readmePath, "utf8") !== (await updatedReadme(model.dir))) {
      stale.push(`${readmePath}: tables differ from the module (node lib/readme-tables.mjs rewrites them)`);
    }
  }
  assert.deepEqual(stale, []);
});

test("the one load balancer is behind WAF, and no route reaches the management interface", () => {
  const resources = [...models.values()].flatMap((model) => model.resources.map((resource) => ({ model, resource })));
  const loadBalancers = resources.filter(({ resource }) => resource.type === "aws_lb");
  assert.equal(loadBalancers.length, 1, "one load balancer carries every listener");
  const associations = resources.filter(({ resource }) => resource.type === "aws_wafv2_web_acl_association");
  assert.equal(associations.length, 1);
  assert.equal(associations[0].resource.body.resource_arn, "${aws_lb.this.arn}");
  assert.equal(associations[0].model, loadBalancers[0].model, "the association is beside the load balancer");
  const listeners = resources.filter(({ resource }) => resource.type === "aws_lb_listener");
  for (const { resource } of listeners) assert.equal(resource.body.load_balancer_arn, "${aws_lb.this.arn}");
  const services = [...models.values()].find((model) => model.dir.endsWith(path.join("modules", "fulfilment")));
  const paths = JSON.stringify(services.json.map(({ json }) => json.locals ?? []));
  assert.ok(paths.includes("/orders"), "the routes are in modules/fulfilment's locals");
  assert.ok(!/"\/q[/"*]/.test(paths), "a route reaches /q (health, metrics, OpenAPI)");
});

// Decision 0012: the provider's major is the one every check here ran on, and
// each root module commits the lock file that pins the exact release.
const TESTED_PROVIDER = { constraint: "~> 5.100", version: "5.100.0" };

test("every module pins the tested AWS provider major, and every root commits its lock file", async () => {
  const fs = await import("node:fs");
  const problems = [];
  for (const model of models.values()) {
    const pins = model.json.flatMap(({ json }) => json.terraform ?? []).flatMap((block) => block.required_providers ?? []);
    const aws = pins.map((providers) => providers.aws).find(Boolean);
    if (!aws) problems.push(`${model.dir}: no required_providers.aws`);
    else if (aws.version !== TESTED_PROVIDER.constraint) problems.push(`${model.dir}: aws ${aws.version}, not ${TESTED_PROVIDER.constraint}`);
  }
  for (const root of ["envs/dev", "envs/prod", "bootstrap"]) {
    const lockFile = path.join(terraformRoot, root, ".terraform.lock.hcl");
    if (!fs.existsSync(lockFile)) {
      problems.push(`${root}: no .terraform.lock.hcl`);
      continue;
    }
    const lock = fs.readFileSync(lockFile, "utf8");
    if (!lock.includes(`version     = "${TESTED_PROVIDER.version}"`)) problems.push(`${root}: lock file does not hold aws ${TESTED_PROVIDER.version}`);
    if (!lock.includes(`constraints = "${TESTED_PROVIDER.constraint}"`)) problems.push(`${root}: lock file was made for another constraint`);
  }
  assert.deepEqual(problems, []);
});

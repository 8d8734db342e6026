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

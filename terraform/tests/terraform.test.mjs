// The repository's Terraform: parsed with HCL's own parser, every reference
// resolves, every module call fits its module, every security rule holds.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadModule, moduleDirectories } from "./lib/hcl.mjs";
import { SECURITY_RULES, moduleInputs, unresolvedReferences } from "./lib/checks.mjs";

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

test("every reference resolves", () => {
  const findings = [...models.values()].flatMap((model) => unresolvedReferences(model, models));
  assert.deepEqual(findings, [], report(findings));
});

test("every module call passes known inputs and all required ones", () => {
  const findings = [...models.values()].flatMap((model) => moduleInputs(model, models));
  assert.deepEqual(findings, [], report(findings));
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

test("every module has a README naming each of its inputs and outputs", async () => {
  const fs = await import("node:fs");
  const missing = [];
  for (const model of models.values()) {
    if (!model.dir.includes(`${path.sep}modules${path.sep}`)) continue;
    const readmePath = path.join(model.dir, "README.md");
    if (!fs.existsSync(readmePath)) {
      missing.push(`${readmePath} is missing`);
      continue;
    }
    const readme = fs.readFileSync(readmePath, "utf8");
    for (const name of [...model.variables.keys(), ...model.outputs]) {
      if (!readme.includes("`" + name + "`")) missing.push(`${readmePath} does not name ${name}`);
    }
  }
  assert.deepEqual(missing, []);
});

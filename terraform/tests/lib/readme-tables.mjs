// The Inputs and Outputs tables of a module's README, made from its
// variables and outputs. `node lib/readme-tables.mjs` rewrites them in every
// module's README; the tests fail when a README's tables differ from these.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadModule, moduleDirectories } from "./hcl.mjs";

const cell = (text) => String(text).replace(/\s+/g, " ").replaceAll("|", "\\|").trim();
const typeOf = (type) => cell(String(type ?? "any").replace(/^\$\{([\s\S]*)\}$/, "$1"));
const defaultOf = (variable) => (Object.hasOwn(variable, "default") ? "`" + cell(JSON.stringify(variable.default)) + "`" : "required");

/** The two tables, in Markdown, for the module in dir. */
export async function readmeTables(dir) {
  const model = await loadModule(dir);
  const variables = {};
  const outputs = {};
  for (const { json } of model.json) {
    for (const [name, blocks] of Object.entries(json.variable ?? {})) variables[name] = blocks[0];
    for (const [name, blocks] of Object.entries(json.output ?? {})) outputs[name] = blocks[0];
  }
  const inputRows = Object.keys(variables).sort().map((name) => {
    const variable = variables[name];
    return `| \`${name}\` | \`${typeOf(variable.type)}\` | ${cell(variable.description ?? "")} | ${defaultOf(variable)} |`;
  });
  const outputRows = Object.keys(outputs).sort().map((name) => `| \`${name}\` | ${cell(outputs[name].description ?? "")} |`);
  return [
    "## Inputs",
    "",
    "| name | type | description | default |",
    "|---|---|---|---|",
    ...inputRows,
    "",
    "## Outputs",
    "",
    "| name | description |",
    "|---|---|",
    ...outputRows,
    "",
  ].join("\n");
}

/** The README with its tables replaced: everything from "## Inputs" to the end. */
export async function updatedReadme(dir) {
  const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
  const start = readme.indexOf("## Inputs");
  const head = start >= 0 ? readme.slice(0, start) : readme.trimEnd() + "\n\n";
  return head + (await readmeTables(dir));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../modules");
  for (const dir of moduleDirectories(modules)) {
    fs.writeFileSync(path.join(dir, "README.md"), await updatedReadme(dir));
    console.log(`updated ${path.relative(process.cwd(), path.join(dir, "README.md"))}`);
  }
}

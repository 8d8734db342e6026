// Loads Terraform modules with HashiCorp's HCL parser (hcl2json, compiled to
// WebAssembly) into a small model: what each module declares and what its
// expressions refer to.
import { parse } from "@cdktf/hcl2json";
import fs from "node:fs";
import path from "node:path";

const META_ARGUMENTS = new Set(["source", "version", "count", "for_each", "depends_on", "providers"]);

/** Every directory under root that holds .tf files. */
export function moduleDirectories(root) {
  const found = [];
  const walk = (dir) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name.endsWith(".tf"))) found.push(dir);
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules" && entry.name !== "tests") {
        walk(path.join(dir, entry.name));
      }
    }
  };
  walk(root);
  return found.sort();
}

export async function loadModule(dir) {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith(".tf")).sort();
  const parsed = [];
  for (const file of files) {
    parsed.push({ file: path.join(dir, file), json: await parse(file, fs.readFileSync(path.join(dir, file), "utf8")) });
  }
  return buildModel(dir, parsed);
}

/** A module from HCL text, for the rules' own tests. */
export async function moduleFromText(text, dir = "/snippet") {
  return buildModel(dir, [{ file: "snippet.tf", json: await parse("snippet.tf", text) }]);
}

function buildModel(dir, parsed) {
  const model = { dir, variables: new Map(), locals: new Map(), outputs: new Set(), resources: [], data: [], modules: [] };
  for (const { file, json } of parsed) {
    for (const [name, blocks] of Object.entries(json.variable ?? {})) {
      model.variables.set(name, { hasDefault: Object.hasOwn(blocks[0], "default"), file });
    }
    for (const block of json.locals ?? []) {
      for (const [name, value] of Object.entries(block)) model.locals.set(name, value);
    }
    for (const name of Object.keys(json.output ?? {})) model.outputs.add(name);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, blocks] of Object.entries(byName)) model.resources.push({ type, name, body: blocks[0], file });
    }
    for (const [type, byName] of Object.entries(json.data ?? {})) {
      for (const [name, blocks] of Object.entries(byName)) model.data.push({ type, name, body: blocks[0], file });
    }
    for (const [name, blocks] of Object.entries(json.module ?? {})) {
      const body = blocks[0];
      const inputs = Object.keys(body).filter((key) => !META_ARGUMENTS.has(key));
      model.modules.push({ name, source: body.source, inputs, body, file });
    }
    model.json = model.json ?? [];
    model.json.push({ file, json });
  }
  return model;
}

/** Every string in a parsed value that holds an expression. */
export function expressions(value, found = []) {
  if (typeof value === "string") {
    if (value.includes("${")) found.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => expressions(item, found));
  } else if (value && typeof value === "object") {
    Object.values(value).forEach((item) => expressions(item, found));
  }
  return found;
}

/** What an expression refers to: variables, locals, module outputs, resources, data sources. */
export function references(expression) {
  const refs = [];
  const text = expression.replace(/"(?:[^"\\]|\\.)*"/g, (literal) => (literal.includes("${") ? literal : '""'));
  for (const match of text.matchAll(/(?<![\w.])var\.([A-Za-z_][\w-]*)/g)) refs.push({ kind: "var", name: match[1] });
  for (const match of text.matchAll(/(?<![\w.])local\.([A-Za-z_][\w-]*)/g)) refs.push({ kind: "local", name: match[1] });
  for (const match of text.matchAll(/(?<![\w.])module\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([A-Za-z_][\w-]*)/g)) {
    refs.push({ kind: "module", name: match[1], output: match[2] });
  }
  for (const match of text.matchAll(/(?<![\w.])data\.([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)/g)) {
    refs.push({ kind: "data", type: match[1], name: match[2] });
  }
  for (const match of text.matchAll(/(?<![\w.])((?:aws|random)_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g)) {
    refs.push({ kind: "resource", type: match[1], name: match[2] });
  }
  return refs;
}

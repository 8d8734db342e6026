// How many CloudWatch metrics each service's collector publishes: the series of its /q/metrics
// that the collector's metric_declarations select (modules/service/task_definition.tf,
// local.metric_dimensions), one per metric name and combination of its dimensions' values.
// CloudWatch bills each such metric every hour it is published, and the collector publishes
// them every minute, work or not: this is what aws-prices.properties'
// idle.custom-metrics-per-service estimates.
//   node terraform/tests/lib/metric-series.mjs http://127.0.0.1:9001/q/metrics ...
// (each service's management interface, after the stack has worked: label values such as a
// rejection's reason appear with the first event that has them, and stay).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadModule } from "./hcl.mjs";

const serviceModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../modules/service");

/** The declarations: [{selector: RegExp, dimensions: string[][]}]. */
export async function declarations() {
  const model = await loadModule(serviceModule);
  const dimensions = model.locals.get("metric_dimensions");
  return Object.entries(dimensions).map(([selector, sets]) => ({ selector: new RegExp(selector), dimensions: sets }));
}

/**
 * Samples of a Prometheus text exposition, each with the name of the metric the collector's
 * Prometheus receiver makes of it: a summary's or histogram's family (its # TYPE line), a
 * counter's own sample name (orders_placed_total, though the family is orders_placed), a
 * gauge's name.
 */
export function samples(text) {
  const found = [];
  let family = null;
  let type = null;
  for (const line of text.split("\n")) {
    const declared = line.match(/^# TYPE (\S+) (\S+)/);
    if (declared) [, family, type] = declared;
    if (!line || line.startsWith("#")) continue;
    const sample = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+\S+/);
    if (!sample) continue;
    const labels = {};
    for (const label of (sample[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[label[1]] = label[2];
    const merged = (type === "summary" || type === "histogram") && sample[1].startsWith(family);
    found.push({ family: merged ? family : sample[1], name: sample[1], labels });
  }
  return found;
}

/**
 * The metrics the collector publishes for one service: every family a selector matches, once per
 * combination of the values of each dimension set it is declared with ("service" is the scrape's
 * own label, one value).
 */
export function series(text, declared) {
  const published = new Set();
  for (const sample of samples(text)) {
    for (const { selector, dimensions } of declared) {
      if (!selector.test(sample.family)) continue;
      for (const set of dimensions) {
        const names = set.filter((name) => name !== "service");
        if (!names.every((name) => sample.labels[name] !== undefined)) continue;
        published.add(`${sample.family} ${set.join(",")} ${names.map((name) => sample.labels[name]).join(",")}`);
      }
    }
  }
  return [...published].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const declared = await declarations();
  let total = 0;
  for (const url of process.argv.slice(2)) {
    const published = series(await (await fetch(url)).text(), declared);
    total += published.length;
    console.log(`${url}: ${published.length} metrics`);
    for (const metric of published) console.log(`  ${metric}`);
  }
  const services = process.argv.length - 2;
  if (services) console.log(`\n${total} in all, ${(total / services).toFixed(1)} per service`);
}

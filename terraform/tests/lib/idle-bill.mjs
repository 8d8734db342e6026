// What each environment costs a month before its first order, from the plans of envs/dev and
// envs/prod that tests/validate-and-plan keeps (terraform/target/plans) and the list prices of
// benchmarks/src/main/resources/aws-prices.properties. Prints a Markdown table per
// environment; fails when the plan holds a resource type that tests/lib/bill.mjs neither
// prices nor names as free when idle, so that no new resource slips past the bill.
//   terraform/idle-bill            (after terraform/tests/validate-and-plan)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { idleMonth, loadPrices, table } from "./bill.mjs";

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prices = loadPrices(path.join(here, "../benchmarks/src/main/resources/aws-prices.properties"));
let failed = false;
for (const environment of ["dev", "prod"]) {
  const file = path.join(here, "target/plans", `${environment}.json`);
  if (!fs.existsSync(file)) {
    console.error(`${file} is missing: run terraform/tests/validate-and-plan first, which keeps the plans.`);
    process.exit(2);
  }
  const bill = idleMonth(JSON.parse(fs.readFileSync(file, "utf8")), prices);
  console.log(`\n${table(`envs/${environment}`, bill, prices.region)}`);
  if (bill.unknown.length) {
    failed = true;
    console.error(`\nenvs/${environment} holds resource types the bill does not know: ${bill.unknown.join(", ")}.`
      + " Price each in terraform/tests/lib/bill.mjs, or name it there as free when idle.");
  }
}
console.log(`\nPrices as read ${prices["prices.read"]} (aws-prices.properties); estimates are marked.`);
process.exit(failed ? 1 : 0);

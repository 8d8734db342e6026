// Reads `terraform test -json -verbose` on stdin: prints what the plain output would (files,
// runs, failures with their detail, the summary), leaving out the warning every environment
// planned as a child module gives about its backend; keeps the plans of the runs named in
// argv[3...] as JSON files in the folder argv[2] (their resource_changes: what the bill
// prices); exits 1 unless the summary says pass.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

const [folder, ...runs] = process.argv.slice(2);
fs.mkdirSync(folder, { recursive: true });
let passed = false;
for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.startsWith("{")) continue;
  const message = JSON.parse(line);
  switch (message.type) {
    case "test_plan":
      if (runs.includes(message["@testrun"])) {
        fs.writeFileSync(path.join(folder, `${message["@testrun"]}.json`),
          JSON.stringify({ resource_changes: message.test_plan.resource_changes }));
      }
      break;
    case "diagnostic": {
      const diagnostic = message.diagnostic ?? {};
      if (diagnostic.summary === "Backend configuration ignored") break;
      const where = diagnostic.range ? `\n  on ${diagnostic.range.filename} line ${diagnostic.range.start.line}` : "";
      console.log(`\n${diagnostic.severity === "error" ? "Error" : "Warning"}: ${diagnostic.summary}${where}`);
      if (diagnostic.snippet?.code) console.log(`  ${diagnostic.snippet.code.trim()}`);
      if (diagnostic.detail) console.log(`\n${diagnostic.detail}\n`);
      break;
    }
    case "test_file":
    case "test_run":
      if (message[message.type].progress !== "starting") console.log(message["@message"]);
      break;
    case "test_summary":
      console.log(`\n${message["@message"]}`);
      passed = message.test_summary.status === "pass";
      break;
    default:
  }
}
process.exit(passed ? 0 : 1);

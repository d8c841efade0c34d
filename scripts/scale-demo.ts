/**
 * `npm run scale:demo`: GradLab as several app servers run it, on this machine — a throwaway
 * PostgreSQL server, two production app servers on it, nginx in front (scripts/cluster.ts).
 * Prints the address; Ctrl-C stops everything.
 *
 *   npm run scale:demo [-- --instances 3] [-- --port 8441]
 */
import { parseArgs } from "node:util";
import { startCluster } from "./cluster";

const { values } = parseArgs({ options: { instances: { type: "string", default: "2" }, port: { type: "string" } } });
const instances = Number(values.instances);
const port = values.port === undefined ? undefined : Number(values.port);
if (!Number.isInteger(instances) || instances < 1 || instances > 8) {
  console.error("--instances must be between 1 and 8");
  process.exit(2);
}
const cluster = await startCluster({ database: "postgres", instances, proxyPort: port, log: (l) => console.log(l) });
process.on("exit", () => cluster.stop());
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => process.exit(0));
console.log(`\nGradLab: ${cluster.url}  (nginx, round-robin over ${instances} app servers)\nCtrl-C stops it all.`);
setInterval(() => {}, 1 << 30);

// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time, and the time per
// file group (toklens' own code, the tokenizer engines, the rest of node_modules, Node itself, GC, idle).
// Usage: node scripts/profile-top.mjs <file.cpuprofile> [top N, default 25]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: node scripts/profile-top.mjs <file.cpuprofile> [top N]");
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// self time per node: the sampled time deltas credited to the node each sample landed in
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function group(url, name) {
  if (name === "(garbage collector)") return "GC";
  if (name === "(idle)") return "idle (waiting: native engine threads, I/O)";
  if (name === "(program)") return "(program): V8 and native code outside JS";
  if (url.includes("/node_modules/tokenizers/") || url.includes("tiktoken") || url.includes("sentencepiece"))
    return "tokenizer engines (JS side)";
  if (url.includes("/node_modules/")) return `node_modules: ${url.split("/node_modules/").pop().split("/")[0]}`;
  if (url.includes("/dist/")) return `toklens: ${url.split("/dist/").pop()}`;
  if (url.startsWith("node:") || url === "") return "Node built-ins";
  return url;
}

const functions = new Map();
const groups = new Map();
for (const [id, us] of self) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url ? `${callFrame.url.split("/").slice(-2).join("/")}:${callFrame.lineNumber + 1}` : "";
  const key = `${callFrame.functionName || "(anonymous)"} ${where}`.trim();
  functions.set(key, (functions.get(key) ?? 0) + us);
  const g = group(callFrame.url, callFrame.functionName);
  groups.set(g, (groups.get(g) ?? 0) + us);
}
const line = (us, label) =>
  `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${label}`;
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
console.log("\nself time by group:");
for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(line(us, g));
console.log("\ntop functions by self time:");
for (const [f, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25)))
  console.log(line(us, f));

// `npm run bench`: every figure of issue 19 with its baseline measured in the same run, its target and whether it is met.
// Options: --only udhr,flores,joined,load,report,serve,size,budget,parquet (a subset; parquet only when named),
// --flores DIR (a real FLORES-200 folder).
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { resolveTokenizerSpec } from "../tokenizers/load.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import { budgetChecks } from "./budget.js";
import { checkMet, formatCheck, parseBenchArgs, type BenchPart, type Check } from "./checks.js";
import { diskUsageBytes } from "./disk-size.js";
import { floresChecks, floresCorpus, joinedCheck, type FloresCorpus } from "./flores.js";
import { loadChecks, reportChecks } from "./load-report.js";
import { serveChecks } from "./serve.js";
import { parquetChecks } from "./parquet.js";
import { TOKENIZERS, udhrChecks, udhrTexts } from "./udhr.js";

interface BenchContext {
  specs: TokenizerSpec[];
  udhr: Map<string, string[]>;
  flores: () => FloresCorpus;
}

/** Each part's figures; a part runs only when asked for (`--only`). */
const PARTS = {
  udhr: (c) => udhrChecks(c.specs, c.udhr),
  flores: (c) =>
    floresChecks(
      c.flores(),
      c.specs.find((s) => s.id === "llama3")!,
    ),
  joined: (c) => [joinedCheck(c.flores())],
  load: (c) => loadChecks(c.specs),
  report: () => reportChecks(),
  serve: (c) => serveChecks(c.udhr),
  size: () => [sizeCheck()],
  budget: (c) => budgetChecks(c.flores()),
  parquet: (c) => parquetChecks(c.udhr),
} satisfies Record<BenchPart, (context: BenchContext) => Check[] | Promise<Check[]>>;

function sizeCheck(): Check {
  const nodeModules = fileURLToPath(new URL("../../node_modules", import.meta.url));
  const mb = diskUsageBytes(nodeModules) / 1e6;
  return {
    label: "install: node_modules (du -sb)",
    detail: "",
    value: mb,
    unit: "MB",
    target: { op: "<", limit: 850 },
  };
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}`);
  out(`load average at start: ${load()}; parts: ${options.parts.join(", ")}\n`);
  const specs: TokenizerSpec[] = [];
  for (const id of TOKENIZERS) specs.push(await resolveTokenizerSpec(id));
  let flores: FloresCorpus | undefined;
  const context: BenchContext = {
    specs,
    udhr: await udhrTexts(),
    flores: () => (flores ??= floresCorpus(options.flores, () => context.udhr)),
  };
  const checks: Check[] = [];
  try {
    for (const part of options.parts) {
      for (const check of await PARTS[part](context)) {
        checks.push(check);
        out(formatCheck(check));
      }
    }
  } finally {
    flores?.dispose();
  }
  const missed = checks.filter((c) => !checkMet(c)).length;
  if (flores) out(`\nFLORES corpus: ${flores.label}`);
  out(`${flores ? "" : "\n"}${checks.length - missed} of ${checks.length} targets met; load average at end: ${load()}`);
  out(
    "baselines: the fastest engine per tokenizer on the same text, loads included (UDHR in process, all cores; " +
      "FLORES, joined, load and report each a fresh process)",
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

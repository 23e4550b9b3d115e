// The shared-budget workload of issue 23: 8,000 new tokens learnt over five FLORES dev languages, per strategy.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { baseTokenizerJson } from "../analysis/adapt.js";
import { openCorpus } from "../corpus/open-corpus.js";
import type { Segment } from "../types.js";
import { learnBudget } from "../vocab/budget.js";
import { BUDGET_STRATEGIES } from "../vocab/multi-bpe.js";
import type { Check } from "./checks.js";
import type { FloresCorpus } from "./flores.js";

/** The East African five of the issue; another corpus gives its first five non-English languages. */
const TARGETS = ["amh_Ethi", "tir_Ethi", "som_Latn", "gaz_Latn", "swh_Latn"];
const BUDGET = 8000;

function targetsIn(dir: string): string[] {
  if (TARGETS.every((l) => existsSync(join(dir, "dev", `${l}.dev`)))) return TARGETS;
  return readdirSync(join(dir, "dev"))
    .filter((n) => n.endsWith(".dev") && n !== "eng_Latn.dev")
    .map((n) => n.slice(0, -4))
    .sort()
    .slice(0, 5);
}

/** Wall time of learning the merges (base segmentation of the words included) for each strategy, in process. */
export async function budgetChecks(corpus: FloresCorpus): Promise<Check[]> {
  const languages = targetsIn(corpus.dir);
  const source = await openCorpus(`flores:${corpus.dir}`, { split: "dev", languages });
  const train = new Map<string, Segment[]>();
  for (const l of languages) {
    const list: Segment[] = [];
    for await (const s of source.segments(l)) list.push(s);
    train.set(l, list);
  }
  const segments = [...train.values()].reduce((n, l) => n + l.length, 0);
  const base = (await baseTokenizerJson("gpt2")).json;
  const checks: Check[] = [];
  for (const strategy of BUDGET_STRATEGIES) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const merges = await learnBudget(
      base,
      { train, dev: train, test: new Map(), description: "" },
      {
        languages,
        budgets: [BUDGET],
        strategy,
      },
    );
    const wall = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    checks.push({
      label: `budget: ${strategy}, ${BUDGET.toLocaleString("en-US")} new tokens for 5 languages (gpt2)`,
      detail: `${merges.get(BUDGET)!.length} merges over ${segments} dev segments of ${languages.join(", ")}; ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`,
      value: wall,
      unit: "s",
      target: { op: "<", limit: 60 },
    });
  }
  return checks;
}

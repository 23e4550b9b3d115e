// Prints the result of `toklens adapt --langs ... --budget ...`: one table per strategy, the verdicts and the files.
import { dirname } from "node:path";
import type { BudgetResult } from "../../analysis/budget.js";
import type { BudgetPoint } from "../../analysis/budget.js";
import { formatTable, terminalSafeLines } from "../output.js";

const f3 = (x: number | null): string => (x === null ? "n/a" : x.toFixed(3));
const ci = (x: [number, number] | null): string => (x === null ? "" : ` [${x[0].toFixed(2)}, ${x[1].toFixed(2)}]`);

function row(p: BudgetPoint): string[] {
  return [
    p.strategy === "base" ? "base" : String(p.requested),
    String(p.addedTokens),
    f3(p.maxPremium),
    f3(p.meanPremium),
    f3(p.gini),
    String(p.pivotTokens),
    ...p.languages.map((l) => `${f3(l.premium)}${ci(l.premiumCi)}`),
  ];
}

export function printBudget(r: BudgetResult): void {
  const w = (s: string): boolean => process.stdout.write(terminalSafeLines(s) + "\n");
  w(`${r.tokenizer} for ${r.languages.join(", ")} on ${r.corpus} (pivot ${r.pivot})`);
  w(`split: ${r.split} (${r.segments.train} train, ${r.segments.dev} dev, ${r.segments.test} held-out segments)`);
  w("held-out premium per language with 95% bootstrap intervals; pivot tokens with the same tokenizer\n");
  const header = ["K", "added", "max prem", "mean prem", "gini", "pivot tok", ...r.languages];
  for (const c of r.strategies) {
    w(
      `${c.strategy}: merges learnt in ${(c.learnMs / 1000).toFixed(1)} s; ` +
        (c.kneeAt !== null
          ? `max premium flattens after ~${c.kneeAt} new tokens`
          : "no knee (fewer than 3 points or no drop)"),
    );
    process.stdout.write(formatTable(header, c.points.map(row)));
    for (const [l, ex] of Object.entries(c.examples))
      if (ex.length) w(`  ${l}: ${ex.map((t) => JSON.stringify(t)).join(" ")}`);
    w("");
  }
  for (const v of r.verdicts) w(v);
  const report = r.artifacts["budget-report.json"];
  if (report) w(`\nwrote ${Object.keys(r.artifacts).length} files under ${dirname(report)}`);
}

// Every chart of a report, in display order, with the section it belongs to.
import type { TopLevelSpec } from "vega-lite";
import type { ReportModel } from "./report-model.js";
import type { SectionId } from "./sections/ids.js";
import { budgetChart } from "./charts/budget.js";
import { cheapestChart } from "./charts/cheapest.js";
import { costChart } from "./charts/cost.js";
import { diffChart } from "./charts/diff.js";
import { expansionChart } from "./charts/expansion.js";
import { fertilityChart } from "./charts/fertility.js";
import { giniChart } from "./charts/gini.js";
import { groupsChart } from "./charts/groups.js";
import { lorenzChart } from "./charts/lorenz.js";
import { premiumHeatmapChart } from "./charts/premium-heatmap.js";
import { premiumSpreadChart } from "./charts/premium-spread.js";
import { premiumChart } from "./charts/premium.js";
import { trimmingChart } from "./charts/trimming.js";
import { vocabClassesChart } from "./charts/vocab-classes.js";
import { vocabOverlapChart } from "./charts/vocab-overlap.js";
import { vocabScriptsChart } from "./charts/vocab-scripts.js";

/** A chart: its file name stem, its section and its builder (`null` = nothing to draw for this data). */
export interface ChartDefinition {
  name: string;
  section: SectionId;
  build: (model: ReportModel) => TopLevelSpec | null;
}

/** All charts in page order. Names are file stems (`<name>.vl.json`) and element ids, so they stay `[a-z-]`. */
export const CHARTS = [
  { name: "cheapest", section: "summary", build: cheapestChart },
  { name: "gini", section: "summary", build: giniChart },
  { name: "premium-spread", section: "premium", build: premiumSpreadChart },
  { name: "premium", section: "premium", build: premiumChart },
  { name: "premium-heatmap", section: "premium", build: premiumHeatmapChart },
  { name: "lorenz", section: "premium", build: lorenzChart },
  { name: "groups", section: "groups", build: groupsChart },
  { name: "fertility", section: "efficiency", build: fertilityChart },
  { name: "cost", section: "cost", build: costChart },
  { name: "diff", section: "diff", build: diffChart },
  { name: "vocab-classes", section: "vocab", build: vocabClassesChart },
  { name: "vocab-scripts", section: "vocab", build: vocabScriptsChart },
  { name: "vocab-overlap", section: "vocab", build: vocabOverlapChart },
  { name: "trimming", section: "adaptation", build: trimmingChart },
  { name: "expansion", section: "adaptation", build: expansionChart },
  { name: "budget", section: "adaptation", build: budgetChart },
] as const satisfies readonly ChartDefinition[];

/** A chart built for one report. */
export interface BuiltChart {
  name: string;
  section: SectionId;
  spec: TopLevelSpec;
}

/** Builds every chart the data supports, in page order. */
export function buildCharts(model: ReportModel): BuiltChart[] {
  const built: BuiltChart[] = [];
  for (const c of CHARTS) {
    const spec = c.build(model);
    if (spec) built.push({ name: c.name, section: c.section, spec });
  }
  return built;
}

// Library entry point behind `toklens adapt`: trimming and expanding a vocabulary for one language (see vocab/adapt.ts).
import { adaptationStudyFrom } from "../report/from-vocab.js";
import type { AdaptationReportSection } from "../results/report-data.js";
import type { Warning } from "../types.js";
import { planAdaptation } from "../vocab/adapt.js";
import type { AnalysisAdaptation } from "./config.js";
import { definedFields, type RunContext } from "./run-context.js";

export { planAdaptation, type AdaptOptions, type AdaptResult } from "../vocab/adapt.js";

/**
 * A report's adaptation section: each study planned on the run's corpus, read as the run reads it. `pivot` is the
 * pivot as the analysis wrote it: planAdaptation opens its own view of the target and pivot languages (and notes
 * an alias there), so it gets the code as given, not the context's resolved one.
 */
export async function adaptationWithContext(
  ctx: Pick<RunContext, "source" | "corpusOptions">,
  studies: readonly AnalysisAdaptation[],
  pivot: string | undefined,
): Promise<{ section: AdaptationReportSection; warnings: Warning[] }> {
  const section: AdaptationReportSection = { studies: [] };
  const warnings: Warning[] = [];
  for (const study of studies) {
    const result = await planAdaptation({
      tokenizer: study.tokenizer,
      languages: [study.language],
      corpus: ctx.source,
      ...definedFields({ pivot: pivot || undefined, hiddenSize: study.hiddenSize }),
      trim: study.trim ?? false,
      expand: study.expand ?? [],
      corpusOptions: ctx.corpusOptions,
    });
    warnings.push(...result.warnings);
    section.studies.push(
      adaptationStudyFrom(study.tokenizer, result.languages[0]!, result.trimming?.coverage, result.expansion?.points),
    );
  }
  return { section, warnings };
}

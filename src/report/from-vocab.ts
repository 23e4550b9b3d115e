// Adapters from the vocab analyses' results (src/vocab) to the plain-JSON report sections.
import type { VocabComposition } from "../vocab/composition.js";
import type { ExpansionPoint } from "../vocab/expand.js";
import type { OverlapReport } from "../vocab/overlap.js";
import type { CoveragePoint } from "../vocab/trim.js";
import { codePointLength, cutForDisplay, REPORT_ENTRY_MAX_CHARS } from "./escape.js";
import type { AdaptationStudy, VocabReportSection, VocabTokenizerReport } from "../results/report-data.js";

/** Qtok's position names as readers know them. */
const POSITION_NAMES = { spaced: "word-initial", inner: "continuation", char: "single character" } as const;

/** Display text of an entry: decoded text, or the raw token for partial UTF-8 pieces; over-long entries are cut. */
function entryText(e: { token: string; text: string | null }): string {
  const { head, cut } = cutForDisplay(e.text ?? e.token, REPORT_ENTRY_MAX_CHARS);
  return head + cut;
}

/** Length of an entry's display text before any cut, in code points. */
function entryLength(e: { token: string; text: string | null }): number {
  return codePointLength(e.text ?? e.token);
}

/** One tokenizer's composition as a report section entry. */
export function compositionToReport(c: VocabComposition, vocabSize: number): VocabTokenizerReport {
  return {
    tokenizer: c.tokenizer,
    vocabSize,
    classes: { ...c.classes },
    scripts: c.scriptPositions.flatMap((row) =>
      (Object.keys(POSITION_NAMES) as (keyof typeof POSITION_NAMES)[])
        .filter((p) => row[p] > 0)
        .map((p) => ({ script: row.script, position: POSITION_NAMES[p], count: row[p] })),
    ),
    longest: c.longest.map((e) => ({ id: e.id, text: entryText(e), chars: e.length })),
    examples: Object.fromEntries(
      Object.entries(c.examples).map(([cls, list]) => [
        cls,
        list.map((e) => ({ id: e.id, text: entryText(e), chars: entryLength(e) })),
      ]),
    ),
  };
}

/** The vocab section from per-tokenizer compositions (with vocabulary sizes) and an optional overlap report. */
export function vocabSectionFrom(
  compositions: { composition: VocabComposition; vocabSize: number }[],
  overlap?: OverlapReport,
): VocabReportSection {
  const section: VocabReportSection = {
    tokenizers: compositions.map((c) => compositionToReport(c.composition, c.vocabSize)),
  };
  if (overlap && overlap.tokenizers.length >= 2) {
    section.overlap = {
      tokenizers: [...overlap.tokenizers],
      jaccard: overlap.jaccard.map((r) => [...r]),
      order: [...overlap.clusterOrder],
    };
  }
  return section;
}

/** One adaptation study from a trimming coverage curve and/or an expansion curve. */
export function adaptationStudyFrom(
  tokenizer: string,
  language: string,
  coverage?: CoveragePoint[],
  expansion?: ExpansionPoint[],
): AdaptationStudy {
  const study: AdaptationStudy = { tokenizer, language };
  if (coverage) study.trimming = coverage.map((p) => ({ coverage: p.target, tokens_needed: p.tokens }));
  if (expansion)
    study.expansion = expansion.map((p) => ({
      added_tokens: p.added_tokens,
      fertility: p.fertility,
      premium: p.premium,
    }));
  return study;
}

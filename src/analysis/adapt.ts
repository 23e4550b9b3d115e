// Library entry point behind `toklens adapt`: reads the target text, plans trimming and expansion (vocab/adapt.ts),
// writes the tokenizer files and words a recommendation.
import { dirname, join, resolve } from "node:path";
import { writeFileAtomically } from "../atomic-file.js";
import { ConfigError, OutputError } from "../errors.js";
import { makeDirectories } from "../output-dir.js";
import { resolveCorpusLanguage } from "../corpus/languages.js";
import { openCorpus, type CorpusOptions } from "../corpus/open-corpus.js";
import { DEFAULT_PIVOT_LANGUAGE } from "../metrics/options.js";
import { resolveTokenizerSpec } from "../tokenizers/load.js";
import type { LanguageCode, Segment, Warning } from "../types.js";
import {
  expandedTokenizers,
  planExpansion,
  planTrimming,
  type ExpansionPlan,
  type TrimmingPlan,
} from "../vocab/adapt.js";
import type { ExpansionCurve } from "../vocab/expand.js";
import { readTiktokenEncoding, tiktokenToTokenizerJson } from "../vocab/tiktoken-to-json.js";
import { definedIds, readTokenizerJson, writeTokenizerJson, type TokenizerJson } from "../vocab/tokenizer-json.js";
import type { TrimmedTokenizer } from "../vocab/trim.js";
import { adaptationStudyFrom } from "../report/from-vocab.js";
import { checkOutputFolder, outputManifest, REPORT_MANIFEST } from "../report/report-dir.js";
import type { AdaptationReportSection } from "../results/report-data.js";
import type { AnalysisAdaptation } from "./config.js";
import { definedFields, type RunContext } from "./run-context.js";

export interface AdaptOptions {
  /** Tokenizer reference: built-in id, tokenizer.json path, or hf:<org>/<name>. */
  tokenizer: string;
  /** Target language(s); trimming keeps what all of them use, expansion trains on the first. */
  languages: string[];
  /**
   * Corpus address (udhr, flores:<dir>, text:<dir>, jsonl:<file>).
   * @default "udhr"
   */
  corpus?: string;
  /**
   * Language premium is measured against.
   * @default "eng_Latn"
   */
  pivot?: string;
  /** Compute the trimming table and export a trimmed tokenizer. */
  trim?: boolean;
  /** New-token counts K to evaluate (0 = the base tokenizer); empty or absent skips expansion. */
  expand?: number[];
  /**
   * Keep tokens used at least this many times when trimming (tokenization stays identical only at 1).
   * @default 1
   */
  minFrequency?: number;
  /** Model hidden size, for embedding parameters saved by trimming. */
  hiddenSize?: number;
  /**
   * Every n-th segment of the target language is held out from expansion training.
   * @default 5
   */
  heldOutEvery?: number;
  /**
   * Minimum pair frequency for expansion merges.
   * @default 1
   */
  minPairFrequency?: number;
  /** Directory for artifacts; nothing is written when absent. */
  outDir?: string;
  /** How to open the corpus (FLORES split, normalisation...); `languages` is set from the targets and pivot. */
  corpusOptions?: Omit<CorpusOptions, "languages">;
}

export interface AdaptResult {
  tokenizer: string;
  languages: LanguageCode[];
  pivot: LanguageCode;
  corpus: string;
  /** How the base tokenizer.json was obtained. */
  base: { vocabSize: number; source: string; convertedFromTiktoken: boolean };
  trimming: TrimmingPlan | null;
  expansion: (ExpansionCurve & { split: string }) | null;
  /** Files written (absolute paths), by role. */
  artifacts: Record<string, string>;
  recommendation: string[];
  warnings: Warning[];
}

/** The tokenizer.json of a reference, converting tiktoken encodings to byte-level BPE. */
export async function baseTokenizerJson(
  ref: string,
): Promise<{ json: TokenizerJson; source: string; converted: boolean }> {
  const spec = await resolveTokenizerSpec(ref);
  switch (spec.kind) {
    case "huggingface":
      return { json: await readTokenizerJson(spec.path), source: spec.path, converted: false };
    case "tiktoken": {
      if (!spec.encoding) {
        throw new ConfigError(
          `'${ref}' is a .tiktoken rank file without its split pattern; adaptation needs a built-in encoding (gpt2, cl100k_base, o200k_base...) or a tokenizer.json.`,
        );
      }
      const { json } = tiktokenToTokenizerJson(await readTiktokenEncoding(spec.encoding));
      return { json, source: `tiktoken/encoders/${spec.encoding}.json (converted)`, converted: true };
    }
    case "sentencepiece":
      throw new ConfigError(
        `'${ref}' is a SentencePiece .model; trimming and expansion rewrite a Hugging Face tokenizer.json. ` +
          "Use a tokenizer.json of the same model (e.g. mistral-7b, or hf:<org>/<name>), or convert it with transformers' `tokenizer.save_pretrained()`.",
      );
    default: {
      const never: never = spec;
      throw new Error(`unhandled spec ${JSON.stringify(never)}`);
    }
  }
}

/** Refuses options that leave nothing to do, before any corpus or tokenizer is read; returns the Ks. */
function checkAdaptOptions(options: AdaptOptions): number[] {
  if (options.languages.length === 0)
    throw new ConfigError("adapt needs a target language: pass --lang <code>, e.g. --lang amh_Ethi.");
  const ks = options.expand ?? [];
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 0)
      throw new ConfigError(`Invalid --expand value '${k}': use non-negative integers, e.g. --expand 0,500,1000,2000.`);
  }
  if (!options.trim && ks.length === 0) throw new ConfigError("Nothing to do: pass --trim, --expand K,... or both.");
  return ks;
}

/** The target and pivot text, under the codes the corpus resolved the requests to. */
export interface AdaptText {
  corpus: string;
  targets: LanguageCode[];
  pivot: LanguageCode;
  segments: Map<LanguageCode, Segment[]>;
  warnings: Warning[];
}

async function collect(it: AsyncIterable<Segment>): Promise<Segment[]> {
  const out: Segment[] = [];
  for await (const s of it) out.push(s);
  return out;
}

/** Reads the target and pivot segments of the corpus. */
export async function readAdaptText(
  options: Pick<AdaptOptions, "corpus" | "pivot" | "languages" | "corpusOptions">,
): Promise<AdaptText> {
  const corpusSource = options.corpus ?? "udhr";
  const pivotRequested = options.pivot ?? DEFAULT_PIVOT_LANGUAGE;
  const corpus = await openCorpus(corpusSource, {
    ...options.corpusOptions,
    languages: [...options.languages, pivotRequested],
  });
  // openCorpus resolved aliases; map each request to its code in the same order
  const targets = options.languages.map((l) => resolveCorpusLanguage(l, corpus.languages).info.code);
  const pivot = resolveCorpusLanguage(pivotRequested, corpus.languages).info.code;
  const segments = new Map<LanguageCode, Segment[]>();
  for (const l of new Set([...targets, pivot])) segments.set(l, await collect(corpus.segments(l)));
  return { corpus: corpusSource, targets, pivot, segments, warnings: [...corpus.warnings] };
}

/** Writes `text` to `path` atomically (a full disk leaves the old file or none, never an empty one). */
export async function writeText(path: string, text: string): Promise<void> {
  try {
    await makeDirectories(dirname(path));
    await writeFileAtomically(path, text);
  } catch (err) {
    throw new OutputError(`Cannot write '${path}': ${(err as Error).message}. Check the disk space and permissions.`, {
      cause: err,
    });
  }
}

/** The files `planAdaptation` writes into --out (paths relative to it), listed in its manifest before any is written. */
function plannedFiles(converted: boolean, trim: boolean, ks: readonly number[]): string[] {
  return [
    ...(converted ? ["base/tokenizer.json"] : []),
    ...(trim ? ["trimmed/tokenizer.json", "trimmed/id-map.json"] : []),
    ...ks.filter((k) => k > 0).flatMap((k) => [`expanded-${k}/tokenizer.json`, `expanded-${k}/added-tokens.json`]),
    "report.json",
  ];
}

/**
 * Creates --out and writes its manifest, listing the files of this run and those of earlier runs still there, so
 * a run killed half-way leaves a folder the next run may write into again.
 */
export async function prepareOutDir(
  out: string,
  previous: readonly string[],
  planned: readonly string[],
): Promise<void> {
  await makeOutDir(out);
  await writeText(join(out, REPORT_MANIFEST), outputManifest([...previous, ...planned]));
}

async function makeOutDir(out: string): Promise<void> {
  await makeDirectories(out).catch((err: Error) => {
    throw new OutputError(`Cannot create output directory '${out}': ${err.message}. Choose a writable --out.`, {
      cause: err,
    });
  });
}

/** Writes the trimmed tokenizer and the id map that carries embeddings over to it. */
async function writeTrimmed(out: string, trimmed: TrimmedTokenizer, artifacts: Record<string, string>): Promise<void> {
  artifacts.trimmedTokenizer = join(out, "trimmed", "tokenizer.json");
  artifacts.trimmedIdMap = join(out, "trimmed", "id-map.json");
  await writeTokenizerJson(artifacts.trimmedTokenizer, trimmed.json);
  const idMap = {
    generated_by: "toklens adapt; rerun with the same options to regenerate",
    description: "new_to_old[new_id] = old_id: the new embedding matrix is old_embeddings[new_to_old]",
    new_to_old: trimmed.idMap.map(([o]) => o),
    old_to_new: Object.fromEntries(trimmed.idMap.map(([o, n]) => [String(o), n])),
  };
  await writeText(artifacts.trimmedIdMap, JSON.stringify(idMap));
}

async function writeExpanded(
  out: string,
  base: TokenizerJson,
  plan: ExpansionPlan,
  ks: readonly number[],
  artifacts: Record<string, string>,
): Promise<void> {
  for (const expanded of expandedTokenizers(base, plan.merges, ks)) {
    const file = join(out, `expanded-${expanded.k}`, "tokenizer.json");
    await writeTokenizerJson(file, expanded.json);
    artifacts[`expanded${expanded.k}`] = file;
    const added = join(out, `expanded-${expanded.k}`, "added-tokens.json");
    await writeText(added, JSON.stringify(expanded.addedTokens));
    artifacts[`expanded${expanded.k}AddedTokens`] = added;
  }
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function pct(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

function trimmingAdvice(targets: readonly LanguageCode[], trimming: TrimmingPlan): string {
  const { verification } = trimming;
  const c99 = trimming.coverage.find((c) => c.target === 0.99);
  return (
    `Trimming: the ${targets.join(" + ")} text uses ${fmt(trimming.usedTokens)} of ${fmt(trimming.vocabSize)} entries (${pct(trimming.usedTokens / trimming.vocabSize)}); ` +
    `${fmt(c99?.tokens ?? 0)} cover 99% of token occurrences. A trimmed vocabulary of ${fmt(trimming.trimmedSize)} entries ` +
    `(${fmt(trimming.keptUsed)} used, ${fmt(trimming.keptSpecial)} special, ${fmt(trimming.keptBase)} byte/base, ${fmt(trimming.keptAncestors)} merge ancestors) ` +
    `removes ${fmt(trimming.removed)}` +
    (trimming.embeddingParametersSaved !== null
      ? ` = ${fmt(trimming.embeddingParametersSaved)} input-embedding parameters at hidden size ${trimming.hiddenSize} (twice that with an untied output layer)`
      : "") +
    `; tokenization of the ${fmt(trimming.segments)} target segments is ${verification.identical ? "identical (verified)" : `DIFFERENT in ${verification.mismatches} segments (min frequency ${trimming.minFrequency} drops used tokens)`}.`
  );
}

/** Null when the curve has no fertility at its ends to compare. */
function expansionAdvice(primary: LanguageCode, pivot: LanguageCode, curve: ExpansionCurve): string | null {
  const first = curve.points[0];
  const last = curve.points.at(-1);
  if (!first || !last || first.fertility === null || last.fertility === null) return null;
  return (
    `Expansion (held-out ${primary}): fertility ${first.fertility.toFixed(2)} with ${fmt(first.added_tokens)} new tokens -> ${last.fertility.toFixed(2)} with ${fmt(last.added_tokens)}` +
    (first.premium !== null && last.premium !== null
      ? `, premium vs ${pivot} ${first.premium.toFixed(2)} -> ${last.premium.toFixed(2)}`
      : "") +
    `. ${curve.diminishingReturnsAt !== null ? `Diminishing returns after ~${fmt(curve.diminishingReturnsAt)} new tokens. ` : ""}` +
    (curve.parityAt !== null
      ? `Parity with ${pivot} reached at ${fmt(curve.parityAt)} new tokens.`
      : `Parity with ${pivot} is not reached within the Ks tried.`) +
    (last.added_tokens < last.requested
      ? ` Training text ran out of pairs after ${fmt(curve.learnedMerges)} merges: use a larger corpus for larger K.`
      : "")
  );
}

function splitDescription(primary: LanguageCode, pivot: LanguageCode, plan: ExpansionPlan): string {
  return `every ${plan.heldOutEvery}th segment of ${primary} held out (${plan.heldOut} held out, ${plan.train} train); premium on the same held-out segment ids of ${pivot}`;
}

/** Runs the requested analyses and writes the artifacts. */
export async function planAdaptation(options: AdaptOptions): Promise<AdaptResult> {
  const ks = checkAdaptOptions(options);
  const out = options.outDir ? resolve(options.outDir) : null;
  // before any text or tokenizer is read: a folder holding files toklens did not write is refused
  const previous = out ? await checkOutputFolder(out) : [];
  const text = await readAdaptText(options);
  const { targets, pivot, segments, warnings } = text;
  const base = await baseTokenizerJson(options.tokenizer);
  const vocabSize = definedIds(base.json).size;
  const artifacts: Record<string, string> = {};
  if (out) {
    await prepareOutDir(out, previous, plannedFiles(base.converted, Boolean(options.trim), ks));
    if (base.converted) {
      artifacts.base = join(out, "base", "tokenizer.json");
      await writeTokenizerJson(artifacts.base, base.json);
    }
  }
  const recommendation: string[] = [];
  const primary = targets[0]!;

  let trimming: AdaptResult["trimming"] = null;
  if (options.trim) {
    const texts = targets.flatMap((l) => segments.get(l)!.map((s) => s.text));
    const plan = await planTrimming(base.json, texts, {
      ...(options.minFrequency !== undefined ? { minFrequency: options.minFrequency } : {}),
      ...(options.hiddenSize !== undefined ? { hiddenSize: options.hiddenSize } : {}),
      owner: options.tokenizer,
    });
    trimming = plan.trimming;
    if (out) await writeTrimmed(out, plan.trimmed, artifacts);
    recommendation.push(trimmingAdvice(targets, trimming));
  }

  let expansion: AdaptResult["expansion"] = null;
  if (ks.length > 0) {
    const plan = await planExpansion(base.json, segments.get(primary)!, segments.get(pivot)!, {
      ks,
      tokenizer: options.tokenizer,
      language: primary,
      pivot,
      ...(options.heldOutEvery !== undefined ? { heldOutEvery: options.heldOutEvery } : {}),
      ...(options.minPairFrequency !== undefined ? { minPairFrequency: options.minPairFrequency } : {}),
    });
    expansion = { ...plan.curve, split: splitDescription(primary, pivot, plan) };
    warnings.push(...plan.curve.warnings);
    if (out) await writeExpanded(out, base.json, plan, ks, artifacts);
    const advice = expansionAdvice(primary, pivot, plan.curve);
    if (advice !== null) recommendation.push(advice);
  }

  const result: AdaptResult = {
    tokenizer: options.tokenizer,
    languages: targets,
    pivot,
    corpus: text.corpus,
    base: { vocabSize, source: base.source, convertedFromTiktoken: base.converted },
    trimming,
    expansion,
    artifacts,
    recommendation,
    warnings,
  };
  if (out) {
    artifacts.report = join(out, "report.json");
    await writeText(artifacts.report, JSON.stringify({ generated_by: "toklens adapt", ...result }, null, 2));
  }
  return result;
}

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
  studies.forEach((s, i) => {
    if (s.language === undefined && (s.langs === undefined || s.budget === undefined))
      throw new ConfigError(
        `adaptation[${i}] (${s.tokenizer}) names no target: give "language" (trimming/expansion) or "langs" and "budget" (a shared budget).`,
      );
  });
  for (const study of studies) {
    // shared-budget studies (langs + budget) are run by budgetWithContext
    if (study.language === undefined) continue;
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

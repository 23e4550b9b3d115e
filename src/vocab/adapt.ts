// Adaptation planning for one tokenizer and target language: trimming table, expansion curve, artifacts, a recommendation.
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ConfigError, OutputError } from "../errors.js";
import { makeDirectories } from "../output-dir.js";
import { resolveCorpusLanguage } from "../corpus/languages.js";
import { openCorpus, type CorpusOptions } from "../corpus/open-corpus.js";
import { DEFAULT_PIVOT_LANGUAGE } from "../metrics/options.js";
import { resolveTokenizerSpec } from "../tokenizers/load.js";
import type { LanguageCode, Segment, Warning } from "../types.js";
import { expandTokenizerJson, expansionCurve, splitSegments, type ExpansionCurve } from "./expand.js";
import { readTiktokenEncoding, tiktokenToTokenizerJson } from "./tiktoken-to-json.js";
import { definedIds, readTokenizerJson, writeTokenizerJson, type TokenizerJson } from "./tokenizer-json.js";
import { trimForTexts, type TrimReport, type TrimVerification } from "./trim.js";

/** Every n-th segment of the target language is held out from expansion training when no n is given. */
export const DEFAULT_HELD_OUT_EVERY = 5;

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
  trimming: (TrimReport & { verification: TrimVerification; segments: number }) | null;
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

async function collect(it: AsyncIterable<Segment>): Promise<Segment[]> {
  const out: Segment[] = [];
  for await (const s of it) out.push(s);
  return out;
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function pct(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

/** Runs the requested analyses and writes the artifacts. */
export async function planAdaptation(options: AdaptOptions): Promise<AdaptResult> {
  if (options.languages.length === 0)
    throw new ConfigError("adapt needs a target language: pass --lang <code>, e.g. --lang amh_Ethi.");
  const ks = options.expand ?? [];
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 0)
      throw new ConfigError(`Invalid --expand value '${k}': use non-negative integers, e.g. --expand 0,500,1000,2000.`);
  }
  if (!options.trim && ks.length === 0) throw new ConfigError("Nothing to do: pass --trim, --expand K,... or both.");
  const corpusSource = options.corpus ?? "udhr";
  const pivotRequested = options.pivot ?? DEFAULT_PIVOT_LANGUAGE;
  const corpus = await openCorpus(corpusSource, {
    ...options.corpusOptions,
    languages: [...options.languages, pivotRequested],
  });
  const warnings: Warning[] = [...corpus.warnings];
  // openCorpus resolved aliases; map each request to its code in the same order
  const targets = options.languages.map((l) => resolveCorpusLanguage(l, corpus.languages).info.code);
  const pivot = resolveCorpusLanguage(pivotRequested, corpus.languages).info.code;
  const segments = new Map<LanguageCode, Segment[]>();
  for (const l of new Set([...targets, pivot])) segments.set(l, await collect(corpus.segments(l)));

  const base = await baseTokenizerJson(options.tokenizer);
  const vocabSize = definedIds(base.json).size;
  const artifacts: Record<string, string> = {};
  const out = options.outDir ? resolve(options.outDir) : null;
  if (out) {
    await makeDirectories(out).catch((err: Error) => {
      throw new OutputError(`Cannot create output directory '${out}': ${err.message}. Choose a writable --out.`, {
        cause: err,
      });
    });
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
    const { report, trimmed, verification } = await trimForTexts(base.json, texts, {
      ...(options.minFrequency !== undefined ? { minFrequency: options.minFrequency } : {}),
      ...(options.hiddenSize !== undefined ? { hiddenSize: options.hiddenSize } : {}),
      owner: options.tokenizer,
    });
    trimming = { ...report, verification, segments: texts.length };
    if (out) {
      artifacts.trimmedTokenizer = join(out, "trimmed", "tokenizer.json");
      artifacts.trimmedIdMap = join(out, "trimmed", "id-map.json");
      await writeTokenizerJson(artifacts.trimmedTokenizer, trimmed.json);
      const idMap = {
        generated_by: "toklens adapt; rerun with the same options to regenerate",
        description: "new_to_old[new_id] = old_id: the new embedding matrix is old_embeddings[new_to_old]",
        new_to_old: trimmed.idMap.map(([o]) => o),
        old_to_new: Object.fromEntries(trimmed.idMap.map(([o, n]) => [String(o), n])),
      };
      await writeFile(artifacts.trimmedIdMap, JSON.stringify(idMap), "utf8").catch((err: Error) => {
        throw new OutputError(`Cannot write '${artifacts.trimmedIdMap}': ${err.message}.`, { cause: err });
      });
    }
    const c99 = report.coverage.find((c) => c.target === 0.99);
    recommendation.push(
      `Trimming: the ${targets.join(" + ")} text uses ${fmt(report.usedTokens)} of ${fmt(report.vocabSize)} entries (${pct(report.usedTokens / report.vocabSize)}); ` +
        `${fmt(c99?.tokens ?? 0)} cover 99% of token occurrences. A trimmed vocabulary of ${fmt(report.trimmedSize)} entries ` +
        `(${fmt(report.keptUsed)} used, ${fmt(report.keptSpecial)} special, ${fmt(report.keptBase)} byte/base, ${fmt(report.keptAncestors)} merge ancestors) ` +
        `removes ${fmt(report.removed)}` +
        (report.embeddingParametersSaved !== null
          ? ` = ${fmt(report.embeddingParametersSaved)} input-embedding parameters at hidden size ${report.hiddenSize} (twice that with an untied output layer)`
          : "") +
        `; tokenization of the ${fmt(texts.length)} target segments is ${verification.identical ? "identical (verified)" : `DIFFERENT in ${verification.mismatches} segments (min frequency ${report.minFrequency} drops used tokens)`}.`,
    );
  }

  let expansion: AdaptResult["expansion"] = null;
  if (ks.length > 0) {
    const { train, heldOut } = splitSegments(segments.get(primary)!, options.heldOutEvery ?? DEFAULT_HELD_OUT_EVERY);
    const heldIds = new Set(heldOut.map((s) => s.id));
    const pivotHeldOut = segments.get(pivot)!.filter((s) => heldIds.has(s.id));
    const { curve, merges } = await expansionCurve(base.json, train, heldOut, pivotHeldOut, {
      ks,
      tokenizer: options.tokenizer,
      language: primary,
      pivot,
      ...(options.minPairFrequency !== undefined ? { minPairFrequency: options.minPairFrequency } : {}),
    });
    expansion = {
      ...curve,
      split: `every ${options.heldOutEvery ?? DEFAULT_HELD_OUT_EVERY}th segment of ${primary} held out (${heldOut.length} held out, ${train.length} train); premium on the same held-out segment ids of ${pivot}`,
    };
    warnings.push(...curve.warnings);
    if (out) {
      for (const k of [...new Set(ks)].filter((k) => k > 0)) {
        const expanded = expandTokenizerJson(base.json, merges, k);
        const file = join(out, `expanded-${k}`, "tokenizer.json");
        await writeTokenizerJson(file, expanded.json);
        artifacts[`expanded${k}`] = file;
        const added = join(out, `expanded-${k}`, "added-tokens.json");
        await writeFile(added, JSON.stringify(expanded.addedTokens), "utf8").catch((err: Error) => {
          throw new OutputError(`Cannot write '${added}': ${err.message}.`, { cause: err });
        });
        artifacts[`expanded${k}AddedTokens`] = added;
      }
    }
    const first = curve.points[0];
    const last = curve.points.at(-1);
    if (first && last && first.fertility !== null && last.fertility !== null) {
      recommendation.push(
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
            : ""),
      );
    }
  }

  const result: AdaptResult = {
    tokenizer: options.tokenizer,
    languages: targets,
    pivot,
    corpus: corpusSource,
    base: { vocabSize, source: base.source, convertedFromTiktoken: base.converted },
    trimming,
    expansion,
    artifacts,
    recommendation,
    warnings,
  };
  if (out) {
    artifacts.report = join(out, "report.json");
    await writeFile(
      artifacts.report,
      JSON.stringify({ generated_by: "toklens adapt", ...result }, null, 2),
      "utf8",
    ).catch((err: Error) => {
      throw new OutputError(`Cannot write '${artifacts.report}': ${err.message}.`, { cause: err });
    });
  }
  return result;
}

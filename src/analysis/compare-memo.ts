// A report's whole comparison remembered on disk: a run whose inputs are all unchanged reads its rows, summaries and
// curves from one entry instead of reading every tokenize result and computing every metric and bootstrap again.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DiskCache, defaultCacheDir, invalidEntryWarning, isRecord, type UncheckedEntry } from "../disk-cache.js";
import { METRIC_NAMES, metricNames } from "../metrics/registry.js";
import type { CompareResult } from "../results/compare.js";
import { isCountsRef } from "../tokenize/counts.js";
import type { LanguageInput } from "../tokenize/run.js";
import type { LanguageCode, Warning } from "../types.js";
import type { RunContext } from "./run-context.js";

/** Bump when the remembered result's shape changes (1: the first). A change of the code computing it needs no bump. */
const COMPARE_MEMO_VERSION = 1;

/** What is remembered: the comparison (its languages' names are read afresh from the corpus on a hit). */
export type MemoResult = CompareResult;

interface MemoEntry {
  /** sha256 of `result`: an entry whose text was damaged without breaking its JSON is a miss too. */
  sha256: string;
  /** The result as JSON text (so the check hashes exactly what is parsed). */
  result: string;
}

/** Warning codes that say a run met a damaged or unwritable cache: a result carrying one is not remembered. */
const TRANSIENT_WARNINGS: readonly string[] = ["cache-entry-invalid", "cache-unwritable"];

/** The folders and files of the code that turns tokenize results into a comparison, relative to the toolkit's root. */
const COMPUTING_CODE = [
  "metrics",
  "results",
  "analysis/compare",
  "analysis/prices",
  "tokenize/run",
  "tokenize/cache",
  "tokenize/language-counts",
  // a language's script, which groups by script and names rows
  "corpus/languages",
  "corpus/language-data",
  "corpus/scripts",
];

let codeHash: string | null | undefined;

/**
 * sha256 of the code that computes a comparison from its tokenize results (this module's siblings, .js when built,
 * .ts under a test runner): part of every key, so a changed metric never answers from an entry of the old code,
 * even before the toolkit's version changes. Null when that code is not where it should be (a bundled copy of the
 * toolkit): the memo is then off.
 */
function computingCodeHash(): string | null {
  if (codeHash === undefined) {
    try {
      codeHash = hashComputingCode();
    } catch {
      codeHash = null;
    }
  }
  return codeHash;
}

function hashComputingCode(): string {
  const here = fileURLToPath(import.meta.url);
  const root = dirname(dirname(here));
  const ext = extname(here);
  const hash = createHash("sha256");
  const add = (rel: string) =>
    hash
      .update(rel)
      .update("\0")
      .update(readFileSync(join(root, rel)))
      .update("\0");
  for (const item of COMPUTING_CODE) {
    if (item.includes("/")) {
      add(`${item}${ext}`);
      continue;
    }
    const files = readdirSync(join(root, item), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(ext) && !f.endsWith(`.d${ext}`))
      .sort();
    for (const f of files) add(join(item, f));
  }
  return hash.digest("hex");
}

/** Why an entry's text cannot be trusted, or null. */
function memoEntryProblem(entry: UncheckedEntry<MemoEntry>): string | null {
  if (typeof entry.sha256 !== "string" || typeof entry.result !== "string") return "bad compare entry";
  const sha256 = createHash("sha256").update(entry.result).digest("hex");
  return sha256 === entry.sha256 ? null : "its result does not match its hash";
}

/** Why a parsed result is not the comparison of `refs` x `measured`, or null. */
function resultProblem(result: unknown, refs: readonly string[], measured: readonly LanguageCode[]): string | null {
  if (!isRecord(result)) return "not an object";
  const { tokenizers, results, summary, warnings, lorenz } = result;
  if (!Array.isArray(tokenizers) || tokenizers.length !== refs.length) return "bad tokenizers";
  if (!tokenizers.every((t, i) => isRecord(t) && t["id"] === refs[i])) return "tokenizers out of order";
  if (!Array.isArray(results) || results.length !== refs.length * measured.length) return "bad number of rows";
  const rowAt = (r: unknown, i: number) =>
    isRecord(r) &&
    r["tokenizer"] === refs[Math.floor(i / measured.length)] &&
    r["language"] === measured[i % measured.length];
  if (!results.every(rowAt)) return "rows out of order";
  if (!Array.isArray(summary) || summary.length !== refs.length) return "bad summary";
  if (!Array.isArray(warnings) || !Array.isArray(lorenz)) return "bad warnings or curves";
  return null;
}

/**
 * `result` as JSON if parsing that gives it back exactly, else null: no non-finite number or -0 (JSON writes null
 * and 0), no undefined (dropped), no Map, Set or other class instance (written as {}).
 */
function exactJson(result: MemoResult): string | null {
  let exact = true;
  const text = JSON.stringify(result, function (this: unknown, _key: string, value: unknown) {
    if (value === undefined) exact = false;
    else if (typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0))) exact = false;
    else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) exact = false;
    }
    return value;
  });
  return exact ? text : null;
}

/** A comparison's memo: the remembered result (or undefined), and how to remember a computed one. */
export interface CompareMemo {
  hit: MemoResult | undefined;
  /** Warnings of reading the tokenizer file hashes for the key: the comparison's, before its tokenize warnings. */
  warnings: Warning[];
  remember(result: MemoResult): Promise<void>;
}

const NO_MEMO: CompareMemo = { hit: undefined, warnings: [], remember: async () => undefined };

/** What the comparison of a context depends on besides its tokenize results' keys. */
export interface MemoInputs {
  /** What the comparison measures (`CompareSpec`: tokenizers, reference, metrics, options, groups, prices, context). */
  spec: { tokenizers: readonly string[] };
  /** The tokenizers tokenized (the compared ones, then the reference if it is not one of them). */
  tokenized: readonly string[];
  prepared: readonly LanguageInput[];
  /** The warnings before the tokenize phase (corpus, pivot, group table, inputs). */
  warnings: readonly Warning[];
  /** The group table read from `spec.groupBy`, if it is a file. */
  groups: ReadonlyMap<string, string> | undefined;
}

/**
 * Opens the memo of a comparison: keyed by the toolkit version, the computing code, every tokenizer's spec and
 * fingerprint, every input's content hash and reading flags, the spec (metrics, options, groups, prices, context) and
 * the context (corpus address, pivot, protocol, alignment), so an entry answers only the run that computed it. Off
 * without a cache, for `counts:` tokenizers and when a metric is registered at run time (its code is not in the key).
 */
export async function openCompareMemo(ctx: RunContext, inputs: MemoInputs): Promise<CompareMemo> {
  if (ctx.cache === false || inputs.tokenized.some(isCountsRef)) return NO_MEMO;
  if (metricNames().length !== METRIC_NAMES.length) return NO_MEMO;
  const code = computingCodeHash();
  if (code === null) return NO_MEMO;
  const dir = ctx.cache ?? defaultCacheDir();
  const warnings: Warning[] = [];
  const hashes = { dir, onWarning: (w: Warning) => warnings.push(w) };
  const tokenizers = [];
  for (const ref of inputs.tokenized) {
    tokenizers.push({ spec: await ctx.session.spec(ref), fingerprint: await ctx.session.fingerprint(ref, hashes) });
  }
  const store = new DiskCache<MemoEntry>(join(dir, "compare"), {
    schema: COMPARE_MEMO_VERSION,
    quietWrites: true,
    check: memoEntryProblem,
  });
  const { corpus } = ctx;
  const key = store.key({
    code,
    tokenizers,
    // what keys each tokenize result (its segments, and joined pieces, follow from its content hash and the protocol)
    inputs: inputs.prepared.map((p) => [p.language, p.sha256, p.wordsSkipped, p.isolatedSkipped]),
    spec: inputs.spec,
    groups: inputs.groups ? [...inputs.groups] : null,
    warnings: inputs.warnings,
    context: [ctx.source, ctx.pivot, ctx.pivotAvailable, ctx.protocol, corpus.parallel, corpus.unaligned],
  });
  const refs = inputs.spec.tokenizers;
  const measured = inputs.prepared.map((p) => p.language);
  // the warning about this memo's own entry, left out of the result remembered in its place
  let own: Warning | undefined;
  const onInvalid = (path: string, problem: string) => warnings.push((own = invalidEntryWarning(path, problem)));
  // a damaged file hash entry is reported by this run: answered afresh, so the report lists it as before
  const entry = warnings.length === 0 ? await store.get(key, onInvalid) : null;
  let hit: MemoResult | undefined;
  if (entry) {
    const result = JSON.parse(entry.result) as unknown;
    const problem = resultProblem(result, refs, measured);
    if (problem) onInvalid(store.path(key), problem);
    else hit = result as MemoResult;
  }
  return {
    hit,
    warnings,
    async remember(computed) {
      const result = own ? { ...computed, warnings: computed.warnings.filter((w) => w !== own) } : computed;
      if (result.warnings.some((w) => TRANSIENT_WARNINGS.includes(w.code))) return;
      const text = exactJson(result);
      if (text === null) return;
      await store.set(key, { sha256: createHash("sha256").update(text).digest("hex"), result: text });
    },
  };
}

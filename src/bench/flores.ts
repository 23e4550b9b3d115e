// The FLORES-sized workload: compare llama3 against the native encodeBatch (ratio and peak RSS), and joined vs per-segment.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { floresRoot } from "../corpus/sources/flores-source.js";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import { seconds, type Check } from "./checks.js";
import { benchScript, CLI, runNode } from "./child.js";
import { writeFloresCorpus } from "./flores-corpus.js";

export interface FloresCorpus {
  dir: string;
  /** Where the corpus came from, printed once. */
  label: string;
  languages: number;
  /** Removes a generated corpus; a folder the user gave is left alone. */
  dispose(): void;
}

/** The user's FLORES folder, or a generated FLORES-sized one (200 languages, dev+devtest) in a temp folder. */
export function floresCorpus(given: string | undefined, udhr: () => ReadonlyMap<string, string[]>): FloresCorpus {
  if (given) {
    const dir = floresRoot(given);
    const languages = readdirSync(join(dir, "dev")).filter((n) => n.endsWith(".dev")).length;
    return { dir, label: `the FLORES-200 folder ${given}`, languages, dispose: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), "toklens-bench-flores-"));
  try {
    const texts = new Map([...udhr()].map(([code, segments]) => [code, segments.join(" ")] as const));
    const codes = writeFloresCorpus(dir, texts);
    return {
      dir,
      label: `generated: ${codes.length} FLORES-200 codes x dev+devtest, resampled UDHR text, in ${dir} (removed after)`,
      languages: codes.length,
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

const compareArgs = (tokenizer: string, dir: string, extra: readonly string[] = []) => [
  CLI,
  "compare",
  tokenizer,
  "--corpus",
  `flores:${dir}`,
  "--split",
  "dev+devtest",
  "--all-langs",
  "--no-cache",
  ...extra,
];

/** `compare llama3 ... --all-langs --no-cache` vs encodeBatch on the same lines, each a fresh process: ratio and peak RSS. */
export function floresChecks(corpus: FloresCorpus, llama3: TokenizerSpec): Check[] {
  if (llama3.kind !== "huggingface") throw new Error("llama3 is expected to be a tokenizer.json built-in");
  const base = runNode([benchScript("flores-baseline.js"), corpus.dir, llama3.path], { rss: true });
  const toolkit = runNode(compareArgs("llama3", corpus.dir), { rss: true });
  return [
    {
      label: `FLORES: llama3 x ${corpus.languages} languages, dev+devtest`,
      detail: `baseline ${seconds(base.ms)}, toolkit ${seconds(toolkit.ms)}`,
      value: toolkit.ms / base.ms,
      unit: "x",
      target: { op: "<=", limit: 1.3 },
    },
    {
      label: "FLORES: compare llama3 peak RSS",
      detail: `baseline ${base.rssMb.toFixed(0)} MB, ${seconds(toolkit.ms)}`,
      value: toolkit.rssMb,
      unit: "MB",
      target: { op: "<", limit: 500 },
    },
  ];
}

/** Petrov's protocol (`--join-segments --no-normalize`) against the per-segment run of gpt2 on the same corpus. */
export function joinedCheck(corpus: FloresCorpus): Check {
  const perSegment = runNode(compareArgs("gpt2", corpus.dir, ["--no-normalize"]));
  const joined = runNode(compareArgs("gpt2", corpus.dir, ["--join-segments", "--no-normalize"]));
  return {
    label: `FLORES: gpt2 joined / per-segment`,
    detail: `per-segment ${seconds(perSegment.ms)}, joined ${seconds(joined.ms)}`,
    value: joined.ms / perSegment.ms,
    unit: "x",
    target: { op: "<=", limit: 1.2 },
  };
}

// The analysis file format (analyses/*.json): the AnalysisConfig type and its validation against the JSON Schema of
// config-schema.ts.
import { readFile } from "node:fs/promises";
import type { FloresSplit } from "../corpus/flores-splits.js";
import { closestMatches, ConfigError, editDistance } from "../errors.js";
import type { ChartExport } from "../report/chart-formats.js";
import type { EfficiencyVocabSize, MetricName } from "../metrics/types.js";

/** Where the text comes from and how it is read. */
import { analysisSchema, type JsonSchema } from "./config-schema.js";

export { analysisSchema, analysisSchemaText, writeAnalysisSchema, type JsonSchema } from "./config-schema.js";
export interface AnalysisCorpus {
  /** Corpus address: `udhr`, `flores:<dir>`, `text:<dir>` or `jsonl:<file>` (relative paths are resolved from the working directory). */
  source: string;
  /** FLORES split to read; ignored by other corpora. @default "devtest" */
  split?: FloresSplit;
  /** Apply Unicode NFC normalisation to every segment. @default true */
  normalize?: boolean;
  /** Replace invalid UTF-8 by U+FFFD (counted in a warning) instead of failing. @default false */
  replaceInvalid?: boolean;
  /** Keep languages whose segments do not align with the others (they get no premium) instead of failing. @default false */
  allowUnaligned?: boolean;
  /** Tokenize each language's segments joined by single spaces as one string (Petrov et al. 2023); premium_ci is then null. @default false */
  joinSegments?: boolean;
}

/** The vocabulary section: Qtok composition of each tokenizer and the Jaccard overlap between them. */
export interface AnalysisVocab {
  /** Run the vocabulary analyses. @default true (when the section is present) */
  enabled?: boolean;
  /** Tokenizers to analyse, a subset of the analysis' `tokenizers`. @default all of them */
  tokenizers?: string[];
  /** Example entries listed per class. @default 5 */
  examples?: number;
  /** Longest entries listed per tokenizer. @default 10 */
  longest?: number;
}

/** One adaptation study: trimming and/or expansion of one tokenizer for one language. */
export interface AnalysisAdaptation {
  /** Tokenizer to adapt: a built-in id, a tokenizer.json path or hf:<org>/<name> (tiktoken encodings are converted; SentencePiece .model files are not supported). */
  tokenizer: string;
  /** Target language code, e.g. `amh_Ethi`. */
  language: string;
  /** Compute the trimming coverage table (entries needed for 90%...100% of the language's tokens). @default false */
  trim?: boolean;
  /** Numbers of new entries (trained on the language) to evaluate on held-out text; 0 is the unchanged tokenizer. @default [] (no expansion) */
  expand?: number[];
  /** The model's hidden size, to count the embedding parameters trimming saves. */
  hiddenSize?: number;
}

/** A diff of two tokenizers (or two versions of one) on the analysis' corpus and languages. */
export interface AnalysisDiff {
  /** The tokenizer before: a built-in id, a tokenizer file or hf:<org>/<name>[@rev]. */
  a: string;
  /** The tokenizer after. */
  b: string;
}

/** MorphScore of the analysis' tokenizers on gold morpheme splits (Arnett & Bergen 2025). */
export interface AnalysisMorph {
  /** Gold CSV files in MorphScore's layout (full_word,pt1,rest), relative to the working directory. */
  gold: string[];
  /** Tokenizers to score, a subset of the analysis' `tokenizers`. @default all of them */
  tokenizers?: string[];
}

/** A declarative analysis: tokenizers x corpus x languages, with optional vocabulary and adaptation sections. */
export interface AnalysisConfig {
  /** Path or URL of the JSON Schema, for editors (ignored by toklens). */
  $schema?: string;
  /** Report title. */
  title: string;
  /** One or two sentences on what the analysis asks, for readers of the file (not rendered in the report). */
  description?: string;
  /** Tokenizer references in report order: built-in ids (`toklens tokenizers`), tokenizer files, or hf:<org>/<name>. */
  tokenizers: string[];
  /** The corpus measured. */
  corpus: AnalysisCorpus;
  /** Language codes (`deu_Latn`, `deu` or `de`), or "all" for every language of the corpus. */
  languages: string[] | "all";
  /** Premiums are token counts relative to this language on the same parallel text. @default "eng_Latn" */
  pivot?: string;
  /** Metrics computed. @default all (nsl only with a reference) */
  metrics?: MetricName[];
  /** Reference tokenizer for `nsl` (normalised sequence length). */
  reference?: string;
  /** |V| of `renyi_efficiency` and `shannon_efficiency`: the tokenizer's vocabulary size, or the distinct tokens observed. @default "vocabulary" */
  efficiencyVocabSize?: EfficiencyVocabSize;
  /** Group the languages: "script", or a CSV file with columns language,group (relative to the working directory). @default no groups */
  groupBy?: string;
  /** Vocabulary composition and overlap. @default absent (not run) */
  vocab?: AnalysisVocab;
  /** Adaptation studies (trimming, expansion). @default [] */
  adaptation?: AnalysisAdaptation[];
  /** MorphScore on gold files; adds a *Morphological alignment* section. @default absent (not run) */
  morph?: AnalysisMorph;
  /** Also export every chart as an image. @default "none" */
  charts?: ChartExport;
  /** Prices file (USD per million tokens per tokenizer, see analyses/prices.example.json), resolved from the working directory: adds the cost section. */
  prices?: string;
  /** Context window in tokens: the cost section says how many words and characters of each language fit in it. */
  context?: number;
  /** Longest token-view sample, in code points. @default 300 up to 100 languages, 150 above (see defaultSampleChars) */
  sampleChars?: number;
  /** What changed from tokenizer `a` to `b`: adds the section "What changed from A to B". */
  diff?: AnalysisDiff;
}

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

let compiled: Validate | null = null;

async function validator(): Promise<Validate> {
  if (compiled) return compiled;
  const { Ajv } = await import("ajv");
  const ajv = new Ajv({ allErrors: true, strict: true });
  compiled = ajv.compile(analysisSchema()) as Validate;
  return compiled;
}

/** A short English rendering of what a schema accepts, for messages on failed `anyOf`s. */
function describeSchema(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (s.type === "array") return s.items ? `a list of ${describeSchema(s.items).replace(/^an? /, "")}s` : "a list";
  if (s.type === "integer") return "an integer";
  if (s.type === "object") return "an object";
  return `a ${s.type ?? "value"}`;
}

/** The schema node at a JSON-pointer-like schema path such as `#/properties/languages/anyOf`. */
function schemaAt(path: string): JsonSchema | undefined {
  let node: unknown = analysisSchema();
  for (const part of path.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node as JsonSchema | undefined;
}

/** One line per problem: the JSON path, what is wrong, and how to fix it. */
function formatErrors(errors: readonly AjvError[]): string[] {
  // an anyOf failure also reports every branch's complaint; keep the deepest ones or, if none went deeper, one summary
  const anyOfs = errors.filter((e) => e.keyword === "anyOf");
  const inside = (e: AjvError, a: AjvError) =>
    e !== a && e.schemaPath.startsWith(a.schemaPath.replace(/\/anyOf$/, "/anyOf/"));
  const kept: AjvError[] = [];
  for (const e of errors) {
    const parent = anyOfs.find((a) => inside(e, a));
    if (parent) {
      if (e.instancePath !== parent.instancePath) kept.push(e);
      continue;
    }
    if (e.keyword === "anyOf" && errors.some((x) => inside(x, e) && x.instancePath !== e.instancePath)) continue;
    kept.push(e);
  }
  const lines = kept.map((e) => {
    const where = e.instancePath === "" ? "(top level)" : e.instancePath;
    switch (e.keyword) {
      case "additionalProperties": {
        const field = String(e.params["additionalProperty"]);
        const schema = schemaAt(e.schemaPath.replace(/\/additionalProperties$/, ""));
        const known = Object.keys(schema?.properties ?? {});
        const near = closestMatches(field, known, 1).filter(
          (k) => editDistance(k.toLowerCase(), field.toLowerCase()) <= 3,
        );
        return `${where} has unknown field '${field}'${near.length ? ` (did you mean '${near[0]}'?)` : "; remove it"}; known fields: ${known.join(", ")}.`;
      }
      case "required":
        return `${where} is missing the required field '${String(e.params["missingProperty"])}'; add it (see analyses/overview.json for an example).`;
      case "enum":
        return `${where} must be one of ${(e.params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`;
      case "anyOf": {
        const schema = schemaAt(e.schemaPath);
        const alternatives = Array.isArray(schema)
          ? (schema as JsonSchema[]).map(describeSchema).join(" or ")
          : "a valid value";
        return `${where} must be ${alternatives}.`;
      }
      case "uniqueItems":
        return `${where} lists the same value twice (items ${String(e.params["j"])} and ${String(e.params["i"])}); remove the duplicate.`;
      default: {
        // say what the field is for, from the nearest schema node that describes it
        const parts = e.schemaPath.split("/").slice(0, -1);
        let description: string | undefined;
        while (parts.length > 1 && !description) {
          description = schemaAt(parts.join("/"))?.description;
          parts.pop();
        }
        return `${where} ${e.message ?? "is invalid"}${description ? ` (${description.replace(/\.$/, "")})` : ""}.`;
      }
    }
  });
  return [...new Set(lines)];
}

/**
 * Checks an already-parsed analysis against the schema and the cross-field rules; throws a ConfigError naming
 * `file`, each bad JSON path and the fix.
 */
export async function validateAnalysis(data: unknown, file = "analysis"): Promise<AnalysisConfig> {
  const validate = await validator();
  if (!validate(data)) {
    const lines = formatErrors(validate.errors ?? []);
    throw new ConfigError(
      `${file}: ${lines.length === 1 ? lines[0] : `\n  ${lines.join("\n  ")}`}\nThe format is described in docs/analyses.md and analyses/schema.json.`,
    );
  }
  const config = data as AnalysisConfig;
  const listed = new Set(config.tokenizers);
  for (const [i, t] of (config.vocab?.tokenizers ?? []).entries()) {
    if (!listed.has(t)) {
      throw new ConfigError(
        `${file}: /vocab/tokenizers/${i} '${t}' is not one of the analysis' tokenizers (${config.tokenizers.join(", ")}); add it to /tokenizers or remove it here.`,
      );
    }
  }
  return config;
}

/** Reads, parses and validates an analysis file. */
export async function readAnalysisFile(file: string): Promise<AnalysisConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new ConfigError(
      `Cannot read analysis file '${file}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path; examples are in analyses/ (e.g. analyses/overview.json).`,
      { cause: err },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(
      `${file} is not valid JSON: ${(err as Error).message}. Fix the syntax (no comments or trailing commas in JSON).`,
      { cause: err },
    );
  }
  return validateAnalysis(data, file);
}

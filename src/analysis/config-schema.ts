// The JSON Schema of an analysis file (analyses/schema.json), built from the keys of AnalysisConfig so the two
// cannot drift; enums and defaults come from the same tables as the code's.
import { FLORES_SPLITS } from "../corpus/flores-splits.js";
import { CORPUS_OPTIONS, DEFAULT_CORPUS, DEFAULT_CORPUS_OPTIONS, JOIN_MODES } from "../corpus/corpus-options.js";
import { METRIC_NAMES } from "../metrics/registry.js";
import { CHART_EXPORTS, DEFAULT_CHART_EXPORT } from "../report/chart-formats.js";
import { DEFAULT_METRIC_OPTIONS, DEFAULT_PIVOT_LANGUAGE, EFFICIENCY_VOCAB_SIZES } from "../metrics/options.js";
import { DEFAULT_EXAMPLES_PER_CLASS, DEFAULT_LONGEST_ENTRIES } from "../vocab/composition.js";
import { BUDGET_STRATEGIES } from "../vocab/multi-bpe.js";
import type {
  AnalysisAdaptation,
  AnalysisConfig,
  AnalysisCorpus,
  AnalysisDiff,
  AnalysisMorph,
  AnalysisVocab,
} from "./analysis-config.js";

/** The subset of JSON Schema (draft-07) this file uses. */
export interface JsonSchema {
  $schema?: string;
  $comment?: string;
  title?: string;
  description?: string;
  type?: "object" | "array" | "string" | "number" | "integer" | "boolean";
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  minimum?: number;
  enum?: readonly (string | number | boolean)[];
  const?: string | number | boolean;
  anyOf?: JsonSchema[];
  default?: unknown;
}

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/**
 * A `required` list checked against the type both ways: every key is a required key of T, and every required key
 * of T is listed (a missing one makes the argument type unsatisfiable and names the key in the compiler error).
 */
function requiredOf<T>() {
  return <const K extends readonly RequiredKeys<T>[]>(
    keys: K &
      ([RequiredKeys<T>] extends [K[number]] ? unknown : { missingRequiredKeys: Exclude<RequiredKeys<T>, K[number]> }),
  ): readonly string[] => keys as readonly string[];
}

const nonEmptyString: JsonSchema = { type: "string", minLength: 1 };

function objectSchema(
  description: string,
  properties: Record<string, JsonSchema>,
  required: readonly string[],
): JsonSchema {
  return { type: "object", description, properties, required: [...required], additionalProperties: false };
}

/** The `corpus` section: the address and how the text is read (descriptions from the corpus-option table). */
function corpusSchema(): JsonSchema {
  return objectSchema(
    "Where the text comes from and how it is read.",
    {
      source: {
        ...nonEmptyString,
        description: CORPUS_OPTIONS.corpus.schema,
        default: DEFAULT_CORPUS,
      },
      split: {
        type: "string",
        enum: [...FLORES_SPLITS],
        description: CORPUS_OPTIONS.split.schema,
        default: DEFAULT_CORPUS_OPTIONS.split,
      },
      normalize: {
        type: "boolean",
        description: CORPUS_OPTIONS.normalize.schema,
        default: DEFAULT_CORPUS_OPTIONS.normalize,
      },
      replaceInvalid: {
        type: "boolean",
        description: CORPUS_OPTIONS.replaceInvalid.schema,
        default: DEFAULT_CORPUS_OPTIONS.replaceInvalid,
      },
      allowUnaligned: {
        type: "boolean",
        description: CORPUS_OPTIONS.allowUnaligned.schema,
        default: DEFAULT_CORPUS_OPTIONS.allowUnaligned,
      },
      joinSegments: {
        enum: [true, false, ...JOIN_MODES],
        description: CORPUS_OPTIONS.joinSegments.schema,
        default: false,
      },
    } satisfies Record<keyof AnalysisCorpus, JsonSchema>,
    requiredOf<AnalysisCorpus>()(["source"]),
  );
}

/** The `vocab` section. */
function vocabSchema(): JsonSchema {
  return objectSchema(
    "Vocabulary composition (Qtok classes, scripts) of each tokenizer and the Jaccard overlap between them.",
    {
      enabled: { type: "boolean", description: "Run the vocabulary analyses.", default: true },
      tokenizers: {
        type: "array",
        items: nonEmptyString,
        minItems: 1,
        uniqueItems: true,
        description: "Subset of the analysis' tokenizers to analyse (default: all).",
      },
      examples: {
        type: "integer",
        minimum: 0,
        description: "Example entries listed per class.",
        default: DEFAULT_EXAMPLES_PER_CLASS,
      },
      longest: {
        type: "integer",
        minimum: 0,
        description: "Longest entries listed per tokenizer.",
        default: DEFAULT_LONGEST_ENTRIES,
      },
    } satisfies Record<keyof AnalysisVocab, JsonSchema>,
    requiredOf<AnalysisVocab>()([]),
  );
}

/** One entry of the `adaptation` list. */
function adaptationSchema(): JsonSchema {
  const schema = objectSchema(
    "One adaptation study: trimming and/or expansion of one tokenizer for one language (language), or one budget of new tokens shared by several (langs and budget).",
    {
      tokenizer: {
        ...nonEmptyString,
        description: "Built-in id, tokenizer.json path or hf:<org>/<name> (not a SentencePiece .model).",
      },
      language: { ...nonEmptyString, description: "Target language code, e.g. amh_Ethi (or give langs and budget)." },
      langs: {
        type: "array",
        items: nonEmptyString,
        minItems: 1,
        uniqueItems: true,
        description: "Several target languages sharing one budget of new tokens (with budget).",
      },
      budget: {
        type: "array",
        items: { type: "integer", minimum: 1 },
        minItems: 1,
        uniqueItems: true,
        description: "Budgets of new tokens for langs, e.g. [1000, 2000, 4000, 8000].",
      },
      strategies: {
        type: "array",
        items: { enum: [...BUDGET_STRATEGIES] },
        minItems: 1,
        uniqueItems: true,
        description: "Strategies learning the budget (frequency, proportional, parity).",
        default: [...BUDGET_STRATEGIES],
      },
      trim: { type: "boolean", description: "Compute the trimming coverage table.", default: false },
      expand: {
        type: "array",
        items: { type: "integer", minimum: 0 },
        uniqueItems: true,
        description: "New-entry counts to evaluate on held-out text (0 = unchanged tokenizer).",
        default: [],
      },
      hiddenSize: {
        type: "integer",
        minimum: 1,
        description: "Model hidden size, to count the embedding parameters trimming saves.",
      },
    } satisfies Record<keyof AnalysisAdaptation, JsonSchema>,
    requiredOf<AnalysisAdaptation>()(["tokenizer"]),
  );
  return schema;
}

/** The `diff` section. */
function diffSchema(): JsonSchema {
  return objectSchema(
    "What changed from tokenizer a to b: vocabulary by entry bytes, and tokens per language with 95% intervals.",
    {
      a: {
        ...nonEmptyString,
        description: "The tokenizer before: built-in id, tokenizer file or hf:<org>/<name>[@rev].",
      },
      b: { ...nonEmptyString, description: "The tokenizer after." },
    } satisfies Record<keyof AnalysisDiff, JsonSchema>,
    requiredOf<AnalysisDiff>()(["a", "b"]),
  );
}

/** The `morph` section. */
function morphSchema(): JsonSchema {
  return objectSchema(
    "MorphScore (Arnett & Bergen 2025) of the tokenizers on gold morpheme splits.",
    {
      gold: {
        type: "array",
        items: nonEmptyString,
        minItems: 1,
        uniqueItems: true,
        description: "Gold CSV files in MorphScore's layout (full_word,pt1,rest).",
      },
      tokenizers: {
        type: "array",
        items: nonEmptyString,
        minItems: 1,
        uniqueItems: true,
        description: "Subset of the analysis' tokenizers to score (default: all).",
      },
      context: {
        type: "boolean",
        description:
          "Tokenize each word after 'the ' (in context) instead of alone, the published scorer's protocol (default: false).",
      },
    } satisfies Record<keyof AnalysisMorph, JsonSchema>,
    requiredOf<AnalysisMorph>()(["gold"]),
  );
}

/** The top-level keys that say what is run: tokenizers, corpus, languages and the metric options. */
function runProperties() {
  return {
    $schema: { type: "string", description: "Path or URL of this schema, for editors." },
    title: { ...nonEmptyString, description: "Report title." },
    description: { type: "string", description: "What the analysis asks." },
    tokenizers: {
      type: "array",
      items: nonEmptyString,
      minItems: 1,
      uniqueItems: true,
      description: "Tokenizer references in report order: built-in ids, tokenizer files, or hf:<org>/<name>.",
    },
    corpus: corpusSchema(),
    languages: {
      description: 'Language codes (deu_Latn, deu or de), or "all" for every language of the corpus.',
      anyOf: [
        { type: "array", items: nonEmptyString, minItems: 1, uniqueItems: true },
        { type: "string", const: "all" },
      ],
    },
    pivot: {
      ...nonEmptyString,
      description: "Premiums are token counts relative to this language.",
      default: DEFAULT_PIVOT_LANGUAGE,
    },
    metrics: {
      type: "array",
      items: { type: "string", enum: [...METRIC_NAMES] },
      uniqueItems: true,
      description: "Metrics computed (default: all; nsl only with a reference).",
    },
    reference: { ...nonEmptyString, description: "Reference tokenizer for nsl (normalised sequence length)." },
    efficiencyVocabSize: {
      type: "string",
      enum: [...EFFICIENCY_VOCAB_SIZES],
      description:
        "|V| of the Rényi/Shannon efficiencies: the tokenizer's vocabulary size, or the distinct tokens observed (tokenization-scorer's convention).",
      default: DEFAULT_METRIC_OPTIONS.efficiencyVocabSize,
    },
    groupBy: {
      ...nonEmptyString,
      description:
        'Group the languages: "script", or a CSV file with columns language,group (median premium with interval and token share per group).',
    },
  } satisfies Partial<Record<keyof AnalysisConfig, JsonSchema>>;
}

/** The top-level keys of the optional sections and outputs: vocabulary, adaptation, morph, charts, prices, diff. */
function sectionProperties() {
  return {
    vocab: vocabSchema(),
    adaptation: { type: "array", items: adaptationSchema(), description: "Adaptation studies.", default: [] },
    morph: morphSchema(),
    charts: {
      type: "string",
      enum: [...CHART_EXPORTS],
      description: "Also export every chart as an image.",
      default: DEFAULT_CHART_EXPORT,
    },
    prices: {
      ...nonEmptyString,
      description:
        "Prices file (USD per million tokens per tokenizer id or name, see analyses/prices.example.json); adds the cost section.",
    },
    diff: diffSchema(),
    context: {
      type: "integer",
      minimum: 1,
      description: "Context window in tokens; the cost section says how many words and characters fit in it.",
    },
    sampleChars: {
      type: "integer",
      minimum: 20,
      description:
        "Longest token-view sample, in code points (the language's first segment, cut at a space). Default: 300 up to 100 languages, 150 above.",
    },
  } satisfies Partial<Record<keyof AnalysisConfig, JsonSchema>>;
}

/** The JSON Schema of an analysis file, built from the same keys as AnalysisConfig so the two cannot drift. */
export function analysisSchema(): JsonSchema {
  const properties = { ...runProperties(), ...sectionProperties() } satisfies Record<keyof AnalysisConfig, JsonSchema>;
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $comment: `generated by src/analysis/config.ts (analysisSchema); rerun with: npm run schema`,
    title: "toklens analysis",
    ...objectSchema(
      "A declarative toklens analysis: tokenizers x corpus x languages, with optional vocabulary and adaptation sections. Run it with `toklens run <file>`.",
      properties,
      requiredOf<AnalysisConfig>()(["title", "tokenizers", "corpus", "languages"]),
    ),
  };
}

/** The schema as committed in analyses/schema.json (two-space JSON, trailing newline). */
export function analysisSchemaText(): string {
  return JSON.stringify(analysisSchema(), null, 2) + "\n";
}

/** Regenerates analyses/schema.json in the package root. */
export async function writeAnalysisSchema(): Promise<string> {
  const { join } = await import("node:path");
  const { writeFileAtomically } = await import("../atomic-file.js");
  const { PACKAGE_ROOT } = await import("../version.js");
  const file = join(PACKAGE_ROOT, "analyses", "schema.json");
  await writeFileAtomically(file, analysisSchemaText());
  return file;
}

// Reads and validates an analysis file (analyses/*.json, types in analysis-config.ts) against the JSON Schema of
// config-schema.ts, with errors that name the bad key and the fix.
import { closestMatches, ConfigError, editDistance } from "../errors.js";
import { parseInputJson, readInputFile } from "../input-file.js";
import { analysisSchema, type JsonSchema } from "./config-schema.js";
export { analysisSchema, analysisSchemaText, writeAnalysisSchema, type JsonSchema } from "./config-schema.js";
export type {
  AnalysisCorpus,
  AnalysisVocab,
  AnalysisAdaptation,
  AnalysisDiff,
  AnalysisMorph,
  AnalysisConfig,
} from "./analysis-config.js";
import type { AnalysisConfig } from "./analysis-config.js";

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
  const subsets = { vocab: config.vocab?.tokenizers, morph: config.morph?.tokenizers };
  for (const [section, refs] of Object.entries(subsets)) {
    for (const [i, t] of (refs ?? []).entries()) {
      if (!listed.has(t)) {
        throw new ConfigError(
          `${file}: /${section}/tokenizers/${i} '${t}' is not one of the analysis' tokenizers (${config.tokenizers.join(", ")}); add it to /tokenizers or remove it here.`,
        );
      }
    }
  }
  return config;
}

/** Reads, parses and validates an analysis file. */
export async function readAnalysisFile(file: string): Promise<AnalysisConfig> {
  const options = {
    label: `analysis file '${file}'`,
    error: (message: string, o?: { cause?: unknown }) => new ConfigError(message, o),
    unreadable: (reason: string) =>
      `Cannot read analysis file '${file}' (${reason}). Check the path; examples are in analyses/ (e.g. analyses/overview.json).`,
  };
  const text = await readInputFile(file, options);
  const data = parseInputJson(text, options, "Fix the syntax (no comments or trailing commas in JSON).");
  return validateAnalysis(data, file);
}

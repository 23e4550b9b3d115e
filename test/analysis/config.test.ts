// Analysis files: the committed schema equals the generated one, every example validates, bad files fail with path and fix.
import { describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import {
  analysisSchema,
  analysisSchemaText,
  readAnalysisFile,
  validateAnalysis,
  type AnalysisConfig,
} from "../../src/analysis/config.js";
import { defaultAnalysis } from "../../src/analysis/default-analysis.js";
import { ConfigError } from "../../src/errors.js";
import { METRIC_NAMES } from "../../src/metrics/registry.js";

const analysesDir = fileURLToPath(new URL("../../analyses", import.meta.url));

const valid: AnalysisConfig = {
  title: "t",
  tokenizers: ["gpt2", "llama2"],
  corpus: { source: "udhr" },
  languages: ["eng_Latn", "deu_Latn"],
};

async function errorOf(data: unknown, file = "analyses/x.json"): Promise<ConfigError> {
  try {
    await validateAnalysis(data, file);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("analyses/schema.json", () => {
  it("is exactly what analysisSchema() generates", async () => {
    expect(await readFile(join(analysesDir, "schema.json"), "utf8")).toBe(analysisSchemaText());
  });

  it("offers every metric name and nothing else", () => {
    const metrics = analysisSchema().properties!["metrics"]!;
    expect([...metrics.items!.enum!].sort()).toEqual([...METRIC_NAMES].sort());
  });

  it("validates every committed analysis, with toklens' validator and with the committed schema file compiled on its own", async () => {
    const files = (await readdir(analysesDir)).filter(
      (f) => f.endsWith(".json") && f !== "schema.json" && !f.startsWith("prices."),
    ); // prices.*.json are --prices files
    expect(files).toEqual(
      expect.arrayContaining([
        "adaptation-amharic.json",
        "cost-of-a-language.json",
        "overview.json",
        "vocabulary-composition.json",
      ]),
    );
    const committed = JSON.parse(await readFile(join(analysesDir, "schema.json"), "utf8")) as object;
    const validate = new Ajv({ strict: true, allErrors: true }).compile(committed);
    for (const f of files) {
      const config = await readAnalysisFile(join(analysesDir, f));
      expect(config.tokenizers.length, f).toBeGreaterThan(0);
      expect(
        validate(JSON.parse(await readFile(join(analysesDir, f), "utf8"))),
        `${f}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
    }
  });

  it("accepts the default analysis of `toklens report`", async () => {
    const config = defaultAnalysis();
    await expect(validateAnalysis(config)).resolves.toBe(config);
    expect(config.tokenizers).not.toContain("r50k_base");
    expect(config.tokenizers).toContain("gpt2");
    expect(config.languages).toHaveLength(45);
  });
});

describe("validateAnalysis errors name the file, the JSON path and the fix", () => {
  it("a wrong type", async () => {
    const err = await errorOf({ ...valid, tokenizers: ["gpt2", 7] });
    expect(err.message).toContain("analyses/x.json: /tokenizers/1 must be string");
  });

  it("an unknown field, with the closest known one", async () => {
    const err = await errorOf({ ...valid, tokeniser: ["gpt2"] });
    expect(err.message).toContain("analyses/x.json: (top level) has unknown field 'tokeniser'");
    expect(err.message).toContain("did you mean 'tokenizers'?");
    const nested = await errorOf({ ...valid, corpus: { source: "udhr", splt: "dev" } });
    expect(nested.message).toContain("/corpus has unknown field 'splt' (did you mean 'split'?)");
  });

  it("a missing required field", async () => {
    const { tokenizers: _t, ...rest } = valid;
    const err = await errorOf(rest);
    expect(err.message).toContain("(top level) is missing the required field 'tokenizers'");
  });

  it('languages that are neither a list nor "all"; a bad item inside the list', async () => {
    expect((await errorOf({ ...valid, languages: "everything" })).message).toContain(
      '/languages must be a list of strings or "all"',
    );
    expect((await errorOf({ ...valid, languages: ["eng_Latn", 3] })).message).toContain("/languages/1 must be string");
  });

  it("enums list the allowed values; duplicates and several problems are all reported", async () => {
    const err = await errorOf({
      ...valid,
      charts: "jpg",
      metrics: ["fertility", "fertility", "tokens"],
      corpus: { source: "udhr", split: "test" },
    });
    expect(err.message).toContain('/charts must be one of "none", "svg", "png"');
    expect(err.message).toContain("/metrics/2 must be one of");
    expect(err.message).toContain("/metrics lists the same value twice");
    expect(err.message).toContain('/corpus/split must be one of "dev", "devtest", "dev+devtest"');
  });

  it("vocab tokenizers must be among the analysis' tokenizers", async () => {
    const err = await errorOf({ ...valid, vocab: { tokenizers: ["gpt2", "llama3"] } });
    expect(err.message).toBe(
      "analyses/x.json: /vocab/tokenizers/1 'llama3' is not one of the analysis' tokenizers (gpt2, llama2); add it to /tokenizers or remove it here.",
    );
  });

  it("a file that is missing or not JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-config-"));
    await expect(readAnalysisFile(join(dir, "nope.json"))).rejects.toThrow(
      /Cannot read analysis file '.*nope\.json' \(ENOENT\)/,
    );
    await writeFile(join(dir, "bad.json"), '{ "title": "x", }');
    await expect(readAnalysisFile(join(dir, "bad.json"))).rejects.toThrow(
      /bad\.json' is not valid JSON at line 1, column 17\. .*no comments or trailing commas/,
    );
  });
});

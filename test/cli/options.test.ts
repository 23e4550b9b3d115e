// CLI options through the real bin, checked against direct counts: compare's --pivot/--reference/--alpha/--seed/
// --resamples, its --markdown and table output, unaligned languages; tokenize --special-tokens; adapt's trimming
// and expansion options.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { directCount, FLORES_FIXTURE, referenceCount } from "../helpers/flores-fixture.js";
import { getEncoding } from "../helpers/js-tiktoken.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCompare } from "../../src/analysis/compare.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import type { CompareResult, CompareResultRow } from "../../src/results/compare.js";
import { callCli } from "./run-cli.js";

const flores = FLORES_FIXTURE;
const LANGS = ["eng_Latn", "deu_Latn", "hin_Deva"] as const;
const tmp = mkdtempSync(join(tmpdir(), "toklens-cli-options-"));
const env = { TOKLENS_CACHE_DIR: join(tmp, "cache") };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const direct = directCount;
const row = (r: CompareResult, tok: string, lang: string): CompareResultRow =>
  r.results.find((x) => x.tokenizer === tok && x.language === lang)!;

describe("toklens compare options", () => {
  const base = [
    "compare",
    "gpt2",
    "llama2",
    "--corpus",
    `flores:${flores}`,
    "--split",
    "dev+devtest",
    "--langs",
    LANGS.join(","),
    "--workers",
    "1",
  ];
  const options = ["--pivot", "deu_Latn", "--reference", "gpt2", "--alpha", "3", "--seed", "7", "--resamples", "200"];
  let json: CompareResult;
  beforeAll(async () => {
    const r = await callCli([...base, ...options, "--json"], { env });
    expect(r.code, r.stderr).toBe(0);
    json = JSON.parse(r.stdout) as CompareResult;
  });

  it("--pivot and --reference: premiums against German and nsl against gpt2 equal direct counts", () => {
    expect(json.pivot).toBe("deu_Latn");
    for (const tok of ["gpt2", "llama2"]) {
      for (const lang of LANGS) {
        const r = row(json, tok, lang);
        expect(r.tokens, `${tok} ${lang}`).toBe(direct(tok, lang));
        expect(r.premium, `${tok} ${lang}`).toBeCloseTo(direct(tok, lang) / direct(tok, "deu_Latn"), 12);
        // NSL: tokens over the reference's tokens on the same segments (all four segments are in both)
        expect(r.nsl, `${tok} ${lang}`).toBeCloseTo(direct(tok, lang) / direct("gpt2", lang), 12);
      }
    }
  });

  it("--alpha, --seed and --resamples reach the metrics: the library with the same options gives the same rows, the defaults do not", async () => {
    const lib = {
      tokenizers: ["gpt2", "llama2"],
      corpus: `flores:${flores}`,
      split: "dev+devtest" as const,
      languages: [...LANGS],
      pivot: "deu_Latn",
      reference: "gpt2",
      cache: false as const,
      workers: 1,
    };
    const same = await runCompare({ ...lib, metricOptions: { renyiAlpha: 3, seed: 7, bootstrapResamples: 200 } });
    expect(json.results).toEqual(JSON.parse(JSON.stringify(same.results)));
    const defaults = await runCompare({ ...lib, metricOptions: { seed: 8 } });
    for (const tok of ["gpt2", "llama2"]) {
      expect(row(json, tok, "hin_Deva").renyi_efficiency).not.toBeCloseTo(
        row(defaults, tok, "hin_Deva").renyi_efficiency!,
        6,
      );
      expect(row(json, tok, "hin_Deva").premium_ci).not.toEqual(row(defaults, tok, "hin_Deva").premium_ci);
      expect(row(json, tok, "hin_Deva").shannon_efficiency).toBe(row(defaults, tok, "hin_Deva").shannon_efficiency);
    }
  });

  it("--markdown prints one table per metric with the JSON's values, the best marked, then the summary", async () => {
    const r = await callCli([...base, ...options, "--metrics", "fertility,premium", "--markdown"], { env });
    expect(r.code, r.stderr).toBe(0);
    // every premium and fertility with 3 decimals: one format per metric (their `display` digits)
    const f = (v: number) => v.toFixed(3);
    const names: Record<string, string> = { eng_Latn: "English", deu_Latn: "German", hin_Deva: "Hindi" };
    const fertilityRows = LANGS.map((lang) => {
      const [g, l] = [row(json, "gpt2", lang).fertility!, row(json, "llama2", lang).fertility!];
      return `| ${lang} ${names[lang]} | ${f(g)}${g <= l ? " *" : ""} | ${f(l)}${l <= g ? " *" : ""} |`;
    });
    // premium_ci is not among the metrics asked for, so premiums show without an interval
    const premiumCell = (tok: string, lang: string, star: boolean) =>
      `${f(row(json, tok, lang).premium!)}${star ? " *" : ""}`;
    const premiumRows = LANGS.map((lang) => {
      const [g, l] = [row(json, "gpt2", lang).premium!, row(json, "llama2", lang).premium!];
      const pivot = lang === "deu_Latn";
      return `| ${lang} ${names[lang]} | ${premiumCell("gpt2", lang, !pivot && g <= l)} | ${premiumCell("llama2", lang, !pivot && l <= g)} |`;
    });
    const summaryRows = json.summary.map(
      (s) =>
        `| ${s.tokenizer} | ${s.gini!.toFixed(3)} | ${s.mean_premium!.toFixed(3)} | ${s.median_fertility!.toFixed(3)} |`,
    );
    expect(r.stdout.startsWith("### fertility\n\n")).toBe(true);
    expect(r.stdout).toContain(["| language | gpt2 | llama2 |", "| --- | --- | --- |", ...fertilityRows].join("\n"));
    expect(r.stdout).toContain("### premium\n\n");
    expect(r.stdout).toContain(["| language | gpt2 | llama2 |", "| --- | --- | --- |", ...premiumRows].join("\n"));
    expect(r.stdout).toContain(
      [
        "### summary",
        "",
        "| tokenizer | gini | mean premium | median fertility |",
        "| --- | --- | --- | --- |",
        ...summaryRows,
      ].join("\n"),
    );
    expect(r.stdout.indexOf("### fertility")).toBeLessThan(r.stdout.indexOf("### premium"));
  });

  it("the default table output holds the same values, one padded table per metric", async () => {
    const r = await callCli([...base, ...options, "--metrics", "fertility,premium"], { env });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^fertility: .*\(\* = best, lower is better\)$/);
    for (const lang of LANGS) {
      const line = lines.find((l) => l.startsWith(`${lang} `)); // the first table is fertility's
      expect(line, lang).toBeDefined();
      const cells = line!.split(/\s{2,}/).map((c) => c.trim());
      const [g, l] = [row(json, "gpt2", lang).fertility!, row(json, "llama2", lang).fertility!];
      expect(cells.slice(1, 3).map((c) => c.replace(" *", ""))).toEqual([g, l].map((v) => v.toFixed(3)));
    }
    for (const s of json.summary) {
      expect(
        lines.some((l) =>
          new RegExp(
            `^${s.tokenizer}\\s+${s.gini!.toFixed(3)}\\s+${s.mean_premium!.toFixed(3)}\\s+${s.median_fertility!.toFixed(3)}\\s*$`,
          ).test(l),
        ),
        s.tokenizer,
      ).toBe(true);
    }
  });

  it("a language not aligned with the pivot gets a null premium and a not-parallel warning; aligned ones keep theirs", async () => {
    const dir = join(tmp, "unaligned");
    mkdirSync(dir, { recursive: true });
    const eng = ["The cat sat on the mat.", "It was warm.", "Then it slept."];
    const deu = ["Die Katze saß auf der Matte.", "Es war warm.", "Dann schlief sie."];
    const fra = ["Le chat dormait.", "Il faisait chaud."];
    writeFileSync(join(dir, "eng_Latn.txt"), eng.join("\n") + "\n");
    writeFileSync(join(dir, "deu_Latn.txt"), deu.join("\n") + "\n");
    writeFileSync(join(dir, "fra_Latn.txt"), fra.join("\n") + "\n");
    const r = await callCli(
      ["compare", "gpt2", "--corpus", `text:${dir}`, "--allow-unaligned", "--json", "--no-cache", "--workers", "1"],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as CompareResult;
    const sum = (lines: string[]) => lines.reduce((n, l) => n + referenceCount["gpt2"]!(l), 0);
    expect(row(out, "gpt2", "fra_Latn").premium).toBeNull();
    expect(row(out, "gpt2", "fra_Latn").premium_ci).toBeNull();
    expect(row(out, "gpt2", "fra_Latn").tokens).toBe(sum(fra));
    expect(row(out, "gpt2", "deu_Latn").premium).toBeCloseTo(sum(deu) / sum(eng), 12);
    expect(out.warnings.filter((w) => w.code === "not-parallel").map((w) => w.language)).toEqual(["fra_Latn"]);
    // gini over the aligned non-pivot premiums only: one value, so none
    expect(out.summary[0]!.gini).toBeNull();
  });
});

describe("toklens tokenize --special-tokens", () => {
  it("adds the BOS a model sees (mistral-7b: id 1, <s>) and nothing for tiktoken encodings", async () => {
    const plain = await callCli(["tokenize", "mistral-7b", "gpt2", "--text", "Hello world", "--json"]);
    const special = await callCli([
      "tokenize",
      "mistral-7b",
      "gpt2",
      "--text",
      "Hello world",
      "--special-tokens",
      "--json",
    ]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(special.code, special.stderr).toBe(0);
    type Out = Array<{ tokenizer: string; ids: number[]; tokens: string[]; count: number }>;
    const [p, s] = [JSON.parse(plain.stdout) as Out, JSON.parse(special.stdout) as Out];
    expect(s[0]!.ids).toEqual([1, ...p[0]!.ids]);
    expect(s[0]!.tokens[0]).toBe("<s>");
    expect(s[0]!.count).toBe(p[0]!.count + 1);
    expect(s[1]!.ids).toEqual(p[1]!.ids);
    expect(p[1]!.ids).toEqual(getEncoding("gpt2").encode("Hello world"));
  });
});

describe("toklens adapt options", () => {
  it("--min-frequency, --hidden-size and --held-out-every reach trimming and expansion", async () => {
    const r = await callCli(
      [
        "adapt",
        "gpt2",
        "--lang",
        "amh_Ethi",
        "--trim",
        "--expand",
        "0,50",
        "--min-frequency",
        "3",
        "--hidden-size",
        "1024",
        "--held-out-every",
        "3",
        "--json",
        "--out",
        join(tmp, "adapt"),
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as {
      trimming: {
        minFrequency: number;
        hiddenSize: number;
        removed: number;
        embeddingParametersSaved: number;
        keptUsed: number;
        usedTokens: number;
        vocabSize: number;
        trimmedSize: number;
      };
      expansion: { trainSegments: number; heldOutSegments: number };
    };
    // 30 UDHR articles, every 3rd held out
    expect(res.expansion.heldOutSegments).toBe(10);
    expect(res.expansion.trainSegments).toBe(20);
    const t = res.trimming;
    expect(t.minFrequency).toBe(3);
    expect(t.hiddenSize).toBe(1024);
    expect(t.removed).toBe(t.vocabSize - t.trimmedSize);
    expect(t.embeddingParametersSaved).toBe(t.removed * 1024);
    // keptUsed: the distinct gpt2 ids (js-tiktoken) used at least 3 times in the Amharic declaration
    const corpus = await openCorpus("udhr", { languages: ["amh_Ethi"] });
    const freq = new Map<number, number>();
    for await (const s of corpus.segments("amh_Ethi"))
      for (const id of getEncoding("gpt2").encode(s.text)) freq.set(id, (freq.get(id) ?? 0) + 1);
    expect(t.usedTokens).toBe(freq.size);
    expect(t.keptUsed).toBe([...freq.values()].filter((n) => n >= 3).length);
    expect(t.keptUsed).toBeLessThan(t.usedTokens);
  });
});

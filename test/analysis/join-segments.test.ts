// Petrov et al. (2023)'s protocol: --join-segments --no-normalize premiums equal a direct count of the joined raw text with the tokenizers' own packages.
import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../helpers/js-tiktoken.js";
import llamaTokenizer from "llama-tokenizer-js";
import { runCompare } from "../../src/analysis/compare.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { joinedInput } from "../../src/tokenize/join.js";
import type { PreparedLanguage } from "../../src/tokenize/tokenize-corpus.js";
import { callCli } from "../cli/run-cli.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));
const LANGS = ["eng_Latn", "deu_Latn", "hin_Deva"] as const;

/** dev then devtest, raw (the Hindi fixture is not NFC), joined by single spaces: what Petrov et al. tokenized. */
async function joinedRaw(lang: string): Promise<string> {
  const dev = await readFile(join(flores, "dev", `${lang}.dev`), "utf8");
  const devtest = await readFile(join(flores, "devtest", `${lang}.devtest`), "utf8");
  return [...dev.split("\n"), ...devtest.split("\n")].filter(Boolean).join(" ");
}

const COUNT: Record<string, (t: string) => number> = {
  cl100k_base: (t) => getEncoding("cl100k_base").encode(t).length,
  gpt2: (t) => getEncoding("gpt2").encode(t).length,
  llama2: (t) => llamaTokenizer.encode(t, false, true).length,
};

describe("compare --join-segments --no-normalize", () => {
  it("premiums are ratios of direct counts of the joined raw text; no interval, a warning says why", async () => {
    const result = await runCompare({
      tokenizers: Object.keys(COUNT),
      corpus: `flores:${flores}`,
      split: "dev+devtest",
      normalize: false,
      joinSegments: true,
      languages: [...LANGS],
      cache: false,
      workers: 1,
    });
    const text = Object.fromEntries(await Promise.all(LANGS.map(async (l) => [l, await joinedRaw(l)] as const)));
    expect(text["hin_Deva"]).not.toBe(text["hin_Deva"]!.normalize("NFC")); // the raw text really is raw
    for (const tok of Object.keys(COUNT)) {
      const direct = Object.fromEntries(LANGS.map((l) => [l, COUNT[tok]!(text[l]!)]));
      for (const lang of LANGS) {
        const row = result.results.find((r) => r.tokenizer === tok && r.language === lang)!;
        expect(row.segments).toBe(1);
        expect(row.tokens, `${tok} ${lang}`).toBe(direct[lang]);
        expect(row.premium, `${tok} ${lang}`).toBe(direct[lang]! / direct["eng_Latn"]!);
        expect(row.premium_ci).toBeNull();
        expect(row.bytes).toBe(Buffer.byteLength(text[lang]!));
      }
      // gini over the non-pivot premiums: for two values a, b it is |a - b| / (2 (a + b))
      const [a, b] = [direct["deu_Latn"]! / direct["eng_Latn"]!, direct["hin_Deva"]! / direct["eng_Latn"]!];
      expect(result.summary.find((s) => s.tokenizer === tok)!.gini).toBeCloseTo(Math.abs(a - b) / (2 * (a + b)), 12);
    }
    expect(result.warnings.filter((w) => w.code === "joined-no-ci")).toHaveLength(1);
    expect(result.warnings.find((w) => w.code === "joined-no-ci")!.message).toContain("no segments to resample");
  });

  it("the CLI takes --join-segments with --no-normalize and prints the joined counts", async () => {
    const r = await callCli([
      "compare",
      "gpt2",
      "--corpus",
      `flores:${flores}`,
      "--split",
      "dev+devtest",
      "--langs",
      "eng_Latn,hin_Deva",
      "--join-segments",
      "--no-normalize",
      "--no-cache",
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      results: { language: string; tokens: number; premium: number | null; premium_ci: unknown }[];
    };
    const hin = out.results.find((x) => x.language === "hin_Deva")!;
    const gpt2 = COUNT["gpt2"]!;
    expect(hin.tokens).toBe(gpt2(await joinedRaw("hin_Deva")));
    expect(hin.premium).toBe(gpt2(await joinedRaw("hin_Deva")) / gpt2(await joinedRaw("eng_Latn")));
    expect(hin.premium_ci).toBeNull();
  });

  it("analyses/petrov-2023.json runs on a FLORES folder given with run --corpus and gives the as-published joined premiums", async () => {
    const out = await mkdtemp(join(tmpdir(), "toklens-petrov-"));
    try {
      const analysis = fileURLToPath(new URL("../../analyses/petrov-2023.json", import.meta.url));
      const r = await callCli([
        "run",
        analysis,
        "--corpus",
        `flores:${flores}`,
        "--out",
        join(out, "report"),
        "--no-cache",
      ]);
      expect(r.code, r.stderr).toBe(0);
      const data = JSON.parse(await readFile(join(out, "report", "results.json"), "utf8")) as {
        compare: { results: { tokenizer: string; language: string; premium: number | null }[] };
      };
      const cl100k = (t: string) => getEncoding("cl100k_base").encode(t).length;
      const hin = data.compare.results.find((x) => x.tokenizer === "cl100k_base" && x.language === "hin_Deva")!;
      expect(hin.premium).toBe(cl100k(await publishedRaw("hin_Deva")) / cl100k(await publishedRaw("eng_Latn")));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe("joinedInput on a long language", () => {
  it("hands the tokenizer one string even past the 100k-character cut, with every word span kept", async () => {
    const { joinedInput, JOINED_SEGMENT_ID } = await import("../../src/tokenize/join.js");
    const { prepareLanguage } = await import("../../src/tokenize/tokenize-corpus.js");
    const segments = Array.from({ length: 3000 }, (_, i) => ({
      id: String(i),
      text: `Sentence number ${i} has some words in it.`,
    }));
    const corpus = {
      source: "test",
      languages: ["eng_Latn"],
      parallel: true,
      unaligned: [],
      warnings: [],
      segments: async function* () {
        yield* segments;
      },
      describe: () => ({ name: "English" }),
      segmentCount: () => segments.length,
    };
    const input = await joinedInput(corpus, "eng_Latn");
    const text = segments.map((s) => s.text).join(" ");
    expect(text.length).toBeGreaterThan(100_000);
    expect(input.segments).toBe(3000);
    expect(input.pieces).toBe(1);
    const chunks = [];
    for await (const c of input.chunks()) chunks.push(c);
    expect(chunks).toHaveLength(1);
    const p = chunks[0]!;
    expect(p.segmentIds).toEqual([JOINED_SEGMENT_ID]);
    expect(p.pieces).toEqual([text]);
    expect(Buffer.from(p.pieceBytes[0]!).toString("utf8")).toBe(text);
    // 8 words per sentence (the number counts); spans increase and lie inside the text
    expect(p.words[0]).toBe(8 * 3000);
    const spans = p.pieceWords[0]!;
    expect(spans.length).toBe(2 * 8 * 3000);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!).toBeGreaterThanOrEqual(spans[i - 1]!);
    expect(spans.at(-1)).toBe(Buffer.byteLength(text) - 1); // the last word ends before the final full stop
    expect(Buffer.from(p.pieceBytes[0]!.subarray(spans.at(-2)!, spans.at(-1)!)).toString()).toBe("it");
    expect(prepareLanguage("eng_Latn", [{ id: "joined", text }]).pieces.length).toBeGreaterThan(1); // the cut that was undone
  });
});

/** Petrov et al.'s string, as their code builds it: `" ".join(dev.split("\n") + devtest.split("\n"))`. */
async function publishedRaw(lang: string): Promise<string> {
  const dev = await readFile(join(flores, "dev", `${lang}.dev`), "utf8");
  const devtest = await readFile(join(flores, "devtest", `${lang}.devtest`), "utf8");
  return [...dev.split("\n"), ...devtest.split("\n")].join(" ");
}

async function firstChunk(chunks: AsyncIterable<PreparedLanguage>): Promise<PreparedLanguage | undefined> {
  for await (const chunk of chunks) return chunk;
  return undefined;
}

describe("--join-segments as-published", () => {
  it("rebuilds Petrov et al.'s exact string: a double space between the files and a trailing space", async () => {
    const corpus = await openCorpus(`flores:${flores}`, { split: "dev+devtest", normalize: false });
    for (const lang of LANGS) {
      const published = await publishedRaw(lang);
      expect(published.endsWith(". ") || published.endsWith(", ") || published.endsWith("। ")).toBe(true);
      expect(published.split("  ")).toHaveLength(2); // the fixture's files end with a newline, as FLORES-200's do
      const input = await joinedInput(corpus, lang, "as-published");
      const prepared = await firstChunk(input.chunks());
      expect(prepared!.pieces).toEqual([published]);
      // the clean join is the same text without the two extra spaces
      const clean = await joinedInput(corpus, lang, "spaces");
      const cleanPrepared = await firstChunk(clean.chunks());
      expect(cleanPrepared!.pieces).toEqual([await joinedRaw(lang)]);
      expect(published.replace("  ", " ").trimEnd()).toBe(await joinedRaw(lang));
      expect(input.sha256).not.toBe(clean.sha256); // never served from the other protocol's cache
      // the word spans are the segments' own: the same words as the clean join
      expect(prepared!.words).toEqual(cleanPrepared!.words);
    }
  });

  it("the CLI counts that string token for token, and refuses an unknown mode", async () => {
    const args = (mode: string[]) => [
      "compare",
      "gpt2",
      "--corpus",
      `flores:${flores}`,
      "--split",
      "dev+devtest",
      "--langs",
      "eng_Latn,hin_Deva",
      "--join-segments",
      ...mode,
      "--no-normalize",
      "--no-cache",
      "--json",
    ];
    const r = await callCli(args(["as-published"]));
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { results: { language: string; tokens: number }[] };
    const gpt2 = COUNT["gpt2"]!;
    for (const lang of ["eng_Latn", "hin_Deva"]) {
      expect(out.results.find((x) => x.language === lang)!.tokens).toBe(gpt2(await publishedRaw(lang)));
      // gpt2 spends one token on the double space's extra space and one on the trailing space
      expect(gpt2(await publishedRaw(lang)) - gpt2(await joinedRaw(lang))).toBe(2);
    }
    const bad = await callCli(args(["petrov"]));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown --join-segments mode 'petrov'. Use spaces or as-published");
  });
});

describe("word spans only when a metric reads words", () => {
  it("--metrics premium segments no word; the premiums are those of a run that does, words are null", async () => {
    const corpus = await openCorpus(`flores:${flores}`, { split: "dev+devtest" });
    for (const words of [true, false]) {
      const input = await joinedInput(corpus, "hin_Deva", "spaces", words);
      const prepared = await firstChunk(input.chunks());
      expect(prepared!.pieceWords[0]!.length > 0).toBe(words);
      expect(prepared!.words[0]! > 0).toBe(words);
      expect(input.wordsSkipped).toBe(words ? undefined : true);
    }
    const cache = await mkdtemp(join(tmpdir(), "toklens-words-"));
    try {
      const run = (metrics: ("premium" | "fertility" | "strr_isolated")[]) =>
        runCompare({
          tokenizers: ["gpt2"],
          corpus: `flores:${flores}`,
          split: "dev+devtest",
          joinSegments: true,
          languages: [...LANGS],
          metrics,
          cache,
          workers: 1,
        });
      const premiumOnly = await run(["premium"]);
      // the same cache: counts made without words must not answer a run that reads them
      const withWords = await run(["premium", "fertility", "strr_isolated"]);
      for (const lang of LANGS) {
        const a = premiumOnly.results.find((r) => r.language === lang)!;
        const b = withWords.results.find((r) => r.language === lang)!;
        expect(a.words).toBeNull();
        expect(b.words).toBeGreaterThan(0);
        expect(b.fertility).toBe(b.tokens / b.words!);
        expect(b.strr_isolated).toBeGreaterThan(0);
        expect([a.tokens, a.premium]).toEqual([b.tokens, b.premium]);
      }
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});

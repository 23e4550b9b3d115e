// The run context: languages and pivot resolved once against the corpus, the corpus opened once per analysis, and
// the phase registry that runAnalysis loops over.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AnalysisConfig } from "../../src/analysis/config.js";
import { ANALYSIS_PHASES, PHASES } from "../../src/analysis/phases.js";
import { runAnalysis } from "../../src/analysis/run-analysis.js";
import {
  DEFAULT_LANGUAGES,
  definedFields,
  openRunContext,
  resolveRunLanguages,
  withRunContext,
} from "../../src/analysis/run-context.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { TokenizerSession } from "../../src/tokenize/session.js";
import { FLORES_FIXTURE } from "../helpers/flores-fixture.js";

// count the corpus opens of a whole analysis; the real reader does the work
vi.mock("../../src/corpus/open-corpus.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/corpus/open-corpus.js")>();
  return { ...actual, openCorpus: vi.fn(actual.openCorpus) };
});

const source = `flores:${FLORES_FIXTURE}`;
const AVAILABLE = ["deu_Latn", "eng_Latn", "hin_Deva"];

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "toklens-run-context-"));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("resolveRunLanguages", () => {
  it('gives every language for "all", and for a user corpus when none are asked for', () => {
    expect(resolveRunLanguages(source, AVAILABLE, "all")).toEqual(AVAILABLE);
    expect(resolveRunLanguages(source, AVAILABLE, undefined)).toEqual(AVAILABLE);
    expect(resolveRunLanguages(source, AVAILABLE, [])).toEqual(AVAILABLE);
  });

  it("resolves aliases against the corpus, in the order asked, without repeats", () => {
    expect(resolveRunLanguages(source, AVAILABLE, ["hin", "de", "deu_Latn", "hin_Deva"])).toEqual([
      "hin_Deva",
      "deu_Latn",
    ]);
  });

  it("defaults to DEFAULT_LANGUAGES present in UDHR", () => {
    const udhr = ["eng_Latn", "zzz_Latn", "deu_Latn"];
    expect(resolveRunLanguages("udhr", udhr, undefined)).toEqual(DEFAULT_LANGUAGES.filter((l) => udhr.includes(l)));
    expect(resolveRunLanguages("udhr", udhr, undefined)).toEqual(["eng_Latn", "deu_Latn"]);
  });
});

describe("openRunContext", () => {
  it("resolves languages and pivot against the opened corpus and records the protocol and reading options", async () => {
    const session = new TokenizerSession();
    try {
      const ctx = await openRunContext(
        { corpus: source, split: "dev+devtest", languages: ["de", "hin"], pivot: "en", joinSegments: true, workers: 1 },
        session,
      );
      expect(ctx.languages).toEqual(["deu_Latn", "hin_Deva"]);
      expect(ctx.pivot).toBe("eng_Latn");
      expect(ctx.pivotAvailable).toBe(true);
      expect(ctx.allLanguages).toBe(false);
      expect(ctx.protocol).toEqual({ joinSegments: true, joinMode: "spaces" });
      expect(ctx.corpusOptions).toEqual({ split: "dev+devtest" });
      expect(ctx.corpus.languages).toEqual(AVAILABLE);
      expect(ctx.tokenize).toEqual({ workers: 1, session });
      expect(ctx.session).toBe(session);
    } finally {
      session.dispose();
    }
  });

  it("uses the default pivot, and says whether the corpus has it", async () => {
    const session = new TokenizerSession();
    const ctx = await openRunContext({ corpus: source, split: "dev", languages: "all" }, session);
    expect(ctx.pivot).toBe("eng_Latn");
    expect(ctx.pivotAvailable).toBe(true);
    expect(ctx.allLanguages).toBe(true);
    expect(ctx.protocol.joinSegments).toBe(false);
  });

  it("withRunContext disposes a session it created, and leaves the caller's alone", async () => {
    const own = await withRunContext({ corpus: source, split: "dev" }, async (ctx) => {
      const spy = vi.spyOn(ctx.session, "dispose");
      return spy;
    });
    expect(own).toHaveBeenCalledTimes(1);
    const session = new TokenizerSession();
    const spy = vi.spyOn(session, "dispose");
    await withRunContext({ corpus: source, split: "dev", session }, async (ctx) => expect(ctx.session).toBe(session));
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("definedFields", () => {
  it("drops undefined fields only", () => {
    expect(definedFields({ a: 1, b: undefined, c: false, d: 0, e: "" })).toEqual({ a: 1, c: false, d: 0, e: "" });
    expect(Object.keys(definedFields({ a: undefined }))).toEqual([]);
  });
});

describe("the phase registry", () => {
  it("runs compare first, and every timed phase but write is in it once", () => {
    expect(PHASES.map((p) => p.key)).toEqual(["compare", "samples", "vocab", "adaptation", "diff", "morph"]);
    expect(ANALYSIS_PHASES.filter((p) => p !== "write")).toEqual(
      PHASES.map((p) => p.key).filter((k) => k !== "samples"),
    );
  });

  it("enables the optional phases from the analysis file", () => {
    const base: AnalysisConfig = { title: "t", tokenizers: ["gpt2"], corpus: { source }, languages: "all" };
    const on = (config: AnalysisConfig) => PHASES.filter((p) => p.enabled(config)).map((p) => p.key);
    expect(on(base)).toEqual(["compare", "samples"]);
    expect(on({ ...base, vocab: { enabled: false }, adaptation: [] })).toEqual(["compare", "samples"]);
    expect(
      on({
        ...base,
        vocab: {},
        adaptation: [{ tokenizer: "gpt2", language: "deu_Latn", trim: true }],
        diff: { a: "gpt2", b: "llama2" },
        morph: { gold: ["g.csv"] },
      }),
    ).toEqual(["compare", "samples", "vocab", "adaptation", "diff", "morph"]);
  });

  it("an analysis with samples and a diff opens its corpus once, and times the same phases as before", async () => {
    const opened = vi.mocked(openCorpus);
    opened.mockClear();
    const phases: string[] = [];
    const run = await runAnalysis(
      {
        title: "one open",
        tokenizers: ["gpt2"],
        corpus: { source, split: "dev" },
        languages: ["eng_Latn", "deu_Latn"],
        diff: { a: "gpt2", b: "llama2" },
      },
      { out: join(out, "report"), command: "test", cache: false, workers: 1, onPhase: (p) => phases.push(p) },
    );
    expect(opened).toHaveBeenCalledTimes(1);
    expect(run.data.tokenSamples?.samples.map((s) => s.language)).toEqual(["eng_Latn", "deu_Latn"]);
    expect(run.data.diff?.languages.map((l) => l.language).sort()).toEqual(["deu_Latn", "eng_Latn"]);
    expect(phases).toEqual(["compare", "diff", "write"]);
    expect(Object.keys(run.timings)).toEqual([...ANALYSIS_PHASES]);
  }, 120_000);
});

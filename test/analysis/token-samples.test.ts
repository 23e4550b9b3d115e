// The report's token samples come from runAnalysis's own tokenizers: first segment per language, split as an
// independent encoder splits it.
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../helpers/js-tiktoken.js";
import { describe, expect, it } from "vitest";
import { runAnalysis } from "../../src/analysis/run-analysis.js";
import {
  cutSample,
  fullSampleEntryProblem,
  sampleEntryProblem,
  tokenSamples,
} from "../../src/analysis/token-samples.js";
import { TokenizerSession } from "../../src/tokenize/session.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";
import { packTokenSplit, unpackTokenSplit, type PackedTokenSplit } from "../../src/results/packed-tokens.js";
import { tokenViews } from "../../src/tokenizers/token-pieces.js";
import type { Warning } from "../../src/types.js";

const flores = fileURLToPath(new URL("../fixtures/analysis/flores", import.meta.url));

describe("token samples in runAnalysis", () => {
  it("holds each language's first segment, split by every tokenizer with the ids js-tiktoken gives", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "toklens-samples-")), "report");
    const corpus = { source: `flores:${flores}`, split: "dev" as const };
    const run = await runAnalysis(
      {
        title: "samples",
        tokenizers: ["gpt2", "cl100k_base"],
        corpus,
        languages: ["eng_Latn", "hin_Deva"],
        pivot: "eng_Latn",
      },
      { out, command: "test", cache: false, workers: 1 },
    );
    const samples = run.data.tokenSamples!.samples;
    expect(samples.map((s) => s.language).sort()).toEqual(["eng_Latn", "hin_Deva"]);
    const opened = await openCorpus(corpus.source, { split: "dev" });
    for (const s of samples) {
      let first = "";
      for await (const seg of opened.segments(s.language)) {
        first = seg.text;
        break;
      }
      expect(s.text).toBe(cutSample(first));
      expect(s.splits.map((x) => x.tokenizer)).toEqual(["gpt2", "cl100k_base"]);
      for (const split of s.splits) {
        const groups = unpackTokenSplit(s.text, split);
        expect(groups.flatMap((g) => g.tokens.map((t) => t.id))).toEqual(
          getEncoding(split.tokenizer as "gpt2").encode(s.text),
        );
        expect(groups.map((g) => g.text).join("")).toBe(s.text);
      }
    }
  });

  it("cuts a long sample at white space, keeping at most the limit of code points", () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(" ");
    const cut = cutSample(words, 50);
    expect([...cut].length).toBeLessThanOrEqual(50);
    expect(words.startsWith(cut)).toBe(true);
    expect(words[cut.length]).toBe(" ");
    expect(cutSample("短い", 50)).toBe("短い");
    expect(cutSample("あ".repeat(80), 50)).toBe("あ".repeat(50));
  });

  it("answers a repeated run from the cache without loading a tokenizer, with the same splits", async () => {
    const cache = await mkdtemp(join(tmpdir(), "toklens-samples-cache-"));
    const corpus = await openCorpus(`flores:${flores}`, { split: "dev" });
    const run = async () => {
      const session = new TokenizerSession();
      let loads = 0;
      const original = session.tokenizer.bind(session);
      session.tokenizer = (ref: string) => {
        loads++;
        return original(ref);
      };
      try {
        return {
          section: await tokenSamples(corpus, ["eng_Latn", "hin_Deva"], ["gpt2", "llama2"], session, undefined, cache),
          loads,
        };
      } finally {
        session.dispose();
      }
    };
    const first = await run();
    // one load per tokenizer: its samples are encoded in one batch
    expect(first.loads).toBe(2);
    const second = await run();
    expect(second.loads).toBe(0);
    expect(second.section).toEqual(first.section);
    // byte for byte, field order included: the page's JSON is the same whether a split was packed or read back
    expect(JSON.stringify(second.section)).toBe(JSON.stringify(first.section));
    // entries torn, of the wrong shape or stored under another key are misses: recomputed, the same splits again
    const entries = (await readdir(join(cache, "samples"))).sort();
    expect(entries).toHaveLength(4);
    const bad = (key: string) => [
      "{torn",
      JSON.stringify({ key, groups: [{ text: 1 }] }),
      JSON.stringify({ key: "x" }),
    ];
    for (const [i, name] of entries.entries())
      await writeFile(join(cache, "samples", name), bad(name.replace(/\.json$/, ""))[i % 3]!);
    // the set of all four splits is one entry too: a repeated run reads only it, so the damaged splits go unread
    const [set, ...more] = await readdir(join(cache, "sample-sets"));
    expect(more).toHaveLength(0);
    expect((await run()).loads).toBe(0);
    // a set entry whose splits no longer match their hash (still valid JSON) is a miss: each split is looked up
    // again, and the damaged ones recomputed
    const setPath = join(cache, "sample-sets", set!);
    const setText = await readFile(setPath, "utf8");
    await writeFile(
      setPath,
      setText.replace(/\\"ids\\":\\"(\d)/, (_m, d: string) => `\\"ids\\":\\"${(Number(d) + 1) % 10}`),
    );
    const warnings: Warning[] = [];
    const session = new TokenizerSession();
    let third;
    try {
      third = await tokenSamples(
        corpus,
        ["eng_Latn", "hin_Deva"],
        ["gpt2", "llama2"],
        session,
        undefined,
        cache,
        warnings,
      );
    } finally {
      session.dispose();
    }
    expect(third).toEqual(first.section);
    expect(warnings.map((w) => w.message.replace(/'.*'/, "PATH"))).toEqual([
      "Ignored the cache entry PATH (its splits do not match their hash) and recomputed it.",
      ...Array.from({ length: 4 }, () =>
        expect.stringMatching(/^Ignored the cache entry PATH \(.+\) and recomputed it\.$/),
      ),
    ]);
    // the recomputed set replaced the damaged one
    expect((await run()).loads).toBe(0);
  });
});

describe("the sample cache's entry check", () => {
  // one variant per way a split can go wrong: a group longer or shorter, a token or an id more or fewer, a byte count
  // moved, a token's bytes replaced, a lone surrogate in the text
  function variants(text: string, split: Omit<PackedTokenSplit, "tokenizer">) {
    const groups = split.groups.split(" ");
    const ids = split.ids.split(" ");
    const out: { text: string; split: Omit<PackedTokenSplit, "tokenizer"> }[] = [{ text, split }];
    const withGroups = (g: string[]) => out.push({ text, split: { ...split, groups: g.join(" ") } });
    for (const i of [0, Math.floor(groups.length / 2), groups.length - 1]) {
      const [len, ...counts] = groups[i]!.split(":").map(Number);
      withGroups(groups.map((g, j) => (j === i ? [len! + 1, ...counts].join(":") : g)));
      if (len! > 0) withGroups(groups.map((g, j) => (j === i ? [len! - 1, ...counts].join(":") : g)));
      if (counts.length > 1)
        withGroups(
          groups.map((g, j) => (j === i ? [len, counts[0]! + 1, counts[1]! - 1, ...counts.slice(2)].join(":") : g)),
        );
      withGroups(groups.map((g, j) => (j === i ? `${len}:${utf8Length(text, groups, i)}` : g)));
    }
    out.push({ text, split: { ...split, ids: ids.slice(1).join(" ") } });
    out.push({ text, split: { ...split, ids: `${split.ids} 7` } });
    out.push({ text, split: { ...split, ids: ["9007199254740993", ...ids.slice(1)].join(" ") } });
    out.push({ text, split: { ...split, hexExceptions: [[0, "41"]] } });
    out.push({ text, split: { ...split, hexExceptions: [[0, "ff"]] } });
    out.push({ text: `\ud800${text.slice(1)}`, split });
    out.push({ text, split: { ...split, text: `${text.slice(0, -1)}\udc00` } });
    return out;
  }
  // the UTF-8 length of group i's text, so `len:bytes` turns a plain group into a one-token hex group
  function utf8Length(text: string, groups: string[], i: number): number {
    const start = groups.slice(0, i).reduce((n, g) => n + Number(g.split(":")[0]), 0);
    return Buffer.byteLength(text.slice(start, start + Number(groups[i]!.split(":")[0])));
  }

  it("accepts and refuses exactly the entries the full decode accepts and refuses", async () => {
    const texts = [
      "Tout le monde a droit à la vie.",
      "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है।",
      "人人生而自由，在尊严和权利上一律平等。😀 𝒜",
      "ሁሉም ሰው የመኖር መብት አለው።",
    ];
    const session = new TokenizerSession();
    let accepted = 0;
    let refused = 0;
    try {
      for (const ref of ["gpt2", "llama2", "cl100k_base"]) {
        const views = await tokenViews(await session.tokenizer(ref), texts);
        for (const [t, text] of texts.entries()) {
          const { tokenizer: _id, ...packed } = packTokenSplit(ref, text, views[t]!);
          expect(sampleEntryProblem({ text, split: packed })).toBeNull();
          for (const v of variants(text, packed)) {
            const full = fullSampleEntryProblem(v.text, v.split);
            expect(sampleEntryProblem(v), `${ref} ${JSON.stringify(v.split)}`).toBe(full);
            if (full === null) accepted++;
            else refused++;
          }
        }
      }
    } finally {
      session.dispose();
    }
    // the variants are not all accepted nor all refused: the comparison says something
    expect(accepted).toBeGreaterThan(12);
    expect(refused).toBeGreaterThan(50);
  });
});

// The analysis field sampleChars: the token view's samples are each language's first segment cut to that length.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAnalysis } from "../../src/analysis/run-analysis.js";
import { cutSample } from "../../src/analysis/token-samples.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";

const LANGS = ["eng_Latn", "amh_Ethi"];

async function firstSegments(): Promise<Map<string, string>> {
  const corpus = await openCorpus("udhr", { languages: LANGS });
  const out = new Map<string, string>();
  for (const l of LANGS) {
    for await (const s of corpus.segments(l)) {
      if (s.text.trim() !== "") {
        out.set(l, s.text);
        break;
      }
    }
  }
  return out;
}

describe("sampleChars", () => {
  it("cuts each language's first segment at a space to at most sampleChars code points; 300 by default for a few languages", async () => {
    const root = await mkdtemp(join(tmpdir(), "toklens-sample-chars-"));
    const first = await firstSegments();
    const base = {
      title: "samples",
      tokenizers: ["gpt2"],
      corpus: { source: "udhr" },
      languages: LANGS,
      vocab: { enabled: false },
    };
    const short = await runAnalysis(
      { ...base, sampleChars: 40 },
      { out: join(root, "short"), command: "t", cache: false, workers: 1 },
    );
    const plain = await runAnalysis(base, { out: join(root, "plain"), command: "t", cache: false, workers: 1 });
    for (const l of LANGS) {
      const s = short.data.tokenSamples!.samples.find((x) => x.language === l)!;
      expect([...s.text].length).toBeLessThanOrEqual(40);
      expect(first.get(l)!.startsWith(s.text)).toBe(true);
      expect(s.text).toBe(cutSample(first.get(l)!, 40));
      const p = plain.data.tokenSamples!.samples.find((x) => x.language === l)!;
      expect(p.text).toBe(cutSample(first.get(l)!, 300));
      expect(p.text.length).toBeGreaterThan(s.text.length);
    }
  });
});

// Token-view samples end after a sentence where one ends in the first `max` characters, and say how they were cut.
import { describe, expect, it } from "vitest";
import { cutSampleAt } from "../../src/analysis/token-samples.js";
import { openCorpus } from "../../src/corpus/open-corpus.js";

describe("cutSampleAt", () => {
  it("keeps a text within the limit whole", () => {
    expect(cutSampleAt("One. Two.", 100)).toEqual({ text: "One. Two.", cut: "whole" });
  });

  it("ends after the last sentence end within the limit, in Latin, Devanagari, Ethiopic and CJK punctuation", () => {
    const en = "All human beings are born free. They are endowed with reason and conscience and should act.";
    expect(cutSampleAt(en, 60)).toEqual({ text: "All human beings are born free.", cut: "sentence" });
    const hi = "सभी मनुष्य स्वतंत्र हैं। उन्हें बुद्धि और अन्तरात्मा की देन प्राप्त है और परस्पर भाव से बर्ताव करना चाहिये।";
    expect(cutSampleAt(hi, 40)).toEqual({ text: "सभी मनुष्य स्वतंत्र हैं।", cut: "sentence" });
    const am = "የሰው ልጅ ሁሉ ሲወለድ ነጻ ነው። በክብርና በመብትም እኩልነት አለው። ";
    expect(cutSampleAt(am, 30)).toEqual({ text: "የሰው ልጅ ሁሉ ሲወለድ ነጻ ነው።", cut: "sentence" });
    // a closing quote stays with its sentence; 。 needs no space after it
    expect(
      cutSampleAt("すべての人間は、生まれながらにして自由である。「人間は」理性と良心とを授けられており", 25),
    ).toEqual({
      text: "すべての人間は、生まれながらにして自由である。",
      cut: "sentence",
    });
    expect(cutSampleAt('He said "stop." Then he left the room quietly', 30)).toEqual({
      text: 'He said "stop."',
      cut: "sentence",
    });
  });

  it("does not take a period inside a number or an abbreviation run-in for a sentence end", () => {
    expect(cutSampleAt("Version 3.14 of the text is long enough to be cut here", 30)).toEqual({
      text: "Version 3.14 of the text is",
      cut: "space",
    });
  });

  it("cuts at a space when the only sentence end would keep less than a third of the limit", () => {
    expect(cutSampleAt("Hi. This sentence goes on and on without ending anywhere near", 40)).toEqual({
      text: "Hi. This sentence goes on and on",
      cut: "space",
    });
  });

  it("cuts inside a word only when there is neither", () => {
    expect(cutSampleAt("あ".repeat(80), 50)).toEqual({ text: "あ".repeat(50), cut: "char" });
  });

  it("cuts the UDHR's English preamble at 100 characters after its first clause-ending sentence, or at a space", async () => {
    const corpus = await openCorpus("udhr");
    let first = "";
    for await (const s of corpus.segments("eng_Latn")) {
      first = s.text;
      break;
    }
    const { text, cut } = cutSampleAt(first, 100);
    expect(first.startsWith(text)).toBe(true);
    expect([...text].length).toBeLessThanOrEqual(100);
    if (cut === "sentence") expect(text).toMatch(/[.!?]["')»]*$/);
    else expect(cut).toBe("space");
  });
});

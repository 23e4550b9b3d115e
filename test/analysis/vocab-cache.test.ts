// The vocabulary section's disk cache: an entry that is torn, of the wrong shape or of the other kind is a miss,
// recomputed with the same numbers, never a crash or a wrong section.
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { vocabSection } from "../../src/analysis/vocab-section.js";

// the cache is keyed by these hashes only; distinct ones make gpt2 and r50k_base (one file) two tokenizers
const refs = [
  { id: "gpt2", sha256: "a".repeat(64) },
  { id: "r50k_base", sha256: "b".repeat(64) },
];

describe("vocabSection's cache", () => {
  it("recomputes damaged or foreign entries, with the numbers of the first run", async () => {
    const dir = await mkdtemp(join(tmpdir(), "toklens-vocab-cache-check-"));
    const first = await vocabSection(refs, { cache: dir });
    expect(first.loaded).toEqual(["gpt2", "r50k_base"]);
    const names = await readdir(join(dir, "vocab"));
    expect(names).toHaveLength(3); // two compositions, one pair
    const entries = await Promise.all(
      names.map(
        async (n) => JSON.parse(await readFile(join(dir, "vocab", n), "utf8")) as { key: string; value: object },
      ),
    );
    const pair = entries.find((e) => "shared" in e.value)!;
    const compositions = entries.filter((e) => !("shared" in e.value));
    // a composition with a bad report, a composition slot holding a pair's value, a torn pair entry
    const damaged = [
      [
        compositions[0]!.key,
        JSON.stringify({ key: compositions[0]!.key, value: { report: { tokenizer: 1 }, decodedSize: 3 } }),
      ],
      [compositions[1]!.key, JSON.stringify({ key: compositions[1]!.key, value: { shared: 5 } })],
      [pair.key, "{torn"],
    ] as const;
    for (const [key, text] of damaged) await writeFile(join(dir, "vocab", `${key}.json`), text);
    const second = await vocabSection(refs, { cache: dir });
    expect(second.loaded).toEqual(["gpt2", "r50k_base"]);
    expect(second.section).toEqual(first.section);
    const third = await vocabSection(refs, { cache: dir });
    expect(third.loaded).toEqual([]);
    expect(third.section).toEqual(first.section);
  });
});

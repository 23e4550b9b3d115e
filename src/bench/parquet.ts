// The parquet part: peak memory of `toklens corpus parquet:` on a generated 200 MB Parquet file against a 20 MB one (issue 27).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Check } from "./checks.js";
import { CLI, runNode } from "./child.js";
import { resampleLines, seededRandom } from "./flores-corpus.js";

/** Rows per row group: about 16 MB of text, the scale of a Hugging Face shard's groups divided by eight. */
const ROWS_PER_GROUP = 40_000;

/**
 * Writes a Parquet file in the FLORES+ schema of at least `bytes` bytes, snappy-compressed as the Hub's files are:
 * one language after the other (as a per-language shard or a FLORES+ file sorted by language), each row a sentence
 * resampled from that language's UDHR text, each language an equal share of the bytes (so their row counts differ and
 * they do not align: the bench reads it with --allow-unaligned). Returns its shape.
 */
export async function writeParquetCorpus(
  file: string,
  bytes: number,
  udhr: ReadonlyMap<string, readonly string[]>,
  languages: readonly string[],
): Promise<{ groups: number; rows: number }> {
  // a devDependency: loaded only when the bench runs this part
  const { ParquetWriter, fileWriter } = await import("hyparquet-writer");
  const schema = [
    { name: "root", num_children: 4 },
    { name: "id", type: "INT64", repetition_type: "REQUIRED" },
    { name: "iso_639_3", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
    { name: "iso_15924", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
    { name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  ] as const;
  const writer = new ParquetWriter({ writer: fileWriter(file), schema: schema.map((s) => ({ ...s })) });
  const random = seededRandom(27);
  const perLanguage = Math.ceil(bytes / languages.length);
  let groups = 0;
  let rows = 0;
  for (const language of languages) {
    const [iso, script] = language.split("_") as [string, string];
    const text = udhr.get(language)!.join(" ");
    const startSize = statSync(file).size;
    let written = 0;
    for (let start = 0; written < perLanguage; start += ROWS_PER_GROUP) {
      const lines = resampleLines(text, ROWS_PER_GROUP, random).map((l, i) => `${start + i} ${l}`);
      await writer.write({
        columnData: [
          { name: "id", data: lines.map((_, i) => BigInt(start + i)) },
          { name: "iso_639_3", data: lines.map(() => iso) },
          { name: "iso_15924", data: lines.map(() => script) },
          { name: "text", data: lines },
        ],
        rowGroupSize: ROWS_PER_GROUP,
      });
      // the compressed size is what counts: the writer flushes to the file as it goes (1 MB at a time)
      written = statSync(file).size - startSize;
      groups++;
      rows += lines.length;
    }
  }
  await writer.finish();
  return { groups, rows };
}

/**
 * Peak RSS of `toklens corpus parquet:<file> --segments --jsonl` (a fresh process, stdout discarded): the open scans
 * every row group, then every language is streamed out segment by segment, which is what the tokenize phase reads.
 */
export async function parquetChecks(udhr: ReadonlyMap<string, readonly string[]>): Promise<Check[]> {
  const dir = mkdtempSync(join(tmpdir(), "toklens-bench-parquet-"));
  const languages = [
    "eng_Latn",
    "deu_Latn",
    "rus_Cyrl",
    "hin_Deva",
    "arb_Arab",
    "cmn_Hans",
    "jpn_Jpan",
    "swh_Latn",
  ].filter((l) => udhr.has(l));
  try {
    const runs = [];
    for (const mb of [20, 200]) {
      const file = join(dir, `corpus-${mb}mb.parquet`);
      const shape = await writeParquetCorpus(file, mb * 1e6, udhr, languages);
      const run = runNode([CLI, "corpus", `parquet:${file}`, "--allow-unaligned", "--segments", "--jsonl"], {
        rss: true,
      });
      runs.push({ mb: statSync(file).size / 1e6, ...shape, ...run });
      rmSync(file, { force: true });
    }
    const [small, big] = runs as [(typeof runs)[number], (typeof runs)[number]];
    const describe = (r: typeof small) => `${r.mb.toFixed(0)} MB, ${r.groups} groups: ${r.rssMb.toFixed(0)} MB`;
    // flat: the peak must not grow with the file (issue 27); the absolute peaks are in the detail
    return [
      {
        label: "parquet: peak RSS, 200 MB / 20 MB file",
        detail: `${describe(small)}; ${describe(big)}, ${(big.ms / 1000).toFixed(0)} s`,
        value: big.rssMb / small.rssMb,
        unit: "x",
        target: { op: "<=", limit: 1.25 },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

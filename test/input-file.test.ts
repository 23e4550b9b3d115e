// The files a user hands toklens (counts, prices, --group-by, --gold, analysis files): strict CSV, UTF-8 checked,
// BOM accepted, sizes and numbers bounded, errors naming the file and line but never quoting its contents.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAnalysisFile } from "../src/analysis/config.js";
import { readMorphGold } from "../src/analysis/morph.js";
import { readPriceTable } from "../src/analysis/prices.js";
import { readGroupCsv } from "../src/corpus/group-table.js";
import { ConfigError, TokenizerLoadError } from "../src/errors.js";
import { readInputFile } from "../src/input-file.js";
import { readCountsFile } from "../src/tokenize/counts.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "toklens-input-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error("expected a rejection");
  return error;
}

const RUN = ["deu_Latn", "fra_Latn"];

describe("item 4: --group-by CSV is parsed strictly", () => {
  it("refuses an unclosed quote, naming the line, instead of swallowing the rows after it", async () => {
    const csv = await file("unclosed.csv", 'language,group\ndeu_Latn,"unclosed\nfra_Latn,mid\n');
    const error = await failure(readGroupCsv(csv, RUN));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `Line 2 of the --group-by file '${csv}' is not valid CSV: a quoted field opened here is never closed (a missing ").`,
    );
  });

  it("refuses a header with the language column twice (the last used to win)", async () => {
    const csv = await file("two-language.csv", "language,group,language\ndeu_Latn,a,fra_Latn\n");
    const error = await failure(readGroupCsv(csv, RUN));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain("has the column 'language' twice");
  });

  it("refuses a quote inside an unquoted field and a row with a field too many", async () => {
    const quote = await file("quote.csv", 'language,group\ndeu_Latn,a"b\n');
    expect((await failure(readGroupCsv(quote, RUN))).message).toMatch(/^Line 2 of .* a quote inside an unquoted field/);
    const extra = await file("extra.csv", "language,group\ndeu_Latn,a\nfra_Latn,b,c\n");
    expect((await failure(readGroupCsv(extra, RUN))).message).toMatch(
      /^Line 3 of .* has 3 field\(s\), but the header has 2/,
    );
  });

  it("still reads quoted fields, CRLF and a BOM", async () => {
    const csv = await file(
      "ok.csv",
      '\uFEFFlanguage,group\r\n"deu_Latn","West, Germanic"\r\nfra_Latn,"say ""oui"""\r\n',
    );
    const { groups } = await readGroupCsv(csv, RUN);
    expect([...groups]).toEqual([
      ["deu_Latn", "West, Germanic"],
      ["fra_Latn", 'say "oui"'],
    ]);
  });
});

describe("item 8: text must be UTF-8 and numbers are bounded", () => {
  it("refuses a Latin-1 gold file, naming the line, instead of scoring U+FFFD", async () => {
    const gold = await file(
      "latin1.csv",
      Buffer.from("full_word,pt1,rest\ncats,cat,s\ncaf\xe9s,caf\xe9,s\n", "latin1"),
    );
    const error = await failure(readMorphGold(gold));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /^Line 3 of --gold file '.*latin1\.csv' is not valid UTF-8 .* Save the file as UTF-8\.$/,
    );
  });

  it("refuses a count of 2^53-1, naming the line", async () => {
    const counts = await file(
      "huge.jsonl",
      '{"language":"deu_Latn","id":"1","tokens":3}\n{"language":"deu_Latn","id":"2","tokens":9007199254740991}\n',
    );
    const error = await failure(readCountsFile(`counts:${counts}`));
    expect(error).toBeInstanceOf(TokenizerLoadError);
    expect(error.message).toContain("line 2 counts 9007199254740991 tokens, above the 1000000000 one segment may have");
  });

  it("refuses a price of 1e308, naming the file and line", async () => {
    const prices = await file("huge-price.json", '{\n  "prices": {\n    "gpt2": 1e308\n  }\n}\n');
    const error = await failure(readPriceTable(prices));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `prices file '${prices}', line 3: prices["gpt2"]: 'input' is 1e+308 USD per million tokens, above the 1,000,000 toklens accepts. Give the price in USD per million tokens (e.g. 2.5).`,
    );
  });
});

describe("item 9: empty CSV files are a clear error, not a TypeError", () => {
  it.each([
    ["--gold", (f: string) => readMorphGold(f)],
    ["--group-by", (f: string) => readGroupCsv(f, RUN)],
  ])("an empty %s file", async (option, read) => {
    const empty = await file(`empty${option}.csv`, "");
    const error = await failure(read(empty));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`^The ${option} file '.*' is empty; it needs a header row with`));
  });
});

describe("item 12: size and line length are capped", () => {
  const readers: [string, (f: string) => Promise<unknown>, new (m: string) => Error][] = [
    ["counts", (f) => readCountsFile(`counts:${f}`), TokenizerLoadError],
    ["prices", (f) => readPriceTable(f), ConfigError],
    ["group-by", (f) => readGroupCsv(f, RUN), ConfigError],
    ["gold", (f) => readMorphGold(f), ConfigError],
    ["analysis", (f) => readAnalysisFile(f), ConfigError],
  ];
  it.runIf(process.platform === "linux").each(readers)(
    "the %s reader stops on /dev/zero with a clear error",
    async (_, read, kind) => {
      const error = await failure(read("/dev/zero"));
      expect(error).toBeInstanceOf(kind);
      expect(error.message).toMatch(/Line 1 of .*'\/dev\/zero' is longer than 8 MiB, the longest line toklens reads/);
    },
  );

  it("a file over the size cap is refused (a small cap for the test)", async () => {
    const big = await file("big.txt", "a\n".repeat(600));
    const options = {
      label: `the file '${big}'`,
      error: (m: string) => new ConfigError(m),
      unreadable: (r: string) => `cannot read (${r})`,
    };
    await expect(readInputFile(big, { ...options, maxBytes: 1000 })).rejects.toThrow(
      `The file '${big}' is larger than 1000 bytes, the most toklens reads from such a file.`,
    );
    expect(await readInputFile(big, { ...options, maxBytes: 1200 })).toHaveLength(1200);
  });
});

describe("item 15: a BOM is accepted in every file", () => {
  it("prices and analysis JSON with a BOM are read", async () => {
    const prices = await file("bom-prices.json", '\uFEFF{"prices": {"gpt2": 2.5}}');
    expect((await readPriceTable(prices)).prices).toEqual({ gpt2: { input: 2.5 } });
    const analysis = await file(
      "bom-analysis.json",
      '\uFEFF{"title": "t", "tokenizers": ["gpt2"], "corpus": {"source": "udhr"}, "languages": ["eng_Latn"]}',
    );
    expect((await readAnalysisFile(analysis)).title).toBe("t");
  });
});

describe("item 18: errors name the file and line, never its contents", () => {
  const passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
  it.each([
    ["analysis", (f: string) => readAnalysisFile(f), /^Analysis file '.*' is not valid JSON at line 1, column 1\./],
    ["prices", (f: string) => readPriceTable(f), /^The prices file '.*' is not valid JSON at line 1, column 1\./],
    ["group-by", (f: string) => readGroupCsv(f, RUN), /^The header \(line 1\) of the --group-by file '.*' lacks/],
    ["gold", (f: string) => readMorphGold(f), /^The header \(line 1\) of the --gold file '.*' lacks/],
  ])("a %s file that is another file", async (_, read, expected) => {
    const path = await file("passwd", passwd);
    const error = await failure(read(path));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(expected);
    expect(error.message).not.toContain("root:x");
  });

  it("a JSON syntax error deeper in the file names its line and column", async () => {
    const path = await file("comma.json", '{\n  "title": "x",\n}\n');
    await expect(readAnalysisFile(path)).rejects.toThrow(
      `Analysis file '${path}' is not valid JSON at line 3, column 1. Fix the syntax (no comments or trailing commas in JSON).`,
    );
  });
});

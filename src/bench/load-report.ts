// Cold loads (tokenize vs a bare load-and-encode script, a fresh process each) and `toklens report` cold and warm.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import { seconds, type Check } from "./checks.js";
import { benchScript, CLI, runNode } from "./child.js";

/** The short phrase of issue 19's load figures. */
export const LOAD_PHRASE = "Habari ya asubuhi";

/** Per built-in: `tokenize <id> --text ...` through the bin, after the bare script, each in a fresh process. */
export function loadChecks(specs: readonly TokenizerSpec[]): Check[] {
  return specs.map((spec) => {
    const bare = runNode([benchScript("bare-load.js"), JSON.stringify(spec), LOAD_PHRASE]);
    const toolkit = runNode([CLI, "tokenize", spec.id, "--text", LOAD_PHRASE]);
    return {
      label: `load: tokenize ${spec.id}`,
      detail: `bare ${seconds(bare.ms)}, toolkit ${seconds(toolkit.ms)}`,
      value: toolkit.ms / bare.ms,
      unit: "x",
      target: { op: "<=", limit: 1.5 },
    };
  });
}

/** The default `toklens report` with an empty cache folder, then again with the cache it filled. */
export function reportChecks(): Check[] {
  const dir = mkdtempSync(join(tmpdir(), "toklens-bench-report-"));
  try {
    const env = { TOKLENS_CACHE_DIR: join(dir, "cache") };
    const cold = runNode([CLI, "report", "--out", join(dir, "cold")], { env });
    const warm = runNode([CLI, "report", "--out", join(dir, "warm")], { env });
    return [
      {
        label: "report: default, cold (empty cache)",
        detail: "",
        value: cold.ms / 1000,
        unit: "s",
        target: { op: "<", limit: 15 },
      },
      {
        label: "report: default, warm (same cache)",
        detail: "",
        value: warm.ms / 1000,
        unit: "s",
        target: { op: "<", limit: 1 },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

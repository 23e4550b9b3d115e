// Cold loads (tokenize vs a bare load-and-encode script, a fresh process each) and `toklens report` cold and warm.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";
import type { Check } from "./checks.js";
import { benchScript, CLI, runNode } from "./child.js";

/** The short phrase of issue 19's load figures. */
export const LOAD_PHRASE = "Habari ya asubuhi";

/** Runs per side of a load figure: a sub-second time on a busy machine is noise, so the best of three is kept. */
const LOAD_RUNS = 3;

/** Per built-in: `tokenize <id> --text ...` through the bin and the bare script, alternating, a fresh process each. */
export function loadChecks(specs: readonly TokenizerSpec[]): Check[] {
  return specs.map((spec) => {
    let bare = Infinity;
    let toolkit = Infinity;
    for (let i = 0; i < LOAD_RUNS; i++) {
      bare = Math.min(bare, runNode([benchScript("bare-load.js"), JSON.stringify(spec), LOAD_PHRASE]).ms);
      toolkit = Math.min(toolkit, runNode([CLI, "tokenize", spec.id, "--text", LOAD_PHRASE]).ms);
    }
    return {
      label: `load: tokenize ${spec.id} (best of ${LOAD_RUNS})`,
      detail: `bare ${(bare / 1000).toFixed(2)} s, toolkit ${(toolkit / 1000).toFixed(2)} s`,
      value: toolkit / bare,
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

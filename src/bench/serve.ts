// The live page's latency: a keystroke in `toklens serve` (POST /api/tokenize of a 2,000-character text over HTTP, the
// tokenizers already loaded), against the bare encode of the same text by the same loaded tokenizer and engine.
import { startServer } from "../serve/server.js";
import type { Check } from "./checks.js";

/** Characters of the keystroke text (issue 22: under 50 ms for 2,000 characters on 2 cores). */
export const KEYSTROKE_CHARS = 2000;

/** Keystrokes timed per figure after warm-up; the median is kept (a busy machine's outliers are noise). */
const KEYSTROKES = 21;

/** The tokenizers of the figure: the three of issue 22's browser test, then all three at once. */
export const SERVE_TOKENIZERS = ["gpt2", "llama3", "gemma3"] as const;

/** The first `chars` code points of the UDHR texts of several scripts, one after the other, repeated as needed. */
export function keystrokeText(udhr: ReadonlyMap<string, string[]>, chars = KEYSTROKE_CHARS): string {
  const parts = ["eng_Latn", "hin_Deva", "jpn_Jpan", "swh_Latn", "arb_Arab", "rus_Cyrl", "amh_Ethi"].map((code) => {
    const segments = udhr.get(code);
    if (!segments || segments.length === 0) throw new Error(`bench: no UDHR text for ${code}`);
    return segments.slice(0, 3).join(" ");
  });
  const cps: string[] = [];
  while (cps.length < chars) for (const p of parts) cps.push(...p, " ");
  return cps.slice(0, chars).join("");
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function keystroke(url: string, text: string, tokenizers: readonly string[]): Promise<number> {
  const started = performance.now();
  const r = await fetch(`${url}api/tokenize`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text, tokenizers }),
  });
  const answer = (await r.json()) as { rows?: unknown[]; errors?: unknown[]; error?: string };
  if (!r.ok || answer.rows?.length !== tokenizers.length)
    throw new Error(`bench: serve answered ${JSON.stringify(answer).slice(0, 300)}`);
  return performance.now() - started;
}

/**
 * Per tokenizer and for all three at once: the median keystroke (wall time, client and server in this process), with
 * its CPU time (less sensitive to a busy machine) and the bare encode of the same text beside it.
 */
export async function serveChecks(udhr: ReadonlyMap<string, string[]>): Promise<Check[]> {
  const text = keystrokeText(udhr);
  const server = await startServer({ port: 0, tokenizers: SERVE_TOKENIZERS });
  try {
    // the loads block the event loop (a socket kept alive across one may be reset): time only once all are done
    for (const ref of SERVE_TOKENIZERS) await server.playground.tokenizer(ref);
    const checks: Check[] = [];
    for (const refs of [...SERVE_TOKENIZERS.map((t) => [t]), [...SERVE_TOKENIZERS]]) {
      await keystroke(server.url, text, refs); // loads (once per server) and warms up
      const times: number[] = [];
      const bare: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < KEYSTROKES; i++) {
        // each keystroke changes the text, as typing does: the last character differs
        const typed = text.slice(0, KEYSTROKE_CHARS - 1) + String.fromCharCode(97 + (i % 26));
        const used = process.cpuUsage();
        times.push(await keystroke(server.url, typed, refs));
        const { user, system } = process.cpuUsage(used);
        cpu.push((user + system) / 1000);
        let encode = 0;
        for (const ref of refs) {
          const tokenizer = await server.playground.tokenizer(ref);
          const started = performance.now();
          await tokenizer.encodeAsync(typed);
          encode += performance.now() - started;
        }
        bare.push(encode);
      }
      checks.push({
        label: `serve: keystroke, ${refs.join("+")} (${KEYSTROKE_CHARS} chars)`,
        detail: `median of ${KEYSTROKES}; CPU ${median(cpu).toFixed(1)} ms, bare encode ${median(bare).toFixed(1)} ms`,
        value: median(times),
        unit: "ms",
        target: { op: "<", limit: 50 },
      });
    }
    return checks;
  } finally {
    await server.close();
  }
}

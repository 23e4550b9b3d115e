// The "loading gemma3 (262k)…" line: a user at a terminal hears about a tokenizer load that takes a while.

/** Where the notice goes; only a terminal gets it. */
export interface NoticeSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** A load still running this long after it started is announced (ms). */
export const LOAD_NOTICE_AFTER_MS = 500;

let sink: NoticeSink | null = null;

/**
 * Turns load notices on (the CLI passes process.stderr; the library stays silent unless asked). Null turns them
 * off again.
 */
export function enableLoadNotices(target: NoticeSink | null = process.stderr): void {
  sink = target;
}

/** `gemma3 (262k)`: the id, and the vocabulary size a built-in's name gives (`Gemma 3 (262k)`). */
export function loadLabel(spec: { id: string; name: string }): string {
  const size = /\((?:[^)]*\W)?(\d+k)\b/.exec(spec.name)?.[1];
  return size ? `${spec.id} (${size})` : spec.id;
}

/**
 * Runs `load`; when notices are on, the sink is a terminal and the load is still running after
 * `LOAD_NOTICE_AFTER_MS`, writes `loading <label>…` on its own line.
 */
export async function withLoadNotice<T>(label: string, load: () => Promise<T>): Promise<T> {
  const target = sink;
  if (!target?.isTTY) return load();
  const timer = setTimeout(() => target.write(`loading ${label}…\n`), LOAD_NOTICE_AFTER_MS);
  try {
    return await load();
  } finally {
    clearTimeout(timer);
  }
}

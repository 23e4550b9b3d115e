// Error classes for what a user can fix; each message names the bad value and the fix.

/** Base class of every error a user can act on. Anything else reaching the CLI is a bug. */
export abstract class ToklensError extends Error {
  /** Process exit code the CLI uses for this class of error. */
  abstract readonly exitCode: number;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad command-line options or analysis files. */
export class ConfigError extends ToklensError {
  readonly exitCode = 2;
}

/** A tokenizer that cannot be found, read, parsed or is of an unsupported type. */
export class TokenizerLoadError extends ToklensError {
  readonly exitCode = 3;
}

/** A corpus that cannot be found or read, or whose text is invalid or misaligned. */
export class CorpusError extends ToklensError {
  readonly exitCode = 4;
}

/** A report or artifact that cannot be written. */
export class OutputError extends ToklensError {
  readonly exitCode = 5;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The candidates closest to `value` (case-insensitive), best first. */
export function closestMatches(value: string, candidates: readonly string[], limit = 3): string[] {
  const v = value.toLowerCase();
  return candidates
    .map((c) => {
      const lc = c.toLowerCase();
      const prefix = lc.startsWith(v) || v.startsWith(lc) ? -0.5 : 0;
      return { c, d: editDistance(v, lc) + prefix };
    })
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, limit)
    .map((x) => x.c);
}

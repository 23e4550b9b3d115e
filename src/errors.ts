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

/**
 * Every error class a user can act on, by class name: an error that crosses a worker-thread boundary (which keeps
 * only plain data) is rebuilt as its own class, so it keeps its message and exit code. A new class goes here.
 */
export const ERROR_CLASSES = { ConfigError, TokenizerLoadError, CorpusError, OutputError } as const satisfies Record<
  string,
  new (message: string, options?: { cause?: unknown }) => ToklensError
>;

export type ErrorClassName = keyof typeof ERROR_CLASSES;

export function isErrorClassName(value: unknown): value is ErrorClassName {
  return typeof value === "string" && Object.hasOwn(ERROR_CLASSES, value);
}

/** An error as plain data, for `postMessage` (structured cloning keeps neither the class nor `exitCode`). */
export interface ErrorTransport {
  name: string;
  message: string;
  stack?: string;
}

/** The plain-data form of anything thrown. */
export function errorToTransport(err: unknown): ErrorTransport {
  const e = err instanceof Error ? err : new Error(String(err));
  return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

/** Rebuilds a transported error: a `ToklensError` as its own class, anything else as a plain `Error` (a bug). */
export function errorFromTransport(transport: ErrorTransport): Error {
  const Cls = isErrorClassName(transport.name) ? ERROR_CLASSES[transport.name] : Error;
  return new Cls(transport.message);
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

// The FLORES-200 splits a corpus is read from: one table for the type, the CLI choices, the schema, the default and the checks.
import { isOneOf, listChoices } from "../closed-set.js";
import { ConfigError } from "../errors.js";

/** The splits of a FLORES-200 release, one folder and file suffix each. */
export const FLORES_FILE_SPLITS = ["dev", "devtest"] as const;
export type FloresFileSplit = (typeof FLORES_FILE_SPLITS)[number];

/** What can be read: one split, or both (dev first). */
export const FLORES_SPLITS = [...FLORES_FILE_SPLITS, "dev+devtest"] as const;
export type FloresSplit = (typeof FLORES_SPLITS)[number];

/** The split read when none is given: the one FLORES-200 reports its figures on. */
export const DEFAULT_FLORES_SPLIT: FloresSplit = "devtest";

export function isFloresSplit(value: unknown): value is FloresSplit {
  return isOneOf(FLORES_SPLITS, value);
}

/** The folders a split reads, in order. */
export function floresFileSplits(split: FloresSplit): FloresFileSplit[] {
  return isOneOf(FLORES_FILE_SPLITS, split) ? [split] : [...FLORES_FILE_SPLITS];
}

/** Checks a split option; `what` names it in the message (e.g. "--split"). */
export function parseFloresSplit(value: unknown, what = "split"): FloresSplit {
  if (isFloresSplit(value)) return value;
  throw new ConfigError(`Unknown ${what} '${String(value)}'. Use ${listChoices(FLORES_SPLITS)}.`);
}

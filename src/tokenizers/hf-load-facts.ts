// The cache of what a load concludes from a tokenizer.json (valid, its family, size, special tokens, conventions),
// keyed by the file's sha256: a repeated load of the same bytes skips the parse and the validation.
import { diskCacheIn, isCount, isRecord, isSha256, type EntryCheck } from "../disk-cache.js";
import type { TokenizerFamily } from "./tokenizer.js";
import type { PieceConventions, TokenizerJsonFacts } from "./hf-vocabulary.js";

/** Bump when the facts' shape or how they are derived changes (1: the first). */
// 2: facts carry `separator`
const FACTS_CACHE_VERSION = 2;

const FAMILIES: readonly TokenizerFamily[] = ["BPE", "Unigram", "WordPiece", "WordLevel"];

interface FactsEntry {
  sha256: string;
  facts: TokenizerJsonFacts;
}

const isBoolean = (x: unknown): x is boolean => typeof x === "boolean";
const isStringOrNull = (x: unknown) => x === null || typeof x === "string";

function conventionsProblem(c: unknown): string | null {
  if (!isRecord(c)) return "conventions is not an object";
  const { byteLevel, usesMarker, byteFallback, wpPrefix, bpePrefix, suffix } = c as Partial<PieceConventions>;
  if (![byteLevel, usesMarker, byteFallback].every(isBoolean)) return "a convention flag is not a boolean";
  if (![wpPrefix, bpePrefix, suffix].every(isStringOrNull)) return "a convention affix is not a string or null";
  return null;
}

/** Every id below `size`, every token a string: a torn or edited entry never reaches the vocabulary. */
function addedProblem(added: unknown, repeated: unknown, size: number): string | null {
  const isId = (x: unknown): x is number => isCount(x) && x < size;
  if (!Array.isArray(added) || !added.every((a) => Array.isArray(a) && a.length === 3 && isId(a[0])))
    return "added is not a list of [id, content, special]";
  if (!added.every((a: unknown[]) => typeof a[1] === "string" && isBoolean(a[2]))) return "an added token is malformed";
  if (!Array.isArray(repeated) || !repeated.every((r) => Array.isArray(r) && r.length === 2 && isId(r[0])))
    return "repeated is not a list of [id, content]";
  if (!repeated.every((r: unknown[]) => typeof r[1] === "string")) return "a repeated token is not a string";
  return null;
}

/** Null, or an id below the size with a non-empty content. */
function separatorProblem(separator: unknown, size: number): string | null {
  if (separator === null) return null;
  const ok =
    Array.isArray(separator) &&
    separator.length === 2 &&
    isCount(separator[0]) &&
    separator[0] < size &&
    typeof separator[1] === "string" &&
    separator[1] !== "";
  return ok ? null : "separator is not null or [id, content]";
}

function factsProblem(f: unknown): string | null {
  if (!isRecord(f)) return "facts is not an object";
  const { family, vocabSize, modelSize, unk, pipelineKeepsText } = f as Partial<TokenizerJsonFacts>;
  if (!FAMILIES.includes(family as TokenizerFamily)) return "family is not a supported model type";
  if (!isCount(vocabSize) || !isCount(modelSize) || modelSize > vocabSize) return "the sizes are not counts";
  if (!isBoolean(pipelineKeepsText)) return "pipelineKeepsText is not a boolean";
  if (
    unk !== null &&
    !(isRecord(unk) && isCount(unk["id"]) && unk["id"] < vocabSize && typeof unk["token"] === "string")
  )
    return "unk is not null or an id below the size with its token";
  return (
    conventionsProblem(f["conventions"]) ??
    addedProblem(f["added"], f["repeated"], vocabSize) ??
    separatorProblem(f["separator"], vocabSize)
  );
}

const checkEntry: EntryCheck<FactsEntry> = (e) =>
  isSha256(e.sha256) ? factsProblem(e.facts) : "sha256 is not 64 hex digits";

const storeIn = (dir: string) =>
  diskCacheIn<FactsEntry>(dir, "tokenizer-json", { schema: FACTS_CACHE_VERSION, quietWrites: true, check: checkEntry });

/**
 * The facts remembered for the tokenizer.json whose sha256 is `sha256`, or null (no cache directory, no entry, or an
 * entry that fails its check: it is recomputed and replaced, never trusted).
 */
export function cachedFacts(dir: string | null, sha256: string): TokenizerJsonFacts | null {
  if (!dir) return null;
  const store = storeIn(dir);
  const entry = store.getSync(store.key({ sha256 }));
  return entry && entry.sha256 === sha256 ? entry.facts : null;
}

/** Remembers the facts of a tokenizer.json that passed validation (a failed write is ignored: the cache only saves time). */
export function rememberFacts(dir: string | null, sha256: string, facts: TokenizerJsonFacts): void {
  if (!dir) return;
  const store = storeIn(dir);
  store.setSync(store.key({ sha256 }), { sha256, facts });
}

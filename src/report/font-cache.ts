// The disk cache of a page's fonts: which code points each bundled face maps (keyed by the faces' sha256s) and each
// subset as WOFF (keyed by the face's sha256, the characters and the subsetting engine), so a warm report cuts nothing.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { DiskCache, invalidEntryWarning, isCount, type UncheckedEntry } from "../disk-cache.js";
import type { Warning } from "../types.js";
import { subsetEngineId } from "./font-subset.js";

/** Bump when the entries' shape or their computation changes. */
const FONT_CACHE_VERSION = 1;

interface CoverageEntry {
  /** Per face, in order: its code points as sorted runs `[first, last, first, last, ...]`. */
  faces: number[][];
}

interface SubsetEntry {
  /** The subset as WOFF 1.0, base64. */
  woff: string;
}

/** A whole page's embedded fonts, as pageFonts returns them. */
export interface PageFontsEntry {
  css: string;
  faces: number;
  characters: number;
  missing: number[];
}

interface PageEntry {
  /** sha256 of `fonts`: an entry damaged without breaking its JSON is a miss too. */
  sha256: string;
  /** JSON of the PageFontsEntry. */
  fonts: string;
}

function pageProblem(entry: UncheckedEntry<PageEntry>): string | null {
  if (typeof entry.sha256 !== "string" || typeof entry.fonts !== "string") return "bad page fonts entry";
  return createHash("sha256").update(entry.fonts).digest("hex") === entry.sha256
    ? null
    : "its fonts do not match their hash";
}

/** Runs of ascending, non-touching code points, each first <= last. */
function runsProblem(runs: unknown): string | null {
  if (!Array.isArray(runs) || runs.length % 2 !== 0) return "a face's runs are not pairs";
  for (let i = 0; i < runs.length; i += 2) {
    const [a, b] = [runs[i] as unknown, runs[i + 1] as unknown];
    if (!isCount(a) || !isCount(b) || a > b || a > 0x10ffff || b > 0x10ffff) return "a run is not two code points";
    if (i > 0 && a <= (runs[i - 1] as number) + 1) return "runs out of order";
  }
  return null;
}

function coverageProblem(entry: UncheckedEntry<CoverageEntry>): string | null {
  if (!Array.isArray(entry.faces)) return "no faces";
  for (const runs of entry.faces) {
    const problem = runsProblem(runs);
    if (problem) return problem;
  }
  return null;
}

/** A base64 WOFF 1.0 file whose header states its own length. */
function subsetProblem(entry: UncheckedEntry<SubsetEntry>): string | null {
  if (typeof entry.woff !== "string") return "no woff";
  const bytes = Buffer.from(entry.woff, "base64");
  // Buffer.from skips what is not base64: only a string that encodes back to itself is whole
  if (bytes.toString("base64") !== entry.woff) return "not base64";
  if (bytes.length < 44 || bytes.toString("latin1", 0, 4) !== "wOFF") return "not a WOFF font";
  if (bytes.readUInt32BE(8) !== bytes.length) return "its length is not the one its header states";
  return null;
}

/** Sorted runs of a set of code points. */
function toRuns(set: ReadonlySet<number>): number[] {
  const sorted = [...set].sort((a, b) => a - b);
  const runs: number[] = [];
  for (const cp of sorted) {
    if (runs.length > 0 && runs[runs.length - 1] === cp - 1) runs[runs.length - 1] = cp;
    else runs.push(cp, cp);
  }
  return runs;
}

function fromRuns(runs: readonly number[]): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i < runs.length; i += 2) for (let cp = runs[i]!; cp <= runs[i + 1]!; cp++) set.add(cp);
  return set;
}

/** `<dir>/fonts`: coverage and subset entries, read and written synchronously (page writers are synchronous). */
export class FontCache {
  private readonly coverageStore: DiskCache<CoverageEntry>;
  private readonly subsetStore: DiskCache<SubsetEntry>;
  private readonly pageStore: DiskCache<PageEntry>;
  private readonly onInvalid: (path: string, problem: string) => void;

  constructor(cacheDir: string, onWarning?: (warning: Warning) => void) {
    const dir = join(cacheDir, "fonts");
    const spec = { schema: FONT_CACHE_VERSION, quietWrites: true };
    this.coverageStore = new DiskCache(dir, { ...spec, check: coverageProblem });
    this.subsetStore = new DiskCache(dir, { ...spec, shard: true, check: subsetProblem });
    this.pageStore = new DiskCache(join(dir, "pages"), { ...spec, check: pageProblem });
    this.onInvalid = (path, problem) => onWarning?.(invalidEntryWarning(path, problem));
  }

  private coverageKey(shas: readonly string[]): string {
    return this.coverageStore.key({ kind: "coverage", faces: shas });
  }

  /** The code points of each face (by its file's sha256, in order), or null on a miss. */
  coverage(shas: readonly string[]): Set<number>[] | null {
    const key = this.coverageKey(shas);
    const entry = this.coverageStore.getSync(key, this.onInvalid);
    if (!entry) return null;
    if (entry.faces.length !== shas.length) {
      this.onInvalid(this.coverageStore.path(key), `${entry.faces.length} faces where ${shas.length} belong`);
      return null;
    }
    return entry.faces.map(fromRuns);
  }

  setCoverage(shas: readonly string[], sets: readonly ReadonlySet<number>[]): void {
    this.coverageStore.setSync(this.coverageKey(shas), { faces: sets.map(toRuns) });
  }

  /**
   * A page's fonts for the characters `wanted` (sorted) drawn from the faces `faces` (their stat keys, see
   * bundledFontStats), from one entry or `make`: a warm report reads neither the faces nor their coverage or subsets.
   */
  page(faces: readonly string[][], wanted: readonly number[], make: () => PageFontsEntry): PageFontsEntry {
    const key = this.pageStore.key({
      kind: "page",
      faces,
      wanted: createHash("sha256")
        .update(toRuns(new Set(wanted)).join(","))
        .digest("hex"),
      engine: subsetEngineId(),
    });
    const hit = this.pageStore.getSync(key, this.onInvalid);
    if (hit) {
      const fonts = JSON.parse(hit.fonts) as Partial<PageFontsEntry>;
      if (
        typeof fonts.css === "string" &&
        isCount(fonts.faces) &&
        isCount(fonts.characters) &&
        Array.isArray(fonts.missing) &&
        fonts.missing.every(isCount)
      )
        return fonts as PageFontsEntry;
      this.onInvalid(this.pageStore.path(key), "not a page's fonts");
    }
    const made = make();
    const text = JSON.stringify({
      css: made.css,
      faces: made.faces,
      characters: made.characters,
      missing: made.missing,
    });
    this.pageStore.setSync(key, { sha256: createHash("sha256").update(text).digest("hex"), fonts: text });
    return made;
  }

  /** The subset of the face `sha256` to the characters of `range` (a unicode-range), from the cache or `make`. */
  subset(sha256: string, range: string, make: () => string): string {
    const key = this.subsetStore.key({ kind: "subset", font: sha256, range, engine: subsetEngineId() });
    const hit = this.subsetStore.getSync(key, this.onInvalid);
    if (hit) return hit.woff;
    const woff = make();
    this.subsetStore.setSync(key, { woff });
    return woff;
  }
}

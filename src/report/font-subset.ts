// Cuts a font down to the glyphs of given characters (HarfBuzz's hb-subset, from harfbuzzjs' WebAssembly build), and
// packs an sfnt as WOFF 1.0, so a page can carry the glyphs its own text needs.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { deflateSync } from "node:zlib";

/** The part of the WebAssembly global this module uses (the project's type libraries do not declare it). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** The C functions of harfbuzz-subset.wasm this module calls (pointers and handles are numbers). */
interface HbSubset {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, length: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codePoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize?: () => void;
}

const HB_MEMORY_MODE_READONLY = 1;
/** hb_subset_flags_t: drop TrueType hinting (browsers draw unhinted outlines well; it is a third of a glyph's bytes). */
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;

let instance: HbSubset | undefined;

const wasmFile = () => createRequire(import.meta.url).resolve("harfbuzzjs/dist/harfbuzz-subset.wasm");

let engine: string | undefined;

/**
 * What the bytes `sfntToWoff(subsetFont(...))` writes depend on besides the font and the characters: the sha256 of
 * HarfBuzz's WebAssembly and zlib's version (a cached subset from another build of either would differ from a fresh one).
 */
export function subsetEngineId(): string {
  engine ??= `${createHash("sha256").update(readFileSync(wasmFile())).digest("hex")} zlib ${process.versions.zlib}`;
  return engine;
}

function hbSubset(): HbSubset {
  if (instance) return instance;
  const file = wasmFile();
  // the module imports nothing: synchronous compilation keeps the page writers synchronous
  const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
  const exports = new wasm.Instance(new wasm.Module(readFileSync(file)), {}).exports;
  instance = exports as unknown as HbSubset;
  instance._initialize?.();
  return instance;
}

/**
 * `font` (a TrueType/OpenType sfnt) cut down to the glyphs that draw `codePoints`, with what its layout tables
 * reach from them (ligatures, conjuncts, contextual forms), without hinting. Throws when HarfBuzz cannot subset it.
 */
export function subsetFont(font: Uint8Array, codePoints: Iterable<number>): Buffer {
  const hb = hbSubset();
  const ptr = hb.malloc(font.length);
  new Uint8Array(hb.memory.buffer, ptr, font.length).set(font);
  const blob = hb.hb_blob_create(ptr, font.length, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    const set = hb.hb_subset_input_unicode_set(input);
    for (const cp of codePoints) hb.hb_set_add(set, cp);
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error("toklens: HarfBuzz could not subset a bundled font");
    const out = hb.hb_face_reference_blob(subset);
    const length = hb.hb_blob_get_length(out);
    const data = hb.hb_blob_get_data(out, 0);
    const bytes = Buffer.from(new Uint8Array(hb.memory.buffer, data, length));
    hb.hb_blob_destroy(out);
    hb.hb_face_destroy(subset);
    return bytes;
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(ptr);
  }
}

/**
 * An sfnt packed as WOFF 1.0 (each table zlib-compressed where that makes it smaller), the inverse of `woffToSfnt`
 * in fonts.ts. Every browser reads WOFF 1.0.
 */
export function sfntToWoff(sfnt: Buffer): Buffer {
  const count = sfnt.readUInt16BE(4);
  const tables = Array.from({ length: count }, (_, i) => {
    const rec = 12 + 16 * i;
    const offset = sfnt.readUInt32BE(rec + 8);
    const length = sfnt.readUInt32BE(rec + 12);
    const raw = sfnt.subarray(offset, offset + length);
    const packed = deflateSync(raw, { level: 9 });
    return {
      tag: sfnt.subarray(rec, rec + 4),
      checksum: sfnt.readUInt32BE(rec + 4),
      length,
      data: packed.length < length ? packed : raw,
    };
  }).sort((a, b) => Buffer.compare(a.tag, b.tag)); // WOFF keeps its directory sorted by tag
  const header = 44 + 20 * count;
  let size = header;
  for (const t of tables) size += (t.data.length + 3) & ~3;
  const out = Buffer.alloc(size);
  out.write("wOFF", 0, "latin1");
  out.writeUInt32BE(sfnt.readUInt32BE(0), 4);
  out.writeUInt32BE(size, 8);
  out.writeUInt16BE(count, 12);
  out.writeUInt32BE(12 + 16 * count + tables.reduce((n, t) => n + ((t.length + 3) & ~3), 0), 16);
  out.writeUInt16BE(1, 20); // font version 1.0 (majorVersion, minorVersion)
  let at = header;
  tables.forEach((t, i) => {
    const rec = 44 + 20 * i;
    t.tag.copy(out, rec);
    out.writeUInt32BE(at, rec + 4);
    out.writeUInt32BE(t.data.length, rec + 8);
    out.writeUInt32BE(t.length, rec + 12);
    out.writeUInt32BE(t.checksum, rec + 16);
    t.data.copy(out, at);
    at += (t.data.length + 3) & ~3;
  });
  return out;
}

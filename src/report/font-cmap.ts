// Reads which code points a font file maps to a glyph (its cmap table), for TrueType/OpenType files and collections.
import { readFileSync } from "node:fs";
import { OutputError } from "../errors.js";

/** Code points that some face of `font` (a .ttf, .otf or .ttc file, or its bytes) maps to a real glyph (not glyph 0, .notdef). */
export function fontCodePoints(font: string | Buffer): Set<number> {
  const buf = typeof font === "string" ? readFileSync(font) : font;
  const tag = buf.toString("latin1", 0, 4);
  const faces =
    tag === "ttcf" ? Array.from({ length: buf.readUInt32BE(8) }, (_, i) => buf.readUInt32BE(12 + 4 * i)) : [0];
  const out = new Set<number>();
  for (const face of faces) readFace(buf, face, out);
  return out;
}

function readFace(buf: Buffer, at: number, out: Set<number>): void {
  const tables = buf.readUInt16BE(at + 4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const rec = at + 12 + 16 * i;
    if (buf.toString("latin1", rec, rec + 4) === "cmap") cmap = buf.readUInt32BE(rec + 8);
  }
  if (cmap < 0) throw new OutputError("A font without a cmap table cannot draw text: leave it out of the chart fonts.");
  const subtables = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + 8 * i);
    const encoding = buf.readUInt16BE(cmap + 6 + 8 * i);
    // Unicode subtables only: platform 0 (any), or Windows (3) with encoding 1 (BMP) or 10 (full repertoire)
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const sub = cmap + buf.readUInt32BE(cmap + 8 + 8 * i);
    const format = buf.readUInt16BE(sub);
    if (format === 4) readFormat4(buf, sub, out);
    else if (format === 12) readFormat12(buf, sub, out);
  }
}

/** Format 4: segments of the BMP with a delta or an offset into a glyph array. */
function readFormat4(buf: Buffer, sub: number, out: Set<number>): void {
  const segCount = buf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  for (let s = 0; s < segCount; s++) {
    const end = buf.readUInt16BE(ends + 2 * s);
    const start = buf.readUInt16BE(starts + 2 * s);
    const delta = buf.readInt16BE(deltas + 2 * s);
    const rangeAt = rangeOffsets + 2 * s;
    const range = buf.readUInt16BE(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (range === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = buf.readUInt16BE(rangeAt + range + 2 * (c - start));
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
}

/** Format 12: groups of consecutive code points mapped to consecutive glyphs (all planes). */
function readFormat12(buf: Buffer, sub: number, out: Set<number>): void {
  const groups = buf.readUInt32BE(sub + 12);
  for (let g = 0; g < groups; g++) {
    const at = sub + 16 + 12 * g;
    const start = buf.readUInt32BE(at);
    const end = buf.readUInt32BE(at + 4);
    const glyph = buf.readUInt32BE(at + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.add(c);
  }
}

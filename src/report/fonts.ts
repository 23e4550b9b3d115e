// The fonts PNG charts are drawn with (regular Noto faces committed as WOFF under fonts/), and the text of an SVG
// turned into glyph outlines with them: HarfBuzz shapes, resvg only fills paths.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { OutputError } from "../errors.js";
import { PACKAGE_ROOT } from "../version.js";
import { fontCodePoints } from "./font-cmap.js";

/** The folder of the bundled chart fonts: `fonts/` at the package root (fonts/README.md, fonts/manifest.json). */
export const FONTS_DIR: string = join(PACKAGE_ROOT, "fonts");

/**
 * Folders of `fonts/` (one per font family, named after the fontsource package the files came from) whose regular
 * faces draw PNG chart text, in order of preference when several cover a run of text. They cover the scripts of
 * every language of the built-in UDHR corpus but Chakma (there is no Noto Chakma face among them). Han is drawn with
 * Simplified Chinese glyph forms, also in Japanese and Traditional Chinese text; Hangul comes from the Korean face.
 */
export const CHART_FONT_FAMILIES = [
  "noto-sans", // Latin, Cyrillic, Greek, Vietnamese, Devanagari
  "noto-sans-arabic",
  "noto-sans-hebrew",
  "noto-sans-syriac",
  "noto-sans-thaana",
  "noto-sans-armenian",
  "noto-sans-georgian",
  "noto-sans-ethiopic",
  "noto-sans-devanagari",
  "noto-sans-bengali",
  "noto-sans-gurmukhi",
  "noto-sans-gujarati",
  "noto-sans-tamil",
  "noto-sans-grantha",
  "noto-sans-telugu",
  "noto-sans-kannada",
  "noto-sans-malayalam",
  "noto-sans-sinhala",
  "noto-serif-tibetan", // there is no Noto Sans Tibetan
  "noto-sans-thai",
  "noto-sans-lao",
  "noto-sans-khmer",
  "noto-sans-myanmar",
  "noto-sans-tai-tham",
  "noto-sans-tai-viet",
  "noto-sans-javanese",
  "noto-sans-cherokee",
  "noto-sans-tifinagh",
  "noto-sans-adlam",
  "noto-sans-vai",
  "noto-sans-yi",
  "noto-sans-sc",
  "noto-sans-kr",
] as const;

/** One face text can be drawn with: the font's bytes and the code points it has glyphs for. */
export interface ChartFontFace {
  /** Where it came from: `fonts/<family>/<name>.woff`, or a font file's path. */
  source: string;
  /** The TrueType/OpenType font (a collection's first face is drawn). */
  data: Buffer;
  codePoints: ReadonlySet<number>;
}

const loaded = new Map<string, ChartFontFace[]>();

/** The WOFF files of a family's folder of `fonts/`, sorted: the faces loadChartFonts reads. */
export function chartFontFiles(family: string): string[] {
  const dir = join(FONTS_DIR, family);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new OutputError(
      `Chart font folder ${dir} is missing: reinstall toklens (its fonts/ folder is part of the package), or use --charts svg.`,
    );
  }
  const files = names.filter((f) => f.endsWith(".woff")).sort();
  if (files.length === 0)
    throw new OutputError(`Chart font folder ${dir} has no WOFF face: reinstall toklens, or use --charts svg.`);
  return files;
}

/**
 * Regular (400, upright) faces of `families` (folders of `fonts/`), unpacked from WOFF to TrueType in memory, once
 * per process. Only those files are read: no system font is involved.
 */
export function loadChartFonts(families: readonly string[] = CHART_FONT_FAMILIES): ChartFontFace[] {
  const key = families.join("\n");
  const hit = loaded.get(key);
  if (hit) return hit;
  const faces: ChartFontFace[] = [];
  for (const family of families) {
    for (const name of chartFontFiles(family)) {
      const data = woffToSfnt(readFileSync(join(FONTS_DIR, family, name)));
      faces.push({ source: `fonts/${family}/${name}`, data, codePoints: fontCodePoints(data) });
    }
  }
  loaded.set(key, faces);
  return faces;
}

/** A bundled face as read from `fonts/`, not unpacked: what the page fonts' cache is keyed by. */
export interface FontFile {
  /** `fonts/<family>/<name>.woff`, as `ChartFontFace.source`. */
  source: string;
  /** The WOFF file's bytes. */
  woff: Buffer;
  /** The sha256 of `woff` (hex). */
  sha256: string;
}

const read = new Map<string, FontFile[]>();

/**
 * What identifies the version of each WOFF file of `families` (in loadChartFonts' order) without reading it: its
 * path under fonts/, device, inode, size, and modification and change times in nanoseconds (as `fileSha256`'s
 * cache keys a file). Any write to a face changes its times, so a key made of these changes with the faces.
 */
export function bundledFontStats(families: readonly string[] = CHART_FONT_FAMILIES): string[][] {
  return families.flatMap((family) =>
    chartFontFiles(family).map((name) => {
      const s = statSync(join(FONTS_DIR, family, name), { bigint: true });
      return [`fonts/${family}/${name}`, ...[s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].map(String)];
    }),
  );
}

/** The WOFF files of `families`, in loadChartFonts' order, read (not unpacked) and hashed once per process. */
export function bundledFontFiles(families: readonly string[] = CHART_FONT_FAMILIES): FontFile[] {
  const key = families.join("\n");
  const hit = read.get(key);
  if (hit) return hit;
  const files = families.flatMap((family) =>
    chartFontFiles(family).map((name) => {
      const woff = readFileSync(join(FONTS_DIR, family, name));
      return { source: `fonts/${family}/${name}`, woff, sha256: createHash("sha256").update(woff).digest("hex") };
    }),
  );
  read.set(key, files);
  return files;
}

/**
 * The code points a WOFF face maps to a glyph (as `fontCodePoints` of its sfnt), unpacking only its cmap table: a
 * page that draws a few characters of a face need not inflate the glyphs of every bundled face to find them.
 */
export function woffCodePoints(woff: Buffer): Set<number> {
  return fontCodePoints(writeSfnt(woff.readUInt32BE(4), woffTables(woff, "cmap")));
}

/** Faces of font files (.ttf, .otf, .ttc) given by path, e.g. system fonts, in the given order. */
export function loadFontFiles(files: readonly string[]): ChartFontFace[] {
  return files.map((file) => {
    const data = readFileSync(file);
    return { source: file, data, codePoints: fontCodePoints(data) };
  });
}

/** A WOFF 1.0 file as the TrueType/OpenType font it wraps: each table inflated (zlib) where it was compressed. */
export function woffToSfnt(woff: Buffer): Buffer {
  return writeSfnt(woff.readUInt32BE(4), woffTables(woff));
}

/** The tables of a WOFF 1.0 file (or only the one tagged `only`), each inflated (zlib) where it was compressed. */
function woffTables(woff: Buffer, only?: string): SfntTable[] {
  if (woff.length < 44 || woff.toString("latin1", 0, 4) !== "wOFF") {
    throw new OutputError("Not a WOFF 1.0 font (it does not start with 'wOFF'): chart fonts must be .woff files.");
  }
  const count = woff.readUInt16BE(12);
  const tables: SfntTable[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 44 + 20 * i;
    const tag = woff.toString("latin1", entry, entry + 4);
    if (only !== undefined && tag !== only) continue;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    const data = compressed < length ? inflateSync(raw) : raw;
    if (data.length !== length) throw new OutputError(`Damaged WOFF font: table ${tag} unpacks to the wrong size.`);
    tables.push({ tag, checksum: woff.readUInt32BE(entry + 16), data });
  }
  return tables;
}

interface SfntTable {
  tag: string;
  checksum: number;
  data: Buffer;
}

/** Assembles an sfnt: header, table directory (in the given order, which WOFF keeps sorted by tag), 4-byte aligned tables. */
function writeSfnt(flavor: number, tables: readonly SfntTable[]): Buffer {
  const n = tables.length;
  let size = 12 + 16 * n;
  for (const t of tables) size += (t.data.length + 3) & ~3;
  const out = Buffer.alloc(size);
  let power = 1;
  let log = 0;
  while (power * 2 <= n) {
    power *= 2;
    log++;
  }
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(log, 8);
  out.writeUInt16BE(n * 16 - power * 16, 10);
  let at = 12 + 16 * n;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    out.write(t.tag, rec, "latin1");
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(at, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    t.data.copy(out, at);
    at += (t.data.length + 3) & ~3;
  });
  return out;
}

/** A stretch of text drawn with one face; `face` is undefined where no face has a glyph. */
export interface FontRun {
  text: string;
  face: ChartFontFace | undefined;
}

/** Joiners, variation selectors and other invisible format characters: they stay with the run they are in. */
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}]$/u;

/**
 * Splits `text` into runs each drawn by one face: from each position, the face (among those with a glyph for that
 * character) that covers the longest stretch, the earlier face on a tie. A Devanagari word stays one run with its
 * vowel signs and conjuncts, so it is shaped as a whole.
 *
 * resvg (2.6.2) falls back between fonts per character and gives up when the fallback face shapes the text into a
 * different number of glyphs, which every Brahmic conjunct does: mixed labels such as `हिन्दी (hin_Deva)` came out
 * as boxes. Naming one face per run leaves no fallback to resvg.
 */
export function splitFontRuns(text: string, faces: readonly ChartFontFace[]): FontRun[] {
  const chars = [...text];
  const covers = (face: ChartFontFace, ch: string) => face.codePoints.has(ch.codePointAt(0)!) || INVISIBLE.test(ch);
  const runs: FontRun[] = [];
  const push = (run: FontRun) => {
    const last = runs[runs.length - 1];
    if (last && last.face === run.face) last.text += run.text;
    else runs.push(run);
  };
  let i = 0;
  while (i < chars.length) {
    let best: ChartFontFace | undefined;
    let bestEnd = i;
    for (const face of faces) {
      if (!covers(face, chars[i]!)) continue;
      let end = i + 1;
      while (end < chars.length && covers(face, chars[end]!)) end++;
      if (end > bestEnd) {
        best = face;
        bestEnd = end;
      }
    }
    if (!best) {
      bestEnd = i + 1;
      while (bestEnd < chars.length && !faces.some((f) => covers(f, chars[bestEnd]!))) bestEnd++;
    }
    push({ text: chars.slice(i, bestEnd).join(""), face: best });
    i = bestEnd;
  }
  return runs;
}

/**
 * resvg (2.6.2) shapes text itself, and gets Brahmic scripts wrong: spaces vanish from Devanagari, Bengali and Telugu
 * clusters come apart, Myanmar medials are boxed, and when a label needs two fonts it shapes the whole label with
 * each and drops it if the glyph counts differ (every conjunct does), so `हिन्दी (hin_Deva)` came out as boxes.
 * So the text is shaped here with HarfBuzz (the reference shaper, the one browsers use), one run per face, and drawn
 * as outlines: each `<text>` becomes a `<g>` with the same attributes holding one `<path>` per glyph.
 */
export async function textToPaths(svg: string, faces: readonly ChartFontFace[]): Promise<string> {
  const hb = await import("harfbuzzjs");
  type Shaper = { font: InstanceType<typeof hb.Font>; upem: number; paths: Map<number, string> };
  const shapers = new Map<ChartFontFace, Shaper>();
  const fallback = faces.find((f) => f.codePoints.has(0x41)) ?? faces[0];
  if (!fallback)
    throw new OutputError("No fonts to draw chart text with: leave fontFamilies out to use the bundled fonts.");
  const shaperOf = (face: ChartFontFace): Shaper => {
    let shaper = shapers.get(face);
    if (!shaper) {
      const hbFace = new hb.Face(new hb.Blob(face.data), 0);
      shaper = { font: new hb.Font(hbFace), upem: hbFace.upem, paths: new Map() };
      shapers.set(face, shaper);
    }
    return shaper;
  };
  /** Glyphs of `text` in `face`, positions in font units (y up), and the advance width. */
  const shape = (face: ChartFontFace, text: string) => {
    const shaper = shaperOf(face);
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(shaper.font, buffer);
    const glyphs: { id: number; x: number; y: number }[] = [];
    let pen = 0;
    const positions = buffer.getGlyphPositions();
    buffer.getGlyphInfos().forEach((info, i) => {
      const p = positions[i]!;
      glyphs.push({ id: info.codepoint, x: pen + p.xOffset, y: p.yOffset });
      pen += p.xAdvance;
    });
    return { shaper, glyphs, width: pen };
  };
  /** Paths of one line of text with its anchor point at (0, y). */
  const drawLine = (text: string, size: number, anchor: string, y: number): string => {
    const shaped = visualOrder(splitFontRuns(text, faces)).map((run) => shape(run.face ?? fallback, run.text));
    const total = shaped.reduce((w, s) => w + (s.width * size) / s.shaper.upem, 0);
    let x = anchor === "middle" ? -total / 2 : anchor === "end" ? -total : 0;
    let out = "";
    for (const { shaper, glyphs, width } of shaped) {
      const k = size / shaper.upem;
      for (const g of glyphs) {
        let d = shaper.paths.get(g.id);
        if (d === undefined) {
          d = shaper.font.glyphToPath(g.id);
          shaper.paths.set(g.id, d);
        }
        if (d !== "")
          out += `<path transform="translate(${round(x + g.x * k)},${round(y - g.y * k)}) scale(${round4(k)},${round4(-k)})" d="${d}"/>`;
      }
      x += width * k;
    }
    return out;
  };
  return svg.replace(/<text\b([^>]*?)(?:\/>|>([\s\S]*?)<\/text>)/g, (_, attrs: string, inner: string | undefined) => {
    const size = Number(/\sfont-size="([\d.]+)(?:px)?"/.exec(attrs)?.[1] ?? 12);
    const anchor = /\stext-anchor="(start|middle|end)"/.exec(attrs)?.[1] ?? "start";
    const at = (name: string) => Number(new RegExp(`\\s${name}="([-\\d.e]+)"`).exec(attrs)?.[1] ?? 0);
    // vega writes one text node, or one <tspan> per line with `x="0" dy="<line height>"` from the second on
    let body = "";
    let y = 0;
    for (const line of (inner ?? "").matchAll(/<tspan\b([^>]*)>([\s\S]*?)<\/tspan>|([^<]+)/g)) {
      if (line[1] !== undefined) y += Number(/\sdy="([-\d.e]+)"/.exec(line[1])?.[1] ?? 0);
      const text = decodeXml(line[2] ?? line[3] ?? "");
      if (text.trim() !== "") body += drawLine(text, size, anchor, y);
    }
    const shift = at("x") !== 0 || at("y") !== 0 ? ` transform="translate(${at("x")},${at("y")})"` : "";
    const bold = /\sfont-weight="(bold|[6-9]00)"/.test(attrs);
    // only regular faces are bundled: bold is drawn as regular glyphs outlined in their own colour
    const fill = /\sfill="([^"]*)"/.exec(attrs)?.[1] ?? "#000";
    const stroke = bold
      ? ` stroke="${fill}" stroke-width="${round(boldStroke(shaperOf(fallback).upem))}" stroke-linejoin="round"`
      : "";
    return `<g${attrs.replace(/\s(x|y|dx|dy)="[^"]*"/g, "")}${stroke}><g${shift}>${body}</g></g>`;
  });
}

/** Stroke width (font units) that makes a regular face look bold: 4% of the em. */
function boldStroke(upem: number): number {
  return upem * 0.04;
}

const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;

/**
 * Runs left to right on the page, for a left-to-right label: consecutive right-to-left runs (Hebrew, Arabic ...), with
 * the white space between them, are read right to left, so their order flips. HarfBuzz orders glyphs within a run.
 */
export function visualOrder(runs: readonly FontRun[]): FontRun[] {
  const out: FontRun[] = [];
  let i = 0;
  while (i < runs.length) {
    if (!RTL.test(runs[i]!.text)) {
      out.push(runs[i++]!);
      continue;
    }
    let end = i + 1;
    for (let j = i + 1; j < runs.length; j++) {
      if (RTL.test(runs[j]!.text)) end = j + 1;
      else if (runs[j]!.text.trim() !== "") break;
    }
    // white space at the ends of the sequence sits between it and left-to-right text: it stays in place
    const group = runs.slice(i, end).map((r) => ({ ...r }));
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const lead = /^\s*/.exec(first.text)![0];
    first.text = first.text.slice(lead.length);
    const trail = /\s*$/.exec(last.text)![0];
    last.text = last.text.slice(0, last.text.length - trail.length);
    if (lead) out.push({ text: lead, face: first.face });
    out.push(...group.filter((r) => r.text !== "").reverse());
    if (trail) out.push({ text: trail, face: last.face });
    i = end;
  }
  return out;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
  );
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function round4(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}

// Copies the font files PNG charts are drawn with (regular WOFF faces of the pinned @fontsource Noto packages) into
// fonts/, with each package's licence, and writes fonts/manifest.json. Run by hand, never at install or test time:
//   npm install --no-save <the packages and versions of FONT_PACKAGES below>   (if they are not installed)
//   node scripts/fonts.mjs && npx prettier --write fonts/manifest.json
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";

/**
 * The packages and exact versions the committed files come from, in the order of CHART_FONT_FAMILIES
 * (src/report/fonts.ts; test/report/font-files.test.ts keeps the two in step). Yi and Tai Tham exist only as 4.x.
 */
const FONT_PACKAGES = {
  "@fontsource/noto-sans": "5.3.0",
  "@fontsource/noto-sans-arabic": "5.3.0",
  "@fontsource/noto-sans-hebrew": "5.3.0",
  "@fontsource/noto-sans-syriac": "5.3.0",
  "@fontsource/noto-sans-thaana": "5.3.0",
  "@fontsource/noto-sans-armenian": "5.3.0",
  "@fontsource/noto-sans-georgian": "5.3.0",
  "@fontsource/noto-sans-ethiopic": "5.3.0",
  "@fontsource/noto-sans-devanagari": "5.3.0",
  "@fontsource/noto-sans-bengali": "5.3.0",
  "@fontsource/noto-sans-gurmukhi": "5.3.0",
  "@fontsource/noto-sans-gujarati": "5.3.0",
  "@fontsource/noto-sans-tamil": "5.3.0",
  "@fontsource/noto-sans-grantha": "5.3.0",
  "@fontsource/noto-sans-telugu": "5.3.0",
  "@fontsource/noto-sans-kannada": "5.3.0",
  "@fontsource/noto-sans-malayalam": "5.3.0",
  "@fontsource/noto-sans-sinhala": "5.3.0",
  "@fontsource/noto-serif-tibetan": "5.3.0",
  "@fontsource/noto-sans-thai": "5.3.0",
  "@fontsource/noto-sans-lao": "5.3.0",
  "@fontsource/noto-sans-khmer": "5.3.0",
  "@fontsource/noto-sans-myanmar": "5.3.0",
  "@fontsource/noto-sans-tai-tham": "4.5.12",
  "@fontsource/noto-sans-tai-viet": "5.3.0",
  "@fontsource/noto-sans-javanese": "5.3.0",
  "@fontsource/noto-sans-cherokee": "5.3.0",
  "@fontsource/noto-sans-tifinagh": "5.3.0",
  "@fontsource/noto-sans-adlam": "5.3.0",
  "@fontsource/noto-sans-vai": "5.3.0",
  "@fontsource/noto-sans-yi": "4.5.12",
  "@fontsource/noto-sans-sc": "5.3.0",
  "@fontsource/noto-sans-kr": "5.3.0",
};

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "fonts");
const require = createRequire(join(root, "package.json"));
const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");

/** The package's folder, after checking it is installed at the pinned version. */
function packageDir(pkg, version) {
  let manifest;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(`${pkg} is not installed: npm install --no-save ${pkg}@${version}`);
  }
  const found = JSON.parse(readFileSync(manifest, "utf8")).version;
  if (found !== version)
    throw new Error(`${pkg} is ${found}, not the pinned ${version}: npm install --no-save ${pkg}@${version}`);
  return dirname(manifest);
}

/**
 * The files src/report/fonts.ts has always read from a package: its regular (400, upright) WOFF 1.0 slices, or, in
 * fontsource 4.x packages that also ship the whole face as one `-all-` file, that file alone.
 */
function regularFaces(dir) {
  const regular = readdirSync(join(dir, "files"))
    .filter((f) => f.endsWith("-400-normal.woff"))
    .sort();
  const all = regular.filter((f) => f.includes("-all-400-normal"));
  return all.length > 0 ? all : regular;
}

/** The `unicode-range` the package's index.css declares for `file`, when exactly one @font-face block serves it. */
function unicodeRange(dir, file) {
  const css = readFileSync(join(dir, "index.css"), "utf8");
  const blocks = css.split("@font-face").filter((b) => b.includes(`files/${file})`) || b.includes(`files/${file}'`));
  if (blocks.length !== 1) return undefined;
  return /unicode-range:\s*([^;]+);/.exec(blocks[0])?.[1]?.trim();
}

/**
 * The font's own copyright line (name record 0 of its name table): 4.x packages ship no licence file, so theirs is
 * written from it and the OFL 1.1 text the 5.x packages ship.
 */
function fontCopyright(woff) {
  const count = woff.readUInt16BE(12);
  for (let i = 0; i < count; i++) {
    const entry = 44 + 20 * i;
    if (woff.toString("latin1", entry, entry + 4) !== "name") continue;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    const table = compressed < length ? inflateSync(raw) : raw;
    const records = table.readUInt16BE(2);
    const strings = table.readUInt16BE(4);
    for (let r = 0; r < records; r++) {
      const rec = 6 + 12 * r;
      if (table.readUInt16BE(rec) !== 3 || table.readUInt16BE(rec + 6) !== 0) continue;
      const at = strings + table.readUInt16BE(rec + 10);
      return Buffer.from(table.subarray(at, at + table.readUInt16BE(rec + 8)))
        .swap16()
        .toString("utf16le");
    }
  }
  throw new Error("the font has no copyright record (name ID 0)");
}

const OFL_START = "This Font Software is licensed under the SIL Open Font License, Version 1.1.";
const oflBody = (() => {
  const text = readFileSync(join(packageDir("@fontsource/noto-sans", "5.3.0"), "LICENSE"), "utf8");
  const at = text.indexOf(OFL_START);
  if (at < 0) throw new Error("@fontsource/noto-sans's LICENSE is not the OFL 1.1");
  return text.slice(at);
})();

// fonts/README.md is written by hand: everything else in fonts/ is this script's output
mkdirSync(out, { recursive: true });
for (const name of readdirSync(out))
  if (name !== "README.md") rmSync(join(out, name), { recursive: true, force: true });
const files = [];
const licences = [];
for (const [pkg, version] of Object.entries(FONT_PACKAGES)) {
  const dir = packageDir(pkg, version);
  const family = pkg.split("/")[1];
  const meta = JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8"));
  mkdirSync(join(out, family), { recursive: true });
  const faces = regularFaces(dir);
  if (faces.length === 0) throw new Error(`${pkg} has no regular WOFF face`);
  const licencePath = `${family}/LICENSE`;
  if (existsSync(join(dir, "LICENSE"))) {
    copyFileSync(join(dir, "LICENSE"), join(out, licencePath));
    licences.push({ path: licencePath, package: pkg, version, originalPath: "LICENSE" });
  } else {
    const copyright = fontCopyright(readFileSync(join(dir, "files", faces[0])));
    writeFileSync(join(out, licencePath), `${copyright}\n\n${oflBody}`);
    licences.push({
      path: licencePath,
      package: pkg,
      version,
      originalPath: null,
      note: `the package ships no licence file: written by scripts/fonts.mjs from the font's copyright (name ID 0) and the OFL 1.1 text of @fontsource/noto-sans's LICENSE (the font's licence URL, name ID 14, is the OFL)`,
    });
  }
  for (const name of faces) {
    const data = readFileSync(join(dir, "files", name));
    writeFileSync(join(out, family, name), data);
    const range = unicodeRange(dir, name);
    files.push({
      path: `${family}/${name}`,
      family: meta.family ?? meta.fontName,
      package: pkg,
      version,
      originalPath: `files/${name}`,
      bytes: data.length,
      sha256: sha256(data),
      licence: "OFL-1.1",
      licenceFile: licencePath,
      ...(range ? { unicodeRange: range } : {}),
    });
  }
}
for (const l of licences) l.sha256 = sha256(readFileSync(join(out, l.path)));

const manifest = {
  generated: "by scripts/fonts.mjs; rerun with `node scripts/fonts.mjs && npx prettier --write fonts/manifest.json`",
  what: "The regular-weight Noto faces PNG charts are drawn with (src/report/fonts.ts reads every file listed here and no other), copied unchanged from the fontsource npm packages (https://fontsource.org, fonts from Google Fonts), with each package's licence.",
  source: "https://www.npmjs.com/org/fontsource",
  licence: "OFL-1.1 (SIL Open Font License 1.1), every font",
  files,
  licences,
};
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
const total = files.reduce((n, f) => n + f.bytes, 0);
console.log(`fonts/: ${files.length} font files (${(total / 1e6).toFixed(2)} MB), ${licences.length} licences`);

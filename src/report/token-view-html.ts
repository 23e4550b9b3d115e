// The token-boundary view in HTML: per language one sample as each tokenizer splits it; a report section and a page.
import { FONT_FAMILY, tokenizerColors } from "./charts/common.js";
import { escapeHtml, jsonForScript } from "./escape.js";
import { packTokenSplit, type PackedTokenSplit } from "../results/packed-tokens.js";
import { base64Ids, ID_DIGITS } from "../results/packed-token-codec.js";
import { TOKEN_VIEW_SCRIPT, TOKEN_VIEW_STYLE } from "./page-assets.js";
import { pageShell } from "./page-shell.js";
import { pageFonts } from "./page-fonts.js";
import { TOKEN_PAGE_GENERATOR } from "./report-dir.js";
import { TOOLKIT_VERSION } from "../version.js";
import type { TokenSample } from "../results/report-data.js";
import type { TokenGroup } from "../tokenizers/token-pieces.js";

/** What the view's script reads: the samples plus each tokenizer's label and colour. */
export interface TokenViewData {
  tokenizers: { id: string; label: string; color: string }[];
  languages: { code: string; label: string }[];
  samples: TokenSample[];
}

/** Builds the view's data; tokenizers keep the colour they have in the charts. */
export function tokenViewData(
  tokenizers: readonly { id: string; label: string }[],
  languages: readonly { code: string; label: string }[],
  samples: readonly TokenSample[],
): TokenViewData {
  const colors = tokenizerColors(tokenizers.map((t) => t.id));
  const withSample = new Set(samples.map((s) => s.language));
  return {
    tokenizers: tokenizers.map((t, i) => ({ id: t.id, label: t.label, color: colors[i]! })),
    languages: languages.filter((l) => withSample.has(l.code)).map((l) => ({ code: l.code, label: l.label })),
    samples: [...samples],
  };
}

/**
 * A split as the page carries it: `ids` ("7740 29920 ...", ~6 bytes a token) become `ids64`, each id as `idWidth`
 * base-64 digits without separators (3 bytes a token for a vocabulary up to 262,144), about a third of a large
 * page's token view. `fromPageSplit` and the view's script read it back (base64Ids in packed-token-codec.ts).
 */
export type PageTokenSplit = Omit<PackedTokenSplit, "ids"> & { ids64: string; idWidth: number };

export function toPageSplit(split: PackedTokenSplit): PageTokenSplit {
  const { ids, ...rest } = split;
  const values = ids === "" ? [] : ids.split(" ").map(Number);
  let width = 1;
  while (values.some((v) => v >= 64 ** width)) width++;
  const digits = values.map((v) => {
    let out = "";
    for (let i = 0; i < width; i++, v = Math.floor(v / 64)) out = ID_DIGITS[v % 64]! + out;
    return out;
  });
  return { ...rest, ids64: digits.join(""), idWidth: width };
}

export function fromPageSplit(split: PageTokenSplit): PackedTokenSplit {
  const { ids64, idWidth, ...rest } = split;
  return { ...rest, ids: base64Ids(ids64, idWidth).join(" ") };
}

/** What the report's token view says it shows: each language's sample, cut after a sentence. */
export const REPORT_TOKEN_LEDE =
  "One sample per language: its first segment, cut after a sentence to at most a few hundred characters (about a sentence in a report of many languages; each sample says what was cut), as each tokenizer splits it. Pick a second language to see the same segment's splits beside it, tokenizer by tokenizer.";

/** What every token view says about reading it. */
const HOW_TO_READ =
  "Tokens alternate backgrounds; · is a space, ¶ a line break. Hover a token for its id, the string stored in the vocabulary and its bytes. Tokens that hold bytes rather than whole characters (byte fallback, pieces of a UTF-8 character) show as hex bytes under the character they build.";

/** The section's HTML (the script fills #tok-view); `lede` says what the samples are. */
export function tokenViewSection(data: TokenViewData, note = "", lede = REPORT_TOKEN_LEDE): string {
  const beside =
    data.languages.length > 1
      ? ` <label>beside it <select id="tok-lang2" aria-label="A second language, shown beside the first"></select></label>`
      : "";
  return `<section id="tokens"><h2>Tokens: how each tokenizer splits a sample</h2>
<p class="lede">${escapeHtml(lede)} ${HOW_TO_READ}</p>
${note}<div class="tok-controls"><label>Language <select id="tok-lang" aria-label="Language of the sample"></select></label>${beside}</div>
<div id="tok-view"></div>
<script type="application/json" id="toklens-token-samples">${jsonForScript({ ...data, samples: data.samples.map((x) => ({ ...x, splits: x.splits.map(toPageSplit) })) })}</script>
</section>`;
}

/** A standalone page with the token view of one text (`toklens tokenize --html`): no network, only its own script. */
export function tokenViewPage(
  title: string,
  text: string,
  splits: { id: string; label: string; groups: TokenGroup[] }[],
): string {
  const data = tokenViewData(
    splits.map((s) => ({ id: s.id, label: s.label })),
    [{ code: "text", label: "the text" }],
    [{ language: "text", segment: "", text, splits: splits.map((s) => packTokenSplit(s.id, text, s.groups)) }],
  );
  const chars = [...text].length;
  const names = splits.map((s) => s.label).join(", ");
  // the page describes the user's text, not the report's samples
  const lede = `Your text (${chars.toLocaleString("en-US")} character${chars === 1 ? "" : "s"}, shown whole) as ${splits.length === 1 ? "the tokenizer" : `each of ${splits.length} tokenizers`} (${names}) split${splits.length === 1 ? "s" : ""} it.`;
  const body = `<h1>${escapeHtml(title)}</h1>\n${tokenViewSection(data, "", lede)}`;
  const style = `
${pageFonts(title + body + TOKEN_VIEW_SCRIPT).css}
:root { --fg: #1d1d1f; --muted: #5f6368; --line: #e3e3e3; }
body { font-family: ${FONT_FAMILY}; color: var(--fg); background: #fafafa; margin: 0 auto; max-width: 1180px; padding: 16px 24px; line-height: 1.45; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; }
.tok-controls { display: none; }
${TOKEN_VIEW_STYLE}
`;
  return pageShell({
    title,
    style,
    body,
    scripts: [TOKEN_VIEW_SCRIPT],
    allowDataFonts: true,
    // how a later `tokenize --html` knows it may replace this file (checkPageTarget)
    generator: `generated by toklens ${TOOLKIT_VERSION} (${TOKEN_PAGE_GENERATOR})`,
  });
}

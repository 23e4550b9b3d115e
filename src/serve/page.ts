// The live page of `toklens serve`: the report's token view and page shell (strict CSP, only its own inline scripts,
// fetches and fonts from its own origin only), with the text box, tokenizer chips, mode and language pickers of serve.js.
import { FONT_FAMILY } from "../report/charts/common.js";
import { jsonForScript } from "../report/escape.js";
import { SERVE_SCRIPT, SERVE_STYLE, TOKEN_VIEW_SCRIPT, TOKEN_VIEW_STYLE } from "../report/page-assets.js";
import { contentSecurityPolicy, pageShell } from "../report/page-shell.js";
import { TOOLKIT_VERSION } from "../version.js";
import { pageFonts } from "./fonts.js";

/** What the page's script starts from (the rest comes from the URL). */
export interface ServePageConfig {
  /** Tokenizers shown when the URL names none. */
  tokenizers: string[];
  /** Built-in ids, offered when adding a tokenizer. */
  builtins: { id: string; name: string }[];
  languages: { code: string; label: string }[];
  pivot: string;
  /** The text shown when the URL has none. */
  text: string;
  /** Whether a prices file was given (a cost column). */
  prices: boolean;
  /** Milliseconds the page waits after a keystroke before asking. */
  debounceMs: number;
  /** Reports under --reports (paths of their index.html, relative to that folder); null without --reports. */
  reports: string[] | null;
}

const SCRIPTS = [TOKEN_VIEW_SCRIPT, SERVE_SCRIPT] as const;

/** The CSP the page's meta tag and the server's header both carry. */
export const SERVE_PAGE_CSP = contentSecurityPolicy(SCRIPTS, { allowSelf: true });

const BODY = `<h1>toklens serve <small>live tokens, on this machine only</small></h1>
<div class="serve-bar">
<label>Mode <select id="serve-mode" aria-label="Mode"><option value="live">Live text: many tokenizers</option><option value="langs">Compare languages: one tokenizer</option></select></label>
<label>Language <select id="serve-lang" aria-label="Language of the corpus segment"></select></label>
</div>
<div class="serve-bar"><span>Tokenizers</span> <span id="serve-tokenizers"></span>
<input id="serve-add" list="serve-builtins" placeholder="id, path or hf:org/name" aria-label="Add a tokenizer"> <button type="button" id="serve-add-button">Add</button></div>
<div id="serve-live"><textarea id="serve-text" aria-label="Text to tokenize" spellcheck="false"></textarea></div>
<div id="serve-compare" hidden><label>Languages (codes, comma-separated; the first tokenizer splits the pivot's first segment in each) <input id="serve-langs" aria-label="Languages to compare"></label></div>
<div id="serve-status" role="status"></div>
<table id="serve-stats"></table>
<div id="serve-views"></div>
<section id="serve-reports" hidden><h2>Reports</h2><ul id="serve-report-list"></ul>
<div class="serve-bar"><label>New report <input id="serve-run-name" placeholder="folder name" aria-label="Folder of the new report"></label>
<label>Languages <input id="serve-run-langs" placeholder="codes, comma-separated (default: 45 UDHR languages)" aria-label="Languages of the new report"></label>
<select id="serve-run-kind" aria-label="What to run"><option value="report">toklens report</option><option value="compare">toklens compare (Markdown)</option></select>
<button type="button" id="serve-run-button">Run with the built-in tokenizers above</button></div>
<ul id="serve-runs"></ul></section>`;

/** The whole page. */
export function servePage(config: ServePageConfig): string {
  const fonts = pageFonts();
  const builtins = config.builtins.map((b) => ({ value: b.id, label: b.name }));
  return pageShell({
    title: "toklens serve",
    style: `${fonts.css}\nbody { font-family: ${[...fonts.families.map((f) => `"${f}"`), FONT_FAMILY].join(", ")}; }\n${SERVE_STYLE}\n${TOKEN_VIEW_STYLE}`,
    body: `${BODY}
<datalist id="serve-builtins"></datalist>
<script type="application/json" id="toklens-serve-config">${jsonForScript({ ...config, builtins })}</script>`,
    scripts: SCRIPTS,
    allowSelf: true,
    generator: `toklens ${TOOLKIT_VERSION} serve`,
  });
}

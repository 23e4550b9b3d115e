// The token-boundary view for a terminal: tokens on alternating ANSI backgrounds, or `|`-separated plain text.
import type { TokenGroup } from "../tokenizers/token-pieces.js";
import { visibleWhitespace } from "../tokenizers/token-pieces.js";
import { terminalSafe } from "./output.js";

/** Black text on light blue / light orange (256-colour palette), the report's two token backgrounds. */
const BACKGROUNDS = ["\u001b[30;48;5;153m", "\u001b[30;48;5;223m"] as const;
const DIM = "\u001b[2m";
const RESET = "\u001b[0m";

/**
 * One tokenizer's split as lines of text. With `color`, tokens sit on alternating backgrounds; without, tokens
 * are separated by `|`. White space shows as `·` `→` `↵`; a run of byte tokens shows as the character(s) it
 * builds followed by its tokens' hex bytes in brackets (`न[e0 a4|a8]`). A line break in the text breaks the line.
 */
export function formatTokenView(groups: readonly TokenGroup[], color: boolean): string {
  let out = "";
  let n = 0;
  const paint = (text: string) => (color ? `${BACKGROUNDS[n++ % 2]}${text}${RESET}` : text);
  groups.forEach((g, i) => {
    if (!color && i > 0 && !out.endsWith("\n")) out += "|";
    const shown = terminalSafe(visibleWhitespace(g.text));
    if (!g.bytes) {
      out += paint(shown || "∅");
    } else {
      const hex = g.tokens.map((t) => paint(t.hex || "∅")).join(color ? " " : "|");
      out += color ? `${shown}${DIM}[${RESET}${hex}${DIM}]${RESET}` : `${shown}[${hex}]`;
    }
    if (g.text.includes("\n")) out += "\n";
  });
  return out.endsWith("\n") ? out : out + "\n";
}

/** Whether to colour: stdout is a terminal and NO_COLOR is not set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env["NO_COLOR"];
}

// What a section of the report page is: its element id, its link in the page's nav, when the data has it, its HTML.
import type { PageContext } from "../chart-box.js";
import { escapeHtml } from "../escape.js";
import { type ReportModel, tokenizerLabel } from "../report-model.js";

/** One section of the page. A new section is one file in sections/ plus its line in registry.ts. */
export interface SectionDefinition<Id extends string = string> {
  /** The `<section>` element's id (the nav links to `#id`); charts name their section by it (chart-registry.ts). */
  id: Id;
  /** The section's link text in the page's nav. */
  nav: string;
  /** Whether the report's data has this section; a section without data is left out, nav link included. */
  enabled(model: ReportModel): boolean;
  /** The section's HTML, its `<section id>` element included; called only when `enabled`. */
  render(ctx: PageContext): string;
}

/** A section, its id kept as a literal type (so the registry's ids form a union). */
export function defineSection<const Id extends string>(section: SectionDefinition<Id>): SectionDefinition<Id> {
  return section;
}

/**
 * The note of a section that needs a real tokenizer, naming the `counts:` tokenizers it leaves out (`countsOnly` of
 * its data; none: no note). `why` says what they lack, e.g. "no token ids to show a split".
 */
export function countsOnlyNote(model: ReportModel, countsOnly: readonly string[] | undefined, why: string): string {
  if (!countsOnly || countsOnly.length === 0) return "";
  const names = countsOnly.map((id) => escapeHtml(tokenizerLabel(model, id))).join(", ");
  return `<p class="note">Not in this section: ${names}, measured by ${countsOnly.length === 1 ? "its" : "their"} token counts only (<code>counts:</code>), with ${why}.</p>\n`;
}

/** `enabled` of a section every report has. */
export const always = (): boolean => true;

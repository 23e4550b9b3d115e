// What a section of the report page is: its element id, its link in the page's nav, when the data has it, its HTML.
import type { PageContext } from "../chart-box.js";
import type { ReportModel } from "../report-model.js";

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

/** `enabled` of a section every report has. */
export const always = (): boolean => true;

// The ids of the report page's sections, in page order: a leaf module, so charts can name their section without
// importing the sections (which import the charts' page context). registry.ts must list exactly these, in this order.

export const SECTION_IDS = [
  "summary",
  "tokens",
  "premium",
  "groups",
  "efficiency",
  "cost",
  "diff",
  "vocab",
  "adaptation",
  "morph",
  "numbers",
  "provenance",
] as const;

/** A section's id: `summary`, `premium`, ... (the `<section>` element's id, and how a chart names its section). */
export type SectionId = (typeof SECTION_IDS)[number];

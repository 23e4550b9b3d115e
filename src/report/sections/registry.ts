// The report page's sections in page order: html.ts renders every enabled one, and the nav lists them in this order.
import { adaptationSection } from "./adaptation.js";
import { costSection } from "./cost.js";
import { diffSection } from "./diff.js";
import { efficiencySection } from "./efficiency.js";
import { groupsSection } from "./groups.js";
import { morphSection } from "./morph.js";
import { numbersSection } from "./numbers.js";
import { premiumSection } from "./premium.js";
import { provenanceSection } from "./provenance.js";
import { summarySection } from "./summary.js";
import { tokensSection } from "./tokens.js";
import { vocabSection } from "./vocab.js";
import type { SectionId } from "./ids.js";

/** Every section, in page order. */
export const SECTIONS = [
  summarySection,
  tokensSection,
  premiumSection,
  groupsSection,
  efficiencySection,
  costSection,
  diffSection,
  vocabSection,
  adaptationSection,
  morphSection,
  numbersSection,
  provenanceSection,
] as const;

/** Compiles only when SECTIONS has a section for every id of ids.ts and no other (the order is tested). */
type Listed = (typeof SECTIONS)[number]["id"];
const _sectionsComplete: [Exclude<SectionId, Listed>, Exclude<Listed, SectionId>] extends [never, never]
  ? true
  : never = true;

export type { SectionId };

// The report page's section #tokens ("Tokens"): one entry of registry.ts.
import type { PageContext } from "../chart-box.js";
import type { ReportModel } from "../report-model.js";
import { tokenViewData, tokenViewSection } from "../token-view-html.js";
import { countsOnlyNote, defineSection } from "./section.js";

/** "Tokens": how each tokenizer splits a sample per language, when the data has samples. */
export const tokensSection = defineSection({
  id: "tokens",
  nav: "Tokens",
  enabled: (model) => samplesOf(model).length > 0,
  render: renderTokens,
});

/** The token samples of the report (none: no section). */
const samplesOf = (model: ReportModel) => model.data.tokenSamples?.samples ?? [];

function renderTokens({ model }: PageContext): string {
  const samples = samplesOf(model);
  const note = countsOnlyNote(model, model.data.tokenSamples?.countsOnly, "no token ids to show a split");
  return tokenViewSection(tokenViewData(model.tokenizers, model.languages, samples), note);
}

// The report page's section #efficiency ("Fertility & bytes/token"): one entry of registry.ts.
import { chartBox, type PageContext } from "../chart-box.js";
import { always, defineSection } from "./section.js";

/** "Fertility & bytes/token": the fertility chart. */
export const efficiencySection = defineSection({
  id: "efficiency",
  nav: "Fertility & bytes/token",
  enabled: always,
  render: renderEfficiency,
});

function renderEfficiency({ chart, tall, legend }: PageContext): string {
  return `<section id="efficiency"><h2>Fertility and bytes per token</h2>
<p class="lede">Fertility is tokens per word (words as segmented by toklens); bytes per token is how much UTF-8 text one token carries.</p>
${chartBox(chart("fertility"), tall, legend)}
</section>`;
}

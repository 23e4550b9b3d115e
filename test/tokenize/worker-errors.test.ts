// Errors thrown in a worker thread arrive in the main thread as their own class, with their message and exit code:
// every class of src/errors.ts is registered, survives a real postMessage, and a pool worker's load error does too.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import * as errors from "../../src/errors.js";
import {
  ERROR_CLASSES,
  ToklensError,
  TokenizerLoadError,
  errorFromTransport,
  type ErrorClassName,
  type ErrorTransport,
} from "../../src/errors.js";
import { preparedInput, runTokenize } from "../../src/tokenize/run.js";
import { prepareLanguage } from "../../src/tokenize/tokenize-corpus.js";
import { PACKAGE_ROOT } from "../../src/version.js";
import { sharedTokenizer } from "../helpers/shared-tokenizers.js";

const tmp = mkdtempSync(join(tmpdir(), "toklens-worker-errors-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The exit codes the CLI documents for each class (docs/bad-input.md), written out independently of the classes. */
const EXIT_CODES = { ConfigError: 2, TokenizerLoadError: 3, CorpusError: 4, OutputError: 5 } satisfies Record<
  ErrorClassName,
  number
>;

/** Runs `body` (ES module code with `errors` bound to the compiled src/errors.ts) in a worker and returns what it posts. */
function inWorker(body: string): Promise<ErrorTransport> {
  const file = join(tmp, `worker-${Math.random().toString(36).slice(2)}.mjs`);
  const errorsUrl = pathToFileURL(join(PACKAGE_ROOT, "dist", "errors.js")).href;
  writeFileSync(
    file,
    `import { parentPort } from "node:worker_threads";\nimport * as errors from ${JSON.stringify(errorsUrl)};\ntry { ${body} } catch (err) { parentPort.postMessage(errors.errorToTransport(err)); }\n`,
  );
  const worker = new Worker(file);
  return new Promise<ErrorTransport>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  }).finally(() => worker.terminate());
}

describe("worker error transport", () => {
  it("registers every ToklensError class exported by src/errors.ts under its own name", () => {
    const classes = Object.entries(errors).filter(
      ([, v]) => typeof v === "function" && v.prototype instanceof ToklensError,
    );
    expect(classes.map(([name]) => name).sort()).toEqual(Object.keys(EXIT_CODES).sort());
    for (const [name, cls] of classes) expect(ERROR_CLASSES[name as ErrorClassName]).toBe(cls);
  });

  it.each(Object.keys(EXIT_CODES) as ErrorClassName[])(
    "a %s thrown in a worker arrives with its class, message and exit code",
    async (name) => {
      const message = `bad value '${name}-x'. Use a good one.`;
      const transport = await inWorker(
        `throw new errors.ERROR_CLASSES[${JSON.stringify(name)}](${JSON.stringify(message)});`,
      );
      const err = errorFromTransport(transport);
      expect(err).toBeInstanceOf(ERROR_CLASSES[name]);
      expect(err).toBeInstanceOf(ToklensError);
      expect(err.name).toBe(name);
      expect(err.message).toBe(message);
      expect((err as ToklensError).exitCode).toBe(EXIT_CODES[name]);
    },
  );

  it("anything else arrives as a plain Error (a bug: exit 70), message kept", async () => {
    const fromTypeError = errorFromTransport(await inWorker(`null.x;`));
    expect(fromTypeError.constructor).toBe(Error);
    expect(fromTypeError).not.toBeInstanceOf(ToklensError);
    expect(fromTypeError.message).toMatch(/null/);
    const fromString = errorFromTransport(await inWorker(`throw "just a string";`));
    expect(fromString.constructor).toBe(Error);
    expect(fromString.message).toBe("just a string");
    // a name that only looks like a class name does not pick a class
    expect(errorFromTransport({ name: "toString", message: "m" }).constructor).toBe(Error);
  });

  it("a TokenizerLoadError from a pool worker fails runTokenize with its class, message and exit code", async () => {
    const bad = join(tmp, "bad.tiktoken");
    writeFileSync(bad, "not base64!! x\nAAA= 1\n");
    const input = preparedInput(prepareLanguage("eng_Latn", [{ id: "1", text: "hello world" }], "0".repeat(64)));
    const failure = await runTokenize({
      tokenizers: [bad],
      languages: [input],
      workers: 2,
      threads: true,
      cache: false,
    }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(TokenizerLoadError);
    const err = failure as TokenizerLoadError;
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain(bad);
    expect(err.message).toContain("is not a .tiktoken rank file");
    // rebuilt from the worker's message, not thrown in this thread
    expect(err.stack).toContain("errorFromTransport");
  });

  it("a run of both phases fails with the failing phase's error, whichever fails, and leaves no worker behind", async () => {
    // the in-process phase starts while the pool finishes: an error of either is thrown once both have ended
    const badPool = join(tmp, "bad2.tiktoken");
    writeFileSync(badPool, "not base64!! x\nAAA= 1\n");
    const badNative = join(tmp, "tokenizer.json");
    writeFileSync(badNative, JSON.stringify({ model: { type: "BPE", vocab: "not an object" } }));
    const input = () => preparedInput(prepareLanguage("eng_Latn", [{ id: "1", text: "hello world" }], "0".repeat(64)));
    const run = (tokenizers: string[]) =>
      runTokenize({ tokenizers, languages: [input()], workers: 2, threads: true, cache: false }).then(
        () => null,
        (err: unknown) => err as Error,
      );
    const native = await run(["gpt2", badNative]);
    expect(native).toBeInstanceOf(TokenizerLoadError);
    expect(native!.message).toContain(badNative);
    const pool = await run([badPool, "mistral-7b"]);
    expect(pool).toBeInstanceOf(TokenizerLoadError);
    expect(pool!.message).toContain(badPool);
    // both fine: the same counts as each alone
    const both = await runTokenize({
      tokenizers: ["gpt2", "mistral-7b"],
      languages: [input()],
      workers: 2,
      threads: true,
      cache: false,
    });
    const alone = await Promise.all(
      ["gpt2", "mistral-7b"].map(
        async (ref) => (await (await sharedTokenizer(ref)).encodeAsync("hello world")).ids.length,
      ),
    );
    expect(both.results.map((r) => r.segments.tokens[0])).toEqual(alone);
  });
});

// Runs started from the live page: `toklens report` or `toklens compare` in a child process (so typing is never
// blocked), writing a new folder under --reports, its tokenize and vocabulary progress read from its --progress lines.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { findBuiltin } from "../tokenizers/registry.js";
import { PACKAGE_ROOT } from "../version.js";
import { Refusal } from "./guard.js";

/** What the page shows of a run. */
export interface RunState {
  id: number;
  name: string;
  state: "running" | "done" | "failed";
  /** The phase of the last progress line (tokenize, vocabulary), and its tasks done and total. */
  phase: string;
  done: number;
  total: number;
  /** The last line the run wrote on stderr (its error, when it failed). */
  message: string;
  /** The report's index.html relative to --reports, once written. */
  report: string | null;
}

/** A run's folder name: a plain name, so it can only be a new folder directly under --reports. */
const RUN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A language code as typed (eng, eng_Latn, zh-Hans); the report command resolves and checks it. */
const LANGUAGE = /^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$/;
const MAX_LANGUAGES = 500;

const PROGRESS = /^(tokenize|vocabulary): (\d+)\/(\d+) /;

export class ReportRuns {
  private readonly runs: RunState[] = [];
  private readonly children = new Set<ChildProcess>();

  constructor(
    private readonly root: string,
    private readonly cli = join(PACKAGE_ROOT, "dist", "cli", "main.js"),
  ) {}

  list(): RunState[] {
    return this.runs.map((r) => ({ ...r }));
  }

  /**
   * Starts `toklens report` (or `toklens compare --markdown`, written to compare.md) for built-in tokenizers and
   * languages into a new folder `name`; one run at a time.
   */
  start(name: unknown, tokenizers: unknown, languages: unknown, kind: unknown = "report"): RunState {
    if (kind !== "report" && kind !== "compare")
      throw new Refusal(400, `Refused: run kind ${JSON.stringify(kind)}: use "report" or "compare".`);
    if (typeof name !== "string" || !RUN_NAME.test(name))
      throw new Refusal(
        400,
        `Refused: run name ${JSON.stringify(name)}: use letters, digits, '.', '_' or '-' (at most 64).`,
      );
    if (existsSync(join(this.root, name)))
      throw new Refusal(409, `Refused: ${name} already exists under the reports folder; pick another name.`);
    const refs = stringList(tokenizers, "tokenizers", 24);
    const unknown = refs.find((r) => !findBuiltin(r));
    if (refs.length === 0 || unknown !== undefined)
      throw new Refusal(
        400,
        `Refused: a run from the page takes built-in tokenizers only (\`toklens tokenizers\`), got '${unknown ?? ""}'.`,
      );
    const langs = stringList(languages, "languages", MAX_LANGUAGES);
    const bad = langs.find((l) => !LANGUAGE.test(l));
    if (bad !== undefined) throw new Refusal(400, `Refused: '${bad}' is not a language code (e.g. swh or jpn_Jpan).`);
    if (this.runs.some((r) => r.state === "running"))
      throw new Refusal(409, "Refused: a run is already going; wait for it to finish.");
    const run: RunState = {
      id: this.runs.length + 1,
      name,
      state: "running",
      phase: "starting",
      done: 0,
      total: 0,
      message: "",
      report: null,
    };
    this.runs.push(run);
    const folder = join(this.root, name);
    const args =
      kind === "report"
        ? [this.cli, "--progress", "report", "--tokenizers", refs.join(","), "--out", folder]
        : [this.cli, "--progress", "compare", ...refs, "--markdown"];
    if (langs.length > 0) args.push("--langs", langs.join(","));
    let out: WriteStream | null = null;
    if (kind === "compare") {
      mkdirSync(folder); // fails if it appeared meanwhile: never written into
      out = createWriteStream(join(folder, "compare.md"), { flags: "wx" });
    }
    const child = spawn(process.execPath, args, { stdio: ["ignore", out ? "pipe" : "ignore", "pipe"] });
    if (out) child.stdout!.pipe(out);
    this.children.add(child);
    let pending = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) readLine(run, line);
    });
    child.on("close", (code) => {
      this.children.delete(child);
      if (pending) readLine(run, pending);
      run.state = code === 0 ? "done" : "failed";
      if (code === 0) run.report = `${name}/${kind === "report" ? "index.html" : "compare.md"}`;
      // a failed compare leaves no half-written file: the folder and its compare.md are this run's own
      else if (out) out.once("close", () => rmSync(folder, { recursive: true, force: true }));
    });
    return { ...run };
  }

  /** Stops the runs still going (children this server started). */
  dispose(): void {
    for (const child of this.children) child.kill("SIGTERM");
  }
}

function readLine(run: RunState, line: string): void {
  const m = PROGRESS.exec(line);
  if (m) {
    run.phase = m[1]!;
    run.done = Number(m[2]);
    run.total = Number(m[3]);
  } else if (line.trim() !== "") run.message = line.trim().slice(0, 500);
}

function stringList(v: unknown, field: string, max: number): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string") || v.length > max)
    throw new Refusal(400, `Refused: '${field}' must be an array of at most ${max} strings.`);
  return v.map((x: string) => x.trim()).filter((x) => x !== "");
}

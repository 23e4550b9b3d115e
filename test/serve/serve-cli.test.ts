// The `toklens serve` command line: bad options exit non-zero with the fix before anything listens, and a bind
// address other machines can reach is warned about on stderr.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

const bin = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** Runs `toklens serve args` until it prints its URL, then stops it; returns its stdout and stderr. */
function serveUntilListening(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((done, fail) => {
    let stdout = "";
    let stderr = "";
    let listening = false;
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      if (!listening && stdout.includes("toklens serve: http://")) {
        listening = true;
        child.kill("SIGTERM");
      }
    });
    child.once("exit", (code) =>
      listening ? done({ stdout, stderr }) : fail(new Error(`serve exited early with ${code}: ${stderr}`)),
    );
  });
}

describe("toklens serve options", () => {
  it("refuses a bad port, a taken port and an unknown tokenizer, naming the fix", async () => {
    for (const [port, message] of [
      ["70000", "--port 70000 is above 65535. Give a port from 1 to 65535, or 0."],
      ["x", "Invalid --port 'x'. Use a whole number >= 0."],
    ] as const) {
      const r = runCli(["serve", "--port", port]);
      expect(r.code, port).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, "127.0.0.1", done));
    try {
      const port = (taken.address() as { port: number }).port;
      const r = runCli(["serve", "--port", String(port), "--tokenizers", "gpt2"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Port ${port} on 127.0.0.1 is in use. Give another with --port (0 picks a free one).`);
    } finally {
      taken.close();
    }
    const unknown = runCli(["serve", "--port", "0", "--tokenizers", "gpt2,nope"]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("Unknown tokenizer 'nope'");
    expect(unknown.stdout).toBe("");
  });

  it("warns on stderr when bound to a non-loopback address, and not on the default", async () => {
    const open = await serveUntilListening(["--port", "0", "--host", "0.0.0.0", "--tokenizers", "gpt2"]);
    expect(open.stderr).toContain("warning: --host 0.0.0.0 is not a loopback address");
    expect(open.stdout).toMatch(/^toklens serve: http:\/\/127\.0\.0\.1:\d+\/ {2}\(Ctrl-C to stop\)\n$/);
    const local = await serveUntilListening(["--port", "0", "--tokenizers", "gpt2"]);
    expect(local.stderr).not.toContain("warning");
  });
});

// A standalone casco-sandbox process on a free loopback port, for scenarios that need an API
// other than the app's built-in Demo one; and what a sandbox's request log says.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

const BINARY = process.env.CASCO_SANDBOX_BINARY;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the sandbox and waits until it answers. */
export async function startSandbox() {
  if (!BINARY) throw new Error("CASCO_SANDBOX_BINARY is not set (scripts/test sets it)");
  const port = await freePort();
  const child = spawn(BINARY, ["--port", String(port)], { stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const res = await fetch(`${url}/openapi.json`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`casco-sandbox exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("casco-sandbox did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => child.kill() };
}

/**
 * How many requests the sandbox wrote to its request log (`requestLog` in its config) for
 * `route`. Counted by their `"route": …` pairs, not line by line: requests answered at the same
 * moment (the ten quotes) may share a line.
 */
export function requestCount(log, route) {
  const text = existsSync(log) ? readFileSync(log, "utf8") : "";
  return [...text.matchAll(/"route"\s*:\s*"([^"]+)"/g)].filter((m) => m[1] === route).length;
}

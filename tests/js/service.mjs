// The REAL Etiquette service for JavaScript tests (the add-in's and the console's):
// uvicorn in demo mode on a free port with a fresh SQLite database. Node built-ins only.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Start the service; resolves { base, stop() } once /healthz answers. */
export async function startService(extraEnv = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "etiquette-js-"));
  const python = process.env.ETIQUETTE_PYTHON || join(repoRoot, ".venv", "bin", "python");
  const env = {
    ...process.env,
    ETIQUETTE_DEMO: "1",
    ETIQUETTE_ENVIRONMENT: "test",
    ETIQUETTE_DATA_DIR: dir,
    DATABASE_URL: `sqlite:///${join(dir, "etiquette.sqlite3")}`,
    ...extraEnv,
  };
  const child = spawn(
    python,
    ["-m", "uvicorn", "--factory", "app.main:create_app", "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"],
    { cwd: repoRoot, env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited: ${stderr}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`service did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    base,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

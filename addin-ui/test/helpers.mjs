// Test helpers: run the REAL Etiquette service (uvicorn, demo mode, temp SQLite) and load
// the handler bundle into a fresh JavaScript context with the fake Office.js installed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { MODULES, assemble, zoneTable } from "../build.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const addinRoot = resolve(here, "..");
export const repoRoot = resolve(addinRoot, "..");
const require = createRequire(import.meta.url);
export const fakeOfficePath = join(here, "fake-office.js");
const { install } = require(fakeOfficePath);

export { freePort, startService } from "../../tests/js/service.mjs";

/**
 * A fresh context with the fake Office installed, then the handler bundle run in it,
 * as Outlook's JavaScript-only runtime would (no modules, Office global present).
 * `bundle` defaults to the built file; pass the service's copy to test what it serves.
 */
export function loadHandler({ office = {}, config, bundle, fetch: fetcher = fetch } = {}) {
  return load({ office, config, fetcher, code: bundle ?? readFileSync(join(addinRoot, "public", "launchevent.js"), "utf8") });
}

/**
 * Only the named modules of src/ (in MODULES order, as build.mjs assembles them, with the
 * zone table), in the same fresh context: a test of one concern loads only what it needs.
 * Returns `shared` too: the helpers the modules give one another.
 */
export function loadModules(names, { office = {}, config, fetch: fetcher = fetch } = {}) {
  const ordered = MODULES.filter((m) => names.includes(m));
  const unknown = names.filter((m) => !MODULES.includes(m));
  if (unknown.length) throw new Error(`not in MODULES: ${unknown}`);
  const code = `var ETIQUETTE_WINDOWS_ZONES = ${JSON.stringify(zoneTable())};\n` + assemble(ordered, { exposeShared: true });
  const loaded = load({ office, config, fetcher, code });
  return { ...loaded, shared: loaded.ctx.EtiquetteShared };
}

function load({ office, config, fetcher, code }) {
  const ctx = {
    setTimeout, clearTimeout, fetch: fetcher, AbortController, console, Intl, URL, Promise, JSON, Date, Math,
  };
  vm.createContext(ctx);
  const fake = install(ctx, office);
  if (config) ctx.ETIQUETTE_CONFIG = config;
  vm.runInContext(code, ctx, { filename: "launchevent.js" });
  return { fake, E: ctx.Etiquette, ctx };
}

/** A fetch that records each request's JSON body ({ url, body }) before it goes. */
export function recordingFetch() {
  const sent = [];
  const spy = (url, init) => {
    sent.push({ url: String(url), body: JSON.parse(init.body) });
    return fetch(url, init);
  };
  return { fetch: spy, sent };
}

/**
 * A stand-in for the service that answers every request with one status and body
 * (for answers the real demo service cannot be made to give, e.g. 403 or 503).
 */
export async function answering(status, body) {
  const { createServer: http } = await import("node:http");
  const srv = http((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    });
  });
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${srv.address().port}`, close: () => new Promise((r) => srv.close(r)) };
}

/** A draft as Outlook reports it: recipients with recipientType, attachments with sizes. */
export function person(emailAddress, displayName = "", recipientType = "user") {
  return { emailAddress, displayName, recipientType };
}

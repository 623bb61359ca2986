// Builds what the service serves from addin-ui/public and the Python side's zone table:
//   public/launchevent.js   ONE ES2016 script: the Windows -> IANA zone table, MSAL.js's
//                           nested app authentication (window.msal), then the add-in's
//                           modules (src/*.js, in the order MODULES declares)
//   ../app/integrations/outlook/windows_zones.json   the same zone table for Graph's workingHours
// The zone table comes from the windows-iana package (CLDR windowsZones), never typed by hand.
//
// The add-in's own code is small modules, one concern each, concatenated (no ES modules
// at run time: classic Outlook's event runtime loads one classic script). `assemble`
// puts each module in its own function scope inside one IIFE; they share two objects:
// `E` (window.Etiquette, what the task pane and tests call) and `shared` (helpers one
// module gives the later ones; never on window). A module reads `shared.x` only if an
// earlier module in MODULES set it: `assemble` refuses the build otherwise.
//
// MSAL is bundled into the event file as Microsoft's Outlook-Event-SSO-NAA sample does:
// classic Outlook on Windows runs the Send handler in a JavaScript-only runtime that loads
// that one file and nothing else, so an MSAL loaded by an HTML page is never there. esbuild
// lowers @azure/msal-browser to ES2016 (async/await to generators, no ?. or ...), and
// `noTernaries` rewrites each `a ? b : c` it leaves as `(a && {v: b} || {v: c}).v`, which
// evaluates exactly one branch as before (Microsoft documents the ternary operator as
// unsupported in that runtime before Version 2403). test/bundle.test.mjs checks the result.
// `node build.mjs --check` exits 1 if a committed output is out of date (the tests run it).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export function zoneTable() {
  const { WINDOWS_TO_IANA_MAP } = require("windows-iana");
  const table = {};
  for (const row of WINDOWS_TO_IANA_MAP) {
    if (row.territory === "001") table[row.windowsName] = row.iana[0];
  }
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}

function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
    else if (value && typeof value === "object") walk(value, visit);
  }
}

/** `code` with every conditional expression rewritten without `?:` (innermost first). */
export function noTernaries(code) {
  const acorn = require("acorn");
  for (let pass = 0; pass < 64; pass++) {
    const found = [];
    walk(acorn.parse(code, { ecmaVersion: 2016, sourceType: "script" }), (n) => {
      if (n.type === "ConditionalExpression") found.push(n);
    });
    if (!found.length) return code;
    // Innermost: no other conditional inside. They never overlap, so splice from the end.
    const inner = found.filter((n) => !found.some((m) => m !== n && m.start >= n.start && m.end <= n.end));
    inner.sort((a, b) => b.start - a.start);
    for (const n of inner) {
      const part = (x) => code.slice(x.start, x.end);
      const text = `((${part(n.test)})&&{v:(${part(n.consequent)})}||{v:(${part(n.alternate)})}).v`;
      code = code.slice(0, n.start) + text + code.slice(n.end);
    }
  }
  throw new Error("conditional expressions nested too deeply");
}

/** MSAL.js's nested app authentication as one ES2016 IIFE defining `msal`. */
export function msalBundle() {
  const esbuild = require("esbuild");
  const pkg = JSON.parse(
    readFileSync(join(here, "node_modules", "@azure", "msal-browser", "package.json"), "utf8"),
  );
  const built = esbuild.buildSync({
    stdin: {
      contents: 'export { createNestablePublicClientApplication } from "@azure/msal-browser";',
      resolveDir: here,
      loader: "js",
    },
    bundle: true,
    format: "iife",
    globalName: "msal",
    target: "es2016",
    platform: "browser",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "error",
  });
  return (
    `/* @azure/msal-browser ${pkg.version} (createNestablePublicClientApplication), MIT License, ` +
    "Copyright (c) Microsoft Corporation; lowered to ES2016 by build.mjs. */\n" +
    noTernaries(built.outputFiles[0].text)
  );
}

/**
 * The add-in's modules (addin-ui/src), in load order: a module comes after every module
 * whose `shared.*` helpers it reads. events.js registers the handlers, so it is last.
 */
export const MODULES = [
  "config.js", // E.config: the service's address, sign-in, time limits, fail mode
  "office.js", // Office.js callbacks as promises, requirement sets, platform, JSON text
  "timezones.js", // Windows -> IANA zone, ISO-8601 with the user's offset
  "draft.js", // reading the draft into a /v1/check body, within the service's limits
  "storage.js", // OfficeRuntime.storage / localStorage / memory, by runtime
  "deadline.js", // the CheckFailed error, time limits on promises
  "token.js", // one Entra token: NAA (MSAL) first, Office SSO second, single flight
  "http.js", // POST JSON with a hard time limit (XHR or fetch)
  "text.js", // what a person reads: the alert's text and Markdown, why a check was refused
  "failmode.js", // the school's fail mode, the note a refused check leaves
  "outcome.js", // /v1/outcome, the failed_open count and its flush
  "service.js", // /v1/check within a budget; what a failure means (classify)
  "alerts.js", // Smart Alerts' event.completed options; the pane's contextData
  "precheck.js", // the verdict and "Send anyway" kept on the item (sessionData)
  "fixes.js", // the fixes the task pane applies to the draft
  "events.js", // OnMessageSend and the debounced change events; Office.actions.associate
];

/**
 * `names` (files in addin-ui/src, in order) as one ES2016 script defining window.Etiquette.
 * `exposeShared` also sets window.EtiquetteShared (tests of a module's shared helpers).
 */
export function assemble(names, { exposeShared = false } = {}) {
  const given = new Set();
  const parts = names.map((name) => {
    const code = readFileSync(join(here, "src", name), "utf8");
    const sets = new Set([...code.matchAll(/\bshared\.(\w+)\b\s*=(?!=)/g)].map((m) => m[1]));
    for (const m of code.matchAll(/\bshared\.(\w+)\b(?!\s*=(?!=))/g)) {
      if (!given.has(m[1]) && !sets.has(m[1])) {
        throw new Error(`src/${name} reads shared.${m[1]}, which no module before it sets`);
      }
    }
    sets.forEach((k) => given.add(k));
    return `// -- src/${name} --\n(function () {\n${code}}());\n`;
  });
  return (
    "/*\n" +
    " * Etiquette for Outlook: the Smart Alerts handlers and the code the task pane shares,\n" +
    ` * from addin-ui/src (${names.join(", ")}).\n` +
    " *\n" +
    " * Classic Outlook on Windows runs this in a JavaScript-only runtime, so it is written to\n" +
    " * ES2016 as Microsoft documents for that runtime: no modules, no async/await, no ternary\n" +
    " * operator, no object spread, no optional chaining; absolute URLs only; handlers\n" +
    " * registered with Office.actions.associate. test/bundle.test.mjs checks the bundle.\n" +
    " *\n" +
    " * Nothing here logs or stores the subject, body, names or addresses beyond the\n" +
    " * item's own sessionData (the pre-check cache, on the user's own draft).\n" +
    " */\n" +
    "/* global Office, OfficeRuntime, ETIQUETTE_DEFAULTS, ETIQUETTE_WINDOWS_ZONES */\n" +
    "(function (root) {\n" +
    '"use strict";\n' +
    "var E = {};\n" +
    "var shared = {};\n" +
    parts.join("") +
    "root.Etiquette = E;\n" +
    (exposeShared ? "root.EtiquetteShared = shared;\n" : "") +
    "}(this));\n"
  );
}

export function outputs() {
  const zones = zoneTable();
  const core = assemble(MODULES);
  const version = JSON.parse(
    readFileSync(join(here, "node_modules", "windows-iana", "package.json"), "utf8"),
  ).version;
  const bundle =
    "/* Etiquette Outlook add-in: generated by build.mjs from src/*.js; do not edit. */\n" +
    "/* eslint-disable */\n" +
    'var ETIQUETTE_DEFAULTS = "__ETIQUETTE_CONFIG__";\n' +
    `/* Windows -> IANA time zones, CLDR windowsZones via windows-iana ${version}. */\n` +
    `var ETIQUETTE_WINDOWS_ZONES = ${JSON.stringify(zones)};\n` +
    msalBundle() +
    core;
  return {
    [join(here, "public", "launchevent.js")]: bundle,
    [join(here, "..", "app", "integrations", "outlook", "windows_zones.json")]:
      JSON.stringify(zones, null, 1) + "\n",
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [path, text] of Object.entries(outputs())) {
    const current = existsSync(path) ? readFileSync(path, "utf8") : null;
    if (current === text) continue;
    if (check) {
      console.error(`out of date: ${path} (run npm run build)`);
      stale++;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
  process.exit(stale ? 1 : 0);
}

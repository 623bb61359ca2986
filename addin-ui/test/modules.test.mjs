// The add-in's modules (src/*.js) as build.mjs assembles them: each one an ES2016 script
// with one concern, a header that says truly what it gives and needs, loaded in an order
// that gives every module its helpers first; and a few shared helpers tested on their own.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as acorn from "acorn";
import { MODULES, assemble } from "../build.mjs";
import { addinRoot, loadHandler, loadModules } from "./helpers.mjs";

const source = (name) => readFileSync(join(addinRoot, "src", name), "utf8");
const sets = (code, ns) => new Set([...code.matchAll(new RegExp(`\\b${ns}\\.(\\w+)\\b\\s*=(?!=)`, "g"))].map((m) => m[1]));
const code = (name) => source(name).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");

function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
    else if (value && typeof value === "object") walk(value, visit);
  }
}

describe("the modules", () => {
  test("MODULES lists every file in src/, once", () => {
    const files = readdirSync(join(addinRoot, "src")).filter((f) => f.endsWith(".js")).sort();
    assert.deepEqual([...MODULES].sort(), files);
    assert.equal(new Set(MODULES).size, MODULES.length);
  });

  for (const name of MODULES) {
    test(`${name}: an ES2016 script without a ternary, whose header names what it gives and needs`, () => {
      const text = source(name);
      const ast = acorn.parse(text, { ecmaVersion: 2016, sourceType: "script", locations: true });
      const ternaries = [];
      walk(ast, (n) => n.type === "ConditionalExpression" && ternaries.push(n.loc.start.line));
      assert.deepEqual(ternaries, []);
      const header = text.slice(0, text.indexOf("*/"));
      const gives = /Gives ([\s\S]*?)\.\s+\*?\s*Needs/.exec(header);
      assert.ok(gives, "header has Gives ... Needs ...");
      const named = (ns, part) => [...part.matchAll(new RegExp(`\\b${ns}\\.(\\w+)`, "g"))].map((m) => m[1]).sort();
      assert.deepEqual(named("E", gives[1]), [...sets(code(name), "E")].sort(), "E.* it gives");
      assert.deepEqual(named("shared", gives[1]), [...sets(code(name), "shared")].sort(), "shared.* it gives");
      const needs = header.slice(gives.index + gives[0].length);
      const reads = [...code(name).matchAll(/\bshared\.(\w+)\b(?!\s*=(?!=))/g)].map((m) => m[1]);
      assert.deepEqual(named("shared", needs), [...new Set(reads)].sort(), "shared.* it needs");
    });
  }

  test("assemble refuses a module whose shared helpers no earlier module gives", () => {
    assert.throws(() => assemble(["token.js"]), /src\/token\.js reads shared\.parsed/);
    assert.throws(() => assemble(["token.js", "office.js", "deadline.js"]), /src\/token\.js reads shared\./);
    assert.doesNotThrow(() => assemble(["office.js", "deadline.js", "token.js"]));
  });

  test("the bundle's window.Etiquette is exactly what the modules give", () => {
    const { E, shared } = loadModules(MODULES);
    const given = new Set(MODULES.flatMap((name) => [...sets(code(name), "E")]));
    given.delete("tokenRequests"); // a counter, set by the first token request
    assert.deepEqual(Object.keys(E).sort(), [...given].sort());
    const bundle = loadHandler();
    assert.deepEqual(Object.keys(bundle.E).sort(), [...given].sort());
    assert.equal(bundle.ctx.EtiquetteShared, undefined); // the modules' helpers stay private
    assert.ok(Object.keys(shared).length > 0);
  });
});

describe("shared helpers, one module at a time", () => {
  test("deadline.js atMost: the value in time, else the fallback; never a rejection", async () => {
    const { shared } = loadModules(["deadline.js"]);
    const later = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
    assert.equal(await shared.atMost(later(5, "answer"), 200, "fallback"), "answer");
    assert.equal(await shared.atMost(later(200, "answer"), 10, "fallback"), "fallback");
    assert.equal(await shared.atMost(Promise.reject(new Error("x")), 200, "fallback"), "fallback");
    const err = await shared.within(later(200), 10, () => shared.failure("unreachable", "late", { status: 0 })).catch((e) => e);
    assert.deepEqual([err.name, err.kind, err.status], ["CheckFailed", "unreachable", 0]);
  });

  const now = Date.now();
  const cases = [
    // [what the item's sessionData holds, override expected?, verdict expected?]
    ["nothing", {}, false, false],
    ["a fresh pre-check", { "etiquette.precheck": { key: "K", at: now, verdict: { action: "warn" } } }, false, true],
    ["a pre-check of other content", { "etiquette.precheck": { key: "other", at: now, verdict: { action: "warn" } } }, false, false],
    ["a pre-check three minutes old", { "etiquette.precheck": { key: "K", at: now - 180_000, verdict: { action: "warn" } } }, false, false],
    ["a pre-check without a verdict", { "etiquette.precheck": { key: "K", at: now } }, false, false],
    ["Send anyway four minutes ago", { "etiquette.sendAnyway": { key: "K", at: now - 240_000, check_id: "c" } }, true, false],
    ["Send anyway eleven minutes ago", { "etiquette.sendAnyway": { key: "K", at: now - 660_000, check_id: "c" } }, false, false],
    ["Send anyway for other content", { "etiquette.sendAnyway": { key: "other", at: now, check_id: "c" } }, false, false],
  ];
  for (const [name, saved, override, verdict] of cases) {
    test(`precheck.js: ${name}`, () => {
      const { shared } = loadModules(["office.js", "precheck.js"]);
      assert.equal(shared.savedOverride(saved, "K"), override ? saved["etiquette.sendAnyway"] : null);
      assert.equal(shared.savedVerdict(saved, "K"), verdict ? saved["etiquette.precheck"].verdict : null);
    });
  }

  const zones = [
    // [instant, IANA zone, ISO-8601 in that zone]
    ["2026-11-18T10:00:00Z", "Europe/London", "2026-11-18T10:00:00+00:00"],
    ["2026-06-17T09:00:00Z", "Europe/London", "2026-06-17T10:00:00+01:00"],
    ["2026-06-17T09:00:00Z", "Asia/Kolkata", "2026-06-17T14:30:00+05:30"],
    ["2026-01-10T12:00:00Z", "America/St_Johns", "2026-01-10T08:30:00-03:30"],
  ];
  for (const [instant, zone, iso] of zones) {
    test(`timezones.js: ${instant} in ${zone} is ${iso}`, () => {
      const { E } = loadModules(["timezones.js"]);
      assert.equal(E.isoInZone(new Date(instant), zone), iso);
    });
  }
});

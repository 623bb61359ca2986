// The handler bundle must load in classic Outlook's JavaScript-only runtime: one script,
// ES2016 (no async/await, modules, object spread, optional chaining), and no ternary
// operator (Microsoft documents it as unsupported before Version 2403).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as acorn from "acorn";
import { addinRoot } from "./helpers.mjs";

const bundle = readFileSync(join(addinRoot, "public", "launchevent.js"), "utf8");

function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
    else if (value && typeof value === "object") walk(value, visit);
  }
}

test("parses as an ES2016 script (no modules)", () => {
  assert.doesNotThrow(() => acorn.parse(bundle, { ecmaVersion: 2016, sourceType: "script" }));
});

test("uses no ternary operator and no relative fetch URLs", () => {
  const ast = acorn.parse(bundle, { ecmaVersion: 2016, sourceType: "script", locations: true });
  const ternaries = [];
  walk(ast, (n) => n.type === "ConditionalExpression" && ternaries.push(n.loc.start.line));
  assert.deepEqual(ternaries, []);
  assert.doesNotMatch(bundle, /fetch\(\s*["']\//);
});

test("the committed bundle and zone tables are what build.mjs makes", () => {
  assert.doesNotThrow(() => execFileSync(process.execPath, ["build.mjs", "--check"], { cwd: addinRoot, stdio: "pipe" }));
});

test("is small enough to load well inside Outlook's 5-second budget", () => {
  assert.ok(Buffer.byteLength(bundle) < 64 * 1024, `${Buffer.byteLength(bundle)} bytes`);
});

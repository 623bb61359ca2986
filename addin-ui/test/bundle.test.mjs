// The handler bundle must load in classic Outlook's JavaScript-only runtime: one script,
// ES2016 (no async/await, modules, object spread, optional chaining), and no ternary
// operator (Microsoft documents it as unsupported before Version 2403).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import vm from "node:vm";
import * as acorn from "acorn";
import { MODULES, noTernaries } from "../build.mjs";
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

test("is small enough to load well inside Outlook's 5-second budget (gzip, as served)", () => {
  // MSAL's nested app authentication is most of it (as in Microsoft's Outlook-Event-SSO-NAA
  // sample); the service sends it gzip-compressed to clients that accept it.
  const gz = gzipSync(bundle, { level: 9 }).length;
  assert.ok(Buffer.byteLength(bundle) < 512 * 1024, `${Buffer.byteLength(bundle)} bytes`);
  assert.ok(gz < 128 * 1024, `${gz} bytes gzipped`);
});

test("MSAL's nested app authentication is in the one file and loads in a bare runtime", () => {
  const ctx = vm.createContext({});
  vm.runInContext(bundle.replace('"__ETIQUETTE_CONFIG__"', "{}"), ctx);
  assert.equal(typeof ctx.msal.createNestablePublicClientApplication, "function");
  assert.equal(typeof ctx.Etiquette.onMessageSendHandler, "function");
});

test("the ternary rewrite evaluates exactly the branch the ternary would", () => {
  const cases = [
    "t ? a() : b()", "t ? 0 : 1", "t ? '' : null", "t ? (u ? a() : 2) : (u ? 3 : b())",
    "x = t ? u ? 1 : 2 : 3", "[t ? 1 : 2, u ? a() : b()]", "(() => t ? 1 : 2)()", "t ? void 0 : false",
  ];
  for (const expr of cases) {
    const out = noTernaries(`r = (${expr});`);
    const nodes = [];
    walk(acorn.parse(out, { ecmaVersion: 2016 }), (n) => n.type === "ConditionalExpression" && nodes.push(n));
    assert.deepEqual(nodes, [], out);
    for (const t of [true, false, 0, 1]) {
      for (const u of [true, false]) {
        const run = (code) => {
          const calls = [];
          const ctx = vm.createContext({ t, u, a: () => (calls.push("a"), "A"), b: () => (calls.push("b"), "B"), x: 0, r: undefined });
          vm.runInContext(code, ctx);
          return JSON.stringify({ r: ctx.r === undefined ? "undefined" : ctx.r, x: ctx.x, calls });
        };
        assert.equal(run(out), run(`r = (${expr});`), `${expr} with t=${t}, u=${u}`);
      }
    }
  }
});

test("no code asks for more than the manifests' read/write item permission", () => {
  // sendAsync and the mailbox-wide APIs need read/write mailbox; the manifests ask for
  // ReadWriteItem / MailboxItem.ReadWrite.User (app/integrations/outlook/manifest*).
  const manifest = readFileSync(join(addinRoot, "..", "app", "integrations", "outlook", "manifest.xml.tmpl"), "utf8");
  assert.match(manifest, /<Permissions>ReadWriteItem<\/Permissions>/);
  const forbidden = /\.(sendAsync|masterCategories|makeEwsRequestAsync|getCallbackTokenAsync)\b/;
  const modules = MODULES.map((name) => `src/${name}`);
  for (const file of [...modules, "public/taskpane.js", "public/sharelink.js"]) {
    const code = readFileSync(join(addinRoot, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");
    assert.doesNotMatch(code, forbidden, file);
  }
});

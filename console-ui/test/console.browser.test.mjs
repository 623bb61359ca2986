// The admin console in headless Chromium (Debian's /usr/bin/chromium via playwright-core),
// served by the REAL service in demo mode: the demo's local sign-in, a key created and
// revoked, a role added, the dashboard read and the audit list filtered, the policy edited,
// reviewed, saved and rolled back, a rule switched to silent (counted, not shown), a directory
// source synced and a held change approved, a person searched and opened, and axe-core
// (from node_modules, no CDN) on every page with zero serious or critical violations.
// Other roles sign in through a local Google-shaped OpenID provider (./fake-google.mjs), and
// an Entra group's admin through a local Microsoft-shaped one (./fake-microsoft.mjs) by the
// real MSAL code path.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { startService } from "../../tests/js/service.mjs";
import { startFakeGoogle } from "./fake-google.mjs";
import { startFakeMicrosoft } from "./fake-microsoft.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SCHOOL = "/console/schools/stmarys";
const TENANT = "5c0a7e8d-1f2b-4c3d-9e8f-57a4e1a12026"; // the school's Entra tenant
const OTHER_TENANT = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
const IT_GROUP = "0b7e2c4a-6d8f-4a1b-9c3e-5f7a9b1d3e5f"; // an Entra group id

// The demo school's sync folder: a CSV source ("mis") reads people.csv from it.
const FILES = mkdtempSync(join(tmpdir(), "etiquette-sources-"));
const PEOPLE = join(FILES, "stmarys", "people.csv");
const HEADER = "id,kind,first_name,preferred_name,last_name,middle_names,email,personal_emails,mis_ref\n";
const STAFF = ["S9001,staff,Aled,,Pryce,,a.pryce@stmarys.sch.uk,,\n", "S9002,staff,Bethan,,Rowe,,b.rowe@stmarys.sch.uk,,\n"];

let service;
let google; // a local Google-shaped OpenID provider: sign-in as people other than the demo admin
let microsoft; // a local Entra ID-shaped one
let browser;
let page;
const checked = []; // the pages axe ran on

before(async () => {
  google = await startFakeGoogle();
  microsoft = await startFakeMicrosoft();
  mkdirSync(join(FILES, "stmarys"));
  writeFileSync(PEOPLE, HEADER + STAFF.join(""));
  // No scheduler: the test presses Sync now itself.
  service = await startService({
    ...google.env, ...microsoft.env, ETIQUETTE_SYNC_FILES_DIR: FILES, ETIQUETTE_SYNC_ENABLED: "false",
  });
  // The school's Google Workspace domain and Entra tenant: a sign-in from them reaches it.
  const r = await fetch(`${service.base}/v1/admin/schools/stmarys/settings`, {
    method: "PATCH",
    headers: { "X-API-Key": "etq_demo_admin_key", "content-type": "application/json" },
    body: JSON.stringify({ gmail: { google_domain: "stmarys.sch.uk" }, outlook: { entra_tenant_id: TENANT } }),
  });
  assert.equal(r.status, 200);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  // The console's CSP allows no script at all; only the test's axe is let in.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("pageerror", (e) => assert.fail(`page error: ${e}`));
});

after(async () => {
  await browser?.close();
  await service?.stop();
  await google?.stop();
  await microsoft?.stop();
});

async function axe(name) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ["violations"] }),
  );
  assert.ok(result.passes.length >= 20, `axe ran too few rules on ${name}`);
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  checked.push(name);
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `axe on ${name}`,
  );
}

describe("admin console", () => {
  test("signed out, the console sends you to sign in; the sign-in page offers the demo's local sign-in", async () => {
    await page.goto(`${service.base}/console/`);
    assert.match(page.url(), /\/console\/sign-in$/);
    assert.equal(await page.locator("h2", { hasText: "Demo only" }).count(), 1);
    await axe("sign-in");
  });

  test("the skip link is the first thing the keyboard reaches and moves focus to main", async () => {
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Skip to main content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  });

  test("the demo admin signs in with the keyboard and lands on the school's overview", async () => {
    await page.getByRole("button", { name: "Sign in as the demo admin" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${service.base}${SCHOOL}/`);
    assert.match(await page.getByRole("heading", { level: 1 }).textContent(), /St Mary/);
    assert.match(await page.locator(".who").textContent(), /admin@stmarys\.sch\.uk/);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "etq_console");
    assert.ok(session && session.httpOnly && session.sameSite === "Lax" && session.path === "/console");
    await axe("overview");
  });

  let keyId;
  let key;
  test("Keys: create a check key, shown once, and it works at once", async () => {
    await page.getByRole("link", { name: "Keys" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/keys`);
    assert.equal(await page.getByRole("link", { name: "Keys" }).getAttribute("aria-current"), "page");
    await axe("keys");
    await page.getByLabel("Label").fill("browser-test");
    await page.getByLabel("check: calls /v1/check").check();
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("heading", { name: "New key" }).waitFor();
    key = await page.getByLabel("The key").inputValue();
    assert.match(key, /^etq_/);
    keyId = Number((await page.getByRole("status").textContent()).match(/Key (\d+)/)[1]);
    await axe("key created");
    const r = await fetch(`${service.base}/v1/admin/schools/stmarys/keys`, { headers: { "X-API-Key": "etq_demo_admin_key" } });
    const listed = (await r.json()).find((k) => k.id === keyId);
    assert.equal(listed.label, "browser-test");
    const check = await fetch(`${service.base}/v1/check`, {
      method: "POST",
      headers: { "X-API-Key": key, "content-type": "application/json" },
      body: JSON.stringify({ sender: { email: "s.jones@stmarys.sch.uk" }, to: [{ email: "a@stmarys.sch.uk" }], subject: "Staff meeting" }),
    });
    assert.equal(check.status, 200);
  });

  test("Keys: revoke it after confirming; it stops working", async () => {
    await page.getByRole("link", { name: "Back to the keys" }).click();
    assert.equal(await page.locator("body").textContent().then((t) => t.includes(key)), false);
    await page.getByRole("link", { name: `Revoke key ${keyId}` }).click();
    await page.getByRole("heading", { name: `Revoke key ${keyId}?` }).waitFor();
    await axe("revoke confirmation");
    await page.getByRole("button", { name: `Revoke key ${keyId}` }).click();
    await page.getByRole("status").filter({ hasText: "The key was revoked." }).waitFor();
    assert.equal(await page.getByRole("link", { name: `Revoke key ${keyId}` }).count(), 0);
    const check = await fetch(`${service.base}/v1/check`, {
      method: "POST",
      headers: { "X-API-Key": key, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(check.status, 401);
  });

  test("Roles: add the safeguarding lead", async () => {
    await page.getByRole("link", { name: "Roles" }).click();
    await axe("roles");
    await page.getByLabel("Email address or group id").fill("dsl@stmarys.sch.uk");
    await page.getByLabel("Role", { exact: true }).selectOption("safeguarding");
    await page.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("cell", { name: "dsl@stmarys.sch.uk", exact: true }).waitFor();
    await page.getByRole("link", { name: "Overview" }).click();
    assert.match(await page.locator("table").textContent(), /role\.assign[\s\S]*key\.revoke[\s\S]*key\.create/);
  });

  test("Policy: edit a field, review the diff, save, see the new version, roll back", async () => {
    const api = async () =>
      (await fetch(`${service.base}/v1/admin/schools/stmarys/policy`, { headers: { "X-API-Key": "etq_demo_admin_key" } })).json();
    const before = await api();
    await page.getByRole("link", { name: "Policy" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/policy`);
    await axe("policy editor");
    const rec001 = page.getByRole("group", { name: /REC001/ });
    assert.match(await rec001.locator("blockquote").textContent(), /§4\.5/);
    await rec001.getByLabel("Max recipients").fill("40");
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByRole("heading", { name: "Review changes" }).waitFor();
    await axe("policy review");
    const added = page.getByRole("row").filter({ hasText: "Added" });
    assert.match(await added.textContent(), /max_recipients: 40/);
    assert.match(await page.getByRole("row").filter({ hasText: "Removed" }).textContent(), /max_recipients: 25/);
    assert.equal((await api()).version, before.version); // nothing saved before Confirm
    await page.getByLabel("Why it changed (optional)").fill("bigger classes");
    await page.getByRole("button", { name: "Confirm and save" }).click();
    const saved = before.version + 1;
    await page.getByRole("status").filter({ hasText: `Saved as version ${saved}.` }).waitFor();
    await axe("policy versions");
    assert.match(await page.getByRole("row").filter({ hasText: "bigger classes" }).textContent(), new RegExp(`${saved} \\(current\\)`));
    assert.equal((await api()).policy.rules.REC001.max_recipients, 40);
    await page.getByRole("button", { name: `Roll back to version ${before.version}` }).click();
    await page.getByRole("status").filter({ hasText: `version ${saved + 1} is the policy now` }).waitFor();
    const after = await api();
    assert.equal(after.version, saved + 1);
    assert.deepEqual(after.set_by_school, before.set_by_school);
    await page.getByRole("link", { name: `View version ${saved}` }).click();
    await page.getByRole("heading", { name: `Policy version ${saved}` }).waitFor();
    await axe("policy version");
  });

  test("Policy: the YAML view, and a dry-run of a draft against a pasted message and an .eml", async () => {
    await page.getByRole("link", { name: "YAML", exact: true }).click();
    await page.getByRole("heading", { name: "Policy as YAML" }).waitFor();
    assert.match(await page.getByLabel("The policy (YAML)").inputValue(), /internal_domains:/);
    await axe("policy yaml");
    await page.getByLabel("The policy (YAML)").fill("a: &x 1\nb: *x\n");
    await page.getByRole("button", { name: "Review changes" }).click();
    assert.match(await page.getByRole("alert").textContent(), /aliases/);
    await page.getByRole("link", { name: "Dry-run" }).click();
    await page.getByRole("heading", { name: "Dry-run" }).waitFor();
    await axe("policy dry-run");
    await page.getByLabel("From", { exact: true }).fill("s.jones@stmarys.sch.uk");
    await page.getByLabel("To", { exact: true }).fill("p1@gmail.com, p2@gmail.com");
    await page.getByLabel("Subject").fill("Year 9 trip");
    const draft = page.getByLabel("Draft policy (YAML)");
    const current = await draft.inputValue();
    assert.match(current, /REC003:\n    severity: warn/);
    await draft.fill(current.replace(/REC003:\n    severity: warn/, "REC003:\n    severity: block"));
    await page.getByLabel("Or a message file (.eml or mbox)").setInputFiles({
      name: "trip.eml",
      mimeType: "message/rfc822",
      buffer: Buffer.from("From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com, b@gmail.com\r\nSubject: Trip\r\n\r\nHi\r\n"),
    });
    await page.getByRole("button", { name: "Try it" }).click();
    await page.getByRole("heading", { name: "Verdicts" }).waitFor();
    const pasted = page.getByRole("row").filter({ hasText: "Pasted message" });
    assert.match(await pasted.getByRole("cell").nth(0).textContent(), /Warn/);
    assert.match(await pasted.getByRole("cell").nth(1).textContent(), /Block/);
    assert.match(await pasted.getByRole("cell").nth(2).textContent(), /Yes/);
    assert.match(await page.getByRole("row").filter({ hasText: "The uploaded message" }).textContent(), /Block/);
    await axe("policy dry-run verdicts");
  });

  test("Roles: add an auditor (DPO)", async () => {
    await page.getByRole("link", { name: "Roles" }).click();
    await page.getByLabel("Email address or group id").fill("dpo@stmarys.sch.uk");
    await page.getByLabel("Role", { exact: true }).selectOption("auditor");
    await page.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("cell", { name: "dpo@stmarys.sch.uk", exact: true }).waitFor();
  });

  test("Notifications: set a channel, save, send a test and see it fail visibly in the outbox", async () => {
    await page.getByRole("link", { name: "Notifications" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/notifications`);
    assert.equal(await page.getByRole("link", { name: "Notifications" }).getAttribute("aria-current"), "page");
    await axe("notifications");
    await page.getByLabel("Send notifications for this school").check();
    await page.getByLabel("Channel", { exact: true }).selectOption("slack");
    await page.getByLabel("At once, one notice per event").check();
    await page.getByLabel("Environment variable holding the webhook URL").fill("ETQ_BROWSER_TEST_UNSET");
    await page.getByRole("button", { name: "Save notification settings" }).click();
    await page.getByRole("status").filter({ hasText: "The notification settings were saved." }).waitFor();
    assert.match(await page.locator("main").textContent(), /notifications are on, sent by slack, as each event happens/);
    await page.getByRole("button", { name: "Send a test notification" }).click();
    await page.getByRole("status").filter({ hasText: "could not be sent" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "ETQ_BROWSER_TEST_UNSET is not set" });
    assert.match(await row.textContent(), /test\s*slack\s*failed\s*1/);
    await axe("notifications after a test");
    // the settings API shows what the form saved
    const r = await fetch(`${service.base}/v1/admin/schools/stmarys/settings`, { headers: { "X-API-Key": "etq_demo_admin_key" } });
    const n = (await r.json()).notifications;
    assert.deepEqual([n.enabled, n.channel, n.mode, n.webhook_url_env], [true, "slack", "instant", "ETQ_BROWSER_TEST_UNSET"]);
  });

  test("Dashboard: checks and an outcome show up as a chart, a table and a CSV", async () => {
    const headers = { "X-API-Key": "etq_demo_check_key", "content-type": "application/json" };
    const flagged = await fetch(`${service.base}/v1/check`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        sender: { email: "s.jones@stmarys.sch.uk" },
        to: [{ email: "parent.one@gmail.com" }, { email: "parent.two@outlook.com" }, { email: "parent.three@yahoo.co.uk" }],
        subject: "Trip",
      }),
    }).then((r) => r.json());
    assert.ok(flagged.findings.length > 0, "the message should be flagged");
    const codes = [...new Set(flagged.findings.map((f) => f.code))];
    const outcome = await fetch(`${service.base}/v1/outcome`, {
      method: "POST",
      headers,
      body: JSON.stringify({ check_id: flagged.check_id, outcome: "fixed", host: "api", codes }),
    });
    assert.equal(outcome.status, 202);
    // The audit is written behind the checks (about once a second): wait for it.
    for (let i = 0; ; i++) {
      await page.goto(`${service.base}${SCHOOL}/audit?kind=outcome`);
      if ((await page.getByRole("cell", { name: "Fixed before sending" }).count()) > 0) break;
      assert.ok(i < 40, "the outcome never reached the audit page");
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/dashboard`);
    assert.equal(await page.getByRole("link", { name: "Dashboard" }).getAttribute("aria-current"), "page");
    await page.getByLabel("Period", { exact: true }).selectOption("7");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/dashboard?days=7`);
    const cells = (row) => page.getByRole("row", { name: row }).getByRole("cell").allTextContents();
    const [checks, checksBefore] = await cells(/^Checks \d/);
    assert.ok(Number(checks) >= 2, `checks: ${checks}`); // the key's check and this one at least
    assert.equal(checksBefore, "0");
    assert.deepEqual(await cells(/^Fixed before sending/), ["1", "0", "+1"]);
    assert.equal(await page.getByRole("img", { name: /per day, last 7 days/ }).count(), 1);
    assert.equal(await page.getByRole("img", { name: "What people did after a finding" }).count(), 1);
    const csv = await page.getByRole("link", { name: "Download these figures (CSV)" }).getAttribute("href");
    const r = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), text: await res.text() };
    }, `${service.base}${csv}`);
    assert.match(r.disposition, /^attachment; filename=/);
    assert.match(r.text, /^section,item,this_period,previous_period,change/);
    assert.match(r.text, /outcomes,fixed,1,0,1/);
    await axe("dashboard");
  });

  test("Audit: filter the events with the keyboard; the filtered list downloads as CSV", async () => {
    await page.getByRole("link", { name: "Audit" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/audit`);
    await axe("audit");
    await page.getByLabel("Kind").selectOption("check");
    await page.getByLabel("Verdict").selectOption("warn");
    await page.getByRole("button", { name: "Filter" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/audit\?/);
    assert.match(page.url(), /kind=check/);
    const rows = page.locator("table.audit tbody tr");
    assert.ok((await rows.count()) >= 1);
    for (const text of await rows.allTextContents()) assert.match(text, /check[\s\S]*warn/);
    const href = await page.getByRole("link", { name: "Download the filtered list (CSV)" }).getAttribute("href");
    assert.match(href, /audit\.csv\?.*kind=check/);
    const text = await page.evaluate(async (url) => (await fetch(url)).text(), `${service.base}${href}`);
    const lines = text.trim().split("\r\n");
    assert.equal(lines.length, (await rows.count()) + 1);
    assert.ok(lines.slice(1).every((l) => l.includes(",check,") && l.includes(",warn,")));
    const bad = await page.goto(`${service.base}${SCHOOL}/audit?page=abc`);
    assert.equal(bad.status(), 400);
    await axe("bad filter");
  });

  test("Roll-out: switch a rule to silent; a check it would flag shows nothing, the page counts it", async () => {
    await page.goto(`${service.base}${SCHOOL}/`);
    const rollout = `${service.base}${SCHOOL}/rollout`;
    const message = {
      sender: { email: "s.jones@stmarys.sch.uk" },
      to: [{ email: "parent1@gmail.com" }, { email: "parent2@outlook.com" }],
      subject: "Year 9 trip",
    };
    const check = async () => (await fetch(`${service.base}/v1/check`, {
      method: "POST",
      headers: { "X-API-Key": "etq_demo_check_key", "content-type": "application/json" },
      body: JSON.stringify(message),
    })).json();
    const silentCount = async () => Number(await page.locator('[data-silent="REC003"]').textContent());
    assert.deepEqual((await check()).findings.map((f) => f.code), ["REC003"]); // live: shown
    await page.getByRole("link", { name: "Roll-out" }).click();
    await page.waitForURL(rollout);
    await axe("roll-out");
    const before = await silentCount();
    await page.getByLabel("Mode of REC003").selectOption("silent");
    await page.getByLabel("Reason required for REC001").check();
    await page.getByLabel("Comment (optional)").fill("REC003 silent for a week");
    await page.getByRole("button", { name: "Save roll-out" }).click();
    await page.getByRole("status").filter({ hasText: /Saved as policy version \d+/ }).waitFor();
    assert.equal(await page.getByLabel("Mode of REC003").inputValue(), "silent");
    assert.equal(await page.getByLabel("Reason required for REC001").isChecked(), true);
    assert.match(await page.locator("#rule-REC003").textContent(), /Live, it would warn\./);
    const verdict = await check();
    assert.equal(verdict.action, "allow");
    assert.deepEqual(verdict.findings, []);
    assert.ok(!JSON.stringify(verdict).includes("REC003"));
    // The audit is written behind the check: reload until the page counts it.
    let count = before;
    for (let i = 0; i < 50 && count === before; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await page.goto(rollout);
      count = await silentCount();
    }
    assert.equal(count, before + 1);
    await page.getByRole("link", { name: "Overview" }).click();
    assert.match(await page.locator("table").textContent(), /policy\.rollout/);
  });

  test("Directory: Sync now shows the run; a held change is approved", async () => {
    const r = await fetch(`${service.base}/v1/admin/schools/stmarys/directory/sources/mis`, {
      method: "PUT",
      headers: { "X-API-Key": "etq_demo_admin_key", "content-type": "application/json" },
      body: JSON.stringify({ kind: "csv", config: { people: "people.csv" } }),
    });
    assert.equal(r.status, 200);
    await page.goto(`${service.base}${SCHOOL}/`);
    await page.getByRole("link", { name: "Directory" }).click();
    await page.getByRole("heading", { level: 1, name: "Directory" }).waitFor();
    await axe("directory");
    await page.getByRole("button", { name: "Sync now mis" }).click();
    // The run page refreshes itself (no script) until the run is over.
    await page.getByRole("status").filter({ hasText: "Status: applied" }).waitFor({ timeout: 20_000 });
    assert.match(await page.getByRole("heading", { level: 1 }).textContent(), /Sync run \d+: mis/);
    await axe("sync run");
    // One of the two leaves the export: more than 10%, so the sync is held.
    writeFileSync(PEOPLE, HEADER + STAFF[0]);
    await page.getByRole("link", { name: "Back to the directory" }).click();
    await page.getByRole("button", { name: "Sync now mis" }).click();
    await page.getByRole("status").filter({ hasText: "Status: pending" }).waitFor({ timeout: 20_000 });
    assert.equal(await page.getByRole("link", { name: "Bethan Rowe" }).count(), 1);
    await axe("held run");
    const runId = (await page.getByRole("heading", { level: 1 }).textContent()).match(/run (\d+)/)[1];
    await page.getByRole("button", { name: `Approve run ${runId}` }).click();
    await page.getByRole("status").filter({ hasText: "The held change was applied." }).waitFor();
    assert.equal(await page.getByText("Nothing is waiting for approval.").count(), 1);
    const person = await fetch(`${service.base}/v1/admin/schools/stmarys/directory/people/S9002`, { headers: { "X-API-Key": "etq_demo_admin_key" } });
    assert.equal(person.status, 404);
  });

  test("Directory: the source form comes from the kind's settings, secrets by name only", async () => {
    await page.getByRole("link", { name: "Edit mis" }).click();
    await page.getByRole("heading", { level: 1, name: "Edit source mis" }).waitFor();
    await axe("source form");
    await page.goto(`${service.base}${SCHOOL}/directory/sources/new?kind=graph`);
    assert.match(await page.getByLabel("client secret env").getAttribute("aria-describedby"), /hint/);
    await page.getByRole("link", { name: "Cancel" }).click();
  });

  test("Directory: search a demo person by name and open their page", async () => {
    await page.getByLabel("Name, email address or id").fill("Ronan Weeks");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /1 person found/ }).waitFor();
    assert.doesNotMatch(page.url(), /Ronan|ronan/); // a POST: the words are not in the URL
    await axe("search results");
    await page.getByRole("link", { name: "Ronan Weeks" }).click();
    await page.getByRole("heading", { level: 1, name: "Ronan Weeks" }).waitFor();
    assert.match(await page.locator(".facts").textContent(), /ronan\.weeks@pupils\.stmarys\.sch\.uk/);
    await axe("person");
  });

  test("a form POST without its CSRF token is refused with a page", async () => {
    const status = await page.evaluate(async (url) => {
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "role=check&label=x" });
      return r.status;
    }, `${service.base}${SCHOOL}/keys`);
    assert.equal(status, 403);
    const policyStatus = await page.evaluate(async (url) => {
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "draft=%7B%7D&base=1" });
      return r.status;
    }, `${service.base}${SCHOOL}/policy/save`);
    assert.equal(policyStatus, 403);
  });

  test("another school's pages (or none) are a 404 page", async () => {
    const r = await page.goto(`${service.base}/console/schools/oakfield/keys`);
    assert.equal(r.status(), 404);
    assert.equal((await page.goto(`${service.base}/console/schools/oakfield/policy`)).status(), 404);
    await axe("not found");
  });

  test("sign out ends the session", async () => {
    await page.goto(`${service.base}${SCHOOL}/`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${service.base}/console/sign-in`);
    const r = await page.goto(`${service.base}${SCHOOL}/keys`);
    assert.match(page.url(), /\/console\/sign-in$/);
    assert.equal(r.status(), 200);
    assert.deepEqual(checked, ["sign-in", "overview", "keys", "key created", "revoke confirmation", "roles", "policy editor", "policy review", "policy versions", "policy version", "policy yaml", "policy dry-run", "policy dry-run verdicts", "notifications", "notifications after a test", "dashboard", "audit", "bad filter", "roll-out", "directory", "sync run", "held run", "source form", "search results", "person", "not found"]);
  });

  async function signInWithGoogle(email) {
    google.as(email);
    await page.goto(`${service.base}/console/sign-in`);
    await page.getByRole("link", { name: "Sign in with Google" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/`);
    assert.match(await page.locator(".who").textContent(), new RegExp(email.replace(".", "\\.")));
  }

  test("Policy: the safeguarding lead cannot open the editor (403)", async () => {
    await signInWithGoogle("dsl@stmarys.sch.uk");
    assert.equal(await page.getByRole("link", { name: "Policy" }).count(), 0);
    for (const path of ["/policy", "/policy/yaml", "/policy/dry-run", "/policy/versions"]) {
      const r = await page.goto(`${service.base}${SCHOOL}${path}`);
      assert.equal(r.status(), 403, path);
      await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    }
    await page.goto(`${service.base}${SCHOOL}/`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${service.base}/console/sign-in`);
  });

  test("Dashboard and Audit: the safeguarding lead sees the pupil rules only", async () => {
    await signInWithGoogle("dsl@stmarys.sch.uk");
    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await page.getByRole("note").filter({ hasText: "pupil rules only" }).waitFor();
    const text = await page.locator("main").textContent();
    assert.match(text, /PUP001/);
    assert.doesNotMatch(text, /REC00\d|SUB00\d|OOH001|ATT001/);
    await page.getByRole("link", { name: "Audit" }).click();
    const rules = await page.getByLabel("Rule").locator("option").allTextContents();
    assert.deepEqual(rules, ["Any", "PUP001", "PUP002", "PUP003"]);
    assert.equal((await page.goto(`${service.base}${SCHOOL}/audit?rule=REC001`)).status(), 400);
    await page.goto(`${service.base}${SCHOOL}/`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${service.base}/console/sign-in`);
  });

  test("Policy: the auditor reads the policy and its versions but cannot save (no buttons; POST 403)", async () => {
    await signInWithGoogle("dpo@stmarys.sch.uk");
    await page.getByRole("link", { name: "Policy" }).click();
    await page.getByRole("heading", { name: "Policy", exact: true }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Review changes" }).count(), 0);
    assert.equal(await page.getByRole("group", { name: /REC001/ }).getByLabel("Max recipients").isEditable(), false);
    await page.getByRole("link", { name: "Versions" }).click();
    await page.getByRole("heading", { name: "Policy versions" }).waitFor();
    assert.ok((await page.getByRole("row").count()) > 2);
    assert.equal(await page.getByRole("button", { name: /Roll back/ }).count(), 0);
    const statuses = await page.evaluate(async (base) => {
      const csrf = document.querySelector('input[name="csrf"]').value;
      const post = async (path, body) =>
        (await fetch(`${base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrf, ...body }).toString(),
        })).status;
      return [
        await post("/save", { draft: "{}", base: "1" }),
        await post("/review", { "rules.REC001.max_recipients": "99" }),
        await post("/versions/1/rollback", {}),
      ];
    }, `${service.base}${SCHOOL}/policy`);
    assert.deepEqual(statuses, [403, 403, 403]);
  });

  async function signOut() {
    await page.goto(`${service.base}${SCHOOL}/`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${service.base}/console/sign-in`);
  }

  async function signInWithMicrosoft(email, tid, groups) {
    microsoft.as(email, tid, { groups });
    await page.goto(`${service.base}/console/sign-in`);
    await page.getByRole("link", { name: "Sign in with Microsoft" }).click();
  }

  test("Entra: the demo admin gives an Entra group the admin role", async () => {
    await signOut();
    await page.getByRole("button", { name: "Sign in as the demo admin" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/`);
    await page.getByRole("link", { name: "Roles" }).click();
    await page.getByLabel("a group (id from the sign-in token)").check();
    await page.getByLabel("Email address or group id").fill(IT_GROUP);
    await page.getByLabel("Role", { exact: true }).selectOption("admin");
    await page.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("cell", { name: `${IT_GROUP} (group)`, exact: true }).waitFor();
    await signOut();
  });

  test("Entra: a member of the group signs in with Microsoft (MSAL) and lands on the school", async () => {
    const before = microsoft.seen.length;
    await signInWithMicrosoft("it.lead@stmarys.sch.uk", TENANT, [IT_GROUP]);
    await page.waitForURL(`${service.base}${SCHOOL}/`);
    assert.match(await page.locator(".who").textContent(), /it\.lead@stmarys\.sch\.uk/);
    // the group's role: an admin may open the policy editor
    await page.getByRole("link", { name: "Policy" }).click();
    await page.getByRole("button", { name: "Review changes" }).waitFor();
    // the whole Entra-shaped exchange happened: the browser at /authorize, the service
    // (MSAL) at the discovery document and /token, then the keys for the signature
    const calls = microsoft.seen.slice(before);
    for (const call of [
      "GET /organizations/v2.0/.well-known/openid-configuration",
      "GET /organizations/oauth2/v2.0/authorize",
      "POST /organizations/oauth2/v2.0/token",
      "GET /common/discovery/v2.0/keys",
    ]) {
      assert.ok(calls.includes(call), `${call} in ${calls}`);
    }
    await signOut();
  });

  test("Entra: the same person and group from another tenant gets No access (403, no session)", async () => {
    await signInWithMicrosoft("it.lead@stmarys.sch.uk", OTHER_TENANT, [IT_GROUP]);
    await page.getByRole("heading", { name: "No access" }).waitFor();
    assert.match(await page.locator("main").textContent(), /it\.lead@stmarys\.sch\.uk/);
    await axe("no access");
    const r = await page.goto(`${service.base}${SCHOOL}/`);
    assert.match(page.url(), /\/console\/sign-in$/);
    assert.equal(r.status(), 200);
    // and a member of no group with a role, in the right tenant, gets No access too
    await signInWithMicrosoft("visitor@stmarys.sch.uk", TENANT, null);
    await page.getByRole("heading", { name: "No access" }).waitFor();
  });
});

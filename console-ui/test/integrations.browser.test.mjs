// The console's Integrations page and a trust's Roles page in headless Chromium, served by
// the REAL service in demo mode with this deployment's public host and add-in app id set:
// the manifests and the Gmail descriptor download (Content-Disposition, this host, no
// secret), the Entra ID test reports the missing secret by name, and a trust admin (the
// demo admin, after `etiquette trust create --admin-email` and `trust add-school`) adds a
// trust-wide role. axe-core on every page: zero serious or critical violations.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startService } from "../../tests/js/service.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SCHOOL = "/console/schools/stmarys";
const HOST = "https://etiquette.example.org";
const CLIENT = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const python = process.env.ETIQUETTE_PYTHON || join(repoRoot, ".venv", "bin", "python");

let service;
let browser;
let page;
let dir;
let dbUrl;
const checked = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "etiquette-integrations-"));
  dbUrl = `sqlite:///${join(dir, "etiquette.sqlite3")}`;
  service = await startService({
    DATABASE_URL: dbUrl,
    ETIQUETTE_REFRESH_SECONDS: "0.5",
    ETIQUETTE_OUTLOOK_PUBLIC_HOST: HOST,
    ETIQUETTE_OUTLOOK_CLIENT_ID: CLIENT,
    ETIQUETTE_OUTLOOK_CLIENT_SECRET: "",
    ETIQUETTE_GMAIL_BASE_URL: HOST,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("pageerror", (e) => assert.fail(`page error: ${e}`));
});

after(async () => {
  await browser?.close();
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function axe(name) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  assert.ok(result.passes.length >= 20, `axe ran too few rules on ${name}`);
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  checked.push(name);
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `axe on ${name}`,
  );
}

function etiquette(...args) {
  return execFileSync(python, ["-c", "import sys; from app.cli import main; sys.exit(main())", ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: dbUrl, ETIQUETTE_ENVIRONMENT: "test" },
    encoding: "utf8",
  });
}

describe("console integrations and trust roles", () => {
  test("the demo admin opens Integrations from the Keys page", async () => {
    await page.goto(`${service.base}/console/sign-in`);
    await page.getByRole("button", { name: "Sign in as the demo admin" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/`);
    await page.getByRole("link", { name: "Keys" }).click();
    await page.getByRole("main").getByRole("link", { name: "Integrations" }).click();
    await page.waitForURL(`${service.base}${SCHOOL}/integrations`);
    assert.equal(await page.getByRole("navigation").getByRole("link", { name: "Integrations" }).getAttribute("aria-current"), "page");
    await axe("integrations");
  });

  test("the download links answer this deployment's files as attachments", async () => {
    const links = {
      "Add-in-only manifest (manifest.xml)": ['attachment; filename="manifest.xml"', "application/xml"],
      "Unified manifest app package (zip)": ['attachment; filename="etiquette-outlook-app.zip"', "application/zip"],
      "Deployment descriptor (deployment.json)": ['attachment; filename="deployment.json"', "application/json"],
    };
    for (const [name, [disposition, type]] of Object.entries(links)) {
      const href = await page.getByRole("link", { name }).getAttribute("href");
      const r = await page.request.get(`${service.base}${href}`);
      assert.equal(r.status(), 200, name);
      assert.equal(r.headers()["content-disposition"], disposition);
      assert.ok(r.headers()["content-type"].startsWith(type));
      if (type !== "application/zip") {
        const text = await r.text();
        assert.ok(text.includes(HOST), `${name} names this host`);
      }
    }
    const xml = await (await page.request.get(`${service.base}${SCHOOL}/integrations/outlook-manifest.xml`)).text();
    assert.ok(xml.includes(CLIENT) && xml.includes(`${HOST}/addin/commands.html`));
    // The version form downloads an update's manifest.
    await page.getByLabel("Add-in version for an update").fill("1.2.3");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download manifest.xml" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "manifest.xml");
  });

  test("the Entra ID test names the missing setting", async () => {
    await page.goto(`${service.base}${SCHOOL}/integrations`);
    await page.getByRole("button", { name: "Test Microsoft Entra ID" }).click();
    const result = page.getByRole("status").filter({ hasText: "Microsoft Entra ID: not working" });
    await result.waitFor();
    const text = await result.textContent();
    assert.match(text, /Not tested: a setting is missing/);
    assert.match(text, /entra_tenant_id/);
    assert.match(text, /ETIQUETTE_OUTLOOK_CLIENT_SECRET is not set/);
    await axe("integrations test result");
  });

  test("a trust admin adds a role across the trust", async () => {
    etiquette("trust", "create", "elm", "--name", "Elm Trust", "--admin-email", "admin@stmarys.sch.uk");
    etiquette("trust", "add-school", "elm", "stmarys");
    // The service sees the trust at its next refresh.
    for (let i = 0; ; i++) {
      await page.goto(`${service.base}${SCHOOL}/roles`);
      if ((await page.getByRole("link", { name: /trust roles/ }).count()) === 1) break;
      assert.ok(i < 40, "the trust did not appear");
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.getByRole("link", { name: /trust roles/ }).click();
    await page.waitForURL(`${service.base}/console/trusts/elm/roles`);
    await page.getByRole("heading", { name: "Roles across Elm Trust" }).waitFor();
    await axe("trust roles");
    await page.getByLabel("Email address or group id").fill("it@elm.org.uk");
    await page.getByLabel("Role", { exact: true }).selectOption("helpdesk");
    await page.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("cell", { name: "it@elm.org.uk", exact: true }).waitFor();
    assert.match(await page.getByRole("table").last().textContent(), /role\.assign/);
    // The last trust admin cannot be removed.
    await page.getByRole("button", { name: "Remove Admin from admin@stmarys.sch.uk" }).click();
    await page.getByRole("heading", { name: "Role not removed" }).waitFor();
    await axe("trust last admin");
    // The school's Roles page shows the new role as the trust's.
    await page.goto(`${service.base}${SCHOOL}/roles`);
    await page.getByRole("cell", { name: "Helpdesk (whole trust)" }).waitFor();
    assert.deepEqual(checked, ["integrations", "integrations test result", "trust roles", "trust last admin"]);
  });
});

// `etiquette serve --demo` with none of the add-ins' settings: the downloads still work,
// with https://localhost:<the port the demo listens on> and the placeholder client id, and
// the page says plainly they are demo files.
describe("console integrations out of the box in the demo", () => {
  let demo;
  let demoPage;
  before(async () => {
    demo = await startService({
      ETIQUETTE_OUTLOOK_PUBLIC_HOST: "",
      ETIQUETTE_OUTLOOK_CLIENT_ID: "",
      ETIQUETTE_GMAIL_BASE_URL: "",
    });
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    demoPage = await context.newPage();
    demoPage.on("pageerror", (e) => assert.fail(`page error: ${e}`));
  });
  after(async () => {
    await demoPage?.context().close();
    await demo?.stop();
  });

  test("the demo admin downloads demo manifests, labelled not for production", async () => {
    await demoPage.goto(`${demo.base}/console/sign-in`);
    await demoPage.getByRole("button", { name: "Sign in as the demo admin" }).click();
    await demoPage.waitForURL(`${demo.base}${SCHOOL}/`);
    await demoPage.goto(`${demo.base}${SCHOOL}/integrations`);
    await demoPage.getByRole("heading", { name: "Demo files, not for production" }).waitFor();
    await demoPage.getByRole("heading", { name: "Demo file, not for production" }).waitFor();
    const origin = `https://localhost:${new URL(demo.base).port}`;
    const text = await demoPage.getByRole("main").textContent();
    assert.ok(text.includes(`ETIQUETTE_OUTLOOK_PUBLIC_HOST: ${origin}`), text);
    assert.ok(text.includes("ETIQUETTE_OUTLOOK_CLIENT_ID: 00000000-0000-0000-0000-000000000000 (a placeholder"));
    // axe with this page's own result list (the other describe's list is its own).
    await demoPage.addScriptTag({ content: AXE });
    const result = await demoPage.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => v.id), [], "axe on the demo integrations page");
    const links = {
      "Add-in-only manifest (demo-manifest.xml)": 'attachment; filename="demo-manifest.xml"',
      "Unified manifest app package (zip)": 'attachment; filename="demo-etiquette-outlook-app.zip"',
      "Deployment descriptor (demo-deployment.json)": 'attachment; filename="demo-deployment.json"',
    };
    for (const [name, disposition] of Object.entries(links)) {
      const href = await demoPage.getByRole("link", { name }).getAttribute("href");
      const r = await demoPage.request.get(`${demo.base}${href}`);
      assert.equal(r.status(), 200, name);
      assert.equal(r.headers()["content-disposition"], disposition);
      if (!name.includes("zip")) assert.ok((await r.text()).includes(origin), `${name} names ${origin}`);
    }
  });
});

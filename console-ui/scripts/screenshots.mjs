// The README's screenshots of the console at 1280 px (docs/console-*.png), from the REAL service
// in demo mode with the demo admin signed in: the dashboard (over the demo's synthetic history),
// the policy editor, and the Directory page with a CSV source synced once and a second sync
// held for approval.
// Run: cd console-ui && node scripts/screenshots.mjs
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { repoRoot, startService } from "../../tests/js/service.mjs";

const FILES = mkdtempSync(join(tmpdir(), "etiquette-sources-"));
const PEOPLE = join(FILES, "stmarys", "people.csv");
const HEADER = "id,kind,first_name,preferred_name,last_name,middle_names,email,personal_emails,mis_ref\n";
const STAFF = Array.from({ length: 8 }, (_, i) => `S90${i}0,staff,Staff,,Member${i},,staff${i}@stmarys.sch.uk,,\n`);
mkdirSync(join(FILES, "stmarys"));
writeFileSync(PEOPLE, HEADER + STAFF.join(""));

const service = await startService({
  ETIQUETTE_SYNC_FILES_DIR: FILES,
  ETIQUETTE_SYNC_ENABLED: "false",
  ETIQUETTE_ENVIRONMENT: "development", // the demo's audit history is not written under "test"
});
const api = (path, init = {}) =>
  fetch(`${service.base}/v1/admin/schools/stmarys/directory${path}`, {
    ...init,
    headers: { "X-API-Key": "etq_demo_admin_key", "content-type": "application/json" },
  });
try {
  const put = await api("/sources/mis", { method: "PUT", body: JSON.stringify({ kind: "csv", config: { people: "people.csv" } }) });
  if (put.status !== 200) throw new Error(`PUT source: ${put.status} ${await put.text()}`);
  for (const rows of [STAFF, STAFF.slice(0, 6)]) {
    writeFileSync(PEOPLE, HEADER + rows.join(""));
    const res = await api("/sources/mis/sync", { method: "POST" });
    const run = await res.json();
    if (res.status !== 200) throw new Error(`sync: ${res.status} ${JSON.stringify(run)}`);
    console.log(`run ${run.id}: ${run.status}`);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${service.base}/console/sign-in`);
  await page.getByRole("button", { name: "Sign in as the demo admin" }).click();
  for (const name of ["dashboard", "policy", "directory"]) {
    const r = await page.goto(`${service.base}/console/schools/stmarys/${name}`);
    if (!r.ok()) throw new Error(`${name}: HTTP ${r.status()}`);
    // The policy editor is long: one screen from its first rule shows how every rule's form
    // looks (options with bounds and defaults, the policy's paragraph beside them).
    if (name === "policy") await page.evaluate(() => [...document.querySelectorAll("fieldset.rule")].find((f) => f.textContent.includes("REC001")).scrollIntoView());
    await page.screenshot({ path: join(repoRoot, "docs", `console-${name}.png`), fullPage: name !== "policy" });
    console.log(`docs/console-${name}.png`);
  }
  await browser.close();
} finally {
  await service.stop();
}

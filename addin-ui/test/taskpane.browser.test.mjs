// The task pane in headless Chromium (Debian's /usr/bin/chromium via playwright-core),
// served by the REAL service, with the fake Office.js in place of Microsoft's CDN script.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { randomBytes } from "node:crypto";
import { startFakeGraph } from "./fake-graph.mjs";
import { fakeOfficePath, person, repoRoot, startService } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];
const fakeOffice = readFileSync(fakeOfficePath, "utf8");

let service;
let browser;
let graph; // the fake Microsoft Graph the pane's share-as-link fix talks to

before(async () => {
  graph = await startFakeGraph();
  service = await startService({ ETIQUETTE_OUTLOOK_GRAPH_BASE: graph.graphBase });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
});

after(async () => {
  await browser?.close();
  await service?.stop();
  await graph?.close();
});

const DRAFT = {
  from: { emailAddress: "s.jones@stmarys.sch.uk", displayName: "Sarah Jones" },
  to: [
    person("fam.rivers@gmail.com", "The Rivers family", "externalUser"),
    person("home.okoro@outlook.com", "Okoro household", "externalUser"),
  ],
  cc: [person("the.bakers@btinternet.com", "Bakers", "externalUser")],
  subject: "Year 9 trip to the Science Museum on 4 December",
};

async function openPane(office) {
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const outcomes = [];
  const checks = []; // [{ purpose, check_id }] in the order answered
  page.on("request", (r) => {
    if (r.url().endsWith("/v1/outcome")) outcomes.push(r.postDataJSON());
  });
  page.on("response", async (r) => {
    if (!r.url().endsWith("/v1/check")) return;
    const { purpose } = r.request().postDataJSON();
    let body;
    try {
      body = await r.json();
    } catch {
      // The test closed the page while a background check was still answering:
      // its answer is no longer anyone's (and must not surface as an unhandled
      // rejection after the test ended).
      return;
    }
    checks.push({ purpose, check_id: body.check_id });
  });
  // Outlook supplies Office.js; here the fake stands in for it (no network).
  await page.route("https://appsforoffice.microsoft.com/**", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: `${fakeOffice}\nEtiquetteFakeOffice.install(window, ${JSON.stringify(office)});`,
    }),
  );
  await page.goto(`${service.base}/addin/taskpane.html`);
  await page.locator(".finding").first().waitFor();
  return { page, errors, outcomes, checks };
}

const calls = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.__fakeOffice.calls)));

describe("event runtime page (Outlook on the web, new Outlook, Mac)", () => {
  test("commands.html registers the handlers and a Send is checked by the real service", async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const office = { item: { ...structuredClone(DRAFT), to: [person("amirk2011@gmail.com", "Amir Khan", "externalUser")], cc: [] } };
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `${fakeOffice}\nEtiquetteFakeOffice.install(window, ${JSON.stringify(office)});`,
      }),
    );
    await page.goto(`${service.base}/addin/commands.html`);
    const completed = await page.evaluate(() => window.__fakeOffice.fire("onMessageSendHandler"));
    assert.equal(completed.allowEvent, false);
    assert.equal(completed.cancelLabel, "Fix it");
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("task pane", () => {
  test("shows the findings and moves the parents to Bcc with the right Office.js calls", async () => {
    const { page, errors, outcomes, checks } = await openPane({ item: structuredClone(DRAFT) });
    const finding = page.locator(".finding", { hasText: "visible to each other" });
    await finding.waitFor();
    assert.match(await page.locator("#summary").textContent(), /thing/);
    assert.match(await finding.locator("p").first().textContent(), /Bcc/);

    await finding.locator('button[data-kind="move_to_bcc"]').click();
    await page.locator("#hint", { hasText: "Done" }).waitFor();
    await page.locator("#summary.ok").waitFor(); // re-checked: nothing left

    assert.deepEqual(await calls(page), [
      { api: "to.setAsync", args: [[]] },
      { api: "cc.setAsync", args: [[]] },
      {
        api: "bcc.addAsync",
        args: [[
          { displayName: "The Rivers family", emailAddress: "fam.rivers@gmail.com" },
          { displayName: "Okoro household", emailAddress: "home.okoro@outlook.com" },
          { displayName: "Bakers", emailAddress: "the.bakers@btinternet.com" },
        ]],
      },
    ]);
    // The choice is recorded without content: ids, codes and the outcome only.
    assert.equal(outcomes.length, 1);
    assert.deepEqual(Object.keys(outcomes[0]).sort(), ["check_id", "codes", "host", "outcome"]);
    assert.equal(outcomes[0].outcome, "fixed");
    assert.deepEqual(outcomes[0].codes, ["REC003"]);
    // Opened from the ribbon: the first check is the user's review and owns the choice;
    // the re-check after the fix is background.
    assert.deepEqual(checks.map((c) => c.purpose), ["review", "background"]);
    assert.equal(outcomes[0].check_id, checks[0].check_id);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("opened by a Smart Alert: choices belong to the Send check, the pane's checks are background", async () => {
    // The Send check the handler made (the real service gives it its id).
    const send = await fetch(`${service.base}/v1/check`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        sender: { email: "s.jones@stmarys.sch.uk" },
        to: DRAFT.to.map((r) => ({ email: r.emailAddress })),
        cc: DRAFT.cc.map((r) => ({ email: r.emailAddress })),
        subject: DRAFT.subject, host: "outlook", purpose: "send",
      }),
    });
    const sendId = (await send.json()).check_id;
    const office = { item: structuredClone(DRAFT), initializationContext: JSON.stringify({ check_id: sendId }) };
    const { page, outcomes, checks, errors } = await openPane(office);
    await page.locator('button[data-kind="move_to_bcc"]').click();
    await page.locator("#summary.ok").waitFor();
    await page.locator("#cancel").click();
    await page.waitForFunction(() => window.__fakeOffice.calls.some((c) => c.api === "ui.closeContainer"));
    assert.deepEqual(checks.map((c) => c.purpose), ["background", "background"]);
    assert.deepEqual(outcomes.map((o) => [o.outcome, o.check_id]), [["fixed", sendId], ["cancelled", sendId]]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a set-up problem is shown as one, not as a connection failure", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    const office = { item: structuredClone(DRAFT) };
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: `${fakeOffice}\nEtiquetteFakeOffice.install(window, ${JSON.stringify(office)});` }),
    );
    await page.route("**/v1/check", (route) => route.fulfill({ status: 403, contentType: "application/json", body: '{"detail":"forbidden"}' }));
    await page.goto(`${service.base}/addin/taskpane.html`);
    await page.locator("#summary", { hasText: "not set up correctly" }).waitFor();
    assert.match(await page.locator("#summary").textContent(), /error 403/);
    assert.match(await page.locator("#hint").textContent(), /Contact IT/);
    await page.close();
  });

  test("readable at 320 px: no sideways scrolling, named controls, a live status", async () => {
    const { page } = await openPane({ item: structuredClone(DRAFT) });
    const { scrollWidth, unnamed, status } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      unnamed: [...document.querySelectorAll("button")].filter((b) => !b.hidden && !b.textContent.trim()).length,
      status: document.getElementById("summary").getAttribute("role"),
    }));
    assert.ok(scrollWidth <= 320, `scrollWidth ${scrollWidth}`);
    assert.equal(unnamed, 0);
    assert.equal(status, "status");
    mkdirSync(join(repoRoot, "artifacts"), { recursive: true });
    await page.screenshot({ path: join(repoRoot, "artifacts", "taskpane-320.png"), fullPage: true });
    await page.close();
  });

  for (const sendAsync of [true, false]) {
    test(`Send anyway (sendAsync ${sendAsync ? "present" : "absent"}): remembered for this version; recorded only when Send lets it go`, async () => {
      const { page, outcomes } = await openPane({ item: structuredClone(DRAFT), sendAsync });
      // The manifests ask for read/write item; sendAsync needs read/write mailbox: never offered.
      assert.equal(await page.locator("#send").count(), 0);
      await page.locator("#send-anyway").click();
      await page.locator("#hint", { hasText: "Press Send" }).waitFor();
      const session = await page.evaluate(() => window.__fakeOffice.session["etiquette.sendAnyway"]);
      assert.ok(JSON.parse(session).key);
      assert.equal(outcomes.filter((o) => o.outcome === "sent_anyway").length, 0);
      // The user presses Send: the handler lets exactly this version go, and records it then.
      const completed = await page.evaluate(() => window.__fakeOffice.fire("onMessageSendHandler"));
      assert.deepEqual(completed, { allowEvent: true });
      for (let i = 0; i < 50 && !outcomes.some((o) => o.outcome === "sent_anyway"); i++) await page.waitForTimeout(20);
      const sent = outcomes.filter((o) => o.outcome === "sent_anyway");
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0].codes, ["REC003"]);
      const made = await calls(page);
      assert.ok(!made.some((c) => c.api === "sendAsync"), JSON.stringify(made));
      await page.close();
    });
  }

  test("a reason is required: the pane asks for one before Send anyway, and Send reports it as a code", async () => {
    const patch = (rule) => fetch(`${service.base}/v1/admin/schools/stmarys/policy`, {
      method: "PATCH",
      headers: { "X-API-Key": "etq_demo_admin_key", "content-type": "application/json" },
      body: JSON.stringify({ policy: { rules: { REC003: rule } }, comment: "pane test" }),
    });
    assert.equal((await patch({ reason_required: true })).status, 200);
    try {
      const { page, outcomes, errors } = await openPane({ item: structuredClone(DRAFT) });
      await page.locator("#reason-box").waitFor({ state: "visible" });
      const select = page.getByLabel("Your school asks why you are sending this anyway");
      assert.deepEqual(await select.locator("option").evaluateAll((os) => os.map((o) => o.value)),
        ["", "parent_consented", "recipients_are_staff", "urgent_safeguarding", "already_agreed_with_dpo", "not_applicable", "other"]);
      await page.locator("#send-anyway").click();
      await page.locator("#hint", { hasText: "Choose a reason first" }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.id), "reason");
      assert.equal(await page.evaluate(() => window.__fakeOffice.session["etiquette.sendAnyway"]), undefined);
      await select.selectOption("recipients_are_staff");
      await page.locator("#send-anyway").click();
      await page.locator("#hint", { hasText: "Press Send" }).waitFor();
      const completed = await page.evaluate(() => window.__fakeOffice.fire("onMessageSendHandler"));
      assert.deepEqual(completed, { allowEvent: true });
      for (let i = 0; i < 50 && !outcomes.some((o) => o.outcome === "sent_anyway"); i++) await page.waitForTimeout(20);
      const sent = outcomes.filter((o) => o.outcome === "sent_anyway");
      assert.equal(sent.length, 1);
      assert.equal(sent[0].reason, "recipients_are_staff");
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await patch({ reason_required: null });
    }
  });

  test("a pupil's personal address: replaced with the school address; cancelling is recorded", async () => {
    const item = {
      ...structuredClone(DRAFT),
      to: [person("amirk2011@gmail.com", "Amir Khan", "externalUser")],
      cc: [],
      subject: "Your coursework feedback",
    };
    const { page, outcomes } = await openPane({ item });
    assert.match(await page.locator("#summary").textContent(), /can't be sent yet/);
    const fix = page.locator('button[data-kind="replace_recipient"]').first();
    await fix.click();
    await page.locator("#hint", { hasText: "Done" }).waitFor();
    const made = await calls(page);
    assert.deepEqual(made[0], {
      api: "to.setAsync",
      args: [[{ displayName: "Amir Khan", emailAddress: "amir.khan@pupils.stmarys.sch.uk" }]],
    });
    await page.locator("#cancel").click();
    await page.waitForFunction(() => window.__fakeOffice.calls.some((c) => c.api === "ui.closeContainer"));
    assert.equal(outcomes.at(-1).outcome, "cancelled");
    await page.close();
  });
});

describe("share as a link (ATT001) in the pane", () => {
  const MIB = 1024 * 1024;
  const video = randomBytes(5 * MIB + 4096); // over ATT001's 5 MB: two 3.125 MiB chunks
  const item = () => ({
    from: { emailAddress: "s.jones@stmarys.sch.uk", displayName: "Sarah Jones" },
    to: [person("staffroom@stmarys.sch.uk", "Staff", "user")],
    subject: "Assembly video for Friday",
    attachments: [{ id: "a1", name: "assembly.mp4", size: video.length, attachmentType: "file", isInline: false, content: video.toString("base64") }],
  });

  async function openAttachmentPane() {
    const opened = await openPane({ item: item(), naa: true });
    // Microsoft's identity is faked here as Office.js is: the user's Graph token.
    await opened.page.evaluate((token) => {
      window.EtiquetteShareLink.graphToken = async () => token;
    }, graph.token);
    return opened;
  }

  test("progress while uploading, then the link in the body and the attachment gone", async () => {
    graph.set({ failChunk: null, delayMs: 400 });
    try {
      const { page, outcomes, errors } = await openAttachmentPane();
      const button = page.locator('button[data-kind="share_as_link"]');
      assert.equal(await button.textContent(), "Share as a link instead");
      await button.click();
      await page.locator("#share-text", { hasText: "Uploading \u201cassembly.mp4\u201d to your OneDrive" }).waitFor();
      assert.equal(await page.locator("#share").isVisible(), true);
      await page.waitForFunction(() => document.getElementById("share-progress").value > 0);
      await page.locator("#hint", { hasText: "now a OneDrive link in your email" }).waitFor();
      const made = (await calls(page)).map((c) => c.api).filter((a) => a !== "getAttachmentContentAsync");
      assert.deepEqual(made.slice(0, 2), ["body.setSelectedDataAsync", "removeAttachmentAsync"]);
      const body = await page.evaluate(() => window.__fakeOffice.item.body);
      assert.match(body, /<a href="https:\/\/stmarys-my\.sharepoint\.com\/[^"]+">assembly\.mp4<\/a>/);
      assert.deepEqual(await page.evaluate(() => window.__fakeOffice.item.attachments.length), 0);
      assert.ok(outcomes.some((o) => o.outcome === "fixed" && o.codes.includes("ATT001")));
      assert.equal(await page.locator("#share").isVisible(), false);
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      graph.set({ delayMs: 0 });
    }
  });

  test("without nested app authentication the fix is explained, not offered as a button", async () => {
    const { page } = await openPane({ item: item(), naa: false });
    await page.locator(".finding", { hasText: "Large attachment" }).waitFor();
    assert.equal(await page.locator('button[data-kind="share_as_link"]').count(), 0);
    assert.match(await page.locator(".finding", { hasText: "Large attachment" }).textContent(), /Attach file > OneDrive/);
    await page.close();
  });

  test("an upload that fails half-way: the error is shown, the attachment kept, the button usable", async () => {
    graph.set({ failChunk: 1 });
    try {
      const { page, outcomes } = await openAttachmentPane();
      const button = page.locator('button[data-kind="share_as_link"]');
      await button.click();
      const error = page.locator("#share.error");
      await error.waitFor();
      const text = await page.locator("#share-text").textContent();
      assert.match(text, /Could not share \u201cassembly\.mp4\u201d as a link: OneDrive answered HTTP 500\./);
      assert.match(text, /the attachment is still there/);
      const made = (await calls(page)).map((c) => c.api);
      assert.ok(!made.includes("removeAttachmentAsync") && !made.includes("body.setSelectedDataAsync"), made.join());
      assert.equal(await page.evaluate(() => window.__fakeOffice.item.attachments.length), 1);
      assert.equal(await button.isEnabled(), true);
      assert.ok(!outcomes.some((o) => o.outcome === "fixed"));
      mkdirSync(join(repoRoot, "artifacts"), { recursive: true });
      await page.screenshot({ path: join(repoRoot, "artifacts", "taskpane-share-error.png"), fullPage: true });
      await page.close();
    } finally {
      graph.set({ failChunk: null });
    }
  });
});

// The Smart Alerts handler (public/launchevent.js) run against the fake Office.js and the
// REAL service in demo mode. Outages are a local socket that accepts and never answers.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { loadHandler, person, startService } from "./helpers.mjs";

let service;
let served; // the bundle as the service serves it (config written in)
let hang; // { base, close } a backend that never answers

before(async () => {
  service = await startService();
  served = await (await fetch(`${service.base}/addin/launchevent.js`)).text();
  const sockets = new Set();
  const srv = createServer((s) => sockets.add(s));
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  hang = {
    base: `http://127.0.0.1:${srv.address().port}`,
    close: () => new Promise((r) => { sockets.forEach((s) => s.destroy()); srv.close(r); }),
  };
});

after(async () => {
  await hang?.close();
  await service?.stop();
});

const SARAH = { emailAddress: "s.jones@stmarys.sch.uk", displayName: "Sarah Jones" };
const TRIP = "Year 9 trip to the Science Museum on 4 December";
// Outside addresses only, so out-of-hours (which concerns colleagues) cannot fire
// whenever the suite happens to run.
const CASES = {
  clean: { to: [person("bursar@catering-supplier.co.uk", "Catering Bursar", "externalUser")], subject: "Invoice 4471 for October catering" },
  advisory: {
    to: [
      person("fam.rivers@gmail.com", "The Rivers family", "externalUser"),
      person("home.okoro@outlook.com", "Okoro household", "externalUser"),
      person("the.bakers@btinternet.com", "Bakers", "externalUser"),
    ],
    subject: TRIP,
  },
  blocking: { to: [person("amirk2011@gmail.com", "Amir Khan", "externalUser")], subject: "Your coursework feedback" },
};

const plain = (o) => JSON.parse(JSON.stringify(o));

function send(name, options = {}) {
  const { fake } = loadHandler({ bundle: served, office: { item: { ...CASES[name], from: SARAH }, ...options } });
  return fake.fire("onMessageSendHandler").then((completed) => ({ completed: plain(completed), fake }));
}

describe("served bundle", () => {
  test("has this deployment's settings written in (absolute API URL, demo key)", () => {
    assert.ok(!served.includes('"__ETIQUETTE_CONFIG__"'));
    const { E } = loadHandler({ bundle: served });
    assert.equal(E.config().apiBase, service.base);
    assert.equal(E.config().apiKey, "etq_demo_check_key");
  });

  test("registers every handler the manifests name with Office.actions.associate", () => {
    const { fake } = loadHandler({ bundle: served });
    assert.deepEqual(plain(Object.keys(fake.handlers).sort()), [
      "onMessageAttachmentsChangedHandler", "onMessageRecipientsChangedHandler", "onMessageSendHandler",
    ]);
  });
});

describe("OnMessageSend against the real service", () => {
  test("clean message: the send goes", async () => {
    const { completed } = await send("clean");
    assert.deepEqual(completed, { allowEvent: true });
  });

  test("advisory finding: Send anyway is offered (promptUser) with text of at most 500 characters", async () => {
    const { completed } = await send("advisory");
    assert.equal(completed.allowEvent, false);
    assert.equal(completed.sendModeOverride, "promptUser");
    assert.equal(completed.commandId, "msgComposeOpenPaneButton");
    assert.ok(completed.cancelLabel.length <= 20);
    assert.ok(completed.errorMessage.length <= 500, completed.errorMessage);
    assert.ok(completed.errorMessageMarkdown.length <= 500);
    assert.match(completed.errorMessage, /external addresses visible to each other/);
    assert.ok(JSON.parse(completed.contextData).check_id);
  });

  test("blocking finding: stopped, no override, the button opens the task pane", async () => {
    const { completed } = await send("blocking");
    assert.equal(completed.allowEvent, false);
    assert.equal("sendModeOverride" in completed, false);
    assert.equal(completed.commandId, "msgComposeOpenPaneButton");
    assert.equal(completed.cancelLabel, "Fix it");
    assert.ok(completed.cancelLabel.length <= 20);
    assert.ok(completed.errorMessage.length <= 500);
  });

  test("Mailbox 1.12 (Mac before 1.14): only what that client understands", async () => {
    const { completed } = await send("blocking", { mailbox: "1.12" });
    assert.deepEqual(Object.keys(completed).sort(), ["allowEvent", "errorMessage"]);
  });

  test("the school's fail mode from a response is kept for the next outage", async () => {
    const { fake } = await send("clean");
    assert.equal(fake.storage["etiquette.failMode"], "open");
  });
});

describe("backend unreachable (client time limit)", () => {
  const slow = (extra) => ({ apiBase: hang.base, timeoutMs: 300, ...extra });

  const table = [
    // [case, config, stored fail mode, expected allowEvent]
    ["default is fail open", {}, undefined, true],
    ["configured closed", { failMode: "closed" }, undefined, false],
    ["last response said closed", {}, "closed", false],
    ["last response said open beats configured closed", { failMode: "closed" }, "open", true],
  ];
  for (const [name, config, stored, allow] of table) {
    test(name, async () => {
      const { fake } = loadHandler({ config: slow(config), office: { item: { ...CASES.clean, from: SARAH } } });
      if (stored) fake.storage["etiquette.failMode"] = stored;
      const t0 = Date.now();
      const completed = await fake.fire("onMessageSendHandler");
      const took = Date.now() - t0;
      assert.equal(completed.allowEvent, allow);
      assert.ok(took < 2000, `took ${took} ms`);
      if (allow) assert.equal(fake.storage["etiquette.failedOpen"], "1");
      else assert.match(completed.errorMessage, /could not check/);
    });
  }
});

describe("after an outage", () => {
  test("sends that went unchecked are reported (counts only) once the service answers", async () => {
    const { fake } = loadHandler({ bundle: served, office: { item: { ...CASES.clean, from: SARAH } } });
    fake.storage["etiquette.failedOpen"] = "2";
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.allowEvent, true);
    for (let i = 0; i < 50 && fake.storage["etiquette.failedOpen"] !== "0"; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(fake.storage["etiquette.failedOpen"], "0");
  });
});

describe("pre-check on recipients/attachments changed", () => {
  test("Send reuses the pre-check when nothing changed, and asks again when something did", async () => {
    const config = { apiBase: service.base, apiKey: "etq_demo_check_key", timeoutMs: 300 };
    const { fake, ctx } = loadHandler({ config, office: { item: { ...CASES.advisory, from: SARAH } } });
    await fake.fire("onMessageRecipientsChangedHandler");
    const cached = JSON.parse(fake.session["etiquette.precheck"]);
    assert.equal(cached.verdict.action, "warn");
    assert.match(cached.key, /^[0-9a-z]+$/);

    ctx.ETIQUETTE_CONFIG = { ...config, apiBase: hang.base }; // the service is gone now
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.sendModeOverride, "promptUser"); // answered from the cache

    fake.item.to.push(person("another.parent@gmail.com", "", "externalUser"));
    const again = plain(await fake.fire("onMessageSendHandler"));
    assert.deepEqual(again, { allowEvent: true }); // had to ask; the outage fails open
  });

  test("the cache key covers what is checked, not the clock", () => {
    const { E } = loadHandler();
    const body = { to: [{ email: "a@b.org" }], subject: "x", send_at: "2026-11-18T10:00:00+00:00" };
    const later = { ...body, send_at: "2026-11-18T10:01:00+00:00" };
    assert.equal(E.checkKey(body), E.checkKey(later));
    assert.notEqual(E.checkKey(body), E.checkKey({ ...body, subject: "y" }));
    assert.notEqual(E.checkKey(body), E.checkKey({ ...body, to: [{ email: "c@b.org" }] }));
  });
});

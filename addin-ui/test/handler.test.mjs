// The Smart Alerts handler (public/launchevent.js) run against the fake Office.js and the
// REAL service in demo mode. Outages are a local socket that accepts and never answers.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { answering, loadHandler, person, recordingFetch, startService } from "./helpers.mjs";

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

  for (const [name, mailbox] of [["advisory", "1.12"], ["advisory", "1.13"], ["blocking", "1.13"]]) {
    test(`${name}, Mailbox ${mailbox}: only what that client understands, and the way to the pane`, async () => {
      const { completed } = await send(name, { mailbox });
      assert.deepEqual(Object.keys(completed).sort(), ["allowEvent", "errorMessage"]);
      assert.match(completed.errorMessage, /choose Check email on the ribbon\.$/);
      assert.doesNotMatch(completed.errorMessage, /Send Anyway|Review|Fix it/);
    });
  }

  test("the Send check has purpose send; one read of session data and no write before completing", async () => {
    const net = recordingFetch();
    const { fake } = loadHandler({ bundle: served, fetch: net.fetch, office: { item: { ...CASES.advisory, from: SARAH } } });
    await fake.fire("onMessageRecipientsChangedHandler");
    assert.deepEqual(net.sent.map((r) => r.body.purpose), ["background"]);
    assert.deepEqual(fake.sessionCalls, ["setAsync etiquette.precheck"]);

    fake.sessionCalls.length = 0;
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.sendModeOverride, "promptUser");
    assert.deepEqual(net.sent.map((r) => r.body.purpose), ["background", "send"]);
    assert.deepEqual(fake.sessionCalls, ["getAllAsync"]);
    // The alert hands the pane the SEND check's id, not the pre-check's.
    assert.notEqual(JSON.parse(completed.contextData).check_id, JSON.parse(fake.session["etiquette.precheck"]).verdict.check_id);
  });

  test("600 recipients in To: the handler sends what the service accepts (no 422)", async () => {
    const to = Array.from({ length: 600 }, (_, i) => person(`parent${i}@gmail.com`, `Parent ${i}`, "externalUser"));
    const { fake } = loadHandler({ bundle: served, office: { item: { ...CASES.clean, to, from: SARAH } } });
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.allowEvent, false);
    assert.match(completed.errorMessage, /external addresses visible to each other/);
    assert.equal(fake.storage["etiquette.problem"], undefined);
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

describe("the service refuses the check (4xx is not an outage)", () => {
  const ADDRESS_422 = { detail: [{ type: "value_error", loc: ["body", "to", 0, "email"], msg: "x", input: "x" }] };
  const table = [
    // [case, status, body, Mailbox, fail mode, expected: allowEvent, Send Anyway offered, text, noted problem]
    ["422, open, 1.14+: explained, Send Anyway offered", 422, ADDRESS_422, "1.15", "open", false, true, /could not check this email: an address in To is not one it can read\. Choose Send Anyway/, "rejected"],
    ["422, open, 1.13: nothing to offer, so it goes", 422, ADDRESS_422, "1.13", "open", true, false, null, "rejected"],
    ["422, closed: explained and stopped", 422, ADDRESS_422, "1.15", "closed", false, false, /an address in To .* change it and press Send again/, "rejected"],
    ["413, open", 413, "", "1.15", "open", false, true, /too large to check/, "rejected"],
    ["401, open: goes, noted as set-up problem", 401, { detail: "invalid API key" }, "1.15", "open", true, false, null, "config"],
    ["403, closed: stopped, IT told", 403, { detail: "sender's domain belongs to another school" }, "1.15", "closed", false, false, /not set up correctly for your account \(error 403\).*Contact IT/, "config"],
    ["404 (wrong address), open", 404, { detail: "Not Found" }, "1.13", "open", true, false, null, "config"],
    ["503, open: an outage", 503, "busy", "1.15", "open", true, false, null, null],
    ["200 that is no verdict, closed: an outage", 200, "<html>proxy</html>", "1.15", "closed", false, false, /could not check this email, and your school asks/, null],
  ];
  for (const [name, status, body, mailbox, mode, allow, prompt, text, problem] of table) {
    test(name, async () => {
      const stub = await answering(status, body);
      try {
        const { fake } = loadHandler({ config: { apiBase: stub.base, timeoutMs: 1000, failMode: mode }, office: { item: { ...CASES.clean, from: SARAH }, mailbox } });
        const completed = plain(await fake.fire("onMessageSendHandler"));
        assert.equal(completed.allowEvent, allow);
        assert.equal(completed.sendModeOverride === "promptUser", prompt);
        if (text) assert.match(completed.errorMessage, text);
        if (completed.errorMessage) assert.ok(completed.errorMessage.length <= 500);
        // failed_open means "unreachable"; a refusal is noted apart, for the pane and IT.
        const outage = problem === null && allow;
        assert.equal(fake.storage["etiquette.failedOpen"], outage ? "1" : undefined);
        const noted = fake.storage["etiquette.problem"] && JSON.parse(fake.storage["etiquette.problem"]);
        assert.equal(noted?.kind ?? null, problem);
        if (problem) assert.deepEqual(Object.keys(noted).sort(), ["at", "count", "kind", "status"]);
      } finally {
        await stub.close();
      }
    });
  }

  test("the real service: an address it cannot read is explained, not counted as failed_open", async () => {
    const item = { ...CASES.clean, to: [person("a..b@gmail.com", "", "externalUser")], from: SARAH };
    const { fake } = loadHandler({ bundle: served, office: { item } });
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.allowEvent, false);
    assert.equal(completed.sendModeOverride, "promptUser");
    assert.match(completed.errorMessage, /an address in To is not one it can read/);
    assert.equal(fake.storage["etiquette.failedOpen"], undefined);
  });

  test("the real service: a wrong key is a set-up problem, counted apart", async () => {
    const { fake } = loadHandler({ config: { apiBase: service.base, apiKey: "etq_not_a_key", timeoutMs: 1000 }, office: { item: { ...CASES.clean, from: SARAH } } });
    fake.storage["etiquette.problem"] = JSON.stringify({ kind: "config", status: 401, count: 2 });
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.allowEvent, true);
    assert.equal(fake.storage["etiquette.failedOpen"], undefined);
    assert.equal(JSON.parse(fake.storage["etiquette.problem"]).count, 3);
  });
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
  test("Send always asks; if the service is gone, a pre-check of exactly this content stands in", async () => {
    const config = { apiBase: service.base, apiKey: "etq_demo_check_key", timeoutMs: 300 };
    const { fake, ctx } = loadHandler({ config, office: { item: { ...CASES.advisory, from: SARAH } } });
    await fake.fire("onMessageRecipientsChangedHandler");
    const cached = JSON.parse(fake.session["etiquette.precheck"]);
    assert.equal(cached.verdict.action, "warn");
    assert.match(cached.key, /^[0-9a-z]+$/);

    ctx.ETIQUETTE_CONFIG = { ...config, apiBase: hang.base }; // the service is gone now
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.sendModeOverride, "promptUser"); // the pre-check's answer
    assert.equal(fake.storage["etiquette.failedOpen"], undefined);

    fake.item.to.push(person("another.parent@gmail.com", "", "externalUser"));
    const again = plain(await fake.fire("onMessageSendHandler"));
    assert.deepEqual(again, { allowEvent: true }); // content changed: the outage fails open
    assert.equal(fake.storage["etiquette.failedOpen"], "1");
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

// What can hang in a real Outlook, and what the handler does about it: a token call that
// never settles, bursts of recipient changes, a backlog of unchecked sends, and where each
// platform keeps the add-in's few values. The service here is a recording stub (the real
// service is exercised in handler.test.mjs); Office.js is the fake, in Office.js's shapes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { loadHandler, person } from "./helpers.mjs";

const CLIENT_ID = "6f1c2a8e-8a4b-4c55-9b61-0d1f7a7b3c11";
const SARAH = { emailAddress: "s.jones@stmarys.sch.uk", displayName: "Sarah Jones" };
const DRAFT = { to: [person("bursar@catering-supplier.co.uk", "Bursar", "externalUser")], subject: "Invoice 4471", from: SARAH };

function jwt(expiresInSeconds) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ exp: Math.floor(Date.now() / 1000) + expiresInSeconds, scp: "access_as_user" })}.sig`;
}

let stub;
before(async () => {
  const requests = [];
  const srv = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : null;
      requests.push({ path: req.url, auth: req.headers.authorization || "", body });
      if (req.url === "/v1/check") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ action: "allow", findings: [], check_id: "c1", fail_mode: stub.failMode }));
      } else {
        res.writeHead(202, { "Content-Type": "application/json" });
        res.end('{"status":"accepted"}');
      }
    });
  });
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  stub = {
    base: `http://127.0.0.1:${srv.address().port}`,
    requests,
    failMode: "open",
    close: () => new Promise((r) => srv.close(r)),
    take() {
      return requests.splice(0, requests.length);
    },
  };
});
after(() => stub?.close());

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
// A token limit far past the Send deadline, so that the deadline is what ends the
// check; not a minute, since the limit's timer outlives the test and the runner
// waits for it before the file is done.
const LONG = 5_000;
async function until(predicate, ms = 2000) {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await wait(10);
  }
}

describe("a hard deadline around the whole Send check", () => {
  const table = [
    // [case, fail mode, what hangs, expected allowEvent]
    ["token never settles, school fails open: the send goes, counted", "open", "token", true],
    ["token never settles, school fails closed: stopped with the reason", "closed", "token", false],
    ["reading the draft never settles, fail closed", "closed", "draft", false],
    ["reading the draft never settles, fail open", "open", "draft", true],
  ];
  for (const [name, mode, hangs, allow] of table) {
    test(name, async () => {
      const config = {
        apiBase: stub.base, clientId: CLIENT_ID, apiScope: `api://x/${CLIENT_ID}/access_as_user`,
        failMode: mode, deadlineMs: 700, tokenTimeoutMs: LONG, legacyTokenTimeoutMs: LONG,
      };
      const { fake } = loadHandler({ config, office: { item: structuredClone(DRAFT), tokenMode: hangs === "token" ? "hang" : undefined, token: jwt(3600) } });
      if (hangs === "draft") fake.Office.context.mailbox.item.to.getAsync = () => {};
      stub.take();
      const t0 = Date.now();
      const completed = await fake.fire("onMessageSendHandler");
      const took = Date.now() - t0;
      assert.ok(took <= 700 + 100, `completed after ${took} ms`);
      assert.ok(took >= 300, `completed after ${took} ms: too early for a 700 ms deadline`);
      assert.equal(completed.allowEvent, allow);
      if (allow) assert.equal(fake.storage["etiquette.failedOpen"], "1");
      else assert.match(completed.errorMessage, /could not check this email, and your school asks/);
      assert.deepEqual(stub.take().filter((r) => r.path === "/v1/check"), []);
    });
  }

  test("a bug of ours while completing still follows the school's fail mode (closed)", async () => {
    const { fake, E } = loadHandler({ config: { apiBase: stub.base, apiKey: "k", failMode: "closed" }, office: { item: structuredClone(DRAFT) } });
    E.completionFor = () => {
      throw new Error("bug");
    };
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.allowEvent, false);
  });

  test("event.completed is called once, even when the answer comes after the deadline", async () => {
    const config = { apiBase: stub.base, clientId: CLIENT_ID, apiScope: "api://x/s", deadlineMs: 600, tokenTimeoutMs: LONG, legacyTokenTimeoutMs: LONG };
    const { fake } = loadHandler({ config, office: { item: structuredClone(DRAFT), token: jwt(3600), tokenDelayMs: 900 } });
    let calls = 0;
    const first = await new Promise((resolve) => {
      fake.handlers.onMessageSendHandler({ completed: (o) => { calls++; resolve(o); } });
    });
    assert.equal(first.allowEvent, true);
    await wait(700); // the token arrives, the request goes and is answered
    assert.equal(calls, 1);
  });

  test("the legacy SSO has its own deadline and a hung call is never stacked", async () => {
    const config = { apiBase: stub.base, apiKey: "", clientId: CLIENT_ID, apiScope: "api://x/s", deadlineMs: 3000, legacyTokenTimeoutMs: 200 };
    const { fake, E } = loadHandler({ config, office: { item: structuredClone(DRAFT), tokenMode: "hang" } });
    const t0 = Date.now();
    assert.equal(await E.getToken(5000), null); // the legacy deadline, not the caller's
    assert.ok(Date.now() - t0 < 600);
    E.resetToken(); // even with the backoff forgotten...
    assert.equal(await E.getToken(5000), null);
    assert.equal(fake.tokenCalls, 1); // ...the first call is still open: no second one
  });
});

describe("one token, shared", () => {
  test("five rapid recipient changes: one token request, one check, every event completed", async () => {
    const config = { apiBase: stub.base, clientId: CLIENT_ID, apiScope: "api://x/s", debounceMs: 150 };
    const { fake, E } = loadHandler({ config, office: { item: structuredClone(DRAFT), token: jwt(3600), tokenDelayMs: 50 } });
    stub.take();
    const completions = [];
    for (let i = 0; i < 5; i++) {
      fake.item.to.push(person(`parent${i}@gmail.com`, "", "externalUser"));
      completions.push(fake.fire("onMessageRecipientsChangedHandler"));
      await wait(20);
    }
    await Promise.all(completions);
    assert.equal(fake.tokenCalls, 1);
    assert.equal(E.tokenRequests, 1);
    const checks = stub.take().filter((r) => r.path === "/v1/check");
    assert.equal(checks.length, 1);
    assert.equal(checks[0].body.to.length, 6); // the last state of the draft
    assert.equal(checks[0].body.purpose, "background");
  });

  test("callers during an acquisition share it; the token is reused until shortly before it expires", async () => {
    const config = { apiBase: stub.base, clientId: CLIENT_ID, apiScope: "api://x/s" };
    const { fake, E } = loadHandler({ config, office: { item: structuredClone(DRAFT), token: jwt(3600), tokenDelayMs: 80 } });
    const got = await Promise.all([E.getToken(), E.getToken(), E.getToken()]);
    assert.equal(new Set(got).size, 1);
    assert.equal(fake.tokenCalls, 1);
    await fake.fire("onMessageSendHandler");
    await E.recordOutcome("c1", "cancelled", []);
    assert.equal(fake.tokenCalls, 1);
    assert.ok(stub.take().every((r) => r.auth === `Bearer ${got[0]}`));
  });

  test("a token about to expire is renewed, once", async () => {
    const config = { apiBase: stub.base, clientId: CLIENT_ID, apiScope: "api://x/s" };
    const { fake, E } = loadHandler({ config, office: { item: structuredClone(DRAFT), token: jwt(120) } });
    await E.getToken();
    await Promise.all([E.getToken(), E.getToken()]);
    assert.equal(fake.tokenCalls, 2); // 2 minutes left is inside the 5-minute margin
  });

  test("a token the service refuses (401) is dropped, not reused", async () => {
    const { createServer: http } = await import("node:http");
    const srv = http((req, res) => { req.resume(); req.on("end", () => { res.writeHead(401); res.end("{}"); }); });
    await new Promise((r) => srv.listen(0, "127.0.0.1", r));
    try {
      const config = { apiBase: `http://127.0.0.1:${srv.address().port}`, clientId: CLIENT_ID, apiScope: "api://x/s" };
      const { E } = loadHandler({ config, office: { item: structuredClone(DRAFT), token: jwt(3600) } });
      const first = await E.getToken();
      assert.ok(first);
      await E.check({ to: [] }, "background").then(() => null, (e) => e);
      assert.equal(await E.getToken(), null); // not the refused token; a fresh one after the backoff
    } finally {
      await new Promise((r) => srv.close(r));
    }
  });

  test("a pre-check whose draft read never settles still completes its event", async () => {
    const config = { apiBase: stub.base, apiKey: "k", debounceMs: 10, deadlineMs: 300 };
    const { fake } = loadHandler({ config, office: { item: structuredClone(DRAFT) } });
    fake.Office.context.mailbox.item.to.getAsync = () => {};
    const t0 = Date.now();
    await fake.fire("onMessageRecipientsChangedHandler");
    assert.ok(Date.now() - t0 < 800);
  });

  test("after a failed acquisition nobody asks again for a while (no throttling bursts)", async () => {
    const config = { apiBase: stub.base, clientId: CLIENT_ID, apiScope: "api://x/s" };
    const { fake, E } = loadHandler({ config, office: { item: structuredClone(DRAFT), tokenMode: "fail" } });
    for (let i = 0; i < 5; i++) assert.equal(await E.getToken(), null);
    assert.equal(fake.tokenCalls, 1);
  });
});

describe("nested app authentication (MSAL bundled in the event file)", () => {
  function withMsal(E, ctx, acquire) {
    const made = [];
    ctx.msal = {
      createNestablePublicClientApplication: (config) => {
        made.push(JSON.parse(JSON.stringify(config)));
        return Promise.resolve({ acquireTokenSilent: acquire });
      },
    };
    return made;
  }

  test("the bundle defines MSAL's createNestablePublicClientApplication for the handler", () => {
    const { ctx } = loadHandler({});
    assert.equal(typeof ctx.msal.createNestablePublicClientApplication, "function");
  });

  test("NAA first, with the served client id and tenant authority; its token is used and cached", async () => {
    const authority = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47";
    const config = { apiBase: stub.base, clientId: CLIENT_ID, apiScope: "api://x/s", authority };
    const { fake, E, ctx } = loadHandler({ config, office: { item: structuredClone(DRAFT), naa: true, token: jwt(3600) } });
    const naaToken = jwt(3600);
    let asked = 0;
    const made = withMsal(E, ctx, (req) => {
      asked++;
      assert.deepEqual(JSON.parse(JSON.stringify(req.scopes)), ["api://x/s"]);
      return Promise.resolve({ accessToken: naaToken, expiresOn: new Date(Date.now() + 3600e3) });
    });
    stub.take();
    await fake.fire("onMessageSendHandler");
    await E.getToken();
    assert.deepEqual(made, [{ auth: { clientId: CLIENT_ID, authority } }]);
    assert.equal(asked, 1);
    assert.equal(fake.tokenCalls, 0); // the legacy SSO was never needed
    assert.equal(stub.take()[0].auth, `Bearer ${naaToken}`);
  });

  test("NAA that never answers: the legacy SSO after NAA's own limit, inside the Send deadline", async () => {
    const config = { apiBase: stub.base, clientId: CLIENT_ID, apiScope: "api://x/s", naaTokenTimeoutMs: 200, deadlineMs: 3000 };
    const legacy = jwt(3600);
    const { fake, ctx, E } = loadHandler({ config, office: { item: structuredClone(DRAFT), naa: true, token: legacy } });
    withMsal(E, ctx, () => new Promise(() => {}));
    stub.take();
    const t0 = Date.now();
    const completed = await fake.fire("onMessageSendHandler");
    assert.ok(Date.now() - t0 < 1500);
    assert.equal(completed.allowEvent, true);
    assert.equal(fake.tokenCalls, 1);
    assert.equal(stub.take().find((r) => r.path === "/v1/check").auth, `Bearer ${legacy}`);
  });
});

describe("sends that went unchecked are reported in one request", () => {
  test("20 failed-open notes: one /v1/outcome with count 20", async () => {
    const config = { apiBase: stub.base, apiKey: "etq_demo_check_key" };
    const { fake } = loadHandler({ config, office: { item: structuredClone(DRAFT) } });
    fake.storage["etiquette.failedOpen"] = "20";
    stub.take();
    const completed = await fake.fire("onMessageSendHandler");
    assert.equal(completed.allowEvent, true);
    await until(() => stub.requests.some((r) => r.path === "/v1/outcome"));
    await wait(50);
    const reports = stub.take().filter((r) => r.path === "/v1/outcome");
    assert.equal(reports.length, 1);
    assert.deepEqual(reports[0].body, { check_id: null, outcome: "failed_open", host: "outlook", codes: [], count: 20 });
    assert.equal(fake.storage["etiquette.failedOpen"], "0");
  });

  test("a report the service does not take is kept for the next flush", async () => {
    const { E, fake } = loadHandler({ config: { apiBase: "http://127.0.0.1:9", apiKey: "k", timeoutMs: 300 }, office: { item: structuredClone(DRAFT) } });
    fake.storage["etiquette.failedOpen"] = "3";
    await Promise.all([E.flushFailedOpen(), E.flushFailedOpen()]);
    assert.equal(fake.storage["etiquette.failedOpen"], "3");
  });
});

describe("storage by platform", () => {
  const table = [
    // [platform, localStorage available, expected store]
    ["PC", false, "officeRuntime"], // classic Outlook's JavaScript-only event runtime
    ["OfficeOnline", true, "localStorage"],
    ["Mac", true, "localStorage"],
    ["OfficeOnline", false, "memory"],
  ];
  for (const [platform, local, kind] of table) {
    test(`${platform}${local ? "" : ", no localStorage"}: ${kind}, and the school's fail mode survives`, async () => {
      stub.failMode = "closed";
      try {
        const { fake, E } = loadHandler({ config: { apiBase: stub.base, apiKey: "k" }, office: { item: structuredClone(DRAFT), platform, localStorage: local } });
        assert.equal(E.storageKind(), kind);
        await fake.fire("onMessageSendHandler");
        assert.equal(await E.failMode(), "closed");
        assert.equal(fake.lostWrites, 0); // nothing written where Outlook would drop it
        if (kind === "officeRuntime") assert.equal(fake.storage["etiquette.failMode"], "closed");
        if (kind === "localStorage") assert.equal(fake.local["etiquette.failMode"], "closed");
      } finally {
        stub.failMode = "open";
      }
    });
  }
});

describe("Send anyway chosen in the pane", () => {
  for (const withSendAsync of [true, false]) {
    test(`sent_anyway is recorded by the Send that lets it go (sendAsync ${withSendAsync ? "present" : "absent"})`, async () => {
      const { fake, E } = loadHandler({ config: { apiBase: stub.base, apiKey: "k" }, office: { item: structuredClone(DRAFT), sendAsync: withSendAsync } });
      stub.take();
      await E.allowThisVersion(fake.Office.context.mailbox.item, "5d0f7a4e-1111-4c55-9b61-0d1f7a7b3c11", ["REC003"]);
      assert.deepEqual(stub.take(), []); // choosing records nothing yet
      const completed = await fake.fire("onMessageSendHandler");
      assert.deepEqual(JSON.parse(JSON.stringify(completed)), { allowEvent: true });
      const sent = stub.take();
      assert.deepEqual(sent.map((r) => r.path), ["/v1/outcome"]); // no check: the user's choice stands
      assert.deepEqual(sent[0].body, { check_id: "5d0f7a4e-1111-4c55-9b61-0d1f7a7b3c11", outcome: "sent_anyway", host: "outlook", codes: ["REC003"] });
      assert.ok(!fake.calls.some((c) => c.api === "sendAsync"));
    });
  }

  test("the reason chosen in the pane is sent, as a code, with sent_anyway", async () => {
    const { fake, E } = loadHandler({ config: { apiBase: stub.base, apiKey: "k" }, office: { item: structuredClone(DRAFT) } });
    stub.take();
    await E.allowThisVersion(fake.Office.context.mailbox.item, "c1", ["REC003"], "parent_consented");
    const completed = await fake.fire("onMessageSendHandler");
    assert.deepEqual(JSON.parse(JSON.stringify(completed)), { allowEvent: true });
    const sent = stub.take();
    assert.deepEqual(sent[0].body, { check_id: "c1", outcome: "sent_anyway", host: "outlook", codes: ["REC003"], reason: "parent_consented" });
    assert.deepEqual(JSON.parse(JSON.stringify(E.REASONS.map((r) => r[0]))), ["parent_consented", "recipients_are_staff", "urgent_safeguarding", "already_agreed_with_dpo", "not_applicable", "other"]);
  });

  test("changed after the choice: checked again, nothing recorded as sent_anyway", async () => {
    const { fake, E } = loadHandler({ config: { apiBase: stub.base, apiKey: "k" }, office: { item: structuredClone(DRAFT) } });
    await E.allowThisVersion(fake.Office.context.mailbox.item, "c1", ["REC003"]);
    fake.item.subject = "Invoice 4472";
    stub.take();
    await fake.fire("onMessageSendHandler");
    assert.deepEqual(stub.take().map((r) => r.path), ["/v1/check"]);
  });
});

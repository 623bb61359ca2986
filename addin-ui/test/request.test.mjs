// What the handler sends to /v1/check for a realistic draft, and what Outlook shows: the
// modules that make each (src/draft.js, src/text.js, src/alerts.js, src/service.js), loaded
// on their own (handler.test.mjs and deadline.test.mjs run the whole bundle).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadModules, person } from "./helpers.mjs";

// What each part loads: reading the draft; the alert's words; classifying a failure.
const DRAFT = ["office.js", "timezones.js", "draft.js"];
const ALERTS = ["office.js", "text.js", "alerts.js"];
const SERVICE = ["office.js", "deadline.js", "token.js", "text.js", "failmode.js", "service.js"];

const plain = (o) => JSON.parse(JSON.stringify(o));
const WINTER = new Date("2026-11-18T10:00:00Z");
const SUMMER = new Date("2026-06-17T09:00:00Z");

const many = Array.from({ length: 30 }, (_, i) => person(`staff${i}@stmarys.sch.uk`, `Staff ${i}`, "user"));
const ITEM = {
  from: { emailAddress: "s.jones@stmarys.sch.uk", displayName: "Sarah Jones" },
  to: [
    person("k.patel@stmarys.sch.uk", "Kiran Patel", "user"),
    person("parent@gmail.com", "A Parent", "externalUser"),
    person("year9-parents@stmarys.sch.uk", "Year 9 parents", "distributionList"),
    person("typo@unresolved", "", "other"),
  ],
  cc: [person("head@stmarys.sch.uk", "Head", "user")],
  bcc: [person("archive@stmarys.sch.uk", "", "user")],
  subject: "Re: Year 9 trip",
  composeType: "reply",
  attachments: [
    { id: "1", name: "letter.pdf", size: 2_400_000, attachmentType: "file", isInline: false },
    { id: "2", name: "image001.png", size: 12_000, attachmentType: "file", isInline: true },
    { id: "3", name: "Earlier message", size: 40_000, attachmentType: "item", isInline: false },
    { id: "4", name: "Plan.docx", size: 9_000_000, attachmentType: "cloud", isInline: false, url: "https://x" },
  ],
};

describe("request body", () => {
  test("a realistic reply: recipient kinds, attachments, compose type, sender, zone", async () => {
    const { E, ctx } = loadModules(DRAFT, { office: { item: structuredClone(ITEM) } });
    const body = plain(await E.buildRequest(ctx.Office.context.mailbox.item, WINTER));
    assert.deepEqual(body, {
      sender: { email: "s.jones@stmarys.sch.uk", name: "Sarah Jones" },
      to: [
        { email: "k.patel@stmarys.sch.uk", name: "Kiran Patel", kind: "user" },
        { email: "parent@gmail.com", name: "A Parent", kind: "external" },
        { email: "year9-parents@stmarys.sch.uk", name: "Year 9 parents", kind: "distribution_list" },
      ],
      cc: [{ email: "head@stmarys.sch.uk", name: "Head", kind: "user" }],
      bcc: [{ email: "archive@stmarys.sch.uk", name: "", kind: "user" }],
      subject: "Re: Year 9 trip",
      attachments: [
        { name: "letter.pdf", size: 2400000, inline: false, content_type: "application/octet-stream" },
        { name: "image001.png", size: 12000, inline: true, content_type: "application/octet-stream" },
        { name: "Earlier message", size: 40000, inline: false, content_type: "message/rfc822" },
        { name: "Plan.docx", size: 0, inline: false, content_type: "application/octet-stream" },
      ],
      compose_type: "reply",
      importance: "normal",
      send_at: "2026-11-18T10:00:00+00:00",
      host: "outlook",
    });
  });

  // What Outlook reports for entries it could not resolve, and whether they are sent. Sent
  // ones keep recipientType other -> kind unknown; left-out ones would have had the whole
  // check refused (422) by the service's address validator.
  const unresolved = [
    // [emailAddress as Outlook reports it, sent?]
    ["jo.parent@gmail.com", true], // typed in full, not in the address book
    ["typo@unresolved", false], // no dot in the domain
    ["Jo Smith", false], // a name Outlook could not match
    ["jo smith@gmail.com", false],
    ["@gmail.com", false],
    ["jo@host.local", false], // special-use names the validator refuses
    ["jo@school.test", false],
    ["jo@-bad.org", false],
    ["", false],
  ];
  for (const [address, sent] of unresolved) {
    test(`unresolved entry ${JSON.stringify(address)}: ${sent ? "checked as unknown" : "left out and counted"}`, async () => {
      const item = { ...structuredClone(ITEM), to: [person(address, "", "other")], cc: [], bcc: [] };
      const { E, ctx } = loadModules(DRAFT, { office: { item } });
      const body = await E.buildRequest(ctx.Office.context.mailbox.item, WINTER);
      assert.deepEqual(plain(body.to), sent ? [{ email: address, name: "", kind: "unknown" }] : []);
      assert.equal(E.skipped(body).unresolved, sent ? 0 : 1);
    });
  }

  const crowd = (n, field) => Array.from({ length: n }, (_, i) => person(`p${i}.${field}@gmail.com`, `P ${i}`, "externalUser"));
  const limits = [
    // [to, cc, bcc] sizes -> [sent to, cc, bcc, counted over the limit]
    [[500, 0, 0], [500, 0, 0, 0]],
    [[501, 0, 0], [500, 0, 0, 1]],
    [[650, 40, 0], [500, 40, 0, 150]],
    [[500, 500, 500], [500, 500, 0, 500]], // 1,000 in all
    [[10, 600, 700], [10, 500, 490, 310]],
  ];
  for (const [[to, cc, bcc], [sto, scc, sbcc, over]] of limits) {
    test(`${to}/${cc}/${bcc} recipients: the first ${sto}/${scc}/${sbcc} are checked, ${over} counted`, async () => {
      const item = { ...structuredClone(ITEM), to: crowd(to, "to"), cc: crowd(cc, "cc"), bcc: crowd(bcc, "bcc") };
      const { E, ctx } = loadModules(DRAFT, { office: { item } });
      const body = await E.buildRequest(ctx.Office.context.mailbox.item, WINTER);
      assert.deepEqual([body.to.length, body.cc.length, body.bcc.length], [sto, scc, sbcc]);
      assert.equal(body.to[0]?.email, to ? "p0.to@gmail.com" : undefined);
      assert.equal(E.skipped(body).overLimit, over);
    });
  }

  test("long display names and attachment names are cut to what the service takes", async () => {
    const item = {
      ...structuredClone(ITEM),
      to: [person("parent@gmail.com", "N".repeat(400), "externalUser")],
      attachments: Array.from({ length: 260 }, (_, i) => ({ id: String(i), name: `${i}`.padEnd(300, "x"), size: 10, attachmentType: "file" })),
    };
    const { E, ctx } = loadModules(DRAFT, { office: { item } });
    const body = await E.buildRequest(ctx.Office.context.mailbox.item, WINTER);
    assert.equal(body.to[0].name.length, 256);
    assert.equal(body.attachments.length, 250);
    assert.ok(body.attachments.every((a) => a.name.length === 255));
  });

  test("reply-all to many is a reply, as Outlook reports it", async () => {
    const item = { ...structuredClone(ITEM), to: many, composeType: "reply" };
    const { E, ctx } = loadModules(DRAFT, { office: { item } });
    const body = await E.buildRequest(ctx.Office.context.mailbox.item, WINTER);
    assert.equal(body.compose_type, "reply");
    assert.equal(body.to.length, 30);
  });

  const zones = [
    // [Windows zone from userProfile, instant, expected send_at]
    ["GMT Standard Time", WINTER, "2026-11-18T10:00:00+00:00"],
    ["GMT Standard Time", SUMMER, "2026-06-17T10:00:00+01:00"],
    ["W. Europe Standard Time", WINTER, "2026-11-18T11:00:00+01:00"],
    ["Eastern Standard Time", WINTER, "2026-11-18T05:00:00-05:00"],
    ["India Standard Time", WINTER, "2026-11-18T15:30:00+05:30"],
    ["Europe/London", SUMMER, "2026-06-17T10:00:00+01:00"], // some clients already say IANA
  ];
  for (const [zone, when, expected] of zones) {
    test(`Windows zone ${zone} -> ${expected}`, async () => {
      const { E, ctx } = loadModules(DRAFT, { office: { item: structuredClone(ITEM), userProfile: { timeZone: zone } } });
      const body = await E.buildRequest(ctx.Office.context.mailbox.item, when);
      assert.equal(body.send_at, expected);
    });
  }

  test("the zone table comes from CLDR (windows-iana), not a hand list", () => {
    const { E } = loadModules(DRAFT);
    assert.equal(E.ianaZone("GMT Standard Time"), "Europe/London");
    assert.equal(E.ianaZone("Romance Standard Time"), "Europe/Paris");
    assert.equal(E.ianaZone("Tokyo Standard Time"), "Asia/Tokyo");
    assert.equal(E.ianaZone("Not A Zone"), "");
  });

  test("a scheduled delivery is checked for its own time", async () => {
    const item = { ...structuredClone(ITEM), delayDeliveryTime: new Date("2026-11-19T07:30:00Z") };
    const { E, ctx } = loadModules(DRAFT, { office: { item } });
    const body = await E.buildRequest(ctx.Office.context.mailbox.item, WINTER);
    assert.equal(body.send_at, "2026-11-19T07:30:00+00:00");
  });

  test("sender falls back to the user profile where from is unavailable", async () => {
    const item = structuredClone(ITEM);
    delete item.from;
    const { E, ctx } = loadModules(DRAFT, { office: { item, userProfile: { emailAddress: "t.brown@stmarys.sch.uk", displayName: "T Brown" } } });
    const body = await E.buildRequest(ctx.Office.context.mailbox.item, WINTER);
    assert.deepEqual(plain(body.sender), { email: "t.brown@stmarys.sch.uk", name: "T Brown" });
  });
});

describe("Smart Alert text", () => {
  const finding = (severity, title, message) => ({ code: "X", severity, title, message, fixes: [] });
  const ADVISORY = {
    action: "warn",
    check_id: "c1",
    findings: [
      finding("warn", "Sent out of hours", "This would reach colleagues in the evening. Schedule it for Thursday 19 November at 07:30."),
      finding("advise", "Vague subject", "Say what the email is about."),
    ],
  };

  test("snapshot: advisory, plain and Markdown", () => {
    const { E } = loadModules(ALERTS);
    assert.equal(
      E.alertText(ADVISORY),
      "Etiquette: before this email goes: Sent out of hours: This would reach colleagues in the evening. " +
        "Schedule it for Thursday 19 November at 07:30. Choose Send Anyway, or Review to fix it.",
    );
    assert.equal(
      E.alertMarkdown(ADVISORY),
      "**Before this email goes:**\n\n- **Sent out of hours**: This would reach colleagues in the evening. " +
        "Schedule it for Thursday 19 November at 07:30.\r\n\nChoose **Send Anyway**, or **Review** to fix it.",
    );
  });

  const long = "x".repeat(300);
  const table = [
    ["one long finding", [finding("block", "Pupil's personal address", long + " " + long)]],
    ["many findings", Array.from({ length: 12 }, (_, i) => finding("warn", `Problem number ${i} with a longish title`, long))],
    ["markdown characters", [finding("warn", "Subject *names* [someone]", "Use _initials_ (see [policy](x)).")]],
  ];
  for (const [name, findings] of table) {
    test(`at most 500 characters: ${name}`, () => {
      const { E } = loadModules(ALERTS);
      for (const action of ["warn", "block"]) {
        const v = { action, findings, check_id: "c" };
        assert.ok(E.alertText(v).length <= 500, E.alertText(v).length);
        assert.ok(E.alertMarkdown(v).length <= 500, E.alertMarkdown(v).length);
      }
    });
  }

  test("snapshot: before Mailbox 1.14 the text points to the ribbon (no button, no Send Anyway)", () => {
    const { E } = loadModules(ALERTS, { office: { mailbox: "1.13" } });
    assert.match(E.alertText(ADVISORY, true), /Schedule it for Thursday 19 November at 07:30\. To fix it or send it anyway, choose Check email on the ribbon\.$/);
    assert.match(E.alertText({ ...ADVISORY, action: "block" }, true), / To fix it, choose Check email on the ribbon\.$/);
  });

  const refusals = [
    // [status, response body, what the user is told]
    [422, { detail: [{ type: "value_error", loc: ["body", "to", 3, "email"], msg: "bad", input: "a..b@gmail.com" }] }, "an address in To is not one it can read"],
    [422, { detail: [{ type: "too_long", loc: ["body", "cc"], msg: "List should have at most 500 items", input: [] }] }, "there are too many entries in Cc"],
    [422, { detail: [{ type: "string_too_long", loc: ["body", "subject"], msg: "x", input: "Secret subject" }] }, "it could not read the subject"],
    [422, { detail: [{ type: "value_error", loc: ["body"], msg: "Value error, too many recipients: 1200" }] }, "the service could not read it (422)"],
    [422, { detail: "sender.email: domain 'gmail.com' matches no configured school" }, "domain 'gmail.com' matches no configured school"],
    [413, null, "the email is too large to check"],
    [400, null, "the service could not read it (400)"],
  ];
  for (const [status, data, text] of refusals) {
    test(`refusal ${status} ${JSON.stringify(data?.detail ?? null).slice(0, 50)}: "${text}"`, () => {
      const { E } = loadModules(ALERTS);
      assert.equal(E.problemText(status, data), text);
      assert.ok(!text.includes("a..b") && !text.includes("Secret")); // never the quoted value
    });
  }

  const kinds = [
    // [HTTP status of /v1/check, kind]: who can fix it decides what the handler does
    [200, "unreachable"], // a 200 without a verdict (a proxy's page)
    [500, "unreachable"], [502, "unreachable"], [503, "unreachable"], [429, "unreachable"],
    [400, "rejected"], [413, "rejected"], [422, "rejected"],
    [401, "config"], [403, "config"], [404, "config"], [405, "config"],
  ];
  for (const [status, kind] of kinds) {
    test(`HTTP ${status} is ${kind}`, () => {
      const { E } = loadModules(SERVICE);
      const err = E.classify(status, null);
      assert.equal(err.kind, kind);
      assert.equal(err.status, status);
    });
  }

  const balanced = [
    // [case, findings]: whatever is cut, every ** is closed and no \ escape is split
    ["one title longer than the budget", [finding("block", "*".repeat(700), "m")]],
    ["a long title of backslashes", [finding("block", "\\".repeat(400), "m")]],
    ["forty findings with emphasis", Array.from({ length: 40 }, (_, i) => finding("warn", `Finding **${i}** _with_ [marks]`, "x".repeat(80)))],
    ["one long message", [finding("warn", "Short", "*".repeat(900))]],
    ["cut right at a title", Array.from({ length: 9 }, (_, i) => finding("warn", `T${i} ${"y".repeat(40)}`, "z".repeat(200)))],
  ];
  for (const [name, findings] of balanced) {
    test(`Markdown cut: ${name}: no unclosed ** and no split escape`, () => {
      const { E } = loadModules(ALERTS);
      for (const action of ["warn", "block"]) {
        const md = E.alertMarkdown({ action, findings, check_id: "c" });
        assert.ok(md.length <= 500, md.length);
        const unescaped = md.replace(/\\./g, "");
        assert.equal((unescaped.match(/\*\*/g) || []).length % 2, 0, md);
        assert.doesNotMatch(unescaped, /(^|[^*])\*([^*]|$)/, md); // no stray single *
        for (const line of md.split(/\r|\n/)) assert.doesNotMatch(line.replace(/\\\\/g, ""), /\\$/);
      }
    });
  }

  test("Markdown over budget keeps whole lines and says how many more", () => {
    const { E } = loadModules(ALERTS);
    const findings = Array.from({ length: 40 }, (_, i) => finding("warn", `Finding number ${i}`, "x".repeat(80)));
    const md = E.alertMarkdown({ action: "warn", findings });
    const more = Number(md.match(/- and (\d+) more\r/)[1]);
    const listed = (md.match(/- \*\*Finding number \d+\*\*\r/g) || []).length;
    assert.equal(listed + more, 40);
  });

  const macs = [
    // [platform, version, Mailbox, our button, Send Anyway offered, text]
    ["Mac", "16.99.2", "1.14", false, true, /Choose Send Anyway, or choose Check email on the ribbon to fix it\.$/],
    ["Mac", "16.100.1", "1.14", true, true, /Choose Send Anyway, or Review to fix it\.$/],
    ["Mac", "16.99 (25061519)", "1.14", false, true, /Check email on the ribbon to fix it\.$/],
    ["Mac", "16.64", "1.13", false, false, /To fix it or send it anyway, choose Check email on the ribbon\.$/],
    ["PC", "16.0.17928.20114", "1.14", true, true, /Review to fix it\.$/],
  ];
  for (const [platform, version, mailbox, button, anyway, text] of macs) {
    test(`${platform} ${version} (Mailbox ${mailbox}): ${button ? "our button" : "no custom button"}`, () => {
      const { E } = loadModules(ALERTS, { office: { platform, version, mailbox } });
      const o = E.completionFor(ADVISORY);
      assert.equal(o.commandId === "msgComposeOpenPaneButton", button);
      assert.equal(o.cancelLabel !== undefined, button);
      assert.equal(o.sendModeOverride === "promptUser", anyway);
      assert.match(o.errorMessage, text);
    });
  }

  // A reason to send anyway is picked in the pane: the dialog offers no Send Anyway then.
  const reasonCases = [
    // [platform, version, Mailbox, text]
    ["PC", "16.0.17928.20114", "1.15", /asks for a reason: choose Review, pick one, then Send\.$/],
    ["Mac", "16.99.2", "1.14", /asks for a reason: choose Check email on the ribbon, pick one, then Send\.$/],
    ["Mac", "16.64", "1.13", /asks for a reason: choose Check email on the ribbon, pick one, then Send\.$/],
  ];
  for (const [platform, version, mailbox, text] of reasonCases) {
    test(`reason required, ${platform} ${version} (Mailbox ${mailbox}): no Send Anyway in the dialog`, () => {
      const { E } = loadModules(ALERTS, { office: { platform, version, mailbox } });
      const o = E.completionFor({ ...ADVISORY, reason_required: true });
      assert.equal(o.allowEvent, false);
      assert.equal(o.sendModeOverride, undefined);
      assert.match(o.errorMessage, text);
      assert.ok(o.errorMessage.length <= 500);
      assert.ok(!/Send Anyway/.test(o.errorMessage));
      if (mailbox === "1.15") assert.match(o.errorMessageMarkdown, /choose \*\*Review\*\*, pick one, then Send\.$/);
      // Not asked: Send Anyway as before.
      if (mailbox !== "1.13") assert.equal(E.completionFor({ ...ADVISORY, reason_required: false }).sendModeOverride, "promptUser");
    });
  }

  test("a block never offers Send Anyway, whatever reason_required says", () => {
    const { E } = loadModules(ALERTS);
    const o = E.completionFor({ ...ADVISORY, action: "block", reason_required: true });
    assert.equal(o.sendModeOverride, undefined);
    assert.match(o.errorMessage, /Choose Fix it to open Etiquette\.$/);
  });

  test("Markdown escapes what would change its meaning", () => {
    const { E } = loadModules(ALERTS);
    const md = E.alertMarkdown({ action: "warn", findings: table[2][1] });
    assert.match(md, /Subject \\\*names\\\* \\\[someone\\\]/);
  });
});

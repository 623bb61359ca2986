// What the handler sends to /v1/check for a realistic draft, and what Outlook shows.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadHandler, person } from "./helpers.mjs";

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
    const { E, ctx } = loadHandler({ office: { item: structuredClone(ITEM) } });
    const body = plain(await E.buildRequest(ctx.Office.context.mailbox.item, WINTER));
    assert.deepEqual(body, {
      sender: { email: "s.jones@stmarys.sch.uk", name: "Sarah Jones" },
      to: [
        { email: "k.patel@stmarys.sch.uk", name: "Kiran Patel", kind: "user" },
        { email: "parent@gmail.com", name: "A Parent", kind: "external" },
        { email: "year9-parents@stmarys.sch.uk", name: "Year 9 parents", kind: "distribution_list" },
        { email: "typo@unresolved", name: "", kind: "unknown" },
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

  test("reply-all to many is a reply, as Outlook reports it", async () => {
    const item = { ...structuredClone(ITEM), to: many, composeType: "reply" };
    const { E, ctx } = loadHandler({ office: { item } });
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
      const { E, ctx } = loadHandler({ office: { item: structuredClone(ITEM), userProfile: { timeZone: zone } } });
      const body = await E.buildRequest(ctx.Office.context.mailbox.item, when);
      assert.equal(body.send_at, expected);
    });
  }

  test("the zone table comes from CLDR (windows-iana), not a hand list", () => {
    const { E } = loadHandler();
    assert.equal(E.ianaZone("GMT Standard Time"), "Europe/London");
    assert.equal(E.ianaZone("Romance Standard Time"), "Europe/Paris");
    assert.equal(E.ianaZone("Tokyo Standard Time"), "Asia/Tokyo");
    assert.equal(E.ianaZone("Not A Zone"), "");
  });

  test("a scheduled delivery is checked for its own time", async () => {
    const item = { ...structuredClone(ITEM), delayDeliveryTime: new Date("2026-11-19T07:30:00Z") };
    const { E, ctx } = loadHandler({ office: { item } });
    const body = await E.buildRequest(ctx.Office.context.mailbox.item, WINTER);
    assert.equal(body.send_at, "2026-11-19T07:30:00+00:00");
  });

  test("sender falls back to the user profile where from is unavailable", async () => {
    const item = structuredClone(ITEM);
    delete item.from;
    const { E, ctx } = loadHandler({ office: { item, userProfile: { emailAddress: "t.brown@stmarys.sch.uk", displayName: "T Brown" } } });
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
    const { E } = loadHandler();
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
      const { E } = loadHandler();
      for (const action of ["warn", "block"]) {
        const v = { action, findings, check_id: "c" };
        assert.ok(E.alertText(v).length <= 500, E.alertText(v).length);
        assert.ok(E.alertMarkdown(v).length <= 500, E.alertMarkdown(v).length);
      }
    });
  }

  test("Markdown escapes what would change its meaning", () => {
    const { E } = loadHandler();
    const md = E.alertMarkdown({ action: "warn", findings: table[2][1] });
    assert.match(md, /Subject \\\*names\\\* \\\[someone\\\]/);
  });
});

// Prints the /v1/check request body the real handler sends at Send for a realistic draft
// (buildRequest plus purpose "send", as E.check adds it), for benchmarks/bench_outlook.py.
//   node request-body.mjs [recipients]
import { loadHandler, person } from "./test/helpers.mjs";

const n = Number(process.argv[2] || 12);
const to = Array.from({ length: n }, (_, i) =>
  i % 3 === 0
    ? person(`parent${i}@gmail.com`, `Parent ${i}`, "externalUser")
    : person(`staff${i}@stmarys.sch.uk`, `Staff Member ${i}`, "user"),
);
const item = {
  from: { emailAddress: "s.jones@stmarys.sch.uk", displayName: "Sarah Jones" },
  to,
  cc: [person("head@stmarys.sch.uk", "Head", "user")],
  subject: "Re: Year 9 trip to the Science Museum: consent forms",
  composeType: "reply",
  attachments: [
    { id: "1", name: "letter.pdf", size: 2_400_000, attachmentType: "file", isInline: false },
    { id: "2", name: "image001.png", size: 12_000, attachmentType: "file", isInline: true },
  ],
};
const { E, ctx } = loadHandler({ office: { item } });
const body = await E.buildRequest(ctx.Office.context.mailbox.item, new Date("2026-11-18T10:00:00Z"));
process.stdout.write(JSON.stringify({ ...body, purpose: "send" }));

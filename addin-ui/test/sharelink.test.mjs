// ATT001's "Share as a link instead" (public/sharelink.js) against the fake Graph (real
// HTTP: upload sessions, chunks, createLink) and the fake Office.js draft.
import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { createRequire } from "node:module";
import { addinRoot, fakeOfficePath } from "./helpers.mjs";
import { startFakeGraph } from "./fake-graph.mjs";

const require = createRequire(import.meta.url);
const { install } = require(fakeOfficePath);
const code = readFileSync(join(addinRoot, "public", "sharelink.js"), "utf8");
const KIB = 1024;

let graph;
afterEach(async () => {
  await graph?.close();
  graph = null;
});

function load(item, office = {}) {
  const ctx = vm.createContext({ setTimeout, clearTimeout, fetch, atob, Uint8Array, URL, console, Promise, JSON });
  const fake = install(ctx, { item, ...office });
  vm.runInContext(code, ctx, { filename: "sharelink.js" });
  return { S: ctx.EtiquetteShareLink, fake, item: fake.Office.context.mailbox.item };
}

function draft(files) {
  return {
    to: [{ emailAddress: "staff@stmarys.sch.uk", displayName: "All staff", recipientType: "distributionList" }],
    subject: "Assembly video",
    bodyType: "html",
    attachments: files.map(([name, bytes], i) => ({ id: `a${i}`, name, size: bytes.length, attachmentType: "file", isInline: false, content: bytes.toString("base64") })),
  };
}

async function share(S, item, names, extra = {}) {
  const progress = [];
  const run = S.shareAsLink({
    item, names, config: { graphBase: graph.graphBase }, token: async () => graph.token,
    chunkBytes: 320 * KIB, onProgress: (p) => progress.push(JSON.parse(JSON.stringify(p))), ...extra,
  });
  return { run, progress };
}

describe("share as a link", () => {
  test("a 1 MB file: uploaded in 320 KiB chunks, organisation link in the body, then the attachment removed", async () => {
    graph = await startFakeGraph();
    const video = randomBytes(1024 * KIB);
    const { S, fake, item } = load(draft([["assembly.mp4", video], ["agenda.docx", randomBytes(2000)]]));
    const { run, progress } = await share(S, item, ["assembly.mp4"]);
    const result = JSON.parse(JSON.stringify(await run));
    assert.equal(result.links.length, 1);
    assert.match(result.links[0].url, /^https:\/\/stmarys-my\.sharepoint\.com\//);

    const [stored] = [...graph.files.values()];
    assert.ok(stored.bytes.equals(video), "OneDrive has exactly the attachment's bytes");
    assert.equal(stored.folder, "Email attachments");
    assert.deepEqual(stored.link, { type: "view", scope: "organization" });
    const puts = graph.requests.filter((r) => r.method === "PUT");
    assert.deepEqual(puts.map((r) => r.range), [
      `bytes 0-327679/1048576`, `bytes 327680-655359/1048576`, `bytes 655360-983039/1048576`, `bytes 983040-1048575/1048576`,
    ]);
    assert.ok(puts.every((r) => r.auth === ""), "no token sent to the pre-authenticated upload URL");

    // The link goes in before the attachment comes out; the other attachment stays.
    const order = fake.calls.map((c) => c.api).filter((a) => a !== "getAttachmentContentAsync");
    assert.deepEqual(order, ["body.setSelectedDataAsync", "removeAttachmentAsync"]);
    assert.match(fake.item.body, /<a href="https:\/\/stmarys-my\.sharepoint\.com\/[^"]+">assembly\.mp4<\/a>/);
    assert.deepEqual(fake.item.attachments.map((a) => a.name), ["agenda.docx"]);
    const uploading = progress.filter((p) => p.stage === "uploading");
    assert.deepEqual(uploading.map((p) => p.sent), [327680, 655360, 983040, 1048576]);
    assert.deepEqual(progress.map((p) => p.stage).filter((s, i, a) => s !== a[i - 1]), ["token", "reading", "uploading", "linking", "inserting", "removing"]);
  });

  test("a plain-text body gets the link as text", async () => {
    graph = await startFakeGraph();
    const { S, fake, item } = load({ ...draft([["big.pdf", randomBytes(400 * KIB)]]), bodyType: "text" });
    await (await share(S, item, ["big.pdf"])).run;
    const insert = fake.calls.find((c) => c.api === "body.setSelectedDataAsync");
    assert.equal(insert.args[1], "text");
    assert.match(insert.args[0], /big\.pdf: https:\/\//);
  });

  const failures = [
    // [case, fake Graph options, files, stage, what the user is told]
    ["the upload fails half-way (chunk 3 of 4, every retry)", { failChunk: 2 }, [["assembly.mp4", 1024]], "upload", /OneDrive answered HTTP 500/],
    ["OneDrive is full", { failChunk: 1, failStatus: 507 }, [["assembly.mp4", 1024]], "upload", /your OneDrive is full/],
    ["organisation links are turned off", { linkStatus: 403 }, [["assembly.mp4", 700]], "link", /do not allow organisation links/],
    ["the second of two files fails", { failChunk: 0 }, [["a.mp4", 300], ["b.mp4", 300]], "upload", /OneDrive answered HTTP 500/],
  ];
  for (const [name, options, files, stage, told] of failures) {
    test(`${name}: nothing removed, nothing inserted, the user told`, async () => {
      graph = await startFakeGraph(options);
      const bytes = files.map(([n, kib]) => [n, randomBytes(kib * KIB)]);
      const { S, fake, item } = load(draft(bytes));
      const { run } = await share(S, item, files.map(([n]) => n));
      const err = await run.then(() => null, (e) => e);
      assert.ok(err, "rejected");
      assert.equal(err.name, "ShareError");
      assert.equal(err.stage, stage);
      assert.match(err.message, told);
      assert.ok(files.some(([n]) => n === err.file));
      assert.deepEqual(fake.item.attachments.map((a) => a.name), files.map(([n]) => n));
      assert.ok(!fake.calls.some((c) => c.api === "removeAttachmentAsync" || c.api === "body.setSelectedDataAsync"));
      if (stage === "upload") {
        // The failing chunk was retried twice, then the session cancelled.
        const failing = graph.requests.filter((r) => r.method === "PUT").slice(-3);
        assert.equal(new Set(failing.map((r) => r.range)).size, 1);
        assert.equal(graph.requests.at(-1).method, "DELETE");
      }
    });
  }

  test("an attachment no longer in the email is said, not uploaded", async () => {
    graph = await startFakeGraph();
    const { S, item } = load(draft([["other.pdf", randomBytes(10)]]));
    const err = await (await share(S, item, ["gone.mp4"])).run.then(() => null, (e) => e);
    assert.equal(err.stage, "read");
    assert.equal(graph.requests.length, 0);
  });

  const legacy = [
    // [case, what the service answers the exchange, expected: shared or the message]
    ["exchanged On-Behalf-Of by the service", 200, null],
    ["the school has not set up Graph", 409, /not set up OneDrive access for Etiquette \(ask IT\)/],
    ["Microsoft refuses the exchange", 502, /did not give Etiquette access/],
  ];
  for (const [name, status, told] of legacy) {
    test(`no NAA, legacy Office SSO: ${name}`, async () => {
      graph = await startFakeGraph();
      const { createServer } = await import("node:http");
      const seen = [];
      const service = createServer((req, res) => {
        seen.push({ url: req.url, auth: req.headers.authorization });
        req.resume();
        req.on("end", () => {
          res.writeHead(status, { "Content-Type": "application/json" });
          res.end(JSON.stringify(status === 200 ? { access_token: graph.token } : { detail: "x" }));
        });
      });
      await new Promise((r) => service.listen(0, "127.0.0.1", r));
      try {
        const { S, fake, item } = load(draft([["assembly.mp4", randomBytes(700 * KIB)]]), { naa: false, token: "sso-token-for-etiquette" });
        const config = { graphBase: graph.graphBase, clientId: "c", apiBase: `http://127.0.0.1:${service.address().port}` };
        assert.equal(S.tokenAvailable(config), "legacy");
        const out = await S.shareAsLink({ item, names: ["assembly.mp4"], config, chunkBytes: 320 * KIB }).then((v) => v, (e) => e);
        assert.deepEqual(seen, [{ url: "/v1/outlook/graph-token", auth: "Bearer sso-token-for-etiquette" }]);
        if (told) {
          assert.equal(out.stage, "token");
          assert.match(out.message, told);
          assert.equal(graph.requests.length, 0);
          assert.equal(fake.item.attachments.length, 1);
        } else {
          assert.equal(out.links.length, 1);
          assert.equal(fake.item.attachments.length, 0);
        }
      } finally {
        await new Promise((r) => service.close(r));
      }
    });
  }

  test("without nested app authentication there is no token, and the user is told why", async () => {
    graph = await startFakeGraph();
    const { S, item } = load(draft([["assembly.mp4", randomBytes(10)]]), { naa: false });
    const err = await S.shareAsLink({ item, names: ["assembly.mp4"], config: { graphBase: graph.graphBase, clientId: "c" } }).then(() => null, (e) => e);
    assert.equal(err.stage, "token");
    assert.match(err.message, /nested app authentication/);
    assert.equal(graph.requests.length, 0);
  });
});

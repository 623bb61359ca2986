// A fake of the slice of Microsoft Graph the share-as-link fix uses, over real HTTP:
//   POST /v1.0/me/drive/root:/{folder}/{name}:/createUploadSession  -> { uploadUrl }
//   PUT  /upload/{session}   Content-Range chunks -> 202 { nextExpectedRanges } ... 201 driveItem
//   DELETE /upload/{session} -> 204 (cancel)
//   POST /v1.0/me/drive/items/{id}/createLink {type, scope} -> 201 { link: { webUrl, scope, type } }
// It enforces what Graph documents (chunks in order, a multiple of 320 KiB except the last,
// no Authorization header on the pre-authenticated upload URL, a bearer token elsewhere)
// and can fail on purpose: failChunk (index of the chunk that answers `failStatus` every
// time), linkStatus (createLink's status). CORS is open, for the browser test.
import { createServer } from "node:http";

export async function startFakeGraph(initial = {}) {
  // Mutable, so one fake can serve several tests: graph.set({ failChunk: 1 }).
  const opts = { token: "graph-token", failChunk: null, failStatus: 500, linkStatus: 201, delayMs: 0, ...initial };
  const requests = []; // { method, path, auth, range, bytes }
  const sessions = new Map(); // id -> { name, parts: Buffer[], next, cancelled }
  const files = new Map(); // driveItem id -> { name, bytes }
  let seq = 0;
  let base = "";
  const srv = createServer((req, res) => {
    const chunks = [];
    req.on("data", (d) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url, "http://x");
      const record = { method: req.method, path: decodeURIComponent(url.pathname), auth: req.headers.authorization || "", range: req.headers["content-range"] || "", bytes: body.length };
      requests.push(record);
      const send = (status, data) => {
        res.writeHead(status, {
          "Content-Type": "application/json",
          "Access-Control-Allow-Origin": "*",
          "Access-Control-Allow-Headers": "Authorization, Content-Type, Content-Range",
          "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
        });
        res.end(data === undefined ? "" : JSON.stringify(data));
      };
      if (req.method === "OPTIONS") return send(204);
      const path = record.path;
      let m = path.match(/^\/v1\.0\/me\/drive\/root:\/(.+)\/([^/]+):\/createUploadSession$/);
      if (req.method === "POST" && m) {
        if (record.auth !== `Bearer ${opts.token}`) return send(401, { error: { code: "InvalidAuthenticationToken" } });
        const id = `s${++seq}`;
        sessions.set(id, { folder: m[1], name: m[2], parts: [], next: 0, cancelled: false, chunks: 0 });
        return send(200, { uploadUrl: `${base}/upload/${id}?tempauth=opaque`, expirationDateTime: new Date(Date.now() + 3600e3).toISOString() });
      }
      m = path.match(/^\/upload\/(s\d+)$/);
      if (m) {
        const s = sessions.get(m[1]);
        if (!s || s.cancelled) return send(404, { error: { code: "itemNotFound" } });
        if (req.method === "DELETE") {
          s.cancelled = true;
          return send(204);
        }
        if (record.auth) return send(400, { error: { code: "invalidRequest", message: "do not send Authorization to the upload URL" } });
        const r = record.range.match(/^bytes (\d+)-(\d+)\/(\d+)$/);
        if (req.method !== "PUT" || !r) return send(400, { error: { code: "invalidRange" } });
        const [start, end, total] = r.slice(1).map(Number);
        if (start !== s.next || end - start + 1 !== body.length) return send(416, { error: { code: "invalidRange" } });
        const last = end + 1 === total;
        if (!last && body.length % (320 * 1024) !== 0) return send(400, { error: { code: "invalidRange", message: "not a multiple of 320 KiB" } });
        if (opts.failChunk !== null && s.chunks === opts.failChunk) return send(opts.failStatus, { error: { code: "serviceNotAvailable" } });
        s.chunks++;
        s.parts.push(body);
        s.next = end + 1;
        const answer = () => {
          if (!last) return send(202, { nextExpectedRanges: [`${s.next}-`] });
          const id = `item-${++seq}`;
          files.set(id, { name: s.name, folder: s.folder, bytes: Buffer.concat(s.parts) });
          return send(201, { id, name: s.name, size: total });
        };
        return opts.delayMs ? setTimeout(answer, opts.delayMs) : answer();
      }
      m = path.match(/^\/v1\.0\/me\/drive\/items\/([^/]+)\/createLink$/);
      if (req.method === "POST" && m) {
        if (record.auth !== `Bearer ${opts.token}`) return send(401, { error: { code: "InvalidAuthenticationToken" } });
        if (!files.has(m[1])) return send(404, { error: { code: "itemNotFound" } });
        const asked = JSON.parse(body.toString() || "{}");
        files.get(m[1]).link = asked;
        if (opts.linkStatus !== 201) return send(opts.linkStatus, { error: { code: "accessDenied" } });
        return send(201, { link: { type: asked.type, scope: asked.scope, webUrl: `https://stmarys-my.sharepoint.com/:v:/g/personal/${m[1]}` } });
      }
      return send(404, { error: { code: "notFaked" } });
    });
  });
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${srv.address().port}`;
  return {
    base,
    graphBase: `${base}/v1.0`,
    get token() {
      return opts.token;
    },
    set(changes) {
      Object.assign(opts, changes);
    },
    requests,
    sessions,
    files,
    close: () => new Promise((r) => srv.close(r)),
  };
}

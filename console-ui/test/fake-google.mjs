// A local, Google-shaped OpenID provider for the browser tests (Node built-ins only):
// /auth answers the authorization request by redirecting back with a code, /token
// exchanges the code for an RS256 ID token signed with a key made at start-up, /certs
// publishes that key as a JWK Set (google-auth verifies against it). The service is
// pointed here with ETIQUETTE_CONSOLE_GOOGLE_AUTH_URI / _TOKEN_URI and ETIQUETTE_GMAIL_CERTS_URL.
import { createServer } from "node:http";
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

export const CLIENT_ID = "etiquette-browser-test.apps.googleusercontent.com";

const b64url = (buf) => Buffer.from(buf).toString("base64url");

export async function startFakeGoogle() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "browser-test-key";
  const codes = new Map(); // code -> { nonce, user }
  let user = null; // who the next sign-in is: { email, hd }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (req.method === "GET" && url.pathname === "/auth") {
      const q = url.searchParams;
      if (q.get("client_id") !== CLIENT_ID || q.get("code_challenge_method") !== "S256" || !user) {
        res.writeHead(400).end("bad authorization request");
        return;
      }
      const code = b64url(randomBytes(16));
      codes.set(code, { nonce: q.get("nonce"), user });
      const back = new URL(q.get("redirect_uri"));
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.get("state"));
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method === "POST" && url.pathname === "/token") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const grant = codes.get(form.get("code"));
      codes.delete(form.get("code"));
      if (!grant || form.get("client_id") !== CLIENT_ID || !form.get("code_verifier")) {
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid_grant"}');
        return;
      }
      const now = Math.floor(Date.now() / 1000);
      const header = b64url(JSON.stringify({ alg: "RS256", kid, typ: "JWT" }));
      const claims = b64url(
        JSON.stringify({
          iss: "https://accounts.google.com",
          aud: CLIENT_ID,
          sub: b64url(grant.user.email),
          email: grant.user.email,
          email_verified: true,
          hd: grant.user.hd,
          nonce: grant.nonce,
          iat: now,
          exp: now + 600,
        }),
      );
      const signature = b64url(sign("sha256", Buffer.from(`${header}.${claims}`), privateKey));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id_token: `${header}.${claims}.${signature}`, token_type: "Bearer", expires_in: 600 }));
      return;
    }
    if (req.method === "GET" && url.pathname === "/certs") {
      const jwk = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
      res.writeHead(200, { "content-type": "application/json", "cache-control": "public, max-age=3600" });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    env: {
      ETIQUETTE_CONSOLE_GOOGLE_CLIENT_ID: CLIENT_ID,
      ETIQUETTE_CONSOLE_GOOGLE_SECRET: "browser-test-secret",
      ETIQUETTE_CONSOLE_GOOGLE_AUTH_URI: `${base}/auth`,
      ETIQUETTE_CONSOLE_GOOGLE_TOKEN_URI: `${base}/token`,
      ETIQUETTE_GMAIL_CERTS_URL: `${base}/certs`,
    },
    /** The next sign-in through this provider is this person. */
    as(email, hd = email.split("@")[1]) {
      user = { email, hd };
    },
    stop: () => new Promise((ok) => server.close(ok)),
  };
}

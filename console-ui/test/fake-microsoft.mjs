// A local, Microsoft Entra ID-shaped OpenID provider for the browser tests (Node built-ins,
// plus the openssl command for a throw-away TLS certificate). The service reaches it the
// way it reaches login.microsoftonline.com, through MSAL (app/console/auth.py), with
// ETIQUETTE_CONSOLE_ENTRA_AUTHORITY_HOST pointed here:
//   https  {authority}/organizations/v2.0/.well-known/openid-configuration   (MSAL's discovery;
//          MSAL accepts only an https authority and token endpoint, hence the certificate,
//          trusted by the service through SSL_CERT_FILE)
//   https  POST {authority}/organizations/oauth2/v2.0/token  (checks client id and secret, the
//          redirect URI and the PKCE verifier; answers a v2.0 ID token and client_info)
//   https  {authority}/common/discovery/v2.0/keys  (the JWK Set the ID token verifies against)
//   http   GET /organizations/oauth2/v2.0/authorize  (the browser's step: redirects back with
//          a code; plain http so the browser needs no certificate exception)
// The ID token is Entra's v2.0 shape: iss https://<authority>/{tid}/v2.0, aud the client id,
// tid, oid, preferred_username, the nonce MSAL sent, optional groups.
import { createServer as createHttp } from "node:http";
import { createServer as createHttps } from "node:https";
import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CLIENT_ID = "3f9a1c2e-7b4d-4e5f-8a6b-0c1d2e3f4a5b";
const SECRET = "browser-test-entra-secret";

const b64url = (buf) => Buffer.from(buf).toString("base64url");

function selfSignedCertificate(dir) {
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
  ], { stdio: "ignore" });
  return { key: readFileSync(key), cert: readFileSync(cert), certFile: cert };
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

export async function startFakeMicrosoft() {
  const dir = mkdtempSync(join(tmpdir(), "fake-entra-"));
  const tls = selfSignedCertificate(dir);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "browser-test-entra-key";
  const codes = new Map(); // code -> { claims, challenge, redirectUri }
  let user = null; // who the next sign-in is: { email, tid, oid, groups }
  let authority = ""; // https://127.0.0.1:<port>
  let browserBase = ""; // http://127.0.0.1:<port>
  const seen = []; // "METHOD path" of every request, for the test to assert on

  // What the browser visits: the sign-in page, answered at once for `user`.
  const front = createHttp((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    seen.push(`${req.method} ${url.pathname}`);
    const q = url.searchParams;
    if (req.method !== "GET" || url.pathname !== "/organizations/oauth2/v2.0/authorize") {
      res.writeHead(404).end();
      return;
    }
    if (
      q.get("client_id") !== CLIENT_ID || q.get("response_type") !== "code" ||
      q.get("code_challenge_method") !== "S256" || !q.get("code_challenge") ||
      !(q.get("scope") || "").split(" ").includes("openid") || !user
    ) {
      res.writeHead(400).end("bad authorization request");
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: `${authority}/${user.tid}/v2.0`,
      aud: CLIENT_ID,
      tid: user.tid,
      oid: user.oid,
      sub: b64url(createHash("sha256").update(`${user.oid}:${CLIENT_ID}`).digest()),
      ver: "2.0",
      preferred_username: user.email,
      name: "Browser Test",
      nonce: q.get("nonce"),
      iat: now,
      nbf: now,
      exp: now + 3600,
      ...(user.groups ? { groups: user.groups } : {}),
    };
    const code = b64url(randomBytes(24));
    codes.set(code, { claims, challenge: q.get("code_challenge"), redirectUri: q.get("redirect_uri") });
    const back = new URL(q.get("redirect_uri"));
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.get("state"));
    res.writeHead(302, { location: back.toString() }).end();
  });

  // What the service calls (through MSAL and its JWKS cache), over TLS.
  const back = createHttps({ key: tls.key, cert: tls.cert }, async (req, res) => {
    const url = new URL(req.url, "https://127.0.0.1");
    seen.push(`${req.method} ${url.pathname}`);
    if (req.method === "GET" && url.pathname === "/organizations/v2.0/.well-known/openid-configuration") {
      json(res, 200, {
        issuer: `${authority}/{tenantid}/v2.0`,
        authorization_endpoint: `${browserBase}/organizations/oauth2/v2.0/authorize`,
        token_endpoint: `${authority}/organizations/oauth2/v2.0/token`,
        jwks_uri: `${authority}/common/discovery/v2.0/keys`,
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        tenant_region_scope: null,
      });
      return;
    }
    if (req.method === "POST" && url.pathname === "/organizations/oauth2/v2.0/token") {
      const form = await readForm(req);
      const grant = codes.get(form.get("code"));
      codes.delete(form.get("code"));
      const verifier = form.get("code_verifier") || "";
      if (
        !grant || form.get("grant_type") !== "authorization_code" ||
        form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== SECRET ||
        form.get("redirect_uri") !== grant.redirectUri ||
        b64url(createHash("sha256").update(verifier).digest()) !== grant.challenge
      ) {
        json(res, 400, { error: "invalid_grant", error_description: "AADSTS70008: the code is not valid" });
        return;
      }
      const header = b64url(JSON.stringify({ typ: "JWT", alg: "RS256", kid }));
      const payload = b64url(JSON.stringify(grant.claims));
      const signature = b64url(sign("sha256", Buffer.from(`${header}.${payload}`), privateKey));
      json(res, 200, {
        token_type: "Bearer",
        scope: "openid profile email",
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: b64url(randomBytes(32)),
        id_token: `${header}.${payload}.${signature}`,
        client_info: b64url(JSON.stringify({ uid: grant.claims.oid, utid: grant.claims.tid })),
      });
      return;
    }
    if (req.method === "GET" && url.pathname === "/common/discovery/v2.0/keys") {
      const jwk = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", kty: "RSA" };
      json(res, 200, { keys: [jwk] });
      return;
    }
    json(res, 404, { error: "not_found" });
  });

  await new Promise((ok) => front.listen(0, "127.0.0.1", ok));
  await new Promise((ok) => back.listen(0, "127.0.0.1", ok));
  browserBase = `http://127.0.0.1:${front.address().port}`;
  authority = `https://127.0.0.1:${back.address().port}`;
  return {
    authority,
    seen,
    env: {
      ETIQUETTE_CONSOLE_ENTRA_CLIENT_ID: CLIENT_ID,
      ETIQUETTE_CONSOLE_ENTRA_SECRET: SECRET,
      ETIQUETTE_CONSOLE_ENTRA_AUTHORITY_HOST: authority,
      ETIQUETTE_CONSOLE_ENTRA_JWKS_URI: `${authority}/common/discovery/v2.0/keys`,
      SSL_CERT_FILE: tls.certFile, // the service trusts this certificate (and, in the test, no other)
    },
    /** The next sign-in through this provider is this person of tenant `tid`. */
    as(email, tid, { oid = randomUUID(), groups = null } = {}) {
      user = { email, tid, oid, groups };
    },
    stop: async () => {
      await new Promise((ok) => front.close(ok));
      await new Promise((ok) => back.close(ok));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

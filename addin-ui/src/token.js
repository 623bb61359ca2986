/*
 * Identity: one Entra ID token for our API, by nested app authentication (MSAL, in the
 * bundle as window.msal) or the legacy Office SSO (OfficeRuntime.auth), silently.
 *
 * Gives E.resetToken, E.tokenExpiry, E.getToken (and the counter E.tokenRequests);
 * shared.tokenRefused. Needs shared.parsed, shared.failure, shared.within, shared.atMost.
 */
/* global Office, OfficeRuntime */

var parsed = shared.parsed;
var failure = shared.failure;
var within = shared.within;
var atMost = shared.atMost;

/*
 * One token for every caller. It is kept (in this runtime's memory only) until five
 * minutes before it expires; while one is being acquired every caller waits for that
 * same acquisition (single flight); after a failure nobody asks again for 30 seconds;
 * and while an earlier Office SSO call has not settled (classic Outlook's known hang,
 * office-js #2942, #3706) no new one is made, because rapid calls are what get
 * throttled (#4104, #6449). Each caller waits only as long as its own budget allows.
 */
var TOKEN_EARLY_MS = 5 * 60 * 1000;
var TOKEN_RETRY_MS = 30 * 1000;
var TOKEN_DEFAULT_LIFE_MS = 10 * 60 * 1000;
var token = { value: null, expires: 0, flight: null, failedAt: 0, legacyOpen: null, pca: null };

/** Forget the cached token and any backoff (a 401 for a token we thought good; tests). */
E.resetToken = function () {
  token = { value: null, expires: 0, flight: null, failedAt: 0, legacyOpen: token.legacyOpen,
    pca: token.pca };
};

function base64UrlDecode(text) {
  var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var bits = 0;
  var value = 0;
  var out = "";
  for (var i = 0; i < text.length; i++) {
    var idx = alphabet.indexOf(text.charAt(i));
    if (idx < 0) {
      continue;
    }
    value = (value << 6) | idx;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}

/** When a JWT expires (ms since the epoch, from its exp claim), or 0. */
E.tokenExpiry = function (jwt) {
  var parts = String(jwt || "").split(".");
  if (parts.length !== 3) {
    return 0;
  }
  var claims = parsed(base64UrlDecode(parts[1].replace(/=+$/, "")));
  if (claims && typeof claims.exp === "number") {
    return claims.exp * 1000;
  }
  return 0;
};

function naaAvailable(cfg) {
  try {
    return !!(root.msal && root.msal.createNestablePublicClientApplication && cfg.clientId &&
      Office.context.requirements.isSetSupported("NestedAppAuth", "1.1"));
  } catch (e) {
    return false;
  }
}

/** Office SSO (legacy), never two calls at once, bounded by its own deadline. */
function legacyToken(cfg) {
  if (typeof OfficeRuntime === "undefined" || !OfficeRuntime.auth ||
      !OfficeRuntime.auth.getAccessToken) {
    return Promise.resolve(null);
  }
  if (token.legacyOpen) {
    return Promise.resolve(null); // the last call never settled: do not stack another
  }
  var call;
  try {
    call = Promise.resolve(OfficeRuntime.auth.getAccessToken({
      allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false
    }));
  } catch (e) {
    return Promise.resolve(null);
  }
  token.legacyOpen = call;
  var clear = function () { token.legacyOpen = null; };
  call.then(clear, clear);
  return atMost(call.then(function (jwt) {
    return { value: jwt, expires: E.tokenExpiry(jwt) };
  }, function () { return null; }), cfg.legacyTokenTimeoutMs, null);
}

/** Nested app authentication (MSAL), silently; null when it cannot. */
function naaToken(cfg) {
  if (!token.pca) {
    token.pca = Promise.resolve(root.msal.createNestablePublicClientApplication({
      auth: { clientId: cfg.clientId, authority: cfg.authority }
    }));
  }
  return token.pca.then(function (pca) {
    return pca.acquireTokenSilent({ scopes: [cfg.apiScope] });
  }).then(function (res) {
    if (!res || !res.accessToken) {
      return null;
    }
    var expires = 0;
    if (res.expiresOn) {
      expires = new Date(res.expiresOn).getTime();
    }
    return { value: res.accessToken, expires: expires || E.tokenExpiry(res.accessToken) };
  }, function () {
    token.pca = null;
    return null;
  });
}

function acquire(cfg) {
  var first = Promise.resolve(null);
  if (naaAvailable(cfg)) {
    first = atMost(naaToken(cfg), cfg.naaTokenTimeoutMs, null);
  }
  return first.then(function (got) {
    if (got) {
      return got;
    }
    return legacyToken(cfg);
  });
}

/**
 * An Entra ID token for our API, silently: nested app authentication first, the
 * legacy Office SSO second. Event code cannot show UI, so no prompts. Resolves null
 * when no sign-in is configured or none is possible; rejects (kind "unreachable",
 * reason "token") when `budgetMs` passes first, so the caller's fail mode applies.
 */
E.getToken = function (budgetMs) {
  var cfg = E.config();
  if (!cfg.clientId) {
    return Promise.resolve(null);
  }
  var now = Date.now();
  if (token.value && now < token.expires - TOKEN_EARLY_MS) {
    return Promise.resolve(token.value);
  }
  if (!token.flight) {
    if (now - token.failedAt < TOKEN_RETRY_MS) {
      return Promise.resolve(null);
    }
    E.tokenRequests = (E.tokenRequests || 0) + 1;
    token.flight = acquire(cfg).then(function (got) {
      token.flight = null;
      if (got && got.value) {
        token.value = got.value;
        token.expires = got.expires || Date.now() + TOKEN_DEFAULT_LIFE_MS;
        return got.value;
      }
      token.failedAt = Date.now();
      return null;
    }, function () {
      token.flight = null;
      token.failedAt = Date.now();
      return null;
    });
  }
  var budget = budgetMs;
  if (typeof budget !== "number") {
    budget = cfg.tokenTimeoutMs;
  }
  return within(token.flight, budget, function () {
    return failure("unreachable", "no sign-in token in time", { status: 0, reason: "token" });
  });
};

/**
 * The service refused (401) a token we thought good: forget it, and let the next caller
 * fetch a fresh one only after the backoff.
 */
shared.tokenRefused = function () {
  if (token.value) {
    E.resetToken();
    token.failedAt = Date.now();
  }
};

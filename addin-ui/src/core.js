/*
 * Etiquette for Outlook: the Smart Alerts handlers and the code the task pane shares.
 *
 * This file becomes public/launchevent.js (build.mjs prepends the Windows time
 * zone table). Classic Outlook on Windows runs it in a JavaScript-only runtime,
 * so it is written to ES2016 as Microsoft documents for that runtime: no
 * modules, no async/await, no ternary operator, no object spread, no optional
 * chaining; absolute URLs only; handlers registered with Office.actions.associate.
 * test/syntax.test.mjs parses the built bundle as ES2016 and rejects ternaries.
 *
 * Nothing here logs or stores the subject, body, names or addresses beyond the
 * item's own sessionData (the pre-check cache, on the user's own draft).
 */
/* global Office, OfficeRuntime, ETIQUETTE_DEFAULTS, ETIQUETTE_WINDOWS_ZONES */

(function (root) {
  "use strict";

  var E = {};
  var SUCCEEDED = "succeeded";
  var CACHE_KEY = "etiquette.precheck";
  var CACHE_SECONDS = 120;
  var TEXT_LIMIT = 500;
  var FAILED_OPEN_KEY = "etiquette.failedOpen";
  var PROBLEM_KEY = "etiquette.problem";
  var FAIL_MODE_KEY = "etiquette.failMode";
  var OVERRIDE_KEY = "etiquette.sendAnyway";
  var PANE_COMMAND = "msgComposeOpenPaneButton";
  // What /v1/check accepts (app/api/schemas.py); the handler keeps within it rather than
  // have a whole check refused for one unusual field.
  var MAX_PER_FIELD = 500;
  var MAX_RECIPIENTS = 1000;
  var MAX_ATTACHMENTS = 250;
  var NAME_LIMIT = 256;
  var SPECIAL_USE = { arpa: 1, invalid: 1, local: 1, localhost: 1, onion: 1, test: 1 };

  // -- configuration --------------------------------------------------------

  E.config = function () {
    var base = {};
    if (typeof ETIQUETTE_DEFAULTS === "object" && ETIQUETTE_DEFAULTS) {
      base = ETIQUETTE_DEFAULTS;
    }
    if (root.ETIQUETTE_CONFIG) {
      base = root.ETIQUETTE_CONFIG;
    }
    return {
      apiBase: String(base.apiBase || "").replace(/\/+$/, ""),
      clientId: base.clientId || "",
      apiScope: base.apiScope || "",
      authority: base.authority || "https://login.microsoftonline.com/common",
      graphBase: String(base.graphBase || "https://graph.microsoft.com/v1.0").replace(/\/+$/, ""),
      apiKey: base.apiKey || "",
      timeoutMs: base.timeoutMs || 3000,
      // The whole Send check (reading the draft, the token, the request) ends by this,
      // whatever hangs: Outlook's own "taking longer" dialog comes at 5 s, from Send.
      deadlineMs: base.deadlineMs || 4000,
      // How long any one caller waits for a token; each way of getting one has its own.
      tokenTimeoutMs: base.tokenTimeoutMs || 1500,
      naaTokenTimeoutMs: base.naaTokenTimeoutMs || 1200,
      legacyTokenTimeoutMs: base.legacyTokenTimeoutMs || 1200,
      // Recipient/attachment changes closer together than this make one pre-check.
      debounceMs: base.debounceMs || 1500,
      failMode: base.failMode || "open"
    };
  };

  // -- Office.js callbacks as promises --------------------------------------

  function settle(resolve, reject) {
    return function (result) {
      if (result && result.status === SUCCEEDED) {
        resolve(result.value);
      } else {
        var err = (result && result.error) || { name: "Unknown", message: "Office call failed" };
        reject(err);
      }
    };
  }

  function officeCall(target, method) {
    var args = Array.prototype.slice.call(arguments, 2);
    return new Promise(function (resolve, reject) {
      args.push(settle(resolve, reject));
      target[method].apply(target, args);
    });
  }
  E.officeCall = officeCall;

  function supports(version) {
    try {
      return Office.context.requirements.isSetSupported("Mailbox", version);
    } catch (e) {
      return false;
    }
  }
  E.supports = supports;

  // -- time zones -----------------------------------------------------------

  /** IANA zone for Outlook's Windows time zone name (the CLDR table), or "". */
  E.ianaZone = function (windowsName) {
    var table = (typeof ETIQUETTE_WINDOWS_ZONES === "object" && ETIQUETTE_WINDOWS_ZONES) || {};
    if (!windowsName) {
      return "";
    }
    if (table[windowsName]) {
      return table[windowsName];
    }
    if (windowsName.indexOf("/") > 0) {
      return windowsName; // already IANA (some clients report it so)
    }
    return "";
  };

  function pad(n) {
    return (n < 10 && "0" + n) || String(n);
  }

  /** Minutes east of UTC for an instant in an IANA zone (Intl), or null. */
  function zoneOffsetMinutes(date, zone) {
    try {
      var fmt = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", second: "2-digit"
      });
      var parts = {};
      fmt.formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
      var asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24,
        +parts.minute, +parts.second);
      return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
    } catch (e) {
      return null;
    }
  }

  /** ISO-8601 with the offset of the user's Outlook zone ("2026-11-18T10:00:00+00:00"). */
  E.isoInZone = function (date, zone) {
    var offset = null;
    if (zone) {
      offset = zoneOffsetMinutes(date, zone);
    }
    if (offset === null) {
      offset = -date.getTimezoneOffset();
    }
    var local = new Date(date.getTime() + offset * 60000);
    var sign = "+";
    if (offset < 0) {
      sign = "-";
    }
    var abs = Math.abs(offset);
    return local.getUTCFullYear() + "-" + pad(local.getUTCMonth() + 1) + "-" +
      pad(local.getUTCDate()) + "T" + pad(local.getUTCHours()) + ":" + pad(local.getUTCMinutes()) +
      ":" + pad(local.getUTCSeconds()) + sign + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  };

  // -- reading the draft ----------------------------------------------------

  var KINDS = {
    user: "user", externalUser: "external", distributionList: "distribution_list", other: "unknown"
  };
  var COMPOSE = { newMail: "new", reply: "reply", forward: "forward" };

  /**
   * Could the service accept this as an address? The same rules as its validator
   * (email-validator) in outline: one local part, a dotted domain, no spaces, not a
   * special-use name. Outlook reports what the user typed for an unresolved entry
   * ("Jo Smith", "typo@school"); Outlook itself will not send to those.
   */
  E.plausibleAddress = function (text) {
    var s = String(text || "");
    var at = s.lastIndexOf("@");
    if (at < 1 || s.length > 320 || /\s/.test(s)) {
      return false;
    }
    var labels = s.slice(at + 1).toLowerCase().split(".");
    if (labels.length < 2 || SPECIAL_USE[labels[labels.length - 1]]) {
      return false;
    }
    return labels.every(function (l) { return l.length > 0 && l.length < 64 && !/^-|-$/.test(l); });
  };

  /** Recipients as /v1/check takes them; `skipped` counts what was left out. */
  function recipients(list, room, skipped) {
    var out = [];
    (list || []).forEach(function (r) {
      if (!E.plausibleAddress(r.emailAddress)) {
        skipped.unresolved++;
        return;
      }
      if (out.length >= Math.min(MAX_PER_FIELD, room)) {
        skipped.overLimit++;
        return;
      }
      var one = { email: r.emailAddress, name: String(r.displayName || "").slice(0, NAME_LIMIT) };
      if (KINDS[r.recipientType]) {
        one.kind = KINDS[r.recipientType];
      }
      out.push(one);
    });
    return out;
  }

  function attachments(list) {
    return (list || []).slice(0, MAX_ATTACHMENTS).map(function (a) {
      var contentType = "application/octet-stream";
      var size = a.size || 0;
      if (a.attachmentType === "item") {
        contentType = "message/rfc822";
      }
      if (a.attachmentType === "cloud") {
        size = 0; // a link to OneDrive/SharePoint: nothing large travels with the mail
      }
      return {
        name: String(a.name || "").slice(0, 255), size: size, inline: !!a.isInline,
        content_type: contentType
      };
    });
  }

  function optional(promise) {
    return promise.then(null, function () { return null; });
  }

  /**
   * The /v1/check request body for the item being composed (no purpose: the caller
   * adds it). Entries that are not addresses are left out, and each field is cut at
   * the service's limit (500; 1,000 in all): E.skipped(body) says how many.
   */
  E.buildRequest = function (item, now) {
    var mailbox = Office.context.mailbox;
    var profile = mailbox.userProfile || {};
    var zone = E.ianaZone(profile.timeZone);
    var when = now || new Date();
    var from = null;
    var compose = null;
    var delayed = null;
    var files = null;
    if (item.from && item.from.getAsync) {
      from = optional(officeCall(item.from, "getAsync"));
    }
    if (item.getComposeTypeAsync) {
      compose = optional(officeCall(item, "getComposeTypeAsync"));
    }
    if (item.delayDeliveryTime && item.delayDeliveryTime.getAsync) {
      delayed = optional(officeCall(item.delayDeliveryTime, "getAsync"));
    }
    if (item.getAttachmentsAsync) {
      files = optional(officeCall(item, "getAttachmentsAsync"));
    }
    return Promise.all([
      officeCall(item.to, "getAsync"), officeCall(item.cc, "getAsync"),
      officeCall(item.bcc, "getAsync"), officeCall(item.subject, "getAsync"),
      from, compose, delayed, files
    ]).then(function (v) {
      var sender = { email: profile.emailAddress, name: profile.displayName || "" };
      if (v[4] && v[4].emailAddress) {
        sender = { email: v[4].emailAddress, name: v[4].displayName || "" };
      }
      var composeType = "new";
      if (v[5] && COMPOSE[v[5].composeType]) {
        composeType = COMPOSE[v[5].composeType];
      }
      var sendAt = when;
      if (v[6] && new Date(v[6]).getTime() > when.getTime()) {
        sendAt = new Date(v[6]); // delivery already scheduled: check for that moment
      }
      var skipped = { unresolved: 0, overLimit: 0 };
      var to = recipients(v[0], MAX_RECIPIENTS, skipped);
      var cc = recipients(v[1], MAX_RECIPIENTS - to.length, skipped);
      var bcc = recipients(v[2], MAX_RECIPIENTS - to.length - cc.length, skipped);
      var body = {
        sender: sender,
        to: to,
        cc: cc,
        bcc: bcc,
        subject: String(v[3] || "").slice(0, 998),
        attachments: attachments(v[7]),
        compose_type: composeType,
        importance: "normal",
        send_at: E.isoInZone(sendAt, zone),
        host: "outlook"
      };
      skippedBy.set(body, skipped);
      return body;
    });
  };

  // Kept beside the body, not in it: the request carries only what the API defines.
  var skippedBy = new WeakMap();

  /** What buildRequest left out of a body: { unresolved, overLimit }. */
  E.skipped = function (body) {
    return skippedBy.get(body) || { unresolved: 0, overLimit: 0 };
  };

  // -- what was checked: a hash for the pre-check cache --------------------

  /** cyrb53: a fast 53-bit string hash (not for security; a cache key). */
  E.hash = function (str) {
    var h1 = 0xdeadbeef;
    var h2 = 0x41c6ce57;
    for (var i = 0; i < str.length; i++) {
      var ch = str.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  };

  /** The cache key: everything checked except the clock (a scheduled time stays in). */
  E.checkKey = function (body) {
    var copy = JSON.parse(JSON.stringify(body));
    var scheduled = copy.send_at;
    delete copy.send_at;
    copy.scheduled = "";
    if (scheduled && Date.parse(scheduled) - Date.now() > CACHE_SECONDS * 1000) {
      copy.scheduled = scheduled;
    }
    return E.hash(JSON.stringify(copy));
  };

  // -- storage: sessionData (per item) and the runtime's own storage -------

  function parsed(v) {
    try {
      return JSON.parse(v);
    } catch (e) {
      return null;
    }
  }

  /**
   * All of this item's session data in one call (getAllAsync, Mailbox 1.11), as
   * { key: parsed value }; {} when there is none or it cannot be read.
   */
  function sessionAll(item) {
    if (!item.sessionData || !item.sessionData.getAllAsync) {
      return Promise.resolve({});
    }
    return officeCall(item.sessionData, "getAllAsync").then(function (all) {
      var raw = all;
      if (typeof all === "string") {
        raw = parsed(all);
      }
      var out = {};
      Object.keys(raw || {}).forEach(function (k) { out[k] = parsed(raw[k]); });
      return out;
    }, function () { return {}; });
  }

  function sessionSet(item, key, value) {
    if (!item.sessionData || !item.sessionData.setAsync) {
      return Promise.resolve();
    }
    return officeCall(item.sessionData, "setAsync", key, JSON.stringify(value)).then(
      null, function () { return null; });
  }

  /**
   * Where the add-in keeps its few cross-item values (the school's fail mode, counts of
   * unchecked sends, the last refused check), by platform:
   *   classic Outlook on Windows, event runtime (JavaScript-only: no document, no
   *   localStorage)              OfficeRuntime.storage, the one place Outlook supports it
   *   everywhere else (web, new Outlook, Mac, every task pane)   localStorage
   *   neither usable             memory, for this runtime's life
   * Microsoft: "In Outlook, support [for OfficeRuntime.storage] is only available with the
   * event-based activation feature implemented in Outlook on Windows. This interface isn't
   * supported in Outlook on Mac or on the web." Where it merely exists it is not used.
   */
  var memory = {};

  function platform() {
    try {
      return String((Office.context.diagnostics && Office.context.diagnostics.platform) || "");
    } catch (e) {
      return "";
    }
  }
  E.platform = platform;

  function jsOnlyRuntime() {
    return typeof root.document === "undefined" && typeof document === "undefined";
  }

  function localStore() {
    try {
      var ls = root.localStorage;
      if (ls && typeof ls.getItem === "function") {
        return ls;
      }
    } catch (e) { /* storage blocked (third-party storage off, say) */ }
    return null;
  }

  /** "officeRuntime" | "localStorage" | "memory": which store this runtime uses. */
  E.storageKind = function () {
    if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage && platform() === "PC" &&
        jsOnlyRuntime()) {
      return "officeRuntime";
    }
    if (localStore()) {
      return "localStorage";
    }
    return "memory";
  };

  E.storage = {
    get: function (key) {
      var kind = E.storageKind();
      try {
        if (kind === "officeRuntime") {
          return OfficeRuntime.storage.getItem(key).then(null, function () { return null; });
        }
        if (kind === "localStorage") {
          return Promise.resolve(localStore().getItem(key));
        }
      } catch (e) { /* storage failed: memory below */ }
      var v = null;
      if (Object.prototype.hasOwnProperty.call(memory, key)) {
        v = memory[key];
      }
      return Promise.resolve(v);
    },
    set: function (key, value) {
      var kind = E.storageKind();
      memory[key] = String(value);
      try {
        if (kind === "officeRuntime") {
          return OfficeRuntime.storage.setItem(key, value).then(null, function () { return null; });
        }
        if (kind === "localStorage") {
          localStore().setItem(key, value);
        }
      } catch (e) { /* storage full or blocked: memory holds it for now */ }
      return Promise.resolve();
    }
  };

  // -- deadlines --------------------------------------------------------------

  function failure(kind, message, extra) {
    var err = new Error(message);
    err.name = "CheckFailed";
    err.kind = kind;
    Object.keys(extra || {}).forEach(function (k) { err[k] = extra[k]; });
    return err;
  }
  E.failure = failure;

  /**
   * `promise`, or a rejection with `onTimeout()` once `ms` pass, whichever comes first.
   * The promise is not cancelled (Office.js calls cannot be); a late answer is dropped.
   */
  function within(promise, ms, onTimeout) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        reject(onTimeout());
      }, Math.max(0, ms));
      promise.then(function (v) {
        clearTimeout(timer);
        resolve(v);
      }, function (e) {
        clearTimeout(timer);
        reject(e);
      });
    });
  }
  E.within = within;

  /** `promise`'s value, or `fallback` once `ms` pass (never rejects). */
  function atMost(promise, ms, fallback) {
    return within(promise, ms, function () { return null; }).then(null, function () {
      return fallback;
    });
  }

  // -- identity -------------------------------------------------------------

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

  // -- the HTTP call --------------------------------------------------------

  function timeoutError() {
    var e = new Error("Etiquette did not answer in time");
    e.name = "TimeoutError";
    return e;
  }

  /** POST JSON with a hard client time limit (XHR where there is one, fetch otherwise). */
  E.post = function (path, body, token, timeoutMs) {
    var cfg = E.config();
    var url = cfg.apiBase + path;
    var headers = { "Content-Type": "application/json" };
    var credential = token || cfg.apiKey;
    if (credential) {
      headers.Authorization = "Bearer " + credential;
    }
    var payload = JSON.stringify(body);
    if (typeof XMLHttpRequest !== "undefined") {
      return new Promise(function (resolve, reject) {
        var xhr = new XMLHttpRequest();
        xhr.open("POST", url, true);
        Object.keys(headers).forEach(function (h) { xhr.setRequestHeader(h, headers[h]); });
        xhr.timeout = timeoutMs;
        xhr.onload = function () {
          var data = null;
          try {
            data = JSON.parse(xhr.responseText);
          } catch (e) { /* not JSON */ }
          resolve({ status: xhr.status, data: data });
        };
        xhr.onerror = function () { reject(new Error("network error")); };
        xhr.ontimeout = function () { reject(timeoutError()); };
        xhr.send(payload);
      });
    }
    return new Promise(function (resolve, reject) {
      var controller = null;
      if (typeof AbortController !== "undefined") {
        controller = new AbortController();
      }
      var timer = setTimeout(function () {
        if (controller) {
          controller.abort();
        }
        reject(timeoutError());
      }, timeoutMs);
      var init = { method: "POST", headers: headers, body: payload };
      if (controller) {
        init.signal = controller.signal;
      }
      fetch(url, init).then(function (resp) {
        return resp.text().then(function (text) {
          var data = null;
          try {
            data = JSON.parse(text);
          } catch (e) { /* not JSON */ }
          clearTimeout(timer);
          resolve({ status: resp.status, data: data });
        });
      }).then(null, function (err) {
        clearTimeout(timer);
        reject(err);
      });
    });
  };

  var FIELD_NAMES = {
    sender: "the sender", to: "To", cc: "Cc", bcc: "Bcc", subject: "the subject",
    attachments: "the attachments"
  };

  /**
   * Why the service refused a request (400/413/422), in words safe to show the user:
   * built from the field the error names, never from the value it quotes.
   */
  E.problemText = function (status, data) {
    if (status === 413) {
      return "the email is too large to check";
    }
    var detail = data && data.detail;
    if (typeof detail === "string" && detail) {
      return clip(detail.replace(/^[a-z_.]+: /, ""), 150); // the service's own sentence
    }
    var first = (Array.isArray(detail) && detail[0]) || {};
    var loc = (first.loc || []).filter(function (p) { return p !== "body"; });
    var field = FIELD_NAMES[loc[0]];
    if (!field) {
      return "the service could not read it (" + status + ")";
    }
    if (first.type === "too_long") {
      return "there are too many entries in " + field;
    }
    if (loc.length > 1 && (loc[0] === "to" || loc[0] === "cc" || loc[0] === "bcc")) {
      return "an address in " + field + " is not one it can read";
    }
    return "it could not read " + field;
  };

  /**
   * What went wrong with a check, by who can fix it:
   *   unreachable  the service is down, slow, overloaded or answered nonsense (network,
   *                timeout, 5xx, 429, a 200 that is not a verdict): an outage
   *   rejected     the service read the request and refused it (400, 413, 422): this
   *                email cannot be checked as it stands; err.detail says why
   *   config       our credentials or address are wrong (401, 403, 404, other 4xx):
   *                a set-up problem for IT, not an outage
   */
  E.classify = function (status, data) {
    if (status === 200) {
      return failure("unreachable", "the service answered without a verdict", { status: 200 });
    }
    if (status >= 500 || status === 429 || status === 0) {
      return failure("unreachable", "the service answered HTTP " + status, { status: status });
    }
    if (status === 400 || status === 413 || status === 422) {
      return failure("rejected", "the service refused the check (HTTP " + status + ")", {
        status: status, detail: E.problemText(status, data)
      });
    }
    return failure("config", "the service refused our credentials (HTTP " + status + ")", {
      status: status
    });
  };

  /**
   * Ask the service. `purpose` is send | review | background (the audit counts send and
   * review). `budgetMs` (optional) bounds the whole call, token included. Resolves the
   * verdict; rejects with err.kind as E.classify says (a token or answer that does not
   * come in time is "unreachable").
   */
  E.check = function (body, purpose, budgetMs) {
    var cfg = E.config();
    var started = Date.now();
    var budget = budgetMs;
    if (typeof budget !== "number") {
      budget = cfg.tokenTimeoutMs + cfg.timeoutMs;
    }
    var payload = Object.assign({}, body, { purpose: purpose || "send" });
    return E.getToken(Math.min(cfg.tokenTimeoutMs, budget)).then(function (tok) {
      var left = budget - (Date.now() - started);
      if (left <= 0) {
        throw failure("unreachable", "no time left to ask", { status: 0 });
      }
      return E.post("/v1/check", payload, tok, Math.min(cfg.timeoutMs, left));
    }).then(function (res) {
      if (res.status === 401 && token.value) {
        E.resetToken(); // refused: the next caller fetches a fresh one (after the backoff)
        token.failedAt = Date.now();
      }
      if (res.status !== 200 || !res.data || !res.data.action) {
        throw E.classify(res.status, res.data);
      }
      if (res.data.fail_mode) {
        E.storage.set(FAIL_MODE_KEY, res.data.fail_mode);
      }
      return res.data;
    }, function (err) {
      if (err && err.kind) {
        throw err;
      }
      throw failure("unreachable", (err && err.message) || "network error", { status: 0 });
    });
  };

  /**
   * Record the user's choice: codes and the outcome only, never content. `count` (> 1
   * only for failed_open, which has no check) reports that many in one request.
   */
  E.recordOutcome = function (checkId, outcome, codes, count) {
    var cfg = E.config();
    var body = { check_id: checkId || null, outcome: outcome, host: "outlook",
      codes: (codes || []).slice(0, 20) };
    if (count && count > 1) {
      body.count = count;
    }
    return E.getToken().then(function (tok) {
      return E.post("/v1/outcome", body, tok, cfg.timeoutMs);
    }).then(function (res) { return res.status; }, function () { return 0; });
  };

  /** What to do when the service cannot be reached: the school's last word, else ours. */
  E.failMode = function () {
    return E.storage.get(FAIL_MODE_KEY).then(function (mode) {
      if (mode === "open" || mode === "closed") {
        return mode;
      }
      return E.config().failMode;
    });
  };

  function noteFailedOpen() {
    return E.storage.get(FAILED_OPEN_KEY).then(function (n) {
      return E.storage.set(FAILED_OPEN_KEY, String((parseInt(n, 10) || 0) + 1));
    });
  }

  /**
   * A refused check (config or rejected) that let an email go unchecked: kept on this
   * computer for the task pane and IT (status and a count, never content). It is not a
   * failed_open: that outcome means "the service was unreachable".
   */
  function noteProblem(err) {
    return E.storage.get(PROBLEM_KEY).then(function (prev) {
      var before = parsed(prev) || {};
      var count = 1;
      if (before.kind === err.kind && before.status === err.status) {
        count = (before.count || 0) + 1;
      }
      if (typeof console !== "undefined" && console.warn) {
        console.warn("Etiquette: check refused (HTTP " + err.status + ", " + err.kind + ")");
      }
      return E.storage.set(PROBLEM_KEY, JSON.stringify({
        kind: err.kind, status: err.status, count: count, at: new Date().toISOString()
      }));
    });
  }

  /** The last refused check noted on this computer, or null. */
  E.lastProblem = function () {
    return E.storage.get(PROBLEM_KEY).then(parsed);
  };

  /**
   * Report sends that went unchecked while we were unreachable (a count, in ONE
   * request, at most 100 at a time). One flush at a time; a count that could not be
   * delivered is put back for the next one.
   */
  var MAX_FAILED_OPEN_BATCH = 100;
  var flushing = null;

  function flushFailedOpen() {
    if (flushing) {
      return flushing;
    }
    flushing = E.storage.get(FAILED_OPEN_KEY).then(function (n) {
      var pending = parseInt(n, 10) || 0;
      var count = Math.min(pending, MAX_FAILED_OPEN_BATCH);
      if (!count) {
        return null;
      }
      return E.storage.set(FAILED_OPEN_KEY, String(pending - count)).then(function () {
        return E.recordOutcome(null, "failed_open", [], count);
      }).then(function (status) {
        if (status === 202) {
          return status;
        }
        return E.storage.get(FAILED_OPEN_KEY).then(function (now) {
          return E.storage.set(FAILED_OPEN_KEY, String((parseInt(now, 10) || 0) + count));
        });
      });
    }).then(function (v) {
      flushing = null;
      return v;
    }, function () {
      flushing = null;
      return null;
    });
    return flushing;
  }
  E.flushFailedOpen = flushFailedOpen;

  // -- the dialog text ------------------------------------------------------

  function clip(text, limit) {
    if (text.length <= limit) {
      return text;
    }
    return text.slice(0, Math.max(0, limit - 1)).replace(/\s+\S*$/, "") + "\u2026";
  }

  function mdEscape(text) {
    return String(text).replace(/([\\*_[\]()#`>])/g, "\\$1");
  }

  function shown(verdict) {
    return (verdict.findings || []).filter(function (f) { return f.severity !== "advise"; });
  }

  /**
   * Plain text for errorMessage, at most 500 characters. `noButton`: a client before
   * Mailbox 1.14, whose dialog has neither our button nor Send Anyway for a warning, so
   * the text points to the ribbon, where the pane can fix it or let it go.
   */
  E.alertText = function (verdict, noButton) {
    var findings = shown(verdict);
    var tail = " Choose Send Anyway, or Review to fix it.";
    if (verdict.action === "block") {
      tail = " Choose Fix it to open Etiquette.";
    }
    if (noButton && verdict.action === "warn" && supports("1.14")) {
      tail = " Choose Send Anyway, or choose Check email on the ribbon to fix it.";
    } else if (noButton) {
      tail = " To fix it or send it anyway, choose Check email on the ribbon.";
      if (verdict.action === "block") {
        tail = " To fix it, choose Check email on the ribbon.";
      }
    }
    var head = "Etiquette: before this email goes:";
    var budget = TEXT_LIMIT - head.length - tail.length;
    var parts = findings.map(function (f) { return f.title + "."; });
    var text = " " + parts.join(" ");
    // Add each explanation while it fits; titles alone are the floor.
    var full = findings.map(function (f) { return f.title + ": " + f.message; });
    var candidate = " " + full.join(" ");
    if (candidate.length <= budget) {
      text = candidate;
    } else if (findings.length === 1) {
      text = " " + clip(full[0], budget - 1);
    }
    return clip(head + text, TEXT_LIMIT - tail.length) + tail;
  };

  /**
   * Markdown for errorMessageMarkdown (Mailbox 1.15), at most 500 characters. It is cut
   * only between whole lines (then "and N more"), or, when even one line is too long,
   * inside its plain text before escaping: never through a `**` or a `\` escape.
   */
  E.alertMarkdown = function (verdict) {
    var findings = shown(verdict);
    var tail = "\n\nChoose **Send Anyway**, or **Review** to fix it.";
    if (verdict.action === "block") {
      tail = "\n\nChoose **Fix it** to open Etiquette.";
    }
    var head = "**Before this email goes:**\n\n";
    var budget = TEXT_LIMIT - head.length - tail.length;
    var rich = findings.map(function (f) {
      return "- **" + mdEscape(f.title) + "**: " + mdEscape(f.message) + "\r";
    });
    var body = rich.join("");
    if (body.length <= budget) {
      return head + body + tail;
    }
    var lines = findings.map(function (f) { return "- **" + mdEscape(f.title) + "**\r"; });
    var kept = [];
    var used = 0;
    for (var i = 0; i < lines.length; i++) {
      var more = "";
      if (i < lines.length - 1) {
        more = "- and " + (lines.length - i - 1) + " more\r";
      }
      if (used + lines[i].length + more.length > budget) {
        break;
      }
      kept.push(lines[i]);
      used += lines[i].length;
    }
    if (!kept.length) {
      // One title longer than the whole budget: cut its text, then escape and bold it.
      var room = budget - "- ****\r".length;
      var title = String((findings[0] && findings[0].title) || "");
      while (title.length && mdEscape(clip(title, room)).length > room) {
        room -= 1;
      }
      return head + "- **" + mdEscape(clip(title, room)) + "**\r" + tail;
    }
    if (kept.length < lines.length) {
      kept.push("- and " + (lines.length - kept.length) + " more\r");
    }
    return head + kept.join("") + tail;
  };

  function versionBelow(have, want) {
    // "16.99.2", "16.99 (25061519)": the leading number of each dotted part
    var a = String(have || "").split(".").map(function (p) { return parseInt(p, 10) || 0; });
    var b = String(want).split(".").map(function (p) { return parseInt(p, 10) || 0; });
    for (var i = 0; i < b.length; i++) {
      var x = a[i] || 0;
      if (x !== b[i]) {
        return x < b[i];
      }
    }
    return false;
  }

  /**
   * Can the Smart Alerts dialog show our own button (commandId, cancelLabel)? Mailbox
   * 1.14, except Outlook on Mac before 16.100, which reports 1.14 but has no custom button.
   */
  E.hasAlertButton = function () {
    if (!supports("1.14")) {
      return false;
    }
    var version = "";
    try {
      version = Office.context.diagnostics.version;
    } catch (e) { /* no diagnostics: trust the requirement set */ }
    if (platform() === "Mac" && version && versionBelow(version, "16.100")) {
      return false;
    }
    return true;
  };

  /** The event.completed options for a verdict (what Outlook shows at Send). */
  E.completionFor = function (verdict) {
    if (verdict.action !== "warn" && verdict.action !== "block") {
      return { allowEvent: true };
    }
    var button = E.hasAlertButton();
    var options = { allowEvent: false, errorMessage: E.alertText(verdict, !button) };
    if (supports("1.15")) {
      options.errorMessageMarkdown = E.alertMarkdown(verdict);
    }
    if (supports("1.14") && verdict.action === "warn") {
      options.sendModeOverride = Office.MailboxEnums.SendModeOverride.PromptUser;
    }
    if (button) {
      options.commandId = PANE_COMMAND;
      options.contextData = JSON.stringify({ check_id: verdict.check_id });
      options.cancelLabel = "Fix it";
      if (verdict.action === "warn") {
        options.cancelLabel = "Review";
      }
    }
    return options;
  };

  /** event.completed options when the check failed, by what failed and the fail mode. */
  E.failureCompletion = function (err, mode) {
    var kind = (err && err.kind) || "unreachable";
    var closed = mode === "closed";
    if (kind === "rejected") {
      var why = "Etiquette could not check this email: " + err.detail + ".";
      if (closed) {
        return { allowEvent: false, errorMessage: clip(why + " Your school asks for every email " +
          "to be checked: change it and press Send again. If this keeps happening, contact IT.",
        TEXT_LIMIT) };
      }
      if (supports("1.14")) {
        return {
          allowEvent: false,
          errorMessage: clip(why + " Choose Send Anyway to send it unchecked, or change it and " +
            "press Send again.", TEXT_LIMIT),
          sendModeOverride: Office.MailboxEnums.SendModeOverride.PromptUser
        };
      }
      return { allowEvent: true }; // before 1.14 a refusal could not be lifted: fail open
    }
    if (kind === "config") {
      if (closed) {
        return { allowEvent: false, errorMessage: "Etiquette is not set up correctly for your " +
          "account (error " + err.status + "), so it cannot check this email, and your school " +
          "asks for every email to be checked. Contact IT." };
      }
      return { allowEvent: true };
    }
    if (closed) {
      return { allowEvent: false, errorMessage: "Etiquette could not check this email, and your " +
        "school asks for every email to be checked. Try Send again in a moment; if this keeps " +
        "happening, contact IT." };
    }
    return { allowEvent: true };
  };

  // -- the checks the events run --------------------------------------------

  function slim(verdict) {
    return {
      action: verdict.action, check_id: verdict.check_id, fail_mode: verdict.fail_mode,
      findings: (verdict.findings || []).map(function (f) {
        return { code: f.code, severity: f.severity, title: f.title, message: f.message };
      })
    };
  }

  function fresh(entry, key, seconds) {
    return !!(entry && entry.key === key && (Date.now() - entry.at) / 1000 < seconds);
  }

  /**
   * Check the item now (the pane; pre-checks) with purpose review or background, and
   * keep the answer on the item: if the service cannot be reached at Send, a check of
   * exactly this content from the last two minutes stands in for the fail mode.
   * The verdict comes back with `skipped` (E.skipped) for the pane to mention.
   */
  E.checkItem = function (item, purpose) {
    return E.buildRequest(item).then(function (body) {
      return E.check(body, purpose || "background").then(function (verdict) {
        var kept = { key: E.checkKey(body), at: Date.now(), verdict: slim(verdict) };
        verdict.skipped = E.skipped(body);
        return sessionSet(item, CACHE_KEY, kept).then(function () { return verdict; });
      });
    });
  };

  /**
   * The user chose "Send anyway" in the task pane: remember it for exactly this
   * content, so the Send that follows is not stopped again for the same findings. The
   * Send handler records sent_anyway (with this check id and codes) when it lets that
   * version go; the pane records nothing itself.
   */
  E.allowThisVersion = function (item, checkId, codes) {
    return E.buildRequest(item).then(function (body) {
      return sessionSet(item, OVERRIDE_KEY, { key: E.checkKey(body), at: Date.now(),
        check_id: checkId || null, codes: (codes || []).slice(0, 20) });
    });
  };

  /** The contextData the Smart Alert handed the task pane (Mailbox 1.14), or {}. */
  E.initContext = function (item) {
    if (!item.getInitializationContextAsync || !supports("1.14")) {
      return Promise.resolve({});
    }
    return officeCall(item, "getInitializationContextAsync").then(function (v) {
      var data = parsed(v);
      if (data && typeof data === "object") {
        return data;
      }
      return {};
    }, function () { return {}; });
  };

  /**
   * Send: one read of the item's session data, one request with purpose send, nothing
   * written to the item before event.completed (code after it may never run).
   *
   * The whole check runs against one deadline (config deadlineMs, 4 s): reading the
   * draft, the token and the request share it, and a watchdog completes the event with
   * the school's fail mode when it passes, whatever is still pending. event.completed is
   * called exactly once.
   */
  var NOTE_GRACE_MS = 250;

  function onMessageSendHandler(event) {
    var cfg = E.config();
    // Kept back from the deadline: the fail-mode read and the note that follow it.
    var grace = Math.min(NOTE_GRACE_MS, Math.floor(cfg.deadlineMs / 10));
    var started = Date.now();
    var done = false;
    var mode = cfg.failMode;
    var modeRead = E.failMode().then(function (m) {
      mode = m;
      return m;
    }, function () { return mode; });
    var watchdog = null;

    function complete(options) {
      if (done) {
        return false;
      }
      done = true;
      clearTimeout(watchdog);
      event.completed(options);
      return true;
    }

    function fail(err) {
      if (done) {
        return Promise.resolve();
      }
      return atMost(modeRead, grace, mode).then(function () {
        if (done) {
          return null;
        }
        var options = E.failureCompletion(err, mode);
        var note = Promise.resolve();
        if (err && (err.kind === "config" || err.kind === "rejected")) {
          note = noteProblem(err);
        } else if (options.allowEvent) {
          note = noteFailedOpen();
        }
        // The note is best effort: a store that hangs must not hold the send.
        return atMost(note, grace, null).then(function () { complete(options); });
      });
    }

    watchdog = setTimeout(function () {
      fail(failure("unreachable", "the check did not finish in time", { status: 0,
        reason: "deadline" }));
    }, Math.max(0, cfg.deadlineMs - 2 * grace));

    var item = Office.context.mailbox.item;
    Promise.all([E.buildRequest(item), sessionAll(item)]).then(function (v) {
      var body = v[0];
      var saved = v[1];
      var key = E.checkKey(body);
      if (fresh(saved[OVERRIDE_KEY], key, CACHE_SECONDS * 5)) {
        return { action: "allow", findings: [], override: saved[OVERRIDE_KEY] };
      }
      var left = cfg.deadlineMs - 2 * grace - (Date.now() - started);
      return E.check(body, "send", left).then(null, function (err) {
        var pre = saved[CACHE_KEY];
        if (err.kind === "unreachable" && fresh(pre, key, CACHE_SECONDS) && pre.verdict) {
          return pre.verdict;
        }
        throw err;
      });
    }).then(function (verdict) {
      if (verdict.override) {
        // The user chose Send anyway in the pane and this Send is letting exactly that
        // version go: only now is it sent_anyway. Started before event.completed (code
        // after it may never run), waited for briefly.
        var o = verdict.override;
        var sentAnyway = E.recordOutcome(o.check_id || null, "sent_anyway", o.codes || []);
        return atMost(sentAnyway, grace, 0).then(function () {
          complete({ allowEvent: true });
        });
      }
      if (complete(E.completionFor(verdict))) {
        flushFailedOpen();
      }
      return null;
    }, function (err) {
      return fail(err);
    }).then(null, function () {
      // Our own bug, not the service's: still the school's fail mode, never a hang.
      complete(E.failureCompletion(failure("unreachable", "internal error", { status: 0 }), mode));
    });
  }

  /*
   * Recipients or attachments changed: check in the background, to warm the token and
   * leave a verdict for Send to fall back on. Changes come in bursts (a pasted list, a
   * contact group expanding), so they are debounced: each new event completes the one
   * it supersedes at once, and only the last, debounceMs after the burst, checks. The
   * check shares the single-flight token, so it never starts a second acquisition.
   */
  var pendingChange = null;

  function onItemChanged(event) {
    var cfg = E.config();
    if (pendingChange) {
      clearTimeout(pendingChange.timer);
      pendingChange.event.completed();
    }
    var mine = { event: event, timer: null };
    pendingChange = mine;
    mine.timer = setTimeout(function () {
      if (pendingChange === mine) {
        pendingChange = null;
      }
      var finished = false;
      var finish = function () {
        if (!finished) {
          finished = true;
          event.completed();
        }
      };
      // Bounded like Send, so a hung read or token never leaves the event open.
      atMost(E.checkItem(Office.context.mailbox.item, "background"), cfg.deadlineMs, null).then(
        finish, finish);
    }, cfg.debounceMs);
  }
  E.onMessageSendHandler = onMessageSendHandler;
  E.onMessageRecipientsChangedHandler = onItemChanged;
  E.onMessageAttachmentsChangedHandler = onItemChanged;

  // -- fixes the task pane applies ------------------------------------------

  function same(a, b) {
    return String(a || "").toLowerCase() === String(b || "").toLowerCase();
  }

  function asUsers(list) {
    return list.map(function (r) {
      return { displayName: r.displayName || r.emailAddress, emailAddress: r.emailAddress };
    });
  }

  function chunks(list, size) {
    var out = [];
    for (var i = 0; i < list.length; i += size) {
      out.push(list.slice(i, i + size));
    }
    return out;
  }

  function setField(item, field, list) {
    // setAsync takes at most 100 recipients: set the first 100, add the rest.
    var parts = chunks(asUsers(list), 100);
    var first = parts.shift() || [];
    return parts.reduce(function (p, part) {
      return p.then(function () { return officeCall(item[field], "addAsync", part); });
    }, officeCall(item[field], "setAsync", first));
  }

  function moveToBcc(item, addresses) {
    var moved = [];
    var fields = ["to", "cc"];
    return Promise.all([officeCall(item.to, "getAsync"), officeCall(item.cc, "getAsync"),
      officeCall(item.bcc, "getAsync")]).then(function (v) {
      var steps = [];
      fields.forEach(function (field, i) {
        var keep = [];
        v[i].forEach(function (r) {
          var hit = addresses.some(function (a) { return same(a, r.emailAddress); });
          if (hit) {
            moved.push(r);
          } else {
            keep.push(r);
          }
        });
        if (keep.length !== v[i].length) {
          steps.push(function () { return setField(item, field, keep); });
        }
      });
      var already = v[2];
      var add = moved.filter(function (r) {
        return !already.some(function (b) { return same(b.emailAddress, r.emailAddress); });
      });
      chunks(asUsers(add), 100).forEach(function (part) {
        steps.push(function () { return officeCall(item.bcc, "addAsync", part); });
      });
      return steps.reduce(function (p, step) { return p.then(step); }, Promise.resolve());
    });
  }

  function replaceRecipient(item, field, address, replacement) {
    return officeCall(item[field], "getAsync").then(function (list) {
      var out = [];
      var seen = false;
      list.forEach(function (r) {
        if (same(r.emailAddress, address)) {
          if (replacement && !seen) {
            out.push({ displayName: r.displayName || replacement, emailAddress: replacement });
          }
          seen = true;
        } else {
          out.push(r);
        }
      });
      return setField(item, field, out);
    });
  }

  /** Apply one fix the engine returned. Resolves when Outlook has the change. */
  E.applyFix = function (item, fix) {
    if (fix.kind === "move_to_bcc") {
      return moveToBcc(item, fix.addresses || []);
    }
    if (fix.kind === "replace_subject") {
      return officeCall(item.subject, "setAsync", String(fix.subject).slice(0, 255));
    }
    if (fix.kind === "schedule_send") {
      return officeCall(item.delayDeliveryTime, "setAsync", new Date(fix.send_at));
    }
    if (fix.kind === "replace_recipient") {
      return replaceRecipient(item, fix.field || "to", fix.address, fix.replacement);
    }
    if (fix.kind === "remove_recipient") {
      return replaceRecipient(item, fix.field || "to", fix.address, null);
    }
    return Promise.reject(new Error("unknown fix " + fix.kind));
  };

  root.Etiquette = E;

  if (typeof Office !== "undefined" && Office.actions && Office.actions.associate) {
    Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
    Office.actions.associate("onMessageRecipientsChangedHandler", onItemChanged);
    Office.actions.associate("onMessageAttachmentsChangedHandler", onItemChanged);
  }
}(this));

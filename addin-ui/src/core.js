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
  var FAIL_MODE_KEY = "etiquette.failMode";
  var OVERRIDE_KEY = "etiquette.sendAnyway";
  var PANE_COMMAND = "msgComposeOpenPaneButton";

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
      apiKey: base.apiKey || "",
      timeoutMs: base.timeoutMs || 3000,
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

  function recipients(list) {
    return (list || []).map(function (r) {
      var out = { email: r.emailAddress, name: r.displayName || "" };
      if (KINDS[r.recipientType]) {
        out.kind = KINDS[r.recipientType];
      }
      return out;
    });
  }

  function attachments(list) {
    return (list || []).map(function (a) {
      var contentType = "application/octet-stream";
      var size = a.size || 0;
      if (a.attachmentType === "item") {
        contentType = "message/rfc822";
      }
      if (a.attachmentType === "cloud") {
        size = 0; // a link to OneDrive/SharePoint: nothing large travels with the mail
      }
      return { name: a.name || "", size: size, inline: !!a.isInline, content_type: contentType };
    });
  }

  function optional(promise) {
    return promise.then(null, function () { return null; });
  }

  /** The /v1/check request body for the item being composed. */
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
      return {
        sender: sender,
        to: recipients(v[0]),
        cc: recipients(v[1]),
        bcc: recipients(v[2]),
        subject: v[3] || "",
        attachments: attachments(v[7]),
        compose_type: composeType,
        importance: "normal",
        send_at: E.isoInZone(sendAt, zone),
        host: "outlook"
      };
    });
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

  function sessionGet(item, key) {
    if (!item.sessionData || !item.sessionData.getAsync) {
      return Promise.resolve(null);
    }
    return officeCall(item.sessionData, "getAsync", key).then(function (v) {
      try {
        return JSON.parse(v);
      } catch (e) {
        return null;
      }
    }, function () { return null; });
  }

  function sessionSet(item, key, value) {
    if (!item.sessionData || !item.sessionData.setAsync) {
      return Promise.resolve();
    }
    return officeCall(item.sessionData, "setAsync", key, JSON.stringify(value)).then(
      null, function () { return null; });
  }

  E.storage = {
    get: function (key) {
      try {
        if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
          return OfficeRuntime.storage.getItem(key).then(null, function () { return null; });
        }
        if (root.localStorage) {
          return Promise.resolve(root.localStorage.getItem(key));
        }
      } catch (e) { /* storage blocked */ }
      return Promise.resolve(null);
    },
    set: function (key, value) {
      try {
        if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
          return OfficeRuntime.storage.setItem(key, value).then(null, function () { return null; });
        }
        if (root.localStorage) {
          root.localStorage.setItem(key, value);
        }
      } catch (e) { /* storage blocked */ }
      return Promise.resolve();
    }
  };

  // -- identity -------------------------------------------------------------

  var pcaPromise = null;

  function naaAvailable(cfg) {
    try {
      return !!(root.msal && root.msal.createNestablePublicClientApplication && cfg.clientId &&
        Office.context.requirements.isSetSupported("NestedAppAuth", "1.1"));
    } catch (e) {
      return false;
    }
  }

  /**
   * An Entra ID token for our API, silently: nested app authentication first,
   * the legacy Office SSO second. Event code cannot show UI, so no prompts.
   * Resolves null when no sign-in is configured or none is possible.
   */
  E.getToken = function () {
    var cfg = E.config();
    if (!cfg.clientId) {
      return Promise.resolve(null);
    }
    var scope = cfg.apiScope;
    var legacy = function () {
      if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.auth &&
          OfficeRuntime.auth.getAccessToken) {
        return OfficeRuntime.auth.getAccessToken({
          allowSignInPrompt: false, allowConsentPrompt: false
        }).then(null, function () { return null; });
      }
      return Promise.resolve(null);
    };
    if (!naaAvailable(cfg)) {
      return legacy();
    }
    if (!pcaPromise) {
      pcaPromise = root.msal.createNestablePublicClientApplication({
        auth: { clientId: cfg.clientId, authority: cfg.authority }
      });
    }
    return pcaPromise.then(function (pca) {
      return pca.acquireTokenSilent({ scopes: [scope] });
    }).then(function (res) {
      return res.accessToken;
    }, function () {
      pcaPromise = null;
      return legacy();
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

  /** Ask the service. Resolves the verdict; rejects on timeout, network or non-200. */
  E.check = function (body) {
    var cfg = E.config();
    return E.getToken().then(function (token) {
      return E.post("/v1/check", body, token, cfg.timeoutMs);
    }).then(function (res) {
      if (res.status !== 200 || !res.data || !res.data.action) {
        var err = new Error("check failed with HTTP " + res.status);
        err.name = "CheckFailed";
        throw err;
      }
      if (res.data.fail_mode) {
        E.storage.set(FAIL_MODE_KEY, res.data.fail_mode);
      }
      return res.data;
    });
  };

  /** Record the user's choice: codes and the outcome only, never content. */
  E.recordOutcome = function (checkId, outcome, codes) {
    var cfg = E.config();
    var body = { check_id: checkId || null, outcome: outcome, host: "outlook",
      codes: (codes || []).slice(0, 20) };
    return E.getToken().then(function (token) {
      return E.post("/v1/outcome", body, token, cfg.timeoutMs);
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

  /** Report sends that went unchecked while we were unreachable (counts only). */
  function flushFailedOpen() {
    return E.storage.get(FAILED_OPEN_KEY).then(function (n) {
      var count = Math.min(parseInt(n, 10) || 0, 20);
      if (!count) {
        return null;
      }
      return E.storage.set(FAILED_OPEN_KEY, "0").then(function () {
        var sends = [];
        for (var i = 0; i < count; i++) {
          sends.push(E.recordOutcome(null, "failed_open", []));
        }
        return Promise.all(sends);
      });
    });
  }

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

  /** Plain text for errorMessage, at most 500 characters. */
  E.alertText = function (verdict) {
    var findings = shown(verdict);
    var tail = " Choose Send Anyway, or Review to fix it.";
    if (verdict.action === "block") {
      tail = " Choose Fix it to open Etiquette.";
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

  /** Markdown for errorMessageMarkdown (Mailbox 1.15), at most 500 characters. */
  E.alertMarkdown = function (verdict) {
    var findings = shown(verdict);
    var tail = "\n\nChoose **Send Anyway**, or **Review** to fix it.";
    if (verdict.action === "block") {
      tail = "\n\nChoose **Fix it** to open Etiquette.";
    }
    var head = "**Before this email goes:**\n\n";
    var budget = TEXT_LIMIT - head.length - tail.length;
    var lines = findings.map(function (f) { return "- **" + mdEscape(f.title) + "**\r"; });
    var rich = findings.map(function (f) {
      return "- **" + mdEscape(f.title) + "**: " + mdEscape(f.message) + "\r";
    });
    var body = rich.join("");
    if (body.length > budget) {
      body = lines.join("");
    }
    if (body.length > budget) {
      body = clip(body, budget);
    }
    return head + body + tail;
  };

  /** The event.completed options for a verdict (what Outlook shows at Send). */
  E.completionFor = function (verdict) {
    if (verdict.action !== "warn" && verdict.action !== "block") {
      return { allowEvent: true };
    }
    var options = { allowEvent: false, errorMessage: E.alertText(verdict) };
    if (supports("1.15")) {
      options.errorMessageMarkdown = E.alertMarkdown(verdict);
    }
    if (supports("1.14")) {
      options.commandId = PANE_COMMAND;
      options.contextData = JSON.stringify({ check_id: verdict.check_id });
      options.cancelLabel = "Fix it";
      if (verdict.action === "warn") {
        options.cancelLabel = "Review";
        options.sendModeOverride = Office.MailboxEnums.SendModeOverride.PromptUser;
      }
    }
    return options;
  };

  // -- the checks the events run --------------------------------------------

  /** Check the item, using the pre-check cache when nothing checked has changed. */
  E.checkItem = function (item, options) {
    return E.buildRequest(item).then(function (body) {
      return E.checkBody(item, body, options);
    });
  };

  /**
   * The user chose "Send anyway" in the task pane: remember it for exactly this
   * content, so the Send that follows is not stopped again for the same findings.
   */
  E.allowThisVersion = function (item) {
    return E.buildRequest(item).then(function (body) {
      return sessionSet(item, OVERRIDE_KEY, { key: E.checkKey(body), at: Date.now() });
    });
  };

  function overridden(item, key) {
    return sessionGet(item, OVERRIDE_KEY).then(function (o) {
      return !!(o && o.key === key && (Date.now() - o.at) / 1000 < CACHE_SECONDS * 5);
    });
  }

  E.checkBody = function (item, body, options) {
    var useCache = !options || options.useCache !== false;
    var key = E.checkKey(body);
    return Promise.resolve().then(function () {
      return sessionGet(item, CACHE_KEY).then(function (cached) {
        var fresh = cached && cached.key === key &&
          (Date.now() - cached.at) / 1000 < CACHE_SECONDS;
        if (useCache && fresh) {
          return cached.verdict;
        }
        return E.check(body).then(function (verdict) {
          var slim = {
            action: verdict.action, check_id: verdict.check_id, fail_mode: verdict.fail_mode,
            findings: (verdict.findings || []).map(function (f) {
              return { code: f.code, severity: f.severity, title: f.title, message: f.message };
            })
          };
          return sessionSet(item, CACHE_KEY, { key: key, at: Date.now(), verdict: slim })
            .then(function () { return verdict; });
        });
      });
    });
  };

  function onMessageSendHandler(event) {
    var item = Office.context.mailbox.item;
    E.buildRequest(item).then(function (body) {
      return overridden(item, E.checkKey(body)).then(function (yes) {
        if (yes) {
          return { action: "allow", findings: [] };
        }
        return E.checkBody(item, body);
      });
    }).then(function (verdict) {
      event.completed(E.completionFor(verdict));
      flushFailedOpen();
    }, function () {
      return E.failMode().then(function (mode) {
        if (mode === "closed") {
          event.completed({
            allowEvent: false,
            errorMessage: "Etiquette could not check this email, and your school asks for every " +
              "email to be checked. Try Send again in a moment; if this keeps happening, " +
              "contact IT."
          });
          return null;
        }
        return noteFailedOpen().then(function () {
          event.completed({ allowEvent: true });
        });
      });
    }).then(null, function () {
      event.completed({ allowEvent: true });
    });
  }

  /** Recipients or attachments changed: check now so Send finds the answer cached. */
  function onItemChanged(event) {
    E.checkItem(Office.context.mailbox.item, { useCache: false }).then(
      function () { event.completed(); },
      function () { event.completed(); });
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

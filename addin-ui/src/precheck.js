/*
 * The pre-check cache on the item (its sessionData): the pane's and the background
 * checks keep their verdict, and the pane's "Send anyway", for exactly the content
 * checked, for the Send that follows.
 *
 * Gives E.hash, E.checkKey, E.checkItem, E.allowThisVersion; shared.sessionAll,
 * shared.savedOverride, shared.savedVerdict. Needs shared.officeCall, shared.parsed.
 */

var officeCall = shared.officeCall;
var parsed = shared.parsed;

var CACHE_KEY = "etiquette.precheck";
var CACHE_SECONDS = 120;
var OVERRIDE_KEY = "etiquette.sendAnyway";

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

function slim(verdict) {
  return {
    action: verdict.action, check_id: verdict.check_id, fail_mode: verdict.fail_mode,
    reason_required: !!verdict.reason_required,
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
 * version go; the pane records nothing itself. `reason`: the code the user chose where
 * the school asks for one (E.REASONS), sent with sent_anyway.
 */
E.allowThisVersion = function (item, checkId, codes, reason) {
  return E.buildRequest(item).then(function (body) {
    var entry = { key: E.checkKey(body), at: Date.now(), check_id: checkId || null,
      codes: (codes || []).slice(0, 20) };
    if (reason) {
      entry.reason = reason;
    }
    return sessionSet(item, OVERRIDE_KEY, entry);
  });
};

/** The pane's "Send anyway" for exactly this content, if recent, or null. */
function savedOverride(saved, key) {
  var entry = saved[OVERRIDE_KEY];
  if (fresh(entry, key, CACHE_SECONDS * 5)) {
    return entry;
  }
  return null;
}

/** A recent verdict for exactly this content (stands in when unreachable), or null. */
function savedVerdict(saved, key) {
  var pre = saved[CACHE_KEY];
  if (fresh(pre, key, CACHE_SECONDS) && pre.verdict) {
    return pre.verdict;
  }
  return null;
}

shared.sessionAll = sessionAll;
shared.savedOverride = savedOverride;
shared.savedVerdict = savedVerdict;

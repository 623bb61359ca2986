/*
 * Outcome reporting: the user's choice after a check, and the count of sends that went
 * unchecked while the service was unreachable (failed_open).
 *
 * Gives E.recordOutcome, E.flushFailedOpen; shared.noteFailedOpen, shared.flushFailedOpen.
 * Needs nothing.
 */

var FAILED_OPEN_KEY = "etiquette.failedOpen";

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

function noteFailedOpen() {
  return E.storage.get(FAILED_OPEN_KEY).then(function (n) {
    return E.storage.set(FAILED_OPEN_KEY, String((parseInt(n, 10) || 0) + 1));
  });
}

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

shared.noteFailedOpen = noteFailedOpen;
shared.flushFailedOpen = flushFailedOpen;

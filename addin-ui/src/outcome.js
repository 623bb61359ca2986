/*
 * Outcome reporting: the user's choice after a check, and the count of sends that went
 * unchecked while the service was unreachable (failed_open).
 *
 * Gives E.REASONS, E.recordOutcome, E.flushFailedOpen; shared.noteFailedOpen, shared.flushFailedOpen.
 * Needs nothing.
 */

var FAILED_OPEN_KEY = "etiquette.failedOpen";

/**
 * The reasons a sender may give for sending anyway where the school asks for one: the
 * service's fixed list (app.domain.OverrideReason), codes and the words shown for them.
 */
E.REASONS = [
  ["parent_consented", "The parent or carer has agreed to this"],
  ["recipients_are_staff", "All recipients are school staff"],
  ["urgent_safeguarding", "Urgent safeguarding matter"],
  ["already_agreed_with_dpo", "Already agreed with the DPO or head"],
  ["not_applicable", "The warning does not apply to this email"],
  ["other", "Another reason"]
];

/**
 * Record the user's choice: codes and the outcome only, never content. `count` (> 1
 * only for failed_open, which has no check) reports that many in one request. `reason`
 * (sent_anyway only): a code from E.REASONS, never text the user typed.
 */
E.recordOutcome = function (checkId, outcome, codes, count, reason) {
  var cfg = E.config();
  var body = { check_id: checkId || null, outcome: outcome, host: "outlook",
    codes: (codes || []).slice(0, 20) };
  if (count && count > 1) {
    body.count = count;
  }
  if (reason) {
    body.reason = reason;
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

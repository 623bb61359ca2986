/*
 * The Smart Alerts events: OnMessageSend (one check against one deadline, the fail mode
 * when it cannot be made) and the debounced background check when recipients or
 * attachments change. Registered with Office.actions.associate; load this one last.
 *
 * Gives E.onMessageSendHandler, E.onMessageRecipientsChangedHandler,
 * E.onMessageAttachmentsChangedHandler. Needs shared.failure, shared.atMost,
 * shared.sessionAll, shared.savedOverride, shared.savedVerdict, shared.noteProblem,
 * shared.noteFailedOpen, shared.flushFailedOpen.
 */
/* global Office */

var failure = shared.failure;
var atMost = shared.atMost;
var sessionAll = shared.sessionAll;
var savedOverride = shared.savedOverride;
var savedVerdict = shared.savedVerdict;
var noteProblem = shared.noteProblem;
var noteFailedOpen = shared.noteFailedOpen;
var flushFailedOpen = shared.flushFailedOpen;

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
    var override = savedOverride(saved, key);
    if (override) {
      return { action: "allow", findings: [], override: override };
    }
    var left = cfg.deadlineMs - 2 * grace - (Date.now() - started);
    return E.check(body, "send", left).then(null, function (err) {
      // Unreachable, but this exact content was checked in the last two minutes.
      var kept = savedVerdict(saved, key);
      if (err.kind === "unreachable" && kept) {
        return kept;
      }
      throw err;
    });
  }).then(function (verdict) {
    if (verdict.override) {
      // The user chose Send anyway in the pane and this Send is letting exactly that
      // version go: only now is it sent_anyway. Started before event.completed (code
      // after it may never run), waited for briefly.
      var o = verdict.override;
      var sentAnyway = E.recordOutcome(o.check_id || null, "sent_anyway", o.codes || [], 1,
        o.reason || null);
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

if (typeof Office !== "undefined" && Office.actions && Office.actions.associate) {
  Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
  Office.actions.associate("onMessageRecipientsChangedHandler", onItemChanged);
  Office.actions.associate("onMessageAttachmentsChangedHandler", onItemChanged);
}

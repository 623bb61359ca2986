/*
 * The fail mode: what to do when a check cannot be made (the school's last word, kept
 * from the last answer, else the setting), and the note a refused check leaves.
 *
 * Gives E.failMode, E.lastProblem; shared.rememberFailMode, shared.noteProblem.
 * Needs shared.parsed.
 */

var parsed = shared.parsed;

var PROBLEM_KEY = "etiquette.problem";
var FAIL_MODE_KEY = "etiquette.failMode";

/** What to do when the service cannot be reached: the school's last word, else ours. */
E.failMode = function () {
  return E.storage.get(FAIL_MODE_KEY).then(function (mode) {
    if (mode === "open" || mode === "closed") {
      return mode;
    }
    return E.config().failMode;
  });
};

/** Keep the school's fail mode from an answer, for when the service cannot answer. */
function rememberFailMode(mode) {
  E.storage.set(FAIL_MODE_KEY, mode);
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

shared.rememberFailMode = rememberFailMode;
shared.noteProblem = noteProblem;

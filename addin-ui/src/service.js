/*
 * Asking the service for a verdict: /v1/check within a budget, and what a failure means.
 *
 * Gives E.classify, E.check. Needs shared.failure, shared.tokenRefused,
 * shared.rememberFailMode.
 */

var failure = shared.failure;
var tokenRefused = shared.tokenRefused;
var rememberFailMode = shared.rememberFailMode;

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
    if (res.status === 401) {
      tokenRefused(); // the next caller fetches a fresh one (after the backoff)
    }
    if (res.status !== 200 || !res.data || !res.data.action) {
      throw E.classify(res.status, res.data);
    }
    if (res.data.fail_mode) {
      rememberFailMode(res.data.fail_mode);
    }
    return res.data;
  }, function (err) {
    if (err && err.kind) {
      throw err;
    }
    throw failure("unreachable", (err && err.message) || "network error", { status: 0 });
  });
};

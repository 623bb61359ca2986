/*
 * Deadlines: the one error shape a failed check takes, and time limits on promises.
 *
 * Gives E.failure, E.within; shared.failure, shared.within, shared.atMost. Needs nothing.
 */

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

shared.failure = failure;
shared.within = within;
shared.atMost = atMost;

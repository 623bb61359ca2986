/*
 * Office.js as promises: its callback calls, its requirement sets, the platform, and
 * the JSON text it (and storage) hands back.
 *
 * Gives E.officeCall, E.supports, E.platform; shared.officeCall, shared.supports,
 * shared.platform, shared.parsed. Needs nothing.
 */
/* global Office */

var SUCCEEDED = "succeeded";

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

function platform() {
  try {
    return String((Office.context.diagnostics && Office.context.diagnostics.platform) || "");
  } catch (e) {
    return "";
  }
}
E.platform = platform;

/** JSON text as a value, or null when it is not JSON. */
function parsed(v) {
  try {
    return JSON.parse(v);
  } catch (e) {
    return null;
  }
}

shared.officeCall = officeCall;
shared.supports = supports;
shared.platform = platform;
shared.parsed = parsed;

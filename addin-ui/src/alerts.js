/*
 * Smart Alerts: the event.completed options Outlook shows at Send, for a verdict or a
 * failure, and the contextData the alert hands the task pane.
 *
 * Gives E.hasAlertButton, E.completionFor, E.failureCompletion, E.initContext.
 * Needs shared.officeCall, shared.supports, shared.platform, shared.parsed, shared.clip,
 * shared.TEXT_LIMIT.
 */
/* global Office */

var officeCall = shared.officeCall;
var supports = shared.supports;
var platform = shared.platform;
var parsed = shared.parsed;
var clip = shared.clip;
var TEXT_LIMIT = shared.TEXT_LIMIT;

var PANE_COMMAND = "msgComposeOpenPaneButton";

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
  // A reason to send anyway is chosen in the pane (the dialog cannot ask for one), so
  // the dialog offers no Send Anyway then: its text sends the user to the pane.
  if (supports("1.14") && verdict.action === "warn" && !verdict.reason_required) {
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

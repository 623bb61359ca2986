/*
 * Reading the draft: the /v1/check request body from Office.js, within the limits the
 * service accepts.
 *
 * Gives E.plausibleAddress, E.buildRequest, E.skipped. Needs shared.officeCall.
 */
/* global Office */

var officeCall = shared.officeCall;

// What /v1/check accepts (app/api/schemas.py); the handler keeps within it rather than
// have a whole check refused for one unusual field.
var MAX_PER_FIELD = 500;
var MAX_RECIPIENTS = 1000;
var MAX_ATTACHMENTS = 250;
var NAME_LIMIT = 256;
var SPECIAL_USE = { arpa: 1, invalid: 1, local: 1, localhost: 1, onion: 1, test: 1 };

var KINDS = {
  user: "user", externalUser: "external", distributionList: "distribution_list", other: "unknown"
};
var COMPOSE = { newMail: "new", reply: "reply", forward: "forward" };

/**
 * Could the service accept this as an address? The same rules as its validator
 * (email-validator) in outline: one local part, a dotted domain, no spaces, not a
 * special-use name. Outlook reports what the user typed for an unresolved entry
 * ("Jo Smith", "typo@school"); Outlook itself will not send to those.
 */
E.plausibleAddress = function (text) {
  var s = String(text || "");
  var at = s.lastIndexOf("@");
  if (at < 1 || s.length > 320 || /\s/.test(s)) {
    return false;
  }
  var labels = s.slice(at + 1).toLowerCase().split(".");
  if (labels.length < 2 || SPECIAL_USE[labels[labels.length - 1]]) {
    return false;
  }
  return labels.every(function (l) { return l.length > 0 && l.length < 64 && !/^-|-$/.test(l); });
};

/** Recipients as /v1/check takes them; `skipped` counts what was left out. */
function recipients(list, room, skipped) {
  var out = [];
  (list || []).forEach(function (r) {
    if (!E.plausibleAddress(r.emailAddress)) {
      skipped.unresolved++;
      return;
    }
    if (out.length >= Math.min(MAX_PER_FIELD, room)) {
      skipped.overLimit++;
      return;
    }
    var one = { email: r.emailAddress, name: String(r.displayName || "").slice(0, NAME_LIMIT) };
    if (KINDS[r.recipientType]) {
      one.kind = KINDS[r.recipientType];
    }
    out.push(one);
  });
  return out;
}

function attachments(list) {
  return (list || []).slice(0, MAX_ATTACHMENTS).map(function (a) {
    var contentType = "application/octet-stream";
    var size = a.size || 0;
    if (a.attachmentType === "item") {
      contentType = "message/rfc822";
    }
    if (a.attachmentType === "cloud") {
      size = 0; // a link to OneDrive/SharePoint: nothing large travels with the mail
    }
    return {
      name: String(a.name || "").slice(0, 255), size: size, inline: !!a.isInline,
      content_type: contentType
    };
  });
}

function optional(promise) {
  return promise.then(null, function () { return null; });
}

/**
 * The /v1/check request body for the item being composed (no purpose: the caller
 * adds it). Entries that are not addresses are left out, and each field is cut at
 * the service's limit (500; 1,000 in all): E.skipped(body) says how many.
 */
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
    var skipped = { unresolved: 0, overLimit: 0 };
    var to = recipients(v[0], MAX_RECIPIENTS, skipped);
    var cc = recipients(v[1], MAX_RECIPIENTS - to.length, skipped);
    var bcc = recipients(v[2], MAX_RECIPIENTS - to.length - cc.length, skipped);
    var body = {
      sender: sender,
      to: to,
      cc: cc,
      bcc: bcc,
      subject: String(v[3] || "").slice(0, 998),
      attachments: attachments(v[7]),
      compose_type: composeType,
      importance: "normal",
      send_at: E.isoInZone(sendAt, zone),
      host: "outlook"
    };
    skippedBy.set(body, skipped);
    return body;
  });
};

// Kept beside the body, not in it: the request carries only what the API defines.
var skippedBy = new WeakMap();

/** What buildRequest left out of a body: { unresolved, overLimit }. */
E.skipped = function (body) {
  return skippedBy.get(body) || { unresolved: 0, overLimit: 0 };
};

/*
 * The words a person sees: the Smart Alert's text and Markdown for a verdict, and why
 * the service refused a check. Built from titles, messages and field names, never from
 * the draft's content.
 *
 * Gives E.problemText, E.alertText, E.alertMarkdown; shared.clip, shared.TEXT_LIMIT.
 * Needs shared.supports.
 */

var supports = shared.supports;

var TEXT_LIMIT = 500;

function clip(text, limit) {
  if (text.length <= limit) {
    return text;
  }
  return text.slice(0, Math.max(0, limit - 1)).replace(/\s+\S*$/, "") + "\u2026";
}

function mdEscape(text) {
  return String(text).replace(/([\\*_[\]()#`>])/g, "\\$1");
}

function shown(verdict) {
  return (verdict.findings || []).filter(function (f) { return f.severity !== "advise"; });
}

var FIELD_NAMES = {
  sender: "the sender", to: "To", cc: "Cc", bcc: "Bcc", subject: "the subject",
  attachments: "the attachments"
};

/**
 * Why the service refused a request (400/413/422), in words safe to show the user:
 * built from the field the error names, never from the value it quotes.
 */
E.problemText = function (status, data) {
  if (status === 413) {
    return "the email is too large to check";
  }
  var detail = data && data.detail;
  if (typeof detail === "string" && detail) {
    return clip(detail.replace(/^[a-z_.]+: /, ""), 150); // the service's own sentence
  }
  var first = (Array.isArray(detail) && detail[0]) || {};
  var loc = (first.loc || []).filter(function (p) { return p !== "body"; });
  var field = FIELD_NAMES[loc[0]];
  if (!field) {
    return "the service could not read it (" + status + ")";
  }
  if (first.type === "too_long") {
    return "there are too many entries in " + field;
  }
  if (loc.length > 1 && (loc[0] === "to" || loc[0] === "cc" || loc[0] === "bcc")) {
    return "an address in " + field + " is not one it can read";
  }
  return "it could not read " + field;
};

/**
 * Plain text for errorMessage, at most 500 characters. `noButton`: a client before
 * Mailbox 1.14, whose dialog has neither our button nor Send Anyway for a warning, so
 * the text points to the ribbon, where the pane can fix it or let it go.
 */
E.alertText = function (verdict, noButton) {
  var findings = shown(verdict);
  var tail = " Choose Send Anyway, or Review to fix it.";
  if (verdict.action === "block") {
    tail = " Choose Fix it to open Etiquette.";
  }
  var reason = verdict.action === "warn" && !!verdict.reason_required;
  if (reason) {
    tail = " To send it anyway your school asks for a reason: choose Review, pick one, then Send.";
    if (noButton) {
      tail = " To send it anyway your school asks for a reason: choose Check email on the " +
        "ribbon, pick one, then Send.";
    }
  } else if (noButton && verdict.action === "warn" && supports("1.14")) {
    tail = " Choose Send Anyway, or choose Check email on the ribbon to fix it.";
  } else if (noButton) {
    tail = " To fix it or send it anyway, choose Check email on the ribbon.";
    if (verdict.action === "block") {
      tail = " To fix it, choose Check email on the ribbon.";
    }
  }
  var head = "Etiquette: before this email goes:";
  var budget = TEXT_LIMIT - head.length - tail.length;
  var parts = findings.map(function (f) { return f.title + "."; });
  var text = " " + parts.join(" ");
  // Add each explanation while it fits; titles alone are the floor.
  var full = findings.map(function (f) { return f.title + ": " + f.message; });
  var candidate = " " + full.join(" ");
  if (candidate.length <= budget) {
    text = candidate;
  } else if (findings.length === 1) {
    text = " " + clip(full[0], budget - 1);
  }
  return clip(head + text, TEXT_LIMIT - tail.length) + tail;
};

/**
 * Markdown for errorMessageMarkdown (Mailbox 1.15), at most 500 characters. It is cut
 * only between whole lines (then "and N more"), or, when even one line is too long,
 * inside its plain text before escaping: never through a `**` or a `\` escape.
 */
E.alertMarkdown = function (verdict) {
  var findings = shown(verdict);
  var tail = "\n\nChoose **Send Anyway**, or **Review** to fix it.";
  if (verdict.action === "block") {
    tail = "\n\nChoose **Fix it** to open Etiquette.";
  } else if (verdict.reason_required) {
    tail = "\n\nTo send it anyway your school asks for a reason: choose **Review**, pick one, " +
      "then Send.";
  }
  var head = "**Before this email goes:**\n\n";
  var budget = TEXT_LIMIT - head.length - tail.length;
  var rich = findings.map(function (f) {
    return "- **" + mdEscape(f.title) + "**: " + mdEscape(f.message) + "\r";
  });
  var body = rich.join("");
  if (body.length <= budget) {
    return head + body + tail;
  }
  var lines = findings.map(function (f) { return "- **" + mdEscape(f.title) + "**\r"; });
  var kept = [];
  var used = 0;
  for (var i = 0; i < lines.length; i++) {
    var more = "";
    if (i < lines.length - 1) {
      more = "- and " + (lines.length - i - 1) + " more\r";
    }
    if (used + lines[i].length + more.length > budget) {
      break;
    }
    kept.push(lines[i]);
    used += lines[i].length;
  }
  if (!kept.length) {
    // One title longer than the whole budget: cut its text, then escape and bold it.
    var room = budget - "- ****\r".length;
    var title = String((findings[0] && findings[0].title) || "");
    while (title.length && mdEscape(clip(title, room)).length > room) {
      room -= 1;
    }
    return head + "- **" + mdEscape(clip(title, room)) + "**\r" + tail;
  }
  if (kept.length < lines.length) {
    kept.push("- and " + (lines.length - kept.length) + " more\r");
  }
  return head + kept.join("") + tail;
};

shared.clip = clip;
shared.TEXT_LIMIT = TEXT_LIMIT;

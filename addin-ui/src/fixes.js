/*
 * The fixes the task pane applies to the draft (move to Bcc, replace the subject,
 * schedule the send, replace or remove a recipient).
 *
 * Gives E.applyFix. Needs shared.officeCall.
 */

var officeCall = shared.officeCall;

function same(a, b) {
  return String(a || "").toLowerCase() === String(b || "").toLowerCase();
}

function asUsers(list) {
  return list.map(function (r) {
    return { displayName: r.displayName || r.emailAddress, emailAddress: r.emailAddress };
  });
}

function chunks(list, size) {
  var out = [];
  for (var i = 0; i < list.length; i += size) {
    out.push(list.slice(i, i + size));
  }
  return out;
}

function setField(item, field, list) {
  // setAsync takes at most 100 recipients: set the first 100, add the rest.
  var parts = chunks(asUsers(list), 100);
  var first = parts.shift() || [];
  return parts.reduce(function (p, part) {
    return p.then(function () { return officeCall(item[field], "addAsync", part); });
  }, officeCall(item[field], "setAsync", first));
}

function moveToBcc(item, addresses) {
  var moved = [];
  var fields = ["to", "cc"];
  return Promise.all([officeCall(item.to, "getAsync"), officeCall(item.cc, "getAsync"),
    officeCall(item.bcc, "getAsync")]).then(function (v) {
    var steps = [];
    fields.forEach(function (field, i) {
      var keep = [];
      v[i].forEach(function (r) {
        var hit = addresses.some(function (a) { return same(a, r.emailAddress); });
        if (hit) {
          moved.push(r);
        } else {
          keep.push(r);
        }
      });
      if (keep.length !== v[i].length) {
        steps.push(function () { return setField(item, field, keep); });
      }
    });
    var already = v[2];
    var add = moved.filter(function (r) {
      return !already.some(function (b) { return same(b.emailAddress, r.emailAddress); });
    });
    chunks(asUsers(add), 100).forEach(function (part) {
      steps.push(function () { return officeCall(item.bcc, "addAsync", part); });
    });
    return steps.reduce(function (p, step) { return p.then(step); }, Promise.resolve());
  });
}

function replaceRecipient(item, field, address, replacement) {
  return officeCall(item[field], "getAsync").then(function (list) {
    var out = [];
    var seen = false;
    list.forEach(function (r) {
      if (same(r.emailAddress, address)) {
        if (replacement && !seen) {
          out.push({ displayName: r.displayName || replacement, emailAddress: replacement });
        }
        seen = true;
      } else {
        out.push(r);
      }
    });
    return setField(item, field, out);
  });
}

/** Apply one fix the engine returned. Resolves when Outlook has the change. */
E.applyFix = function (item, fix) {
  if (fix.kind === "move_to_bcc") {
    return moveToBcc(item, fix.addresses || []);
  }
  if (fix.kind === "replace_subject") {
    return officeCall(item.subject, "setAsync", String(fix.subject).slice(0, 255));
  }
  if (fix.kind === "schedule_send") {
    return officeCall(item.delayDeliveryTime, "setAsync", new Date(fix.send_at));
  }
  if (fix.kind === "replace_recipient") {
    return replaceRecipient(item, fix.field || "to", fix.address, fix.replacement);
  }
  if (fix.kind === "remove_recipient") {
    return replaceRecipient(item, fix.field || "to", fix.address, null);
  }
  return Promise.reject(new Error("unknown fix " + fix.kind));
};

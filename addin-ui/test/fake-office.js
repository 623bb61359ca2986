/*
 * A fake of the Office.js surface the add-in uses (Outlook compose, Mailbox
 * requirement sets up to a chosen version). It is the outside world for the
 * tests: it holds a draft, answers the async calls the way Outlook does
 * ({status, value} / {status, error}) and records every call that changes the
 * draft. Loaded by Node tests (vm) and injected into the browser test page.
 *
 *   const office = EtiquetteFakeOffice.install(globalThis, { item: {...}, mailbox: "1.15" });
 *   office.calls   // [{ api: "bcc.addAsync", args: [[{displayName, emailAddress}]] }, ...]
 *   office.sessionCalls  // ["getAllAsync", "setAsync etiquette.precheck", ...]
 *   office.item    // the draft as it now stands
 *
 * Shapes follow Office.js (and Microsoft's office-addin-mock): Office.context.diagnostics
 * { hostName, platform, version } with Office.PlatformType's values ("PC" for Windows,
 * "OfficeOnline", "Mac", "iOS", "Android"), OfficeRuntime.auth.getAccessToken and
 * OfficeRuntime.storage returning promises. Options that choose the world:
 *   platform  "PC" (default: classic Windows' event runtime) | "OfficeOnline" | "Mac" | ...
 *             OfficeRuntime.storage keeps values only on "PC", as Outlook supports it only
 *             there; elsewhere it exists but loses them (office.lostWrites counts them), and
 *             a window-like target gets a localStorage (office.local) unless localStorage:false.
 *   token     a JWT string the legacy SSO returns; tokenMode "hang" never settles, "fail"
 *             rejects (13001); office.tokenCalls counts getAccessToken calls.
 */
(function (root) {
  "use strict";

  function ok(value) {
    return { status: "succeeded", value: value };
  }

  function fail(name, message) {
    return { status: "failed", error: { name: name, message: message, code: 9000 } };
  }

  function versionAtLeast(have, want) {
    var a = String(have).split(".").map(Number);
    var b = String(want).split(".").map(Number);
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      var x = a[i] || 0;
      var y = b[i] || 0;
      if (x !== y) return x > y;
    }
    return true;
  }

  function install(target, options) {
    var opts = options || {};
    var draft = opts.item || {};
    var calls = [];
    var sessionCalls = []; // reads and writes of sessionData, in order: "getAllAsync", "setAsync <key>"
    var handlers = {};
    var session = {};
    var storage = {};
    var mailboxVersion = opts.mailbox || "1.15";
    var later = function (fn) { setTimeout(fn, 0); };

    function lastArg(args) {
      return args[args.length - 1];
    }

    function recipients(field) {
      draft[field] = (draft[field] || []).map(function (r) {
        return Object.assign({ displayName: "", recipientType: "other" }, r);
      });
      return {
        getAsync: function () {
          var cb = lastArg(arguments);
          var copy = draft[field].map(function (r) { return Object.assign({}, r); });
          later(function () { cb(ok(copy)); });
        },
        setAsync: function (list) {
          var cb = lastArg(arguments);
          calls.push({ api: field + ".setAsync", args: [JSON.parse(JSON.stringify(list))] });
          if (list.length > 100) return later(function () { cb(fail("NumberOfRecipientsExceeded", "")); });
          draft[field] = list.map(normalise);
          later(function () { cb(ok(undefined)); });
        },
        addAsync: function (list) {
          var cb = lastArg(arguments);
          calls.push({ api: field + ".addAsync", args: [JSON.parse(JSON.stringify(list))] });
          if (list.length > 100) return later(function () { cb(fail("NumberOfRecipientsExceeded", "")); });
          draft[field] = draft[field].concat(list.map(normalise));
          later(function () { cb(ok(undefined)); });
        }
      };
    }

    function normalise(r) {
      if (typeof r === "string") return { emailAddress: r, displayName: r, recipientType: "other" };
      return { emailAddress: r.emailAddress, displayName: r.displayName || "", recipientType: r.recipientType || "other" };
    }

    var item = {
      itemType: "message",
      to: recipients("to"),
      cc: recipients("cc"),
      bcc: recipients("bcc"),
      subject: {
        getAsync: function () {
          var cb = lastArg(arguments);
          later(function () { cb(ok(draft.subject || "")); });
        },
        setAsync: function (text) {
          var cb = lastArg(arguments);
          calls.push({ api: "subject.setAsync", args: [text] });
          if (text.length > 255) return later(function () { cb(fail("DataExceedsMaximumSize", "")); });
          draft.subject = text;
          later(function () { cb(ok(undefined)); });
        }
      },
      from: {
        getAsync: function () {
          var cb = lastArg(arguments);
          var from = draft.from || { emailAddress: opts.userProfile && opts.userProfile.emailAddress, displayName: opts.userProfile && opts.userProfile.displayName };
          later(function () { cb(ok(from)); });
        }
      },
      getComposeTypeAsync: function () {
        var cb = lastArg(arguments);
        later(function () { cb(ok({ composeType: draft.composeType || "newMail", coercionType: "html" })); });
      },
      getAttachmentsAsync: function () {
        var cb = lastArg(arguments);
        var list = (draft.attachments || []).map(function (a, i) {
          var copy = Object.assign({ id: a.id || "att-" + i, attachmentType: "file", isInline: false }, a);
          delete copy.content; // as Outlook: details only, content by getAttachmentContentAsync
          return copy;
        });
        later(function () { cb(ok(list)); });
      },
      // Mailbox 1.8: { format: "base64", content } for a file attachment.
      getAttachmentContentAsync: function (id) {
        var cb = lastArg(arguments);
        calls.push({ api: "getAttachmentContentAsync", args: [id] });
        var hit = (draft.attachments || []).filter(function (a, i) { return (a.id || "att-" + i) === id; })[0];
        later(function () {
          if (!hit) return cb(fail("AttachmentNotFound", ""));
          cb(ok({ format: "base64", content: hit.content || "" }));
        });
      },
      removeAttachmentAsync: function (id) {
        var cb = lastArg(arguments);
        calls.push({ api: "removeAttachmentAsync", args: [id] });
        var before = (draft.attachments || []).length;
        draft.attachments = (draft.attachments || []).filter(function (a, i) { return (a.id || "att-" + i) !== id; });
        later(function () {
          if (draft.attachments.length === before) return cb(fail("InvalidAttachmentId", ""));
          cb(ok(undefined));
        });
      },
      body: {
        getTypeAsync: function () {
          var cb = lastArg(arguments);
          later(function () { cb(ok(draft.bodyType || "html")); });
        },
        setSelectedDataAsync: function (data, options) {
          var cb = lastArg(arguments);
          calls.push({ api: "body.setSelectedDataAsync", args: [data, options && options.coercionType] });
          draft.body = (draft.body || "") + data;
          later(function () { cb(ok(undefined)); });
        }
      },
      delayDeliveryTime: {
        getAsync: function () {
          var cb = lastArg(arguments);
          later(function () { cb(ok(draft.delayDeliveryTime || 0)); });
        },
        setAsync: function (date) {
          var cb = lastArg(arguments);
          calls.push({ api: "delayDeliveryTime.setAsync", args: [date instanceof Date ? date.toISOString() : date] });
          draft.delayDeliveryTime = date;
          later(function () { cb(ok(undefined)); });
        }
      },
      sessionData: {
        getAsync: function (name, cb) {
          sessionCalls.push("getAsync " + name);
          later(function () {
            if (Object.prototype.hasOwnProperty.call(session, name)) cb(ok(session[name]));
            else cb(fail("InvalidKey", "no such key"));
          });
        },
        getAllAsync: function (cb) {
          sessionCalls.push("getAllAsync");
          var copy = Object.assign({}, session);
          later(function () { cb(ok(copy)); });
        },
        setAsync: function (name, value, cb) {
          sessionCalls.push("setAsync " + name);
          session[name] = value;
          later(function () { cb(ok(undefined)); });
        },
        removeAsync: function (name, cb) {
          delete session[name];
          later(function () { cb(ok(undefined)); });
        }
      },
      getInitializationContextAsync: function () {
        var cb = lastArg(arguments);
        later(function () { cb(ok(opts.initializationContext || null)); });
      }
    };
    if (opts.sendAsync !== false) {
      item.sendAsync = function () {
        var cb = lastArg(arguments);
        calls.push({ api: "sendAsync", args: [] });
        later(function () { cb(ok(undefined)); });
      };
    }
    var ready = [];
    var Office = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      MailboxEnums: {
        SendModeOverride: { PromptUser: "promptUser" },
        RecipientType: { User: "user", ExternalUser: "externalUser", DistributionList: "distributionList", Other: "other" }
      },
      HostType: { Outlook: "Outlook" },
      actions: {
        associate: function (name, fn) { handlers[name] = fn; }
      },
      context: {
        mailbox: {
          item: item,
          userProfile: Object.assign({
            emailAddress: "s.jones@stmarys.sch.uk", displayName: "Sarah Jones",
            timeZone: "GMT Standard Time", accountType: "enterprise"
          }, opts.userProfile || {})
        },
        requirements: {
          isSetSupported: function (name, version) {
            if (name === "Mailbox") return versionAtLeast(mailboxVersion, version || "1.1");
            if (name === "NestedAppAuth") return !!opts.naa;
            return false;
          }
        },
        ui: {
          closeContainer: function () { calls.push({ api: "ui.closeContainer", args: [] }); }
        }
      },
      onReady: function (cb) {
        var info = { host: "Outlook", platform: "OfficeOnline" };
        if (cb) later(function () { cb(info); });
        return Promise.resolve(info);
      }
    };
    var platform = opts.platform || "PC";
    Office.PlatformType = { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" };
    Office.context.diagnostics = { hostName: "Outlook", platform: platform, version: opts.version || "16.0.18324.20194" };
    Office.context.platform = platform;
    var lost = { writes: 0 };
    var tokenCalls = { count: 0 };
    target.Office = Office;
    target.OfficeRuntime = {
      storage: {
        getItem: function (k) {
          if (platform !== "PC") return Promise.resolve(null);
          return Promise.resolve(Object.prototype.hasOwnProperty.call(storage, k) ? storage[k] : null);
        },
        setItem: function (k, v) {
          if (platform !== "PC") { lost.writes++; return Promise.resolve(); }
          storage[k] = String(v);
          return Promise.resolve();
        }
      },
      auth: {
        getAccessToken: function () {
          tokenCalls.count++;
          if (opts.tokenMode === "hang") return new Promise(function () {});
          if (opts.token && opts.tokenMode !== "fail") {
            var delay = opts.tokenDelayMs || 0;
            return new Promise(function (resolve) { setTimeout(function () { resolve(opts.token); }, delay); });
          }
          return Promise.reject({ code: 13001, message: "not signed in" });
        }
      }
    };
    var local = {};
    if (platform !== "PC" && opts.localStorage !== false && !target.document) {
      target.localStorage = {
        getItem: function (k) { return Object.prototype.hasOwnProperty.call(local, k) ? local[k] : null; },
        setItem: function (k, v) { local[k] = String(v); },
        removeItem: function (k) { delete local[k]; }
      };
    }
    var api = {
      Office: Office,
      item: draft,
      calls: calls,
      sessionCalls: sessionCalls,
      handlers: handlers,
      session: session,
      storage: storage,
      local: local,
      get lostWrites() { return lost.writes; },
      get tokenCalls() { return tokenCalls.count; },
      /** Run a registered event handler; resolves with what it passed to event.completed. */
      fire: function (name, eventExtras) {
        return new Promise(function (resolve) {
          var event = Object.assign({ completed: function (o) { resolve(o); } }, eventExtras || {});
          handlers[name](event);
        });
      }
    };
    target.__fakeOffice = api;
    return api;
  }

  root.EtiquetteFakeOffice = { install: install };
  if (typeof module !== "undefined" && module.exports) module.exports = { install: install };
})(typeof globalThis !== "undefined" ? globalThis : this);

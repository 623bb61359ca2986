/*
 * The runtime's own storage, for the add-in's few cross-item values.
 *
 * Gives E.storageKind, E.storage. Needs shared.platform.
 */
/* global OfficeRuntime */

var platform = shared.platform;

/**
 * Where the add-in keeps its few cross-item values (the school's fail mode, counts of
 * unchecked sends, the last refused check), by platform:
 *   classic Outlook on Windows, event runtime (JavaScript-only: no document, no
 *   localStorage)              OfficeRuntime.storage, the one place Outlook supports it
 *   everywhere else (web, new Outlook, Mac, every task pane)   localStorage
 *   neither usable             memory, for this runtime's life
 * Microsoft: "In Outlook, support [for OfficeRuntime.storage] is only available with the
 * event-based activation feature implemented in Outlook on Windows. This interface isn't
 * supported in Outlook on Mac or on the web." Where it merely exists it is not used.
 */
var memory = {};

function jsOnlyRuntime() {
  return typeof root.document === "undefined" && typeof document === "undefined";
}

function localStore() {
  try {
    var ls = root.localStorage;
    if (ls && typeof ls.getItem === "function") {
      return ls;
    }
  } catch (e) { /* storage blocked (third-party storage off, say) */ }
  return null;
}

/** "officeRuntime" | "localStorage" | "memory": which store this runtime uses. */
E.storageKind = function () {
  if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage && platform() === "PC" &&
      jsOnlyRuntime()) {
    return "officeRuntime";
  }
  if (localStore()) {
    return "localStorage";
  }
  return "memory";
};

E.storage = {
  get: function (key) {
    var kind = E.storageKind();
    try {
      if (kind === "officeRuntime") {
        return OfficeRuntime.storage.getItem(key).then(null, function () { return null; });
      }
      if (kind === "localStorage") {
        return Promise.resolve(localStore().getItem(key));
      }
    } catch (e) { /* storage failed: memory below */ }
    var v = null;
    if (Object.prototype.hasOwnProperty.call(memory, key)) {
      v = memory[key];
    }
    return Promise.resolve(v);
  },
  set: function (key, value) {
    var kind = E.storageKind();
    memory[key] = String(value);
    try {
      if (kind === "officeRuntime") {
        return OfficeRuntime.storage.setItem(key, value).then(null, function () { return null; });
      }
      if (kind === "localStorage") {
        localStore().setItem(key, value);
      }
    } catch (e) { /* storage full or blocked: memory holds it for now */ }
    return Promise.resolve();
  }
};

/*
 * Settings: the service's address, the sign-in client, time limits and the fail mode.
 * The service writes the school's values into ETIQUETTE_DEFAULTS when it serves the
 * bundle; a page (or a test) may set window.ETIQUETTE_CONFIG instead.
 *
 * Gives E.config. Needs nothing.
 */
/* global ETIQUETTE_DEFAULTS */

E.config = function () {
  var base = {};
  if (typeof ETIQUETTE_DEFAULTS === "object" && ETIQUETTE_DEFAULTS) {
    base = ETIQUETTE_DEFAULTS;
  }
  if (root.ETIQUETTE_CONFIG) {
    base = root.ETIQUETTE_CONFIG;
  }
  return {
    apiBase: String(base.apiBase || "").replace(/\/+$/, ""),
    clientId: base.clientId || "",
    apiScope: base.apiScope || "",
    authority: base.authority || "https://login.microsoftonline.com/common",
    graphBase: String(base.graphBase || "https://graph.microsoft.com/v1.0").replace(/\/+$/, ""),
    apiKey: base.apiKey || "",
    timeoutMs: base.timeoutMs || 3000,
    // The whole Send check (reading the draft, the token, the request) ends by this,
    // whatever hangs: Outlook's own "taking longer" dialog comes at 5 s, from Send.
    deadlineMs: base.deadlineMs || 4000,
    // How long any one caller waits for a token; each way of getting one has its own.
    tokenTimeoutMs: base.tokenTimeoutMs || 1500,
    naaTokenTimeoutMs: base.naaTokenTimeoutMs || 1200,
    legacyTokenTimeoutMs: base.legacyTokenTimeoutMs || 1200,
    // Recipient/attachment changes closer together than this make one pre-check.
    debounceMs: base.debounceMs || 1500,
    failMode: base.failMode || "open"
  };
};

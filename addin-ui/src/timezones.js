/*
 * Time zones: Outlook's Windows zone name to IANA (the CLDR table build.mjs puts in
 * ETIQUETTE_WINDOWS_ZONES) and ISO-8601 times with that zone's offset.
 *
 * Gives E.ianaZone, E.isoInZone. Needs nothing.
 */
/* global ETIQUETTE_WINDOWS_ZONES */

/** IANA zone for Outlook's Windows time zone name (the CLDR table), or "". */
E.ianaZone = function (windowsName) {
  var table = (typeof ETIQUETTE_WINDOWS_ZONES === "object" && ETIQUETTE_WINDOWS_ZONES) || {};
  if (!windowsName) {
    return "";
  }
  if (table[windowsName]) {
    return table[windowsName];
  }
  if (windowsName.indexOf("/") > 0) {
    return windowsName; // already IANA (some clients report it so)
  }
  return "";
};

function pad(n) {
  return (n < 10 && "0" + n) || String(n);
}

/** Minutes east of UTC for an instant in an IANA zone (Intl), or null. */
function zoneOffsetMinutes(date, zone) {
  try {
    var fmt = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    });
    var parts = {};
    fmt.formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    var asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24,
      +parts.minute, +parts.second);
    return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  } catch (e) {
    return null;
  }
}

/** ISO-8601 with the offset of the user's Outlook zone ("2026-11-18T10:00:00+00:00"). */
E.isoInZone = function (date, zone) {
  var offset = null;
  if (zone) {
    offset = zoneOffsetMinutes(date, zone);
  }
  if (offset === null) {
    offset = -date.getTimezoneOffset();
  }
  var local = new Date(date.getTime() + offset * 60000);
  var sign = "+";
  if (offset < 0) {
    sign = "-";
  }
  var abs = Math.abs(offset);
  return local.getUTCFullYear() + "-" + pad(local.getUTCMonth() + 1) + "-" +
    pad(local.getUTCDate()) + "T" + pad(local.getUTCHours()) + ":" + pad(local.getUTCMinutes()) +
    ":" + pad(local.getUTCSeconds()) + sign + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
};

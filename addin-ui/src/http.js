/*
 * The HTTP call: POST JSON to the service with a hard client time limit.
 *
 * Gives E.post. Needs nothing.
 */

function timeoutError() {
  var e = new Error("Etiquette did not answer in time");
  e.name = "TimeoutError";
  return e;
}

/** POST JSON with a hard client time limit (XHR where there is one, fetch otherwise). */
E.post = function (path, body, token, timeoutMs) {
  var cfg = E.config();
  var url = cfg.apiBase + path;
  var headers = { "Content-Type": "application/json" };
  var credential = token || cfg.apiKey;
  if (credential) {
    headers.Authorization = "Bearer " + credential;
  }
  var payload = JSON.stringify(body);
  if (typeof XMLHttpRequest !== "undefined") {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url, true);
      Object.keys(headers).forEach(function (h) { xhr.setRequestHeader(h, headers[h]); });
      xhr.timeout = timeoutMs;
      xhr.onload = function () {
        var data = null;
        try {
          data = JSON.parse(xhr.responseText);
        } catch (e) { /* not JSON */ }
        resolve({ status: xhr.status, data: data });
      };
      xhr.onerror = function () { reject(new Error("network error")); };
      xhr.ontimeout = function () { reject(timeoutError()); };
      xhr.send(payload);
    });
  }
  return new Promise(function (resolve, reject) {
    var controller = null;
    if (typeof AbortController !== "undefined") {
      controller = new AbortController();
    }
    var timer = setTimeout(function () {
      if (controller) {
        controller.abort();
      }
      reject(timeoutError());
    }, timeoutMs);
    var init = { method: "POST", headers: headers, body: payload };
    if (controller) {
      init.signal = controller.signal;
    }
    fetch(url, init).then(function (resp) {
      return resp.text().then(function (text) {
        var data = null;
        try {
          data = JSON.parse(text);
        } catch (e) { /* not JSON */ }
        clearTimeout(timer);
        resolve({ status: resp.status, data: data });
      });
    }).then(null, function (err) {
      clearTimeout(timer);
      reject(err);
    });
  });
};

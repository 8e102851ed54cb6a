(function (version, server) {
  // Lectern's dev server puts this script in every page it serves (never in
  // a build). One Server-Sent Events stream per tab tells the tab to reload
  // when its page changed, or to swap stylesheets when only CSS changed.
  "use strict";
  var key = "lectern-serve-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var xy = JSON.parse(saved);
    var restore = function () { window.scrollTo(xy[0], xy[1]); };
    restore();
    addEventListener("load", restore);
  }
  var url = "/.lectern/events?path=" + encodeURIComponent(location.pathname) +
    "&v=" + version + "&s=" + server;
  var source = null;

  function reload() {
    sessionStorage.setItem(key, JSON.stringify([scrollX, scrollY]));
    if (source) source.close();
    location.reload();
  }

  // swap replaces each stylesheet link whose path changed by a fresh copy,
  // removing the old one once the new one has loaded, so nothing flashes.
  function swap(paths) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var old = links[i];
      var u = new URL(old.href, location.href);
      if (paths.indexOf(u.pathname) < 0) continue;
      u.searchParams.set("lectern", String(Date.now()));
      var fresh = old.cloneNode();
      fresh.href = u.href;
      fresh.onload = fresh.onerror = (function (o) { return function () { o.remove(); }; })(old);
      old.after(fresh);
    }
  }

  function connect() {
    source = new EventSource(url);
    source.addEventListener("reload", reload);
    source.addEventListener("css", function (e) { swap(JSON.parse(e.data)); });
    source.onerror = function () {
      // The browser retries by itself while the server is away; it gives up
      // only on an answer that is not a stream. Try again later then.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  }
  connect();
})

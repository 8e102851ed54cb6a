(function (version, files, server) {
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

  // The stream says which page this tab shows (version: its hash), which
  // stylesheets and files it loaded (files) and from which server: the
  // server answers at once with a reload when any of them is out of date.
  function connect() {
    var es = new EventSource("/.lectern/events?path=" + encodeURIComponent(location.pathname) +
      "&v=" + version + "&f=" + files + "&s=" + server);
    source = es;
    es.addEventListener("reload", reload);
    es.addEventListener("css", function (e) {
      var d = JSON.parse(e.data);
      files = d.files;
      swap(d.paths);
    });
    es.onerror = function () {
      // The browser retries by itself while the server is away; it gives up
      // only on an answer that is not a stream. Try again later then.
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(function () { if (source === es) connect(); }, 1000);
      }
    };
  }
  connect();

  // A browser keeps at most six connections to one server over HTTP/1.1,
  // and each tab's stream holds one: a tab out of sight lets its stream go
  // (after a moment, so switching tabs does not churn), and when it is seen
  // again it connects afresh, which reloads it if its page changed meanwhile.
  var idle = null;
  document.addEventListener("visibilitychange", function () {
    clearTimeout(idle);
    if (document.hidden) {
      idle = setTimeout(function () {
        if (source) source.close();
        source = null;
      }, 2000);
    } else if (!source) {
      connect();
    }
  });
})

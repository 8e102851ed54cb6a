(function (version, files, server) {
  // Lectern's dev server puts this script in every page it serves (never in
  // a build). One Server-Sent Events stream per tab tells the tab when its
  // page changed: it fetches the page and patches itself with it (or, when
  // it cannot, reloads), or swaps stylesheets when only CSS changed.
  "use strict";
  var self = document.currentScript;
  var key = "lectern-serve-scroll:" + location.pathname;
  // The error page keeps the position the page had before it broke.
  var errorPage = document.documentElement.hasAttribute("data-lectern-serve-error");
  var saved = errorPage ? null : sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var xy = JSON.parse(saved);
    var restore = function () { window.scrollTo(xy[0], xy[1]); };
    restore();
    addEventListener("load", restore);
  }
  var source = null;

  // Theme files (stylesheets, scripts) may be used from the browser's cache
  // without asking the server, so a reload waits for none of them. After a
  // change, refresh brings every copy up to date first; localStorage
  // remembers which version the copies are, for every tab.
  var filesKey = "lectern-serve-files";
  function remember() {
    try { localStorage.setItem(filesKey, files); } catch (e) {}
  }
  function refresh() {
    return fetch("/.lectern/assets").then(function (r) { return r.json(); }).then(function (list) {
      return Promise.all(list.map(function (u) {
        return fetch(u, {cache: "reload"}).catch(function () {});
      }));
    }).then(remember, function () {});
  }
  // A page loaded while no tab was listening may have taken older copies
  // from the cache: bring them up to date and load it again, once.
  var known = null;
  try { known = localStorage.getItem(filesKey); } catch (e) {}
  if (known !== files && !errorPage) {
    var fromCache = performance.getEntriesByType("resource").some(function (r) {
      return new URL(r.name).pathname.indexOf("/assets/") === 0 && r.transferSize === 0 && r.decodedBodySize > 0;
    });
    if (fromCache && sessionStorage.getItem("lectern-serve-refreshed") !== files) {
      sessionStorage.setItem("lectern-serve-refreshed", files);
      refresh().then(reload);
      return;
    }
    remember();
  }

  function reload() {
    if (!errorPage) sessionStorage.setItem(key, JSON.stringify([scrollX, scrollY]));
    if (source) source.close();
    location.reload();
  }

  // What a page loads: its stylesheets, scripts and inline styles. A page
  // is patched in place only while this stays the same.
  function loads(d) {
    var out = [];
    var els = d.querySelectorAll('link[rel~="stylesheet"], script, style');
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.hasAttribute("data-lectern-serve")) continue;
      var s;
      if (el.tagName === "LINK") s = "link " + new URL(el.getAttribute("href"), location.href).pathname + " " + (el.media || "");
      // The theme's strings for its scripts, read once when they start:
      // other strings (the kit's language, clock or catalogue changed) need
      // the page loaded again. They are the kit's, the same whatever the
      // page's title.
      else if (el.tagName === "SCRIPT" && el.type === "application/json") s = "data " + el.id + " " + el.textContent;
      else if (el.tagName === "SCRIPT") s = el.src ? "script " + new URL(el.getAttribute("src"), location.href).pathname : (el.parentNode === d.head ? "inline " + el.textContent : "");
      else s = el.parentNode === d.head ? "style " + el.textContent : "";
      // A stylesheet being swapped is there twice for a moment; the search
      // index is a script the search box adds when first used.
      if (s && out.indexOf(s) < 0 && !/^script .*search-index\.js$/.test(s)) out.push(s);
    }
    return out.sort().join("\n");
  }
  var loaded = loads(document);

  // The scripts of page d, each with the function that sets it up again
  // on new content (a theme's script registers it in window.lecternReinit
  // under its path): null when one of them has none. Only the scripts the
  // page names count, not the ones its scripts added since it loaded: the
  // search box adds its index and word shards as scripts of data, which
  // have nothing to set up.
  function reinits(d) {
    var reg = window.lecternReinit || {};
    var out = [];
    // An inline script in the body would not run again (data is not run).
    if (d.body.querySelector('script:not([src]):not([data-lectern-serve]):not([type="application/json"])')) return null;
    var els = d.querySelectorAll("script[src]");
    for (var i = 0; i < els.length; i++) {
      var p = new URL(els[i].getAttribute("src"), location.href).pathname;
      if (/search-index\.js$/.test(p)) continue; // data, as loads has it
      if (typeof reg[p] !== "function") return null;
      out.push(reg[p]);
    }
    return out;
  }

  // patch fetches the page and puts its content in place of this one's,
  // keeping the scroll position and this script's stream; it reloads
  // instead when it cannot: the fetch fails, the server answers with an
  // error page, the page loads other stylesheets or scripts, or anything
  // throws.
  var patching = null;
  function patch(want) {
    if (errorPage || !window.DOMParser || !window.fetch) return reload();
    // One at a time: a change that comes meanwhile patches again after.
    if (patching) { patching.again = want; return; }
    var job = patching = {again: null};
    fetch(location.pathname + location.search, {cache: "no-store"}).then(function (r) {
      if (!r.ok || !/html/.test(r.headers.get("Content-Type") || "")) throw new Error("status " + r.status);
      var v = r.headers.get("Lectern-Version"), f = r.headers.get("Lectern-Files");
      return r.text().then(function (html) {
        if (f && f !== files) {
          // The theme's files changed meanwhile: bring them up to date first.
          files = f;
          if (source) source.close();
          source = null;
          job.refresh = true;
          throw new Error("other files");
        }
        var d = new DOMParser().parseFromString(html, "text/html");
        if (d.documentElement.hasAttribute("data-lectern-serve-error")) throw new Error("error page");
        if (loads(d) !== loaded) throw new Error("other stylesheets or scripts");
        var init = reinits(d);
        if (!init) throw new Error("a script that cannot be set up again");
        var x = scrollX, y = scrollY;
        apply(d);
        if (v) version = v;
        for (var i = 0; i < init.length; i++) init[i](document);
        // Setting up may change what lies above (the navigation folds on a
        // narrow screen): back to where the reader was.
        jump(x, y);
      });
    }).then(function () {
      patching = null;
      if (job.again && job.again !== version) patch(job.again);
    }, function (e) {
      patching = null;
      if (window.console) console.debug("lectern serve: reloading:", e && e.message);
      if (job.refresh) refresh().then(reload);
      else reload();
    });
  }

  // apply puts document d's content in place of this one's.
  function apply(d) {
    var x = scrollX, y = scrollY;
    var root = document.documentElement, nroot = d.documentElement;
    for (var i = 0; i < nroot.attributes.length; i++) {
      var a = nroot.attributes[i];
      if (a.name !== "class") root.setAttribute(a.name, a.value);
    }
    document.title = d.title;
    var metas = d.head.querySelectorAll("meta[name]");
    var had = document.head.querySelectorAll("meta[name]");
    for (var h = 0; h < had.length; h++) {
      if (!d.head.querySelector('meta[name="' + had[h].getAttribute("name") + '"]')) had[h].remove();
    }
    for (var j = 0; j < metas.length; j++) {
      var m = document.head.querySelector('meta[name="' + metas[j].getAttribute("name") + '"]');
      if (m) m.setAttribute("content", metas[j].getAttribute("content") || "");
      else document.head.appendChild(document.importNode(metas[j], true));
    }
    var body = document.body, nbody = d.body;
    var old = nbody.querySelector("script[data-lectern-serve]");
    if (old) old.remove();
    while (body.attributes.length) body.removeAttribute(body.attributes[0].name);
    for (var k = 0; k < nbody.attributes.length; k++) body.setAttribute(nbody.attributes[k].name, nbody.attributes[k].value);
    var frag = document.createDocumentFragment();
    while (nbody.firstChild) frag.appendChild(document.adoptNode(nbody.firstChild));
    if (self) frag.appendChild(self);
    body.replaceChildren(frag);
    jump(x, y);
  }

  // jump scrolls to x, y at once: a theme's smooth scrolling would show the
  // page moving away and back.
  function jump(x, y) {
    window.scrollTo({left: x, top: y, behavior: "instant"});
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
    es.addEventListener("reload", function (e) {
      var d = JSON.parse(e.data || "{}");
      if (d.files && d.files !== files) {
        files = d.files;
        if (source) source.close();
        refresh().then(reload);
      } else if (d.full || !d.v) {
        reload();
      } else if (d.v !== version) {
        patch(d.v);
      }
    });
    es.addEventListener("css", function (e) {
      var d = JSON.parse(e.data);
      files = d.files;
      swap(d.paths);
      refresh();
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

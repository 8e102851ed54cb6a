// The facilitator edition of a locked build, in the browser: a locked page
// asks for the passphrase, derives the key as the build did (PBKDF2-SHA-256,
// then AES-256-GCM), and writes the decrypted page in its place, so that
// the page's own scripts run as they would have. The key, never the
// passphrase, is kept in sessionStorage under the build's salt: every page
// of the build then opens at once until the tab closes, and "Lock" forgets
// it. A locked script (the search index) runs once decrypted with that key.
// Nothing is shown until the whole page is decrypted and authenticated.
window.LECTERN_LOCK = window.LECTERN_LOCK || (function () {
  "use strict";
  var prefix = "lectern-lock:";

  function bytes(b64) {
    var s = atob(b64), a = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
    return a;
  }
  function base64(buf) {
    var a = new Uint8Array(buf), s = "";
    for (var i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
    return btoa(s);
  }
  function store() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }
  function savedKey(salt) {
    var st = store(), raw = st && st.getItem(prefix + salt);
    if (!raw) return Promise.reject(new Error("no key"));
    return crypto.subtle.importKey("raw", bytes(raw), "AES-GCM", false, ["decrypt"]);
  }
  function derive(pass, sealed) {
    var subtle = crypto.subtle;
    return subtle.importKey("raw", new TextEncoder().encode(pass), "PBKDF2", false, ["deriveKey"]).then(function (base) {
      return subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: bytes(sealed.salt), iterations: sealed.iter },
        base, { name: "AES-GCM", length: 256 }, true, ["decrypt"]);
    });
  }
  function decrypt(key, sealed) {
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes(sealed.nonce) }, key, bytes(sealed.data)).then(function (buf) {
      return new TextDecoder().decode(buf);
    });
  }
  function forget() {
    var st = store();
    if (!st) return;
    for (var i = st.length - 1; i >= 0; i--) {
      var k = st.key(i);
      if (k && k.indexOf(prefix) === 0) st.removeItem(k);
    }
  }

  var magic = "LECTERN-LOCKED\u0001";

  // openFiles gives the page's links and images to the edition's files
  // that are neither pages nor scripts (the build encrypted them whole,
  // behind magic, the salt and the nonce) their decrypted content. Only
  // from a web server: a page may not read files from file://.
  function openFiles(key) {
    if (location.protocol === "file:" || !window.fetch) return;
    var root = new URL(document.documentElement.getAttribute("data-root") || "./", location.href);
    var base = root.origin + root.pathname;
    var opened = {};
    function open(u) {
      if (!opened[u]) {
        opened[u] = fetch(u).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          var type = r.headers.get("content-type") || "";
          return r.arrayBuffer().then(function (buf) {
            var a = new Uint8Array(buf), n = magic.length;
            for (var i = 0; i < n; i++) if (a[i] !== magic.charCodeAt(i)) throw new Error("not locked");
            return crypto.subtle.decrypt({ name: "AES-GCM", iv: a.subarray(n + 16, n + 28) }, key, a.subarray(n + 28)).then(function (plain) {
              return URL.createObjectURL(new Blob([plain], { type: type }));
            });
          });
        });
      }
      return opened[u];
    }
    [["img", "src"], ["source", "src"], ["video", "src"], ["audio", "src"], ["a", "href"], ["object", "data"], ["embed", "src"]].forEach(function (pair) {
      document.querySelectorAll(pair[0] + "[" + pair[1] + "]").forEach(function (el) {
        var u = new URL(el.getAttribute(pair[1]), location.href);
        var file = u.origin + u.pathname;
        if (file.indexOf(base) !== 0 || /(\.html?|\.js|\/)$/i.test(u.pathname)) return;
        open(file).then(function (blob) { el.setAttribute(pair[1], blob + u.hash); }, function () {});
      });
    });
  }

  // show replaces the locked page with html and gives it a Lock button.
  function show(html, key) {
    document.open();
    document.addEventListener("DOMContentLoaded", function () {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "lectern-lock-button";
      b.textContent = "Lock";
      b.title = "Forget the passphrase in this tab";
      b.addEventListener("click", function () { forget(); location.reload(); });
      var banner = document.querySelector(".edition-banner");
      if (banner) {
        b.style.cssText = "margin-left:.75em;font:inherit;padding:.125em .625em;cursor:pointer";
        banner.appendChild(b);
      } else {
        b.style.cssText = "position:fixed;top:.5rem;right:.5rem;z-index:1000;font:inherit;padding:.25rem .75rem;cursor:pointer";
        document.body.appendChild(b);
      }
      var id = decodeURIComponent(location.hash.slice(1));
      var target = id && document.getElementById(id);
      if (target) target.scrollIntoView();
      openFiles(key);
    });
    document.write(html);
    document.close();
  }

  // openPage opens the locked page this script stands in.
  function openPage() {
    var sealed = JSON.parse(document.getElementById("lectern-locked").textContent);
    var form = document.getElementById("lectern-lock");
    var input = document.getElementById("lectern-pass");
    var status = document.getElementById("lectern-lock-status");
    var button = form.querySelector("button");
    function ask() {
      form.hidden = false;
      input.focus();
    }
    if (!window.crypto || !crypto.subtle) {
      form.hidden = false;
      input.disabled = button.disabled = true;
      status.className = "bad";
      status.textContent = "This browser cannot open the page here: open it over https or from a file.";
      return;
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      status.className = "";
      status.textContent = "Opening…";
      var key;
      derive(input.value, sealed).then(function (k) {
        key = k;
        return decrypt(k, sealed);
      }).then(function (html) {
        return crypto.subtle.exportKey("raw", key).then(function (raw) {
          var st = store();
          try { if (st) st.setItem(prefix + sealed.salt, base64(raw)); } catch (e) { /* opens this page only */ }
          show(html, key);
        });
      }, function () {
        button.disabled = false;
        status.className = "bad";
        status.textContent = "Wrong passphrase. Try again.";
        input.select();
        input.focus();
      });
    });
    savedKey(sealed.salt).then(function (k) {
      return decrypt(k, sealed).then(function (html) { show(html, k); });
    }).then(null, function () {
      var st = store();
      if (st) st.removeItem(prefix + sealed.salt);
      ask();
    });
  }

  // runLocked runs a locked script with the key its page was opened with.
  // A page that loaded it waits for its load event, which comes only once
  // the plaintext has run.
  function runLocked(sealed) {
    var el = document.currentScript;
    var onload = el && el.onload;
    if (onload) el.onload = null;
    savedKey(sealed.salt).then(function (k) {
      return decrypt(k, sealed);
    }).then(function (text) {
      var s = document.createElement("script");
      s.textContent = text;
      document.head.appendChild(s);
      s.remove();
      if (onload) onload.call(el, new Event("load"));
    }, function () {
      if (el && typeof el.onerror === "function") el.onerror.call(el, new Event("error"));
    });
  }

  return { openPage: openPage, runLocked: runLocked, forget: forget };
})();

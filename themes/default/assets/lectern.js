/* Lectern default theme: the behaviour of the pages.
 *
 * No dependencies, no network requests; works from file:// as well as from a
 * web server. Everything an attendee writes or chooses stays in this browser
 * (localStorage, under "lectern:<kit>:<module>:<block id>") and leaves it only
 * when the attendee downloads it as a Markdown file.
 *
 * The script is a list of features, in the order they are set up:
 * navigation fold, scrolling tables, self-checks, answer boxes, the modules'
 * order, "Download my answers", the materials checklist, timers
 * (facilitator edition), the clock shift and the run-sheet's status, now and
 * next (facilitator edition), the deck and its presenter window, and tabs
 * (which remember the reader's choice). Each feature owns its
 * state, says which pages and elements it is for, and sets them up and lets
 * them go itself (see feature below); what they share is the storage and
 * the labels of the answers.
 *
 * init sets all of it up on the page's content, and can do so again when
 * the content is replaced in place (lectern serve patches a page that way):
 * listeners on the window and the document are added once only.
 */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var me = doc.currentScript;

  /* ------------------------------------------------------------ language */

  // Every word the script shows comes from the page: the JSON block
  // #lectern-strings (the kit's language, its clock and its strings, from
  // the same catalogues as the page), so the script has none of its own.
  // tr("key", a, b) fills {1}, {2}; n("key", count, …) picks the plural form
  // the language's rules give count (Intl.PluralRules, CLDR's rules).
  var lang = (function () {
    var data = {};
    try {
      data = JSON.parse(doc.getElementById("lectern-strings").textContent) || {};
    } catch (e) {
      data = {};
    }
    var strings = data.strings || {};
    var rules = null;
    try {
      rules = new Intl.PluralRules(data.lang || root.lang || undefined);
    } catch (e) {
      rules = null;
    }
    // digits writes the digits 0 to 9 of s in the language's own, when the
    // page names them (Arabic's ٠ to ٩, as the build writes its times).
    var zero = data.zero ? String(data.zero).charCodeAt(0) : 0;
    function digits(s) {
      s = String(s);
      if (!zero || zero === 48) return s;
      return s.replace(/[0-9]/g, function (d) { return String.fromCharCode(zero + d.charCodeAt(0) - 48); });
    }
    // {1|a|b} is a when the first number in {1} is 1, else b: "a {1|la|las}
    // {1}" is "a la 1:00" and "a las 3:00" (i18n.Fill does the same). A
    // number is written in the language's digits.
    function fill(s, args) {
      return String(s).replace(/\{(\d)\|([^|{}]*)\|([^|{}]*)\}/g, function (m, i, one, other) {
        return firstNumber(args[Number(i) - 1]) === 1 ? one : other;
      }).replace(/\{(\d)\}/g, function (m, i) {
        var a = args[Number(i) - 1];
        return a === undefined ? m : typeof a === "number" ? digits(a) : String(a);
      });
    }
    // firstNumber is the first run of digits in a (Western or
    // Arabic-Indic), or -1.
    function firstNumber(a) {
      var m = /[0-9\u0660-\u0669\u06f0-\u06f9]+/.exec(a === undefined ? "" : String(a));
      if (!m) return -1;
      var n = 0;
      for (var i = 0; i < m[0].length; i++) n = n * 10 + (m[0].charCodeAt(i) & 0xf); // each zero is at a multiple of 16
      return n;
    }
    function form(s, count) {
      if (s && typeof s === "object") {
        var c = rules && count !== undefined ? rules.select(count) : "other";
        return s[c] !== undefined ? s[c] : s.other;
      }
      return s;
    }
    return {
      h12: !!data.h12,
      digits: digits,
      t: function (key) {
        var s = strings[key];
        return s === undefined ? key : fill(form(s), Array.prototype.slice.call(arguments, 1));
      },
      n: function (key, count) {
        var s = strings[key];
        return s === undefined ? key : fill(form(s, count), Array.prototype.slice.call(arguments, 1));
      }
    };
  })();
  var tr = lang.t;

  // Read from the page by init, before any feature is set up.
  var kit, page, prefix, labelsKey;

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }
  function text(el) {
    return el ? (el.textContent || "").replace(/\s+/g, " ").trim() : "";
  }

  /* ------------------------------------------------------------- storage */

  // localStorage may be missing, disabled or full, and merely touching it
  // throws in some browsers: then the page keeps answers in memory for this
  // visit only.
  var store = (function () {
    try {
      var s = window.localStorage;
      var probe = "lectern:probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();
  var memory = {};

  function getItem(key) {
    if (store) {
      try {
        var v = store.getItem(key);
        if (v !== null) return v;
      } catch (e) { /* fall through */ }
    }
    return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
  }
  function setItem(key, value) {
    memory[key] = value;
    if (store) {
      try { store.setItem(key, value); } catch (e) { /* kept in memory */ }
    }
  }
  function removeItem(key) {
    delete memory[key];
    if (store) {
      try { store.removeItem(key); } catch (e) { /* nothing to do */ }
    }
  }
  function kitKeys() {
    var seen = {};
    var out = [];
    function add(k) {
      if (k && k.indexOf(prefix) === 0 && !seen[k]) {
        seen[k] = true;
        out.push(k);
      }
    }
    if (store) {
      try {
        for (var i = 0; i < store.length; i++) add(store.key(i));
      } catch (e) { /* nothing to add */ }
    }
    Object.keys(memory).forEach(add);
    return out;
  }
  function keyFor(module, id) {
    return prefix + module + ":" + id;
  }
  function readJSON(key) {
    var raw = getItem(key);
    if (!raw) return null;
    try {
      var v = JSON.parse(raw);
      return v && typeof v === "object" ? v : null;
    } catch (e) {
      return null;
    }
  }

  // Labels: the question texts and titles of what the attendee answered, so
  // that the download reads well from any page. Not answers themselves.
  function moduleTitle(modEl) {
    var h = modEl.querySelector(".module-header h1, h2.module-title, .worksheet-module a");
    return h ? text(h).replace(/\s*draft$/i, "") : "";
  }
  function remember(modEl, id, info) {
    var module = modEl.getAttribute("data-module");
    var labels = readJSON(labelsKey) || {};
    var m = labels[module] || (labels[module] = { items: {} });
    var title = moduleTitle(modEl);
    if (title) m.title = title;
    var order = parseInt(modEl.getAttribute("data-order"), 10);
    if (order > 0) m.order = order;
    var blocks = modEl.querySelectorAll("[data-answer], [data-selfcheck]");
    var pos = -1;
    for (var i = 0; i < blocks.length; i++) {
      var b = blocks[i];
      if ((b.getAttribute("data-answer") || b.getAttribute("data-selfcheck")) === id) {
        pos = i;
        break;
      }
    }
    var old = m.items[id];
    // The module page holds every block in order; other pages only some.
    if (old && typeof old.pos === "number" && page !== "module") pos = old.pos;
    info.pos = pos;
    m.items[id] = info;
    setItem(labelsKey, JSON.stringify(labels));
  }

  /* ------------------------------------------------------------ features */

  /* A feature is one object:
   *
   *   name       what it is, for people reading the list
   *   applies()  optional: false on pages it is not for (it may read page
   *              and kit); a feature without it applies everywhere
   *   selector   optional: init is called once for each element of the new
   *              content that matches it; without it, once with the content
   *   init(x)    sets up the new content (x: the element, or the scope:
   *              the document, or the element holding the content)
   *   bind()     optional: adds the feature's listeners on the window and the
   *              document, the first time the feature applies, and never again
   *   reset()    optional: lets go of what init set up on the content shown
   *              before (pending saves, running timers, keys); called on
   *              every feature, before any is set up again
   *
   * A feature keeps its state inside the function that makes it, as
   * mdBook's book.js does; feature() adds it to the list and returns it, so
   * that another feature or the API at the end can use what it offers.
   */
  var features = [];
  function feature(f) {
    features.push(f);
    return f;
  }

  /* ---------------------------------------------------------- navigation */

  feature((function navigationFold() {
    var fold = null;
    var wide = null;
    function applyFold() {
      if (fold && wide) fold.open = wide.matches;
    }
    return {
      name: "navigation fold",
      init: function (scope) {
        fold = scope.querySelector("details.nav-fold");
        if (!fold || !window.matchMedia) return;
        if (!wide) {
          wide = window.matchMedia("(min-width: 60em)");
          if (wide.addEventListener) wide.addEventListener("change", applyFold);
          else if (wide.addListener) wide.addListener(applyFold);
        }
        applyFold();
      }
    };
  })());

  /* ------------------------------------------------- scrolling containers */

  // Tables and code scroll inside themselves, never the page. A scrolling
  // region must be reachable by keyboard, so it takes focus.
  feature((function scrolling() {
    function wrapTables(scope) {
      // A table that only lays a worksheet's sheet out for paper is no table.
      each(scope.querySelectorAll("main table:not([role=presentation])"), function (table) {
        var parent = table.parentNode;
        if (!parent || (parent.classList && parent.classList.contains("table-scroll"))) return;
        var wrap = doc.createElement("div");
        wrap.className = "table-scroll";
        parent.insertBefore(wrap, table);
        wrap.appendChild(table);
      });
    }
    function focusableScrollers() {
      each(doc.querySelectorAll(".table-scroll, main pre"), function (el) {
        var scrolls = el.scrollWidth > el.clientWidth + 1;
        if (scrolls && !el.hasAttribute("tabindex")) {
          el.setAttribute("tabindex", "0");
          if (el.classList.contains("table-scroll")) {
            el.setAttribute("role", "region");
            var cap = el.querySelector("caption");
            el.setAttribute("aria-label", cap ? text(cap) : tr("table_scrolls"));
          }
        } else if (!scrolls && el.getAttribute("tabindex") === "0" && el.hasAttribute("data-lectern-scroll")) {
          el.removeAttribute("tabindex");
        }
        if (scrolls) el.setAttribute("data-lectern-scroll", "");
      });
    }
    return {
      name: "scrolling containers",
      bind: function () {
        window.addEventListener("resize", focusableScrollers);
      },
      init: function (scope) {
        wrapTables(scope);
        focusableScrollers();
      }
    };
  })());

  /* ---------------------------------------------------------- self-check */

  // onKitStorage calls fn(key) when another tab of this kit changed an
  // answer under key, or cleared the storage (key null).
  function onKitStorage(fn) {
    window.addEventListener("storage", function (ev) {
      if (ev.key !== null && ev.key.indexOf(prefix) !== 0) return;
      fn(ev.key);
    });
  }

  feature((function selfchecks() {
    var shown = []; // {key, refresh} of the self-checks of the content shown

    function setUp(sec) {
      var modEl = sec.closest("[data-module]");
      if (!modEl) return;
      var id = sec.getAttribute("data-selfcheck");
      var key = keyFor(modEl.getAttribute("data-module"), id);
      var questions = [];
      each(sec.querySelectorAll("li.question[data-question]"), function (li) {
        if (li.closest("section.selfcheck") === sec) questions.push(li);
      });
      var tally = null;
      var actions = null;
      each(sec.children, function (c) {
        if (c.classList.contains("selfcheck-tally")) tally = c;
        if (c.classList.contains("selfcheck-actions")) actions = c;
      });
      var right = (sec.getAttribute("data-right") || "").trim();
      var toward = right ? right.toLowerCase() : "the right-hand answer";

      function radios(li) {
        return li.querySelectorAll('input[type="radio"]');
      }
      function read() {
        var answers = {};
        questions.forEach(function (li) {
          each(radios(li), function (r) {
            if (r.checked) answers[li.getAttribute("data-question")] = r.value;
          });
        });
        return answers;
      }
      function apply(answers) {
        questions.forEach(function (li) {
          var v = answers ? answers[li.getAttribute("data-question")] : undefined;
          each(radios(li), function (r) { r.checked = v !== undefined && String(v) === r.value; });
        });
      }
      function updateTally(message) {
        if (!tally) return;
        var answers = read();
        var answered = 0;
        var lean = 0;
        questions.forEach(function (li) {
          var v = answers[li.getAttribute("data-question")];
          if (v === undefined) return;
          answered++;
          if (Number(v) >= 4) lean++;
        });
        if (message) tally.textContent = message;
        else if (!answered) tally.textContent = tr("tally_empty");
        else tally.textContent = tr("tally_lean", toward, lean, questions.length);
        tally.hidden = false;
      }
      function save() {
        var answers = read();
        if (Object.keys(answers).length === 0) {
          removeItem(key);
          return;
        }
        setItem(key, JSON.stringify(answers));
        var qs = {};
        questions.forEach(function (li) {
          var opts = {};
          each(radios(li), function (r) {
            var l = r.closest("label");
            opts[r.value] = text(l);
          });
          qs[li.getAttribute("data-question")] = { text: text(li.querySelector(".question-text")), options: opts };
        });
        remember(modEl, id, { kind: "selfcheck", title: text(sec.querySelector(".selfcheck-title")), questions: qs });
      }

      apply(readJSON(key));
      updateTally();
      sec.addEventListener("change", function (ev) {
        if (ev.target && ev.target.type === "radio") {
          save();
          updateTally();
        }
      });
      if (actions) {
        actions.hidden = false;
        actions.classList.add("no-print");
        var clear = actions.querySelector(".selfcheck-clear");
        if (clear) {
          clear.addEventListener("click", function () {
            apply(null);
            removeItem(key);
            updateTally(tr("answers_cleared"));
          });
        }
      }
      shown.push({ key: key, refresh: function () { apply(readJSON(key)); updateTally(); } });
    }

    return {
      name: "self-check",
      selector: "section.selfcheck[data-selfcheck]",
      // Another tab of this kit changed something: show it here too.
      bind: function () {
        onKitStorage(function (key) {
          shown.forEach(function (s) {
            if (key === null || key === s.key) s.refresh();
          });
        });
      },
      init: setUp,
      reset: function () { shown = []; }
    };
  })());

  /* ------------------------------------------------------------- answers */

  var answerBoxes = feature((function answerBoxes() {
    var boxes = [];   // {key, id, box, modEl} of the content shown
    var pending = {}; // key -> {entry, timer}

    function printCopy(box) {
      var out = box.parentNode && box.parentNode.querySelector(".answer-print");
      if (!out) return;
      (out.querySelector(".answer-text") || out).textContent = box.value;
      out.classList.toggle("has-text", box.value !== "");
    }
    function flush(key) {
      if (!pending[key]) return;
      clearTimeout(pending[key].timer);
      var entry = pending[key].entry;
      delete pending[key];
      saveAnswer(entry);
    }
    function flushAll() {
      Object.keys(pending).forEach(flush);
    }
    function answerLabel(box) {
      var wrap = box.closest(".answer");
      var inside = [];
      if (wrap) {
        each(wrap.children, function (c) {
          if (c !== box && !c.classList.contains("answer-print")) inside.push(text(c));
        });
      }
      var label = inside.join(" ").trim();
      if (!label && wrap) {
        var prev = wrap.previousElementSibling;
        if (prev && /^(P|H[2-6]|LI|DT|DD)$/.test(prev.tagName)) label = text(prev);
      }
      if (!label) label = box.getAttribute("aria-label") || "";
      return label;
    }
    function saveAnswer(entry) {
      var value = entry.box.value;
      if (value === "") removeItem(entry.key);
      else setItem(entry.key, value);
      var ws = entry.box.closest(".worksheet");
      remember(entry.modEl, entry.id, {
        kind: "answer",
        label: answerLabel(entry.box),
        section: ws ? text(ws.querySelector(".worksheet-title")) : ""
      });
    }

    function setUp(box) {
      var modEl = box.closest("[data-module]");
      if (!modEl) return;
      var id = box.getAttribute("data-answer");
      var entry = { key: keyFor(modEl.getAttribute("data-module"), id), id: id, box: box, modEl: modEl };
      boxes.push(entry);
      var saved = getItem(entry.key);
      if (saved !== null) box.value = saved;
      printCopy(box);
      box.addEventListener("input", function () {
        printCopy(box);
        // The same block elsewhere on this page shows the same text.
        boxes.forEach(function (other) {
          if (other !== entry && other.key === entry.key && other.box.value !== box.value) {
            other.box.value = box.value;
            printCopy(other.box);
          }
        });
        if (pending[entry.key]) clearTimeout(pending[entry.key].timer);
        pending[entry.key] = {
          entry: entry,
          timer: setTimeout(function () { flush(entry.key); }, 400)
        };
      });
      box.addEventListener("change", function () { flush(entry.key); });
      box.addEventListener("blur", function () { flush(entry.key); });
    }

    return {
      name: "answer boxes",
      // A worksheet table's empty cells are inputs, kept the same way.
      selector: "textarea[data-answer], input[data-answer]",
      bind: function () {
        window.addEventListener("pagehide", flushAll);
        window.addEventListener("beforeunload", flushAll);
        window.addEventListener("beforeprint", function () {
          flushAll();
          boxes.forEach(function (e) { printCopy(e.box); });
        });
        // Another tab of this kit changed something: show it here too.
        onKitStorage(function (key) {
          boxes.forEach(function (e) {
            if (key !== null && key !== e.key) return;
            if (doc.activeElement === e.box) return;
            var v = getItem(e.key);
            e.box.value = v === null ? "" : v;
            printCopy(e.box);
          });
        });
      },
      init: setUp,
      reset: function () {
        flushAll();
        boxes = [];
      },
      // Saves at once what is still waiting to be saved.
      flush: flushAll
    };
  })());

  /* ------------------------------------------------- download my answers */

  // Modules answered before take their place in the kit from any page that
  // shows them (the home page lists them all): a module may have moved, or
  // been answered on a page from before data-order.
  feature({
    name: "module order",
    init: function (scope) {
      var labels = readJSON(labelsKey);
      if (!labels) return;
      var changed = false;
      each(scope.querySelectorAll("[data-module][data-order]"), function (el) {
        var m = labels[el.getAttribute("data-module")];
        var order = parseInt(el.getAttribute("data-order"), 10);
        if (m && order > 0 && m.order !== order) {
          m.order = order;
          changed = true;
        }
      });
      if (changed) setItem(labelsKey, JSON.stringify(labels));
    }
  });

  var download = feature((function download() {
    // Each module's place in the kit, as its pages told remember() and the
    // module order feature: the navigation of a long kit lists only the
    // modules near the page.
    function moduleOrder(labels) {
      var order = {};
      Object.keys(labels).forEach(function (m) {
        if (typeof labels[m].order === "number") order[m] = labels[m].order;
      });
      return order;
    }

    function quoteLines(s) {
      return s.split(/\r?\n/).map(function (l) { return "> " + l; }).join("\n");
    }

    function answersMarkdown() {
      answerBoxes.flush();
      var labels = readJSON(labelsKey) || {};
      var byModule = {};
      kitKeys().forEach(function (k) {
        var rest = k.slice(prefix.length);
        var cut = rest.lastIndexOf(":");
        if (cut <= 0) return;
        var module = rest.slice(0, cut);
        var id = rest.slice(cut + 1);
        (byModule[module] = byModule[module] || []).push({ id: id, value: getItem(k) });
      });
      var modules = Object.keys(byModule);
      if (!modules.length) return "";
      var order = moduleOrder(labels);
      modules.sort(function (a, b) {
        var oa = a in order ? order[a] : 1e6;
        var ob = b in order ? order[b] : 1e6;
        return oa - ob || (a < b ? -1 : a > b ? 1 : 0);
      });
      var site = text(doc.querySelector(".site-title")) || kit;
      var out = ["# " + tr("my_answers", site), ""];
      out.push(tr("saved_from", new Date().toISOString().slice(0, 10)), "");
      modules.forEach(function (module) {
        var ml = labels[module] || { items: {} };
        out.push("## " + (ml.title || module) + " (`" + module + "`)", "");
        var items = byModule[module];
        items.sort(function (a, b) {
          var pa = ml.items[a.id] && typeof ml.items[a.id].pos === "number" ? ml.items[a.id].pos : 1e6;
          var pb = ml.items[b.id] && typeof ml.items[b.id].pos === "number" ? ml.items[b.id].pos : 1e6;
          return pa - pb || (a.id < b.id ? -1 : 1);
        });
        var lastSection = "";
        items.forEach(function (it) {
          var info = ml.items[it.id] || {};
          var looksLikeSelfcheck = info.kind === "selfcheck" || (!info.kind && /^\s*\{/.test(it.value || ""));
          if (looksLikeSelfcheck) {
            var answers;
            try { answers = JSON.parse(it.value); } catch (e) { answers = {}; }
            out.push("### " + (info.title || tr("selfcheck")) + " (" + it.id + ")", "");
            var qs = info.questions || {};
            Object.keys(answers).sort(function (a, b) {
              return a.localeCompare(b, undefined, { numeric: true });
            }).forEach(function (qid) {
              var q = qs[qid] || {};
              var v = String(answers[qid]);
              var opt = q.options && q.options[v] ? " (" + q.options[v] + ")" : "";
              out.push("- " + (q.text || qid) + "  ", "  **" + tr("of_five", v) + "**" + opt);
            });
            out.push("");
            lastSection = "";
            return;
          }
          if (info.section && info.section !== lastSection) {
            out.push("### " + info.section, "");
            lastSection = info.section;
          }
          out.push("**" + (info.label || it.id) + "**", "", quoteLines(it.value || ""), "");
        });
      });
      return out.join("\n").replace(/\n{3,}/g, "\n\n");
    }

    return {
      name: "download my answers",
      // An attendee's tool: the facilitator edition has none of it.
      applies: function () { return root.getAttribute("data-edition") !== "facilitator"; },
      init: function () {
        var main = doc.querySelector("main");
        if (!main) return;
        var has = doc.querySelector("[data-module] [data-answer], [data-module] section.selfcheck[data-selfcheck]");
        if (!has && page !== "home") return;
        var box = doc.createElement("section");
        box.className = "download-answers no-print";
        box.setAttribute("aria-label", tr("your_answers"));
        var button = doc.createElement("button");
        button.type = "button";
        button.className = "button-primary download-button";
        button.textContent = tr("download_answers");
        var note = doc.createElement("p");
        note.textContent = tr("download_note");
        var status = doc.createElement("p");
        status.className = "download-status";
        status.setAttribute("role", "status");
        box.appendChild(button);
        box.appendChild(note);
        box.appendChild(status);
        main.appendChild(box);
        button.addEventListener("click", function () {
          var md = answersMarkdown();
          if (!md) {
            status.textContent = tr("nothing_written");
            return;
          }
          var blob = new Blob([md], { type: "text/markdown;charset=utf-8" });
          var url = URL.createObjectURL(blob);
          var a = doc.createElement("a");
          a.href = url;
          a.download = kit + "-my-answers.md";
          a.hidden = true;
          doc.body.appendChild(a);
          a.click();
          setTimeout(function () {
            URL.revokeObjectURL(url);
            a.remove();
          }, 1000);
          status.textContent = tr("downloaded", a.download);
        });
      },
      // The Markdown that "Download my answers" saves.
      markdown: answersMarkdown
    };
  })());

  /* ------------------------------------------------- materials checklist */

  // The ticks of the materials page, kept per kit under
  // "lectern-materials:<kit>" (apart from the answers, which the download
  // gathers) as {item: true}. Another tab's ticks arrive with the storage
  // event, so two tabs never undo each other's packing.
  feature((function materials() {
    var shown = []; // the checklists of the content shown

    function key() {
      return "lectern-materials:" + kit;
    }
    function show(list) {
      var ticked = readJSON(key()) || {};
      var boxes = list.querySelectorAll("input[type=checkbox][data-item]");
      var n = 0;
      each(boxes, function (box) {
        box.checked = ticked[box.getAttribute("data-item")] === true;
        if (box.checked) n++;
      });
      var status = list.querySelector(".checklist-status");
      if (status) {
        status.textContent = n === boxes.length ? tr("ticked_all", n) : tr("ticked_some", n, boxes.length);
      }
    }
    function setUp(list) {
      shown.push(list);
      var bar = list.querySelector(".checklist-bar");
      if (bar) bar.hidden = false;
      list.addEventListener("change", function (ev) {
        var box = ev.target;
        if (!box.matches || !box.matches("input[type=checkbox][data-item]")) return;
        // Read again: another tab may have ticked something since.
        var ticked = readJSON(key()) || {};
        if (box.checked) ticked[box.getAttribute("data-item")] = true;
        else delete ticked[box.getAttribute("data-item")];
        if (Object.keys(ticked).length) setItem(key(), JSON.stringify(ticked));
        else removeItem(key());
        show(list);
      });
      var clear = list.querySelector(".checklist-clear");
      if (clear) {
        clear.addEventListener("click", function () {
          removeItem(key());
          show(list);
        });
      }
      show(list);
    }

    return {
      name: "materials checklist",
      selector: ".materials-list",
      bind: function () {
        window.addEventListener("storage", function (ev) {
          if (ev.key !== null && ev.key !== key()) return;
          // Cleared in another tab: this page's copy in memory goes too.
          if (ev.newValue === null) removeItem(key());
          shown.forEach(show);
        });
      },
      init: setUp,
      reset: function () { shown = []; }
    };
  })());

  /* -------------------------------------------------------------- timers */

  // A timer for each timed block of the facilitator edition. It says what is
  // left ("7:42 left", never a bare "10:00" that reads as a time of day),
  // gives a cue at halfway and at zero (on screen, to screen readers, and
  // with a beep unless muted), then counts the time over. Space starts and
  // pauses and R resets while the timer has the focus or fills the screen;
  // elsewhere the keys keep their use (Space scrolls the page).
  var timers = feature((function timers() {
    var shown = [];   // the timers of the content shown
    var full = null;  // the timer filling the screen, if any
    var audio = null; // one AudioContext for the page, made on a click
    var muteKey = null;

    // Wall-clock time: a laptop that slept mid-activity wakes to the time
    // really left.
    function now() {
      return Date.now();
    }

    // clockText(462) is "7:42"; an hour or more reads "1:05:00" (in the
    // language's digits).
    function clockText(s) {
      var h = Math.floor(s / 3600);
      var m = Math.floor((s % 3600) / 60);
      var r = s % 60;
      return lang.digits((h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (r < 10 ? "0" : "") + r);
    }
    // spoken(450) is "7 minutes 30 seconds", for screen readers.
    function spoken(s) {
      var m = Math.floor(s / 60);
      var r = s % 60;
      var out = [];
      if (m) out.push(lang.n("minutes_n", m));
      if (r || !m) out.push(lang.n("seconds_n", r));
      return out.join(" ");
    }
    function lengthText(total) {
      return total % 60 ? clockText(total) : tr("dur_min", total / 60);
    }

    function muted() {
      return getItem(muteKey) === "1";
    }
    function setMuted(on) {
      if (on) setItem(muteKey, "1");
      else removeItem(muteKey);
      showMuted();
      if (!on) wakeAudio();
    }
    function showMuted() {
      var on = muted();
      shown.forEach(function (t) { t.mute.setAttribute("aria-pressed", on ? "true" : "false"); });
    }

    // Browsers let a page make sound only after a click or a key: the
    // AudioContext is made (or woken) then, and used at the cues.
    function wakeAudio() {
      if (muted()) return;
      try {
        if (!audio) {
          var AC = window.AudioContext || window.webkitAudioContext;
          if (!AC) return;
          audio = new AC();
        }
        if (audio.state === "suspended" && audio.resume) {
          var p = audio.resume();
          if (p && p.catch) p.catch(function () { /* stays silent */ });
        }
      } catch (e) {
        audio = null;
      }
    }
    // beep plays count short tones of freq hertz: made here, no sound file.
    function beep(count, freq) {
      if (muted() || !audio) return;
      try {
        var at = audio.currentTime + 0.05;
        for (var i = 0; i < count; i++) {
          var osc = audio.createOscillator();
          var gain = audio.createGain();
          osc.type = "sine";
          osc.frequency.value = freq;
          // A soft attack and release: a bare tone clicks.
          gain.gain.setValueAtTime(0.0001, at);
          gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
          osc.connect(gain);
          gain.connect(audio.destination);
          osc.start(at);
          osc.stop(at + 0.32);
          at += 0.45;
        }
      } catch (e) { /* no sound on this device: the cue still shows */ }
    }

    function setUp(el) {
      var total = parseInt(el.getAttribute("data-seconds"), 10);
      if (!(total > 0)) return;
      var block = el.closest(".segment, .worksheet");
      var title = "";
      if (block) {
        title = text(block.querySelector(".segment-title")) || text(block.querySelector(".worksheet-title")) || text(block.querySelector(".block-label"));
      }
      var t = {
        el: el,
        left: total * 1000, // milliseconds, below zero once over
        endAt: 0,
        tick: null,
        started: false,
        halfway: false,
        zero: false,
        overMinutes: 0,
        inFullscreen: false // the Fullscreen API took it, not only the window
      };

      el.textContent = "";
      el.classList.add("no-print");
      el.classList.remove("running", "paused", "halfway", "over", "full");
      el.setAttribute("role", "group");
      el.setAttribute("aria-label", title ? tr("timer_label_for", lengthText(total), title) : tr("timer_label", lengthText(total)));
      el.setAttribute("aria-keyshortcuts", "Space R F");
      // Focusable itself, so that Space has something to start and pause
      // that is not one of its buttons.
      el.tabIndex = 0;
      // Full screen, the digits are as large as the longest time shown
      // fits: "+" and the length, or at least "+10:00" (a short timer may
      // overrun by more than its length).
      el.style.setProperty("--timer-chars", String(Math.max(6, clockText(total).length + 1)));

      function part(tag, cls, parent) {
        var x = doc.createElement(tag);
        x.className = cls;
        (parent || el).appendChild(x);
        return x;
      }
      var head = part("p", "timer-title");
      head.textContent = title;
      head.setAttribute("aria-hidden", "true"); // the group's name says it
      var face = part("div", "timer-face");
      var display = part("span", "timer-display", face);
      display.setAttribute("role", "timer");
      var time = part("span", "timer-time", display);
      display.appendChild(doc.createTextNode(" "));
      var unit = part("span", "timer-unit", display);
      var state = part("span", "timer-state", face);
      var bar = part("div", "timer-bar");
      bar.setAttribute("aria-hidden", "true");
      var fill = part("span", "timer-fill", bar);
      var controls = part("div", "timer-controls");
      function button(cls, label) {
        var b = part("button", cls, controls);
        b.type = "button";
        b.textContent = label;
        return b;
      }
      var start = button("timer-start button-primary", tr("timer_start"));
      var reset = button("timer-reset", tr("timer_reset"));
      var fs = button("timer-fullscreen", tr("timer_fullscreen"));
      var mute = button("timer-mute", tr("timer_mute"));
      t.mute = mute;
      var keys = part("p", "timer-keys");
      keys.setAttribute("aria-hidden", "true"); // aria-keyshortcuts says it
      keys.textContent = tr("timer_keys");
      // Spoken at halfway, at zero and each minute over: not every second.
      var live = part("span", "timer-announce visually-hidden");
      live.setAttribute("aria-live", "polite");

      var lastTime = "";
      var lastFill = "";
      function show() {
        var s;
        var timeText;
        var unitText;
        if (!t.started) {
          timeText = lengthText(total);
          unitText = tr("timer_unit");
        } else if (t.left > 0) {
          s = Math.ceil(t.left / 1000);
          timeText = clockText(s);
          unitText = tr("left_unit");
        } else {
          // Counted like the time left: "+0:01" from the first moment over.
          s = Math.ceil(-t.left / 1000);
          timeText = s ? "+" + clockText(s) : clockText(0);
          unitText = s ? tr("over_unit") : tr("left_unit");
        }
        if (timeText + unitText !== lastTime) {
          time.textContent = timeText;
          unit.textContent = unitText;
          lastTime = timeText + unitText;
        }
        // The bar shrinks with the time left; once over it grows again, in
        // the warning colour, with the time over (full at twice the length).
        var f = t.left > 0 ? t.left / (total * 1000) : Math.min(1, -t.left / (total * 1000));
        var w = (Math.round(f * 1000) / 10) + "%";
        if (w !== lastFill) {
          fill.style.width = w;
          lastFill = w;
        }
        el.classList.toggle("halfway", t.halfway);
        el.classList.toggle("over", t.left <= 0 && t.started);
        el.classList.toggle("running", !!t.tick);
        el.classList.toggle("paused", t.started && !t.tick);
        start.textContent = lang.t(t.tick ? "timer_pause" : t.started ? "timer_resume" : "timer_start");
        reset.hidden = !t.started;
        if (!t.started) state.textContent = "";
        else if (t.left <= 0) state.textContent = lang.t(t.tick ? "time_up" : "time_up_paused");
        else if (!t.tick) state.textContent = lang.t("paused");
        else state.textContent = t.halfway ? lang.t("halfway") : "";
      }
      function announce(msg) {
        live.textContent = msg;
      }
      // cues gives the halfway, zero and minute-over cues that the time
      // just passed; only the latest, after a laptop slept through several.
      function cues() {
        if (!t.zero && t.left <= 0) {
          t.zero = true;
          t.halfway = true;
          announce(title ? lang.t("time_up_for", title) : lang.t("time_up_said"));
          beep(3, 880);
        } else if (!t.halfway && t.left <= total * 500) {
          t.halfway = true;
          announce(lang.t("halfway_left", spoken(Math.ceil(t.left / 1000))));
          beep(1, 660);
        }
        if (t.zero) {
          var over = Math.floor(-t.left / 60000);
          if (over > t.overMinutes) {
            t.overMinutes = over;
            announce(spoken(over * 60) + " over" + (title ? " for " + title : "") + ".");
          }
        }
      }
      function step() {
        if (t.tick) t.left = t.endAt - now();
        cues();
        show();
      }
      function run() {
        if (t.tick) return;
        wakeAudio();
        t.started = true;
        t.endAt = now() + t.left;
        t.tick = setInterval(step, 250);
        step();
      }
      function pause() {
        if (!t.tick) return;
        t.left = t.endAt - now();
        clearInterval(t.tick);
        t.tick = null;
        step();
      }
      function toggle() {
        if (t.tick) pause();
        else run();
      }
      function resetTimer() {
        if (t.tick) clearInterval(t.tick);
        t.tick = null;
        t.started = false;
        t.halfway = false;
        t.zero = false;
        t.overMinutes = 0;
        t.left = total * 1000;
        announce("");
        show();
      }
      function setFull(on) {
        if (on === (full === t)) return;
        if (on && full) full.setFull(false);
        full = on ? t : null;
        el.classList.toggle("full", on);
        doc.body.classList.toggle("has-full-timer", on);
        fs.textContent = lang.t(on ? "timer_exit_fullscreen" : "timer_fullscreen");
        if (on) {
          // The Fullscreen API where the browser allows it; else (an
          // iPhone, a refusal) the timer fills the window all the same.
          if (el.requestFullscreen && !doc.fullscreenElement) {
            try {
              var p = el.requestFullscreen();
              if (p && p.catch) p.catch(function () { /* fills the window */ });
            } catch (e) { /* fills the window */ }
          }
        } else if (t.inFullscreen || doc.fullscreenElement === el) {
          t.inFullscreen = false;
          if (doc.fullscreenElement === el && doc.exitFullscreen) {
            try {
              var q = doc.exitFullscreen();
              if (q && q.catch) q.catch(function () { /* already left */ });
            } catch (e) { /* already left */ }
          }
        }
        // The keys keep working: the timer, not the button just pressed,
        // has the focus (Space on "Full screen" would leave it again).
        el.focus({ preventScroll: on });
      }
      t.setFull = setFull;
      t.stop = function () {
        if (t.tick) clearInterval(t.tick);
        t.tick = null;
        if (full === t) setFull(false);
      };
      t.step = step;
      // The deck starts, pauses and keeps its windows' timers in step.
      t.toggle = toggle;
      t.run = run;
      t.pause = pause;
      t.resetTimer = resetTimer;
      el.lecternTimer = t;
      t.key = function (ev) {
        if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
        var onButton = ev.target && ev.target.closest && ev.target.closest("button");
        switch (ev.key) {
          case " ":
          case "Spacebar":
            if (onButton) return; // the button's own Space
            if (!ev.repeat) toggle();
            break;
          case "r":
          case "R":
            if (!ev.repeat) resetTimer();
            break;
          case "f":
          case "F":
            if (!ev.repeat) setFull(full !== t);
            break;
          case "Escape":
            if (full !== t) return;
            setFull(false);
            break;
          default:
            return;
        }
        ev.preventDefault();
      };

      start.addEventListener("click", toggle);
      reset.addEventListener("click", function () {
        resetTimer();
        el.focus();
      });
      fs.addEventListener("click", function () { setFull(full !== t); });
      mute.addEventListener("click", function () { setMuted(!muted()); });
      el.addEventListener("keydown", t.key);

      shown.push(t);
      show();
      showMuted();
      el.hidden = false;
    }

    return {
      name: "timers",
      selector: "div.timer[data-seconds]",
      clockText: clockText,
      bind: function () {
        // Full screen, the keys reach the timer wherever the focus went.
        doc.addEventListener("keydown", function (ev) {
          if (full && !(ev.target && full.el.contains(ev.target))) full.key(ev);
        });
        // Esc, or the browser's own way out of full screen.
        doc.addEventListener("fullscreenchange", function () {
          if (!full) return;
          if (doc.fullscreenElement === full.el) full.inFullscreen = true;
          else if (full.inFullscreen) {
            full.inFullscreen = false;
            full.setFull(false);
          }
        });
        // A tab in the background is woken up late: catch up at once.
        doc.addEventListener("visibilitychange", function () {
          if (!doc.hidden) shown.forEach(function (t) { t.step(); });
        });
        // Muted in another tab of this kit: muted here too.
        window.addEventListener("storage", function (ev) {
          if (ev.key === null || ev.key === muteKey) showMuted();
        });
      },
      init: function (el) {
        muteKey = "lectern-timers-muted:" + kit;
        setUp(el);
      },
      reset: function () {
        shown.forEach(function (t) { t.stop(); });
        shown = [];
        full = null;
      }
    };
  })());

  /* --------------------------------------------------------- clock shift */

  // Times of day in the facilitator edition are <time class="clock"
  // data-day="N" data-min="545">, planned minutes after midnight of day N
  // (data-est: an estimate, shown "≈09:05"). The facilitator can start a day
  // now or shift it by five minutes at a time on the run-sheet; the shift is
  // kept per kit and day, under "lectern-shift:<kit>:<day>", and every clock
  // on every facilitator page follows it, in every tab. A shift holds on the
  // day it was set only: a rehearsal the evening before does not move the
  // workshop's clocks.
  var clockShift = feature((function clockShift() {
    function pad(n) {
      return (n < 10 ? "0" : "") + n;
    }
    // A time of day as the page writes it: "09:30", or "9:30 AM" on a
    // 12-hour clock (the kit's clock, and its language's AM, PM and
    // digits: i18n.Locale.Clock).
    function clock(min) {
      min = ((Math.floor(min) % 1440) + 1440) % 1440;
      var h = Math.floor(min / 60);
      if (!lang.h12) return lang.digits(pad(h) + ":" + pad(min % 60));
      return lang.digits(((h % 12) || 12) + ":" + pad(min % 60)) + "\u00a0" + tr(h < 12 ? "clock_am" : "clock_pm");
    }
    // The time of day for a datetime attribute: always "09:30".
    function isoClock(min) {
      min = ((Math.floor(min) % 1440) + 1440) % 1440;
      return pad(Math.floor(min / 60)) + ":" + pad(min % 60);
    }
    // A duration for people: "7 min", "1 h", "1 h 5 min".
    function duration(min) {
      if (min < 60) return tr("dur_min", min);
      return min % 60 ? tr("dur_h_min", Math.floor(min / 60), min % 60) : tr("dur_h", min / 60);
    }
    // The local date, as the pages write a day's date: "2026-12-10".
    function today() {
      var d = new Date();
      return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    }
    function key(day) {
      return "lectern-shift:" + kit + ":" + day;
    }
    // The state of a day in force today: {shift, on, started}, or null.
    function state(day) {
      var s = readJSON(key(day));
      return s && s.on === today() && typeof s.shift === "number" ? s : null;
    }
    function shift(day) {
      var s = state(day);
      return s ? s.shift : 0;
    }
    function save(day, minutes, started) {
      setItem(key(day), JSON.stringify({ shift: minutes, on: today(), started: !!started }));
      refresh();
    }
    function clear(day) {
      removeItem(key(day));
      refresh();
    }
    // The dates of the days the page knows (its run-sheet tables, a
    // module's slot), by day number.
    function dates() {
      var out = {};
      each(doc.querySelectorAll("[data-day][data-date]"), function (el) {
        out[el.getAttribute("data-day")] = el.getAttribute("data-date");
      });
      return out;
    }
    function apply(scope) {
      var when = dates();
      var shifts = {};
      each((scope || doc).querySelectorAll("time.clock[data-day][data-min]"), function (el) {
        var day = el.getAttribute("data-day");
        var planned = Number(el.getAttribute("data-min"));
        if (!(day in shifts)) shifts[day] = shift(day);
        var t = clock(planned + shifts[day]);
        var iso = isoClock(planned + shifts[day]);
        var shown = (el.hasAttribute("data-est") ? "\u2248" : "") + t;
        if (el.textContent !== shown) el.textContent = shown;
        el.setAttribute("datetime", when[day] ? when[day] + "T" + iso : iso);
        if (shifts[day]) el.title = tr("planned_at", clock(planned));
        else el.removeAttribute("title");
      });
    }
    // Everything that shows the time again: the clocks, then the run-sheet.
    function refresh() {
      apply(doc);
      runSheet.tick();
    }
    return {
      name: "clock shift",
      applies: function () { return root.getAttribute("data-edition") === "facilitator"; },
      bind: function () {
        // Another tab started or shifted a day.
        window.addEventListener("storage", function (ev) {
          if (ev.key === null || ev.key.indexOf("lectern-shift:" + kit + ":") === 0) refresh();
        });
        // A laptop that slept, or a tab left in the background: catch up.
        doc.addEventListener("visibilitychange", function () {
          if (!doc.hidden) refresh();
        });
        // The minutes go by, and at midnight yesterday's shift lapses.
        setInterval(refresh, 30000);
      },
      init: function (scope) { apply(scope); },
      clock: clock,
      duration: duration,
      today: today,
      state: state,
      shift: shift,
      save: save,
      clear: clear,
      refresh: refresh
    };
  })());

  /* ------------------------------------------------------------ run-sheet */

  // The run-sheet and the dashboard: where the workshop stands (before, on
  // or after its days), what is on now and next on the day that runs today,
  // and, on the run-sheet, each day's buttons to start it or shift it.
  // A day runs today when it is dated today, or when the facilitator pressed
  // its Start now today; a kit without a date shows no now and next until
  // then.
  var runSheet = feature((function runSheet() {

    function num(el, name) {
      return Number(el.getAttribute(name));
    }
    function span(el) {
      return { start: num(el, "data-start"), end: num(el, "data-end") };
    }
    // "2026-12-10" as the number of days since 1970, for differences.
    function dayNumber(iso) {
      var p = iso.split("-");
      return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / 864e5);
    }
    // "Thursday 10 December", and the year when it is not this one, in
    // the page's language.
    function longDate(iso) {
      var p = iso.split("-");
      var d = new Date(+p[0], +p[1] - 1, +p[2]);
      var wd = tr("weekday_" + d.getDay());
      var mo = tr("month_" + (d.getMonth() + 1));
      if (d.getFullYear() === new Date().getFullYear()) return tr("date_long_this_year", wd, d.getDate(), mo);
      return tr("date_long", wd, d.getDate(), mo, d.getFullYear());
    }

    // The days on the page: run-sheet tables, or the dashboard's brief days.
    function days() {
      var out = [];
      var seen = {};
      each(doc.querySelectorAll("table.run-sheet[data-day], .brief-day[data-day]"), function (el) {
        var n = el.getAttribute("data-day");
        if (seen[n]) return;
        seen[n] = true;
        out.push({
          n: n, el: el, date: el.getAttribute("data-date") || "",
          start: num(el, "data-start"), end: num(el, "data-end"), finish: num(el, "data-finish"),
          rows: Array.prototype.slice.call(el.querySelectorAll(".slot[data-start], .break[data-start]"))
        });
      });
      return out;
    }
    // The day that runs today: one started by hand today, else one dated today.
    function running(list, today) {
      var hit = null;
      list.forEach(function (d) {
        var st = clockShift.state(d.n);
        if (!hit && st && st.started) hit = d;
      });
      list.forEach(function (d) {
        if (!hit && d.date === today) hit = d;
      });
      return hit;
    }

    function rowTitle(row) {
      return text(row.querySelector(".slot-title"));
    }
    function segTitle(li) {
      return text(li.querySelector(".seg-what"));
    }
    // A segment's time as its clock shows it, "≈" and all.
    function segClock(li, min, day) {
      var c = li.querySelector("time.clock");
      var est = c && c.hasAttribute("data-est") ? "\u2248" : "";
      return est + clockShift.clock(min + clockShift.shift(day.n));
    }

    function shiftText(d) {
      var sh = clockShift.shift(d.n);
      var clock = clockShift.clock;
      if (!sh) return tr("on_plan", clock(d.finish));
      return tr(sh > 0 ? "running_late" : "running_early", clockShift.duration(Math.abs(sh)), clock(d.finish + sh), clock(d.finish));
    }
    // "Starts tomorrow at 09:00", "Day 2 starts on Friday 11 December at
    // 09:00 (in 6 days)".
    function startsText(d, list, today) {
      var diff = dayNumber(d.date) - dayNumber(today);
      var at = clockShift.clock(d.start + clockShift.shift(d.n));
      var first = d === list[0];
      if (diff === 1) return first ? tr("starts_tomorrow", at) : tr("day_starts_tomorrow", Number(d.n), at);
      return first ? tr("starts_on", longDate(d.date), at, diff) : tr("day_starts_on", Number(d.n), longDate(d.date), at, diff);
    }
    // The next dated day after today, or null.
    function nextDay(list, today) {
      var hit = null;
      list.forEach(function (d) {
        if (!hit && d.date && d.date > today) hit = d;
      });
      return hit;
    }

    // The lines of the now and next on day d at planned minute t.
    function nowNext(d, t, list, today) {
      var clock = function (min) { return clockShift.clock(min + clockShift.shift(d.n)); };
      var rows = d.rows;
      if (!rows.length) return [];
      if (t < span(rows[0]).start) {
        rows[0].classList.add("next");
        return [tr("now_not_started"), tr("next_item", clock(span(rows[0]).start) + " " + rowTitle(rows[0]))];
      }
      if (t >= d.finish) {
        var later = nextDay(list, today);
        var ended = tr("day_ended", clock(d.finish));
        return later ? [ended, startsText(later, list, today)] : [ended];
      }
      var now = null;
      var next = null;
      rows.forEach(function (tr) {
        var s = span(tr);
        if (!now && s.start <= t && t < s.end) now = tr;
        else if (!next && s.start > t) next = tr;
      });
      var nowText = tr("now_nothing");
      var nextText = "";
      if (now) {
        now.classList.add("now");
        now.setAttribute("aria-current", "time");
        nowText = tr("now_item", rowTitle(now));
        var nowSeg = null;
        var nextSeg = null;
        each(now.querySelectorAll(".segments > li[data-start]"), function (li) {
          var s = span(li);
          if (!nowSeg && s.start <= t && t < s.end) nowSeg = li;
          else if (!nextSeg && s.start > t) nextSeg = li;
        });
        if (nowSeg) {
          nowSeg.classList.add("now");
          nowText = tr("until", nowText + " \u2014 " + segTitle(nowSeg), segClock(nowSeg, span(nowSeg).end, d));
        } else {
          nowText = tr("until", nowText, clock(span(now).end));
        }
        if (nextSeg) {
          nextSeg.classList.add("next");
          nextText = segClock(nextSeg, span(nextSeg).start, d) + " " + segTitle(nextSeg);
        }
      }
      if (next) {
        next.classList.add("next");
        if (!nextText) nextText = clock(span(next).start) + " " + rowTitle(next);
      }
      return [nowText, tr("next_item", nextText || tr("next_end_of_day", clock(d.finish)))];
    }

    // Writes lines into p (hidden when there are none), only when they
    // changed: p is a live region, and a screen reader repeats what is set.
    function show(p, lines) {
      if (!p) return;
      var key = lines.join("\n");
      if (p.getAttribute("data-shown") === key && p.hidden === !lines.length) return;
      p.setAttribute("data-shown", key);
      p.textContent = "";
      lines.forEach(function (line, i) {
        if (i > 0) {
          var sep = doc.createElement("span");
          sep.className = "now-next-sep";
          sep.textContent = " \u00b7 ";
          p.appendChild(sep);
        }
        var s = doc.createElement("span");
        s.textContent = line;
        p.appendChild(s);
      });
      p.hidden = !lines.length;
      p.classList.add("no-print");
    }

    // Each day's footer: the end with the shift, on time or over.
    function verdict(d) {
      var v = d.el.querySelector("tfoot .verdict");
      if (!v || d.end < 0) return;
      var over = d.finish + clockShift.shift(d.n) - d.end;
      var say = over > 0 ? tr("overrun_by", clockShift.duration(over)) : tr("on_time");
      if (v.getAttribute("data-shown") === say) return;
      v.setAttribute("data-shown", say);
      v.textContent = " \u2014 ";
      if (over > 0) {
        var s = doc.createElement("strong");
        s.className = "overrun";
        s.textContent = say;
        v.appendChild(s);
      } else {
        v.appendChild(doc.createTextNode(say));
      }
    }

    // The run-sheet's buttons above each day's table.
    function controls(d) {
      var table = d.el;
      if (table.tagName !== "TABLE") return null;
      var before = table.closest(".table-scroll") || table;
      var bar = before.previousElementSibling;
      if (bar && bar.classList.contains("day-controls")) return bar;
      bar = doc.createElement("div");
      bar.className = "day-controls no-print";
      var status = doc.createElement("p");
      status.className = "day-shift";
      status.id = "day-shift-" + d.n;
      status.setAttribute("aria-live", "polite");
      var group = doc.createElement("div");
      group.className = "day-buttons";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", tr("day_start_shift", Number(d.n)));
      function button(act, label, cls) {
        var b = doc.createElement("button");
        b.type = "button";
        b.setAttribute("data-act", act);
        b.textContent = label;
        if (cls) b.className = cls;
        group.appendChild(b);
        return b;
      }
      button("start", tr("start_now"), "button-primary");
      button("earlier", "\u2212" + tr("dur_min", 5));
      button("later", "+" + tr("dur_min", 5));
      button("plan", tr("back_to_plan"));
      group.addEventListener("click", function (ev) {
        var b = ev.target.closest("button[data-act]");
        if (!b) return;
        var n = d.n;
        var st = clockShift.state(n);
        var sh = st ? st.shift : 0;
        switch (b.getAttribute("data-act")) {
          case "start":
            var now = new Date();
            clockShift.save(n, now.getHours() * 60 + now.getMinutes() - d.start, true);
            break;
          case "earlier":
            clockShift.save(n, sh - 5, st && st.started);
            break;
          case "later":
            clockShift.save(n, sh + 5, st && st.started);
            break;
          case "plan":
            // A day started by hand keeps running, on plan.
            if (st && st.started) clockShift.save(n, 0, true);
            else clockShift.clear(n);
            break;
        }
      });
      bar.appendChild(status);
      bar.appendChild(group);
      before.parentNode.insertBefore(bar, before);
      return bar;
    }
    function showControls(d, runs) {
      var bar = controls(d);
      if (!bar) return;
      var st = clockShift.state(d.n);
      var say = shiftText(d);
      if (!runs && !st) say = tr("not_started_hint");
      var p = bar.querySelector(".day-shift");
      if (p.textContent !== say) p.textContent = say;
      // Shifting a day that is not running would move nothing the room sees.
      each(bar.querySelectorAll("[data-act=earlier], [data-act=later], [data-act=plan]"), function (b) {
        b.hidden = !runs && !st;
      });
      bar.classList.toggle("shifted", !!(st && st.shift));
      bar.classList.toggle("idle", !runs && !st);
    }

    function tick() {
      var list = days();
      if (!list.length) return;
      var today = clockShift.today();
      var now = new Date();
      var minutes = now.getHours() * 60 + now.getMinutes() + now.getSeconds() / 60;
      each(doc.querySelectorAll(".run-sheet .now, .run-sheet .next, .brief .now, .brief .next"), function (el) {
        el.classList.remove("now", "next");
        el.removeAttribute("aria-current");
      });
      var day = running(list, today);
      var agenda = page === "agenda";
      var status = [];
      var lines = [];
      if (day) {
        lines = nowNext(day, minutes - clockShift.shift(day.n), list, today);
        if (!agenda) status = [list.length > 1 ? tr("today_day_status", Number(day.n), shiftText(day)) : tr("today_status", shiftText(day))];
      } else {
        var later = nextDay(list, today);
        var last = null;
        list.forEach(function (d) { if (d.date) last = d; });
        if (later) status = [startsText(later, list, today)];
        else if (last) status = [tr("ended_on", longDate(last.date))];
        else status = [tr(agenda ? "no_date_agenda" : "no_date")];
      }
      show(doc.querySelector(".schedule-status"), status);
      show(doc.querySelector(".now-next"), lines);
      // The dashboard shows one day in brief: today's, else the next, else day 1.
      var shown = day || nextDay(list, today) || list[0];
      list.forEach(function (d) {
        d.el.classList.toggle("today", d === day);
        if (d.el.classList.contains("brief-day")) d.el.hidden = d !== shown;
        if (agenda) showControls(d, d === day);
        verdict(d);
      });
    }

    return {
      name: "run-sheet",
      applies: function () { return page === "agenda" || page === "dashboard"; },
      init: function () { tick(); },
      // Recomputes the status and the now and next from the clock.
      tick: tick
    };
  })());

  /* ----------------------------------------------------------------- deck */

  // The facilitator's deck (facilitator/present/): one slide at a time on
  // the projector. The same page with ?presenter is the presenter window:
  // the current and next slide, the module's notes, the clock, the drift
  // from the run-sheet and the timer. The windows keep in step through
  // localStorage, under "lectern-deck:<kit>": whichever moves, blanks or
  // starts a timer, the other follows (the storage event).
  feature((function deck() {
    var d = null; // the deck shown, if any
    var HELP_MS = 3000; // the help line shows this long, then fades
    var self = Math.random().toString(36).slice(2); // this window, in the state saved

    function storeKey() { return "lectern-deck:" + kit; }

    function setUp(scope) {
      var el = scope.querySelector(".deck");
      if (!el) return;
      var slides = Array.prototype.slice.call(el.querySelectorAll(".slides > section.slide"));
      if (!slides.length) return;
      var presenter = /(^|[?&])presenter(=|&|$)/.test(window.location.search);
      d = {
        el: el, slides: slides, current: 0, blank: false, full: false, presenter: presenter,
        digits: "", helpAt: Date.now(), tick: null
      };
      var help = el.querySelector(".deck-help");
      var count = el.querySelector(".slide-count");
      var jump = el.querySelector(".deck-jump");
      var blank = el.querySelector(".deck-blank");
      var nextBox = el.querySelector(".presenter-next-slide");
      var bar = el.querySelector(".presenter-bar");
      root.classList.toggle("deck-presenter", presenter);
      each(el.querySelectorAll(".presenter-bar, .presenter-next, .presenter-notes"), function (x) {
        x.hidden = !presenter;
      });
      if (presenter) {
        var link = el.querySelector(".deck-presenter-link");
        if (link) link.hidden = true;
      }
      count.setAttribute("aria-live", "polite");

      function timerOf(s) {
        var t = s && s.querySelector(".timer");
        return t && t.lecternTimer;
      }
      function timerState(t) {
        return { started: t.started, running: !!t.tick, left: t.left, endAt: t.endAt };
      }
      function save(extra) {
        var st = { n: d.current + 1, blank: d.blank, by: self };
        if (extra) st.timer = extra;
        setItem(storeKey(), JSON.stringify(st));
      }

      function show(i, quiet) {
        i = Math.max(0, Math.min(slides.length - 1, i));
        d.current = i;
        slides.forEach(function (s, j) { s.hidden = j !== i; });
        count.textContent = lang.digits((i + 1) + " / " + slides.length);
        if (presenter) {
          var nx = slides[i + 1];
          nextBox.textContent = "";
          if (nx) {
            var c = nx.cloneNode(true);
            c.hidden = false;
            c.removeAttribute("id");
            c.removeAttribute("aria-roledescription");
            each(c.querySelectorAll("[id]"), function (x) { x.removeAttribute("id"); });
            each(c.querySelectorAll(".timer"), function (x) { x.remove(); });
            nextBox.appendChild(c);
          } else {
            nextBox.textContent = tr("end_of_workshop");
          }
          var mod = slides[i].getAttribute("data-module");
          each(el.querySelectorAll(".deck-notes"), function (n) {
            n.hidden = n.getAttribute("data-module") !== mod;
          });
        }
        try {
          history.replaceState(null, "", window.location.search + "#" + (i + 1));
        } catch (e) { /* file:// in some browsers */ }
        step();
        if (!quiet) save();
      }
      function setBlank(on, quiet) {
        d.blank = on;
        el.classList.toggle("blanked", on);
        blank.hidden = !on || presenter;
        step();
        if (!quiet) save();
      }
      function setFull(on) {
        d.full = on;
        el.classList.toggle("full", on);
        if (on && !doc.fullscreenElement && root.requestFullscreen) {
          try {
            var p = root.requestFullscreen();
            if (p && p.catch) p.catch(function () { /* the page fills the window all the same */ });
          } catch (e) { /* fills the window */ }
        } else if (!on && doc.fullscreenElement && doc.exitFullscreen) {
          try {
            var q = doc.exitFullscreen();
            if (q && q.catch) q.catch(function () { /* already left */ });
          } catch (e) { /* already left */ }
        }
        step();
      }
      d.fullscreenLeft = function () { if (d.full) setFull(false); };
      function toggleTimer() {
        var t = timerOf(slides[d.current]);
        if (!t) return;
        t.toggle();
        save(timerState(t));
      }
      // follow applies what the other window saved.
      d.follow = function () {
        var st = readJSON(storeKey());
        if (!st || st.by === self) return;
        if (typeof st.n === "number" && st.n - 1 !== d.current) show(st.n - 1, true);
        if (!!st.blank !== d.blank) setBlank(!!st.blank, true);
        var t = st.timer && timerOf(slides[d.current]);
        if (t) {
          var x = st.timer;
          if (!x.started) t.resetTimer();
          else if (x.running) {
            t.pause();
            t.left = x.endAt - Date.now();
            t.run();
          } else {
            t.pause();
            t.left = x.left;
            t.started = true;
            t.step();
          }
        }
      };

      function step() {
        // The help line: a few seconds after the deck opens, never on a
        // blank or full screen deck; the presenter window keeps it.
        var showHelp = presenter || (!d.blank && !d.full && Date.now() - d.helpAt < HELP_MS);
        help.classList.toggle("faded", !showHelp);
        el.classList.toggle("help-hidden", !showHelp);
        // A break counts down to when the room is back.
        var s = slides[d.current];
        var cd = s.querySelector(".slide-countdown");
        if (cd) {
          var day = cd.getAttribute("data-day");
          var until = Number(cd.getAttribute("data-until")) + clockShift.shift(day);
          var now = new Date();
          var secs = Math.ceil(until * 60 - (now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds() + now.getMilliseconds() / 1000));
          var say = secs > 0 && secs < 12 * 3600 ? tr("left", timers.clockText(secs)) : "";
          if (cd.textContent !== say) cd.textContent = say;
        }
        if (presenter) presenterBar(s);
      }
      function presenterBar(s) {
        var now = new Date();
        var clock = clockShift.clock(now.getHours() * 60 + now.getMinutes());
        var p = bar.querySelector(".presenter-clock");
        if (p.textContent !== clock) p.textContent = clock;
        var day = s.getAttribute("data-day");
        var drift = "";
        if (day) {
          var sh = clockShift.shift(day);
          var mins = now.getHours() * 60 + now.getMinutes();
          var from = Number(s.getAttribute("data-from")) + sh;
          var to = Number(s.getAttribute("data-to")) + sh;
          if (mins > to) drift = tr("behind", clockShift.duration(mins - to));
          else if (mins < from && from - mins < 12 * 60) drift = tr("ahead", clockShift.duration(from - mins));
          else drift = tr("on_time_drift");
          if (sh) drift += " \u00b7 " + tr("day_shifted", (sh > 0 ? "+" : "\u2212") + clockShift.duration(Math.abs(sh)));
        }
        var q = bar.querySelector(".presenter-drift");
        if (q.textContent !== drift) q.textContent = drift;
        var state = d.blank ? tr("blanked") : "";
        var r = bar.querySelector(".presenter-state");
        if (r.textContent !== state) r.textContent = state;
      }

      d.key = function (ev) {
        if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
        var tg = ev.target;
        var inTimer = tg && tg.closest && tg.closest(".timer");
        var onControl = tg && tg.closest && tg.closest("a, button, input, textarea, select, summary");
        var k = ev.key;
        if (inTimer && (k === " " || k === "Spacebar" || k === "r" || k === "R" || k === "Enter")) return; // the timer's own keys
        if (/^[0-9]$/.test(k)) {
          d.digits = (d.digits + k).slice(-4);
          jump.hidden = false;
          jump.textContent = tr("go_to_slide", d.digits);
        } else if (k === "Enter" && d.digits) {
          var n = parseInt(d.digits, 10);
          d.digits = "";
          jump.hidden = true;
          if (n > 0) show(n - 1);
        } else {
          if (d.digits && k !== "Shift") {
            d.digits = "";
            jump.hidden = true;
          }
          switch (k) {
            case "ArrowRight":
            case "ArrowDown":
            case "PageDown":
            case " ":
            case "Spacebar":
              if (onControl && k === " ") return;
              show(d.current + 1);
              break;
            case "ArrowLeft":
            case "ArrowUp":
            case "PageUp":
              show(d.current - 1);
              break;
            case "Home":
              show(0);
              break;
            case "End":
              show(slides.length - 1);
              break;
            case "b":
            case "B":
            case ".":
              setBlank(!d.blank);
              break;
            case "f":
            case "F":
              setFull(!d.full);
              break;
            case "t":
            case "T":
              toggleTimer();
              break;
            case "p":
            case "P":
              if (!presenter) window.open("?presenter#" + (d.current + 1), "lectern-presenter");
              break;
            case "Escape":
              if (d.blank) setBlank(false);
              else if (d.full) setFull(false);
              else return;
              break;
            default:
              return;
          }
        }
        ev.preventDefault();
        ev.stopPropagation();
      };
      el.addEventListener("click", function (ev) {
        if (presenter || (ev.target.closest && ev.target.closest("a, button, input, textarea, summary, .timer"))) return;
        show(d.current + 1);
      });
      // Starting a timer by its own button: the other window follows too.
      el.addEventListener("click", function (ev) {
        var b = ev.target.closest && ev.target.closest(".timer button");
        var t = b && timerOf(b.closest(".slide"));
        if (t) save(timerState(t));
      });

      var saved = readJSON(storeKey());
      // #12 or #slide-12: the slide to open at; #quotes, the first quote
      // (the quote wall's projector link).
      var hash = window.location.hash || "";
      var start = parseInt(hash.replace(/^#(slide-)?/, ""), 10);
      if (hash === "#quotes") {
        var q = el.querySelector("#quotes");
        if (q) start = parseInt(q.closest(".slide").getAttribute("data-n"), 10);
      }
      if (!(start > 0) && presenter && saved && saved.n > 0) start = saved.n;
      if (!(start > 0)) start = parseInt(el.getAttribute("data-start"), 10);
      show(start > 0 ? start - 1 : 0, presenter);
      if (presenter && saved && saved.blank) setBlank(true, true);
      d.tick = setInterval(step, 250);
    }

    return {
      name: "deck",
      applies: function () { return page === "deck"; },
      bind: function () {
        // Before the timers' own keys (capture): B, F, T and the arrows
        // are the deck's wherever the focus is.
        window.addEventListener("keydown", function (ev) {
          if (d) d.key(ev);
        }, true);
        window.addEventListener("storage", function (ev) {
          if (d && (ev.key === null || ev.key === storeKey())) d.follow();
        });
        doc.addEventListener("fullscreenchange", function () {
          if (d && !doc.fullscreenElement) d.fullscreenLeft();
        });
      },
      init: setUp,
      reset: function () {
        if (d && d.tick) clearInterval(d.tick);
        d = null;
      },
      // The slide shown, 1-based, or 0 (for tests and lectern serve).
      current: function () { return d ? d.current + 1 : 0; }
    };
  })());

  /* ----------------------------------------------------------------- tabs */

  // A tabs block shows every tab in order, each under its title, until this
  // runs: then a tab list (the WAI-ARIA tabs pattern: arrow keys, Home and
  // End move between the tabs) shows one tab at a time. The reader's choice
  // is remembered by its title, under "lectern-tabs:<kit>", and picked
  // wherever a tabs block offers it: in the other blocks of this page, and
  // on the next page. Print shows every tab again (print.css).
  feature((function tabs() {
    var groups = []; // the tabs blocks of the content shown
    var max = 20;     // titles remembered, the latest first

    function storeKey() { return "lectern-tabs:" + kit; }
    function remembered() {
      try {
        var v = JSON.parse(getItem(storeKey()) || "[]");
        return Array.isArray(v) ? v : [];
      } catch (e) {
        return [];
      }
    }
    function remember(title) {
      var list = remembered().filter(function (t) { return t !== title; });
      list.unshift(title);
      setItem(storeKey(), JSON.stringify(list.slice(0, max)));
    }
    function titleOf(panel) { return panel.getAttribute("data-tab") || ""; }

    // pick is the panel to show first: the one whose title the reader
    // chose most recently, else the first.
    function pick(panels) {
      var list = remembered();
      for (var k = 0; k < list.length; k++) {
        for (var j = 0; j < panels.length; j++) {
          if (titleOf(panels[j]) === list[k]) return j;
        }
      }
      return 0;
    }

    // choose shows tab i of group g, and the tab of the same title in the
    // other groups of the page, and remembers the choice.
    function choose(g, i, focus) {
      var title = titleOf(g.panels[i]);
      g.select(i, focus);
      if (!title) return;
      remember(title);
      groups.forEach(function (o) {
        if (o === g) return;
        for (var j = 0; j < o.panels.length; j++) {
          if (titleOf(o.panels[j]) === title) {
            o.select(j, false);
            return;
          }
        }
      });
    }

    function setUp(box) {
      var panels = [];
      var ready = false;
      each(box.children, function (c) {
        if (c.classList.contains("tab-panel")) panels.push(c);
        if (c.getAttribute("role") === "tablist") ready = true;
      });
      if (!panels.length || ready) return;
      var list = doc.createElement("div");
      list.className = "tab-list";
      list.setAttribute("role", "tablist");
      list.setAttribute("aria-label", box.getAttribute("data-label") || tr("choose_one"));
      var tabs = panels.map(function (p, i) {
        var b = doc.createElement("button");
        b.type = "button";
        b.id = p.id + "-tab";
        b.setAttribute("role", "tab");
        b.setAttribute("aria-controls", p.id);
        b.textContent = titleOf(p) || tr("tab_n", i + 1);
        p.setAttribute("role", "tabpanel");
        p.setAttribute("aria-labelledby", b.id);
        p.setAttribute("tabindex", "0");
        list.appendChild(b);
        return b;
      });
      var g = {
        panels: panels,
        select: function (i, focus) {
          tabs.forEach(function (t, j) {
            t.setAttribute("aria-selected", j === i ? "true" : "false");
            t.tabIndex = j === i ? 0 : -1;
            panels[j].hidden = j !== i;
          });
          if (focus) tabs[i].focus();
        }
      };
      list.addEventListener("click", function (ev) {
        var i = tabs.indexOf(ev.target.closest ? ev.target.closest('[role="tab"]') : null);
        if (i >= 0) choose(g, i, false);
      });
      list.addEventListener("keydown", function (ev) {
        var i = tabs.indexOf(doc.activeElement);
        var n = tabs.length;
        var to;
        if (i < 0 || ev.altKey || ev.ctrlKey || ev.metaKey) return;
        switch (ev.key) {
          case "ArrowRight": to = (i + 1) % n; break;
          case "ArrowLeft": to = (i - 1 + n) % n; break;
          case "Home": to = 0; break;
          case "End": to = n - 1; break;
          default: return;
        }
        ev.preventDefault();
        choose(g, to, true);
      });
      box.insertBefore(list, panels[0]);
      box.classList.add("tabs-ready");
      g.select(pick(panels), false);
      groups.push(g);
    }

    // showTarget shows the tab that holds the element the address points
    // to (a heading in a tab, a search result), without remembering it.
    function showTarget() {
      var id = decodeURIComponent((window.location.hash || "").slice(1));
      var el = id && doc.getElementById(id);
      if (!el) return;
      groups.forEach(function (g) {
        for (var j = 0; j < g.panels.length; j++) {
          if (g.panels[j].hidden && g.panels[j].contains(el)) g.select(j, false);
        }
      });
    }

    return {
      name: "tabs",
      selector: ".tabs",
      bind: function () {
        window.addEventListener("hashchange", showTarget);
      },
      init: function (box) {
        setUp(box);
        showTarget();
      },
      reset: function () { groups = []; }
    };
  })());

  /* ---------------------------------------------------------------- init */

  var bound = []; // the features whose listeners were added

  // init sets the page up: on load, and again on new content put in place
  // of the old (scope: the document, or the element holding the content).
  function init(scope) {
    scope = scope || doc;
    root.classList.add("js");
    kit = root.getAttribute("data-kit") || "kit";
    page = root.getAttribute("data-page") || "";
    prefix = "lectern:" + kit + ":";
    labelsKey = "lectern-labels:" + kit;
    // What the content shown before had set up.
    features.forEach(function (f) {
      if (f.reset) f.reset();
    });
    features.forEach(function (f) {
      if (f.applies && !f.applies()) return;
      if (f.bind && bound.indexOf(f) < 0) {
        bound.push(f);
        f.bind();
      }
      if (f.selector) each(scope.querySelectorAll(f.selector), function (el) { f.init(el); });
      else f.init(scope);
    });
  }
  init(doc);
  // For lectern serve, which patches pages in place.
  if (me && me.src) {
    (window.lecternReinit = window.lecternReinit || {})[new URL(me.src, location.href).pathname] = init;
  }

  /* -------------------------------------------------------- a small API */

  window.lectern = {
    // Set the page up again after its content was replaced.
    init: init,
    // Show every clock, the run-sheet's status and its now and next again
    // (after the clock or a day's shift changed).
    tick: function () { clockShift.refresh(); },
    // The Markdown that "Download my answers" saves.
    answersMarkdown: download.markdown,
    storage: store ? "localStorage" : "memory"
  };
})();

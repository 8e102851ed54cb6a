/* Lectern default theme: the behaviour of the pages.
 *
 * No dependencies, no network requests; works from file:// as well as from a
 * web server. Everything an attendee writes or chooses stays in this browser
 * (localStorage, under "lectern:<kit>:<module>:<block id>") and leaves it only
 * when the attendee downloads it as a Markdown file.
 *
 * Pieces: navigation fold, scrolling tables, self-checks, answer boxes,
 * "Download my answers", timers (facilitator edition), the run-sheet's now
 * and next, and the projector view of the quotes.
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

  // Read from the page by init.
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

  /* ---------------------------------------------------------- navigation */

  var fold = null;
  var wide = null;
  function applyFold() {
    if (fold && wide) fold.open = wide.matches;
  }
  function initFold(scope) {
    fold = scope.querySelector("details.nav-fold");
    if (!fold || !window.matchMedia) return;
    if (!wide) {
      wide = window.matchMedia("(min-width: 60em)");
      if (wide.addEventListener) wide.addEventListener("change", applyFold);
      else if (wide.addListener) wide.addListener(applyFold);
    }
    applyFold();
  }

  /* ------------------------------------------------- scrolling containers */

  // Tables and code scroll inside themselves, never the page. A scrolling
  // region must be reachable by keyboard, so it takes focus.
  function wrapTables(scope) {
    each(scope.querySelectorAll("main table"), function (table) {
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
          el.setAttribute("aria-label", cap ? text(cap) : "Table (scrolls sideways)");
        }
      } else if (!scrolls && el.getAttribute("tabindex") === "0" && el.hasAttribute("data-lectern-scroll")) {
        el.removeAttribute("tabindex");
      }
      if (scrolls) el.setAttribute("data-lectern-scroll", "");
    });
  }

  /* ---------------------------------------------------------- self-check */

  var selfchecks = [];

  function initSelfcheck(sec) {
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
      else if (!answered) tally.textContent = "Answer the questions to see your tally. Your answers stay in this browser.";
      else tally.textContent = "You lean toward " + toward + " on " + lean + " of " + questions.length + ".";
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
          updateTally("Your answers were cleared.");
        });
      }
    }
    selfchecks.push({ key: key, refresh: function () { apply(readJSON(key)); updateTally(); } });
  }

  /* ------------------------------------------------------------- answers */

  var answerBoxes = []; // {key, box, print}
  var pending = {};     // key -> timer id

  function printCopy(box) {
    var out = box.parentNode && box.parentNode.querySelector(".answer-print");
    if (!out) return;
    out.textContent = box.value;
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

  function initAnswer(box) {
    var modEl = box.closest("[data-module]");
    if (!modEl) return;
    var id = box.getAttribute("data-answer");
    var entry = { key: keyFor(modEl.getAttribute("data-module"), id), id: id, box: box, modEl: modEl };
    answerBoxes.push(entry);
    var saved = getItem(entry.key);
    if (saved !== null) box.value = saved;
    printCopy(box);
    box.addEventListener("input", function () {
      printCopy(box);
      // The same block elsewhere on this page shows the same text.
      answerBoxes.forEach(function (other) {
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
  function beforePrint() {
    flushAll();
    answerBoxes.forEach(function (e) { printCopy(e.box); });
  }

  // Another tab of this kit changed something: show it here too.
  function onStorage(ev) {
    if (ev.key !== null && ev.key.indexOf(prefix) !== 0) return;
    answerBoxes.forEach(function (e) {
      if (ev.key !== null && ev.key !== e.key) return;
      if (doc.activeElement === e.box) return;
      var v = getItem(e.key);
      e.box.value = v === null ? "" : v;
      printCopy(e.box);
    });
    selfchecks.forEach(function (s) {
      if (ev.key === null || ev.key === s.key) s.refresh();
    });
  }

  /* ------------------------------------------------- download my answers */

  // Modules answered before take their place in the kit from any page that
  // shows them (the home page lists them all): a module may have moved, or
  // been answered on a page from before data-order.
  function refreshOrder(scope) {
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

  // Each module's place in the kit, as its pages told remember() and
  // refreshOrder(): the navigation of a long kit lists only the modules near
  // the page.
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
    flushAll();
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
    var out = ["# My answers: " + site, ""];
    out.push("Saved " + new Date().toISOString().slice(0, 10) + " from this browser. Nothing was sent anywhere.", "");
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
          out.push("### " + (info.title || "Self-check") + " (" + it.id + ")", "");
          var qs = info.questions || {};
          Object.keys(answers).sort(function (a, b) {
            return a.localeCompare(b, undefined, { numeric: true });
          }).forEach(function (qid) {
            var q = qs[qid] || {};
            var v = String(answers[qid]);
            var opt = q.options && q.options[v] ? " (" + q.options[v] + ")" : "";
            out.push("- " + (q.text || qid) + "  ", "  **" + v + " of 5**" + opt);
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

  function addDownload() {
    var main = doc.querySelector("main");
    if (!main || page === "present") return;
    var has = doc.querySelector("[data-module] textarea[data-answer], [data-module] section.selfcheck[data-selfcheck]");
    if (!has && page !== "home") return;
    var box = doc.createElement("section");
    box.className = "download-answers no-print";
    box.setAttribute("aria-label", "Your answers");
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "button-primary download-button";
    button.textContent = "Download my answers";
    var note = doc.createElement("p");
    note.textContent = "Saves everything you wrote and chose in this workshop, on any page, as a Markdown file. Your answers stay in this browser; nothing is sent anywhere.";
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
        status.textContent = "You have not written or chosen anything yet.";
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
      status.textContent = "Downloaded " + a.download + ".";
    });
  }

  /* -------------------------------------------------------------- timers */

  function mmss(s) {
    s = Math.max(0, Math.ceil(s));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return (m < 10 ? "0" : "") + m + ":" + (r < 10 ? "0" : "") + r;
  }

  var largeTimer = null;
  var timerStops = []; // stop the timers of the content shown

  function initTimer(el) {
    var total = parseInt(el.getAttribute("data-seconds"), 10);
    if (!(total > 0)) return;
    var block = el.closest(".segment, .worksheet");
    var title = "";
    if (block) {
      title = text(block.querySelector(".segment-title")) || text(block.querySelector(".worksheet-title")) || text(block.querySelector(".block-label"));
    }
    var remaining = total;
    var endAt = 0;
    var tick = null;

    el.textContent = "";
    el.classList.add("no-print");
    el.setAttribute("role", "group");
    el.setAttribute("aria-label", "Timer" + (title ? " for " + title : ""));

    var label = doc.createElement("span");
    label.className = "timer-label";
    label.textContent = title;
    var display = doc.createElement("span");
    display.className = "timer-display";
    display.setAttribute("role", "timer");
    display.textContent = mmss(total);
    var state = doc.createElement("span");
    state.className = "timer-state";
    state.setAttribute("aria-live", "polite");
    var controls = doc.createElement("span");
    controls.className = "timer-controls";
    function button(cls, label) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = cls;
      b.textContent = label;
      controls.appendChild(b);
      return b;
    }
    var start = button("timer-start", "Start");
    var reset = button("timer-reset", "Reset");
    var large = button("timer-large", "Large");
    large.setAttribute("aria-pressed", "false");
    el.appendChild(label);
    el.appendChild(display);
    el.appendChild(state);
    el.appendChild(controls);

    function show() {
      display.textContent = mmss(remaining);
    }
    function step() {
      remaining = (endAt - Date.now()) / 1000;
      if (remaining <= 0) {
        remaining = 0;
        stop();
        el.classList.add("done");
        state.textContent = "Time is up";
        start.textContent = "Start";
      }
      show();
    }
    function stop() {
      if (tick) clearInterval(tick);
      tick = null;
      el.classList.remove("running");
    }
    start.addEventListener("click", function () {
      if (tick) {
        step();
        stop();
        start.textContent = "Resume";
        state.textContent = "Paused";
        return;
      }
      if (remaining <= 0) remaining = total;
      el.classList.remove("done");
      endAt = Date.now() + remaining * 1000;
      tick = setInterval(step, 250);
      el.classList.add("running");
      start.textContent = "Pause";
      state.textContent = "";
      show();
    });
    reset.addEventListener("click", function () {
      stop();
      remaining = total;
      el.classList.remove("done");
      start.textContent = "Start";
      state.textContent = "";
      show();
    });
    function setLarge(on) {
      if (on && largeTimer && largeTimer !== setLarge) largeTimer(false);
      el.classList.toggle("large", on);
      doc.body.classList.toggle("has-large-timer", on);
      large.setAttribute("aria-pressed", on ? "true" : "false");
      large.textContent = on ? "Exit large" : "Large";
      largeTimer = on ? setLarge : null;
      large.focus();
    }
    large.addEventListener("click", function () {
      setLarge(!el.classList.contains("large"));
    });
    timerStops.push(stop);
    el.hidden = false;
  }
  function onTimerKey(ev) {
    if (ev.key === "Escape" && largeTimer) {
      largeTimer(false);
      ev.preventDefault();
    }
  }

  /* ------------------------------------------------------------ run-sheet */

  // The clock, in minutes after midnight. Tests (and a curious facilitator)
  // can set window.lecternNow to a function returning a Date or minutes.
  function minutesNow() {
    var d = typeof window.lecternNow === "function" ? window.lecternNow() : new Date();
    if (typeof d === "number") return d;
    return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;
  }
  function clock(min) {
    min = Math.floor(min) % 1440;
    var h = Math.floor(min / 60);
    var m = min % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }
  function span(el) {
    return { start: Number(el.getAttribute("data-start")), end: Number(el.getAttribute("data-end")) };
  }
  function rowTitle(tr) {
    var cell = tr.cells[1];
    if (!cell) return "";
    var strong = cell.querySelector("strong");
    if (strong) return text(strong);
    var c = cell.cloneNode(true);
    each(c.querySelectorAll(".segments, .overrun-flag"), function (x) { x.remove(); });
    return text(c);
  }
  function segTitle(li) {
    var c = li.cloneNode(true);
    each(c.querySelectorAll(".time"), function (x) { x.remove(); });
    return text(c);
  }

  function runSheet() {
    var out = doc.querySelector("p.now-next");
    var tables = doc.querySelectorAll("table.run-sheet");
    if (!tables.length) return;
    var t = minutesNow();
    each(doc.querySelectorAll("table.run-sheet .now, table.run-sheet .next"), function (el) {
      el.classList.remove("now", "next");
      el.removeAttribute("aria-current");
    });
    // The day: the first whose hours hold the clock, else the first still to come.
    var rowsOf = function (table) {
      return Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-start][data-end]"));
    };
    var day = null;
    each(tables, function (table) {
      if (day) return;
      var rows = rowsOf(table);
      if (rows.length && span(rows[0]).start <= t && t < span(rows[rows.length - 1]).end) day = table;
    });
    if (!day) {
      each(tables, function (table) {
        if (day) return;
        var rows = rowsOf(table);
        if (rows.length && span(rows[0]).start > t) day = table;
      });
    }
    var message;
    if (!day) {
      message = "The programme has finished.";
    } else {
      var rows = rowsOf(day);
      var now = null;
      var next = null;
      rows.forEach(function (tr) {
        var s = span(tr);
        if (!now && s.start <= t && t < s.end) now = tr;
        else if (!next && s.start > t && (!now || tr !== now)) next = tr;
      });
      var nowLine = "";
      var nextText = "";
      if (now) {
        now.classList.add("now");
        now.setAttribute("aria-current", "time");
        var nowText = rowTitle(now);
        var segs = now.querySelectorAll("li[data-start][data-end]");
        var nowSeg = null;
        var nextSeg = null;
        each(segs, function (li) {
          var s = span(li);
          if (!nowSeg && s.start <= t && t < s.end) nowSeg = li;
          else if (!nextSeg && s.start > t) nextSeg = li;
        });
        if (nowSeg) {
          nowSeg.classList.add("now");
          nowText += " — " + segTitle(nowSeg) + ", until " + clock(span(nowSeg).end);
        } else {
          nowText += ", until " + clock(span(now).end);
        }
        if (nextSeg) {
          nextSeg.classList.add("next");
          nextText = clock(span(nextSeg).start) + " " + segTitle(nextSeg);
        }
        nowLine = "Now: " + nowText;
      } else {
        nowLine = "Now: nothing scheduled";
      }
      if (next) {
        next.classList.add("next");
        if (!nextText) nextText = clock(span(next).start) + " " + rowTitle(next);
      }
      message = [nowLine, "Next: " + (nextText || "the end of the day")];
    }
    if (out) {
      out.textContent = "";
      if (typeof message === "string") message = [message];
      message.forEach(function (line, i) {
        if (i > 0) {
          var sep = doc.createElement("span");
          sep.className = "now-next-sep";
          sep.textContent = " · ";
          out.appendChild(sep);
        }
        var s = doc.createElement("span");
        s.textContent = line;
        out.appendChild(s);
      });
      out.hidden = false;
      out.classList.add("no-print");
    }
  }
  var runSheetBound = false;
  function initRunSheet() {
    runSheet();
    if (runSheetBound) return;
    runSheetBound = true;
    setInterval(runSheet, 30000);
    // A laptop that slept, or a tab left in the background: catch up at once.
    doc.addEventListener("visibilitychange", function () {
      if (!doc.hidden) runSheet();
    });
  }

  /* ------------------------------------------------------- projector view */

  var projectorKey = null; // the keys of the projector view shown, if any
  function projector(scope) {
    var present = scope.querySelector(".present");
    var slides = scope.querySelectorAll(".slides > section.slide");
    if (!present || !slides.length) return;
    var count = present.querySelector(".slide-count");
    var container = present.querySelector(".slides");
    if (container) container.setAttribute("aria-live", "polite");
    var current = 0;
    var fullTried = false;

    function show(i) {
      current = Math.max(0, Math.min(slides.length - 1, i));
      each(slides, function (s, j) { s.hidden = j !== current; });
      if (count) count.textContent = (current + 1) + " / " + slides.length;
      try {
        history.replaceState(null, "", "#" + (current + 1));
      } catch (e) { /* file:// in some browsers */ }
    }
    function fullScreen() {
      if (fullTried) return;
      fullTried = true;
      var el = doc.documentElement;
      if (!el.requestFullscreen || doc.fullscreenElement) return;
      try {
        var p = el.requestFullscreen();
        if (p && p.catch) p.catch(function () { /* not allowed: stay windowed */ });
      } catch (e) { /* not allowed */ }
    }
    function leave() {
      var go = function () { window.location.href = "../index.html"; };
      if (doc.fullscreenElement && doc.exitFullscreen) {
        var p = doc.exitFullscreen();
        if (p && p.then) p.then(go, go);
        else go();
      } else {
        go();
      }
    }

    var start = parseInt((window.location.hash || "").slice(1), 10);
    show(start > 0 ? start - 1 : 0);

    projectorKey = function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var handled = true;
      switch (ev.key) {
        case "ArrowRight":
        case "ArrowDown":
        case "PageDown":
        case " ":
        case "Spacebar":
        case "Enter":
          if (ev.key === "Enter" && ev.target && ev.target.closest && ev.target.closest("a, button")) { handled = false; break; }
          show(current + 1);
          break;
        case "ArrowLeft":
        case "ArrowUp":
        case "PageUp":
        case "Backspace":
          show(current - 1);
          break;
        case "Home":
          show(0);
          break;
        case "End":
          show(slides.length - 1);
          break;
        case "Escape":
          leave();
          break;
        default:
          handled = false;
      }
      if (handled) {
        ev.preventDefault();
        if (ev.key !== "Escape") fullScreen();
      }
    };
    present.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("a, button")) return;
      fullScreen();
      show(current + 1);
    });
  }

  /* ---------------------------------------------------------------- init */

  var bound = false;
  function bindOnce() {
    if (bound) return;
    bound = true;
    window.addEventListener("resize", focusableScrollers);
    window.addEventListener("pagehide", flushAll);
    window.addEventListener("beforeunload", flushAll);
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("storage", onStorage);
    doc.addEventListener("keydown", onTimerKey);
    doc.addEventListener("keydown", function (ev) {
      if (projectorKey) projectorKey(ev);
    });
  }

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
    flushAll();
    answerBoxes = [];
    selfchecks = [];
    timerStops.forEach(function (stop) { stop(); });
    timerStops = [];
    largeTimer = null;
    projectorKey = null;

    bindOnce();
    initFold(scope);
    wrapTables(scope);
    focusableScrollers();
    each(scope.querySelectorAll("section.selfcheck[data-selfcheck]"), initSelfcheck);
    each(scope.querySelectorAll("textarea[data-answer]"), initAnswer);
    refreshOrder(scope);
    addDownload();
    each(scope.querySelectorAll("div.timer[data-seconds]"), initTimer);
    if (page === "agenda") initRunSheet();
    if (page === "present") projector(scope);
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
    // Recompute the run-sheet's now and next (after setting lecternNow).
    tick: runSheet,
    // The Markdown that "Download my answers" saves.
    answersMarkdown: answersMarkdown,
    storage: store ? "localStorage" : "memory"
  };
})();

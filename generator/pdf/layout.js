/* What `lectern pdf` does to a page between its prints, evaluated in the
 * page with the page's own scripts off. Chromium's print engine has no
 * target-counter() and no way to say "fill the rest of the page", so the
 * driver prints once to learn where things landed (from the PDF's named
 * destinations: Chromium writes one for every element a link on the page
 * points to), puts what it learnt into the page, and prints again.
 *
 * The theme's side of it (print.css):
 *   --lectern-page-margin on the root element: the @page margins, top right
 *     bottom left, which the stylesheets of a file:// page do not let a
 *     script read;
 *   nav.toc links to #ids: the contents, which get a .toc-page number each;
 *   .worksheet-page: a sheet of the worksheet pack, whose .answer-print
 *     writing spaces (rows of .answer-rule) grow to the foot of each of
 *     its pages.
 */
(function () {
  "use strict";
  var doc = document;

  // digits writes a page number in the language's digits, which the page
  // names in #lectern-strings when they are not 0 to 9 (Arabic's ٠ to ٩),
  // as print.css's page counters write them.
  var zero = 0;
  try {
    var given = JSON.parse(doc.getElementById("lectern-strings").textContent);
    if (given && given.zero) zero = String(given.zero).charCodeAt(0);
  } catch (e) { /* 0 to 9 */ }
  function digits(s) {
    if (!zero) return s;
    return s.replace(/[0-9]/g, function (d) { return String.fromCharCode(zero + d.charCodeAt(0) - 48); });
  }

  // length turns a CSS length ("18mm") into pixels.
  function length(v) {
    var probe = doc.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;width:0;height:" + v;
    doc.body.appendChild(probe);
    var h = probe.getBoundingClientRect().height;
    probe.remove();
    return h;
  }

  // link makes the print write a named destination for el, under id.
  function link(el, id) {
    if (!el.id) el.id = id;
    var a = doc.createElement("a");
    a.href = "#" + el.id;
    a.hidden = true;
    a.className = "lectern-print-link";
    doc.body.appendChild(a);
    return el.id;
  }

  window.__lecternPrint = {
    // margins are the @page margins in pixels, [top, right, bottom, left],
    // or null when the theme does not say them (print media must be on).
    margins: function () {
      var v = getComputedStyle(doc.documentElement).getPropertyValue("--lectern-page-margin").trim();
      if (!v) return null;
      var p = v.split(/\s+/).map(length);
      if (p.some(isNaN)) return null;
      // As the margin shorthand reads one to four lengths.
      if (p.length === 1) return [p[0], p[0], p[0], p[0]];
      if (p.length === 2) return [p[0], p[1], p[0], p[1]];
      if (p.length === 3) return [p[0], p[1], p[2], p[1]];
      return p.slice(0, 4);
    },

    // prepare lays the page out for print (print media on, the page as
    // wide as the paper's text area while it measures) and returns what to
    // look for in the first print. o.width and o.height are the text area
    // in pixels.
    prepare: function (o) {
      var root = doc.documentElement;
      var width = root.style.width;
      root.style.width = o.width + "px";
      var out = { split: 0, toc: [], sheets: [], pitch: 0, top: "" };

      // A block that may not break but is taller than a third of the page
      // may: kept whole, it would leave up to a third of a page blank.
      var main = doc.querySelector("main") || doc.body;
      var tall = [];
      main.querySelectorAll("*").forEach(function (el) {
        var b = getComputedStyle(el).breakInside;
        if ((b === "avoid" || b === "avoid-page") && el.getBoundingClientRect().height > o.height / 3) tall.push(el);
      });
      tall.forEach(function (el) { el.style.breakInside = "auto"; });
      out.split = tall.length;

      // The contents: a place for each entry's page number, as wide now as
      // it will be, so that filling it in moves nothing.
      doc.querySelectorAll("nav.toc a[href^='#']").forEach(function (a) {
        var id = decodeURIComponent(a.getAttribute("href").slice(1));
        var target = doc.getElementById(id);
        var li = a.closest("li");
        if (!target || !li || li.querySelector(".toc-page")) return;
        var n = doc.createElement("span");
        n.className = "toc-page";
        n.setAttribute("data-target", id);
        li.appendChild(n);
        out.toc.push(id);
      });

      // The pack's sheets: where each ends, and where its writing spaces
      // start; and where the text area starts, which the heights of the
      // destinations are measured from.
      var answers = 0;
      if (doc.querySelector(".worksheet-page")) {
        var top = doc.createElement("div");
        top.style.cssText = "height:0;margin:0;padding:0;border:0";
        doc.body.insertBefore(top, doc.body.firstChild);
        out.top = link(top, "lectern:top");
      }
      doc.querySelectorAll(".worksheet-page").forEach(function (sheet, i) {
        var end = doc.createElement("div");
        end.className = "lectern-sheet-end";
        end.style.cssText = "height:0;margin:0;padding:0;border:0";
        sheet.appendChild(end);
        var title = sheet.querySelector(".worksheet-page-title");
        var s = { title: title ? title.textContent : "", end: link(end, "lectern:end:" + (i + 1)), answers: [] };
        sheet.querySelectorAll(".answer-print").forEach(function (ap) {
          answers++;
          var lines = ap.querySelectorAll(".answer-rule").length;
          // What comes after the answer: where it lands says whether the
          // answer ends its page.
          var block = ap.closest(".answer") || ap;
          var next = block.nextElementSibling;
          s.answers.push({
            id: link(ap, "lectern:answer:" + answers),
            lines: lines,
            height: ap.getBoundingClientRect().height,
            next: next ? link(next, "lectern:next:" + answers) : s.end
          });
          if (!out.pitch && lines) out.pitch = ap.querySelector(".answer-rule").getBoundingClientRect().height;
        });
        out.sheets.push(s);
      });

      root.style.width = width;
      return out;
    },

    // draft hides everything (on) or shows it again (off): hidden, the
    // page lays out the same, and the print that says where things land
    // has nothing to draw, which halves its time.
    draft: function (on) {
      var s = doc.getElementById("lectern-print-draft");
      if (on && !s) {
        s = doc.createElement("style");
        s.id = "lectern-print-draft";
        s.textContent = "*, *::before, *::after { visibility: hidden !important; }";
        doc.head.appendChild(s);
      } else if (!on && s) {
        s.remove();
      }
    },

    // adjust puts in what the last print showed: o.pages maps a contents
    // entry's target to its page; o.lines maps a writing space to the
    // number of rules it should have.
    adjust: function (o) {
      doc.querySelectorAll(".toc-page[data-target]").forEach(function (n) {
        var p = o.pages[n.getAttribute("data-target")];
        n.textContent = p ? digits(String(p)) : "";
      });
      Object.keys(o.lines).forEach(function (id) {
        var ap = doc.getElementById(id);
        if (!ap) return;
        var rules = ap.querySelectorAll(".answer-rule");
        var want = o.lines[id];
        for (var i = rules.length; i < want; i++) ap.appendChild(rules[0].cloneNode(false));
        for (var j = rules.length - 1; j >= want && j > 0; j--) rules[j].remove();
        ap.style.setProperty("--lines", String(want));
      });
    }
  };
})();

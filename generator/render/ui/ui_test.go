package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lectern/generator/internal/chromiumtest"
	"lectern/generator/internal/kitgen"
	"lectern/generator/publish"
)

// repoRoot is the sample kit: the repository root, from this package.
const repoRoot = "../../.."

// build builds the kit in src into a fresh folder and returns the folder.
func build(t *testing.T, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := publish.Build(publish.Options{Source: src, Out: out}); err != nil {
		t.Fatalf("building %s: %v\n%v", src, err, diags)
	}
	return out
}

// serve serves dir over HTTP for the test and returns its address with a
// trailing slash.
func serve(t *testing.T, dir string) string {
	t.Helper()
	ts := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(ts.Close)
	return ts.URL + "/"
}

// errorWatch runs first on every page: it records uncaught errors, which
// open reports.
const errorWatch = `window.__errors = [];
window.addEventListener("error", e => window.__errors.push(e.message));
window.addEventListener("unhandledrejection", e => window.__errors.push(String(e.reason)));`

// browser starts a browser (or skips the test) that watches every page for
// script errors, and runs the scripts in before on every page before the
// page's own.
func browser(t *testing.T, before ...string) context.Context {
	t.Helper()
	ctx := chromiumtest.Context(t)
	chromiumtest.ColorScheme(t, ctx, "light")
	for _, src := range append([]string{errorWatch}, before...) {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
			t.Fatal(err)
		}
	}
	return ctx
}

// sample builds the sample kit, serves it and starts a browser.
func sample(t *testing.T) (ctx context.Context, base, out string) {
	t.Helper()
	ctx = browser(t) // first: skips before building when there is no Chromium
	out = build(t, repoRoot)
	return ctx, serve(t, out), out
}

func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.Navigate(url))
	// lectern.js runs at the end of the body; it defines window.lectern last.
	chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
	checkErrors(t, ctx)
}

// checkErrors fails the test for any uncaught script error on the page.
func checkErrors(t *testing.T, ctx context.Context) {
	t.Helper()
	errs := chromiumtest.Eval[[]string](t, ctx, `window.__errors || []`)
	for _, e := range errs {
		t.Errorf("script error on %s: %s", chromiumtest.Eval[string](t, ctx, `location.href`), e)
	}
}

func phone(t *testing.T, ctx context.Context) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile, chromedp.EmulateTouch))
}

func desktop(t *testing.T, ctx context.Context) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.EmulateViewport(1280, 900))
}

const (
	selfcheckKey = `lectern:leading-not-just-managing:self-check:selfcheck-1`
	tallyJS      = `document.querySelector(".selfcheck-tally").textContent`
	checkedJS    = `[...document.querySelectorAll(".selfcheck li.question")].map(li => { const r = li.querySelector("input:checked"); return r ? r.value : "" }).join(",")`
)

// tabToRadio presses Tab until a radio button of the self-check has the focus.
func tabToRadio(t *testing.T, ctx context.Context) {
	t.Helper()
	for range 80 {
		chromiumtest.Key(t, ctx, kb.Tab)
		if chromiumtest.Eval[bool](t, ctx, `document.activeElement.matches(".selfcheck input[type=radio]")`) {
			return
		}
	}
	t.Fatal("Tab never reached a radio button of the self-check")
}

func TestSelfcheckKeyboard(t *testing.T) {
	ctx, base, _ := sample(t)
	open(t, ctx, base+"self-check/index.html")

	if got := chromiumtest.Eval[bool](t, ctx, `document.querySelector(".selfcheck-tally").hidden`); got {
		t.Fatal("the tally is still hidden after lectern.js ran")
	}
	if got := chromiumtest.Eval[bool](t, ctx, `document.querySelector(".selfcheck-actions").hidden`); got {
		t.Fatal("the clear button is still hidden after lectern.js ran")
	}

	// Question 1 by keyboard: Space picks the first point, arrows move along.
	tabToRadio(t, ctx)
	if got := chromiumtest.Eval[string](t, ctx, `document.activeElement.name + "=" + document.activeElement.value`); got != "selfcheck-1-q1=1" {
		t.Fatalf("first radio reached by Tab = %s, want selfcheck-1-q1=1", got)
	}
	chromiumtest.Key(t, ctx, " ")
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != "1,,," {
		t.Fatalf("after Space: answers %q, want 1,,,", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, tallyJS); got != "You lean toward leading on 0 of 4." {
		t.Errorf("tally after one answer = %q", got)
	}
	chromiumtest.Key(t, ctx, kb.ArrowRight+kb.ArrowRight+kb.ArrowRight)
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != "4,,," {
		t.Fatalf("after three ArrowRight: answers %q, want 4,,,", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, tallyJS); got != "You lean toward leading on 1 of 4." {
		t.Errorf("tally = %q, want %q", got, "You lean toward leading on 1 of 4.")
	}

	// Tab leaves the group for the next question; ArrowLeft from its first
	// point wraps round to the far right.
	chromiumtest.Key(t, ctx, kb.Tab)
	if got := chromiumtest.Eval[string](t, ctx, `document.activeElement.name`); got != "selfcheck-1-q2" {
		t.Fatalf("Tab from question 1 went to %q, want selfcheck-1-q2", got)
	}
	chromiumtest.Key(t, ctx, kb.ArrowLeft)
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != "4,5,," {
		t.Fatalf("after ArrowLeft in question 2: answers %q, want 4,5,,", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, tallyJS); got != "You lean toward leading on 2 of 4." {
		t.Errorf("tally = %q", got)
	}
	chromiumtest.Key(t, ctx, kb.Tab+kb.ArrowDown) // question 3: ArrowDown from nothing checks the second point
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != "4,5,2," {
		t.Fatalf("after ArrowDown in question 3: answers %q, want 4,5,2,", got)
	}
	stored := chromiumtest.Eval[string](t, ctx, `localStorage.getItem("`+selfcheckKey+`")`)
	if !strings.Contains(stored, `"selfcheck-1-q1":"4"`) || !strings.Contains(stored, `"selfcheck-1-q3":"2"`) {
		t.Errorf("stored answers = %s", stored)
	}

	// A reload keeps the answers and the tally.
	chromiumtest.Do(t, ctx, chromedp.Reload())
	chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != "4,5,2," {
		t.Fatalf("after reload: answers %q, want 4,5,2,", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, tallyJS); got != "You lean toward leading on 2 of 4." {
		t.Errorf("tally after reload = %q", got)
	}

	// The handout shows the same self-check with the same answers.
	open(t, ctx, base+"handout/index.html")
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != "4,5,2," {
		t.Errorf("handout: answers %q, want those of the module page 4,5,2,", got)
	}

	// Clear, by keyboard: focus the button and press Enter.
	open(t, ctx, base+"self-check/index.html")
	chromiumtest.Do(t, ctx, chromedp.Focus(chromedp.CSS(".selfcheck-clear")))
	chromiumtest.Key(t, ctx, kb.Enter)
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != ",,," {
		t.Errorf("after clear: answers %q, want none", got)
	}
	if got := chromiumtest.Eval[bool](t, ctx, `localStorage.getItem("`+selfcheckKey+`") === null`); !got {
		t.Errorf("after clear the answers are still in localStorage")
	}
	if got := chromiumtest.Eval[string](t, ctx, tallyJS); got != "Your answers were cleared." {
		t.Errorf("tally after clear = %q", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Reload())
	chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != ",,," {
		t.Errorf("after clear and reload: answers %q, want none", got)
	}
}

func TestAnswersPersistAndShare(t *testing.T) {
	ctx, base, _ := sample(t)
	open(t, ctx, base+"self-check/index.html")

	const words = "Heard, trusted, rushed"
	chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`textarea[data-answer="answer-1"]`), words))
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector('textarea[data-answer="answer-1"]').parentNode.querySelector(".answer-print").textContent`); got != words {
		t.Errorf("the print copy = %q, want %q", got, words)
	}
	// Saved after a short pause, without leaving the box.
	chromiumtest.WaitFor(t, ctx, `localStorage.getItem("lectern:leading-not-just-managing:self-check:answer-1") === `+jsString(words))

	// A radio too, for the download.
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`input[name="selfcheck-1-q4"][value="5"]`)))

	chromiumtest.Do(t, ctx, chromedp.Reload())
	chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector('textarea[data-answer="answer-1"]').value`); got != words {
		t.Fatalf("after reload the answer is %q, want %q", got, words)
	}

	// The worksheet pack shows the same text in the same worksheet.
	open(t, ctx, base+"worksheets/index.html")
	got := chromiumtest.Eval[string](t, ctx, `document.querySelector('[data-module="self-check"] textarea[data-answer="answer-1"]').value`)
	if got != words {
		t.Errorf("worksheet pack: answer %q, want %q", got, words)
	}
	if other := chromiumtest.Eval[string](t, ctx, `document.querySelector('[data-module="action-plan"] textarea[data-answer="answer-1"]').value`); other != "" {
		t.Errorf("another module's answer-1 shows %q; answers are per module", other)
	}
	// Typing here shows on the module page.
	chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`[data-module="self-check"] textarea[data-answer="answer-2"]`), "The Friday retro"))
	chromiumtest.Do(t, ctx, chromedp.Blur(chromedp.CSS(`[data-module="self-check"] textarea[data-answer="answer-2"]`)))
	open(t, ctx, base+"self-check/index.html")
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector('textarea[data-answer="answer-2"]').value`); got != "The Friday retro" {
		t.Errorf("module page after typing in the pack: %q", got)
	}

	// An answer in a later module, typed last: the download lists modules
	// in kit order, not by name or time.
	open(t, ctx, base+"worksheets/index.html")
	chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`[data-module="action-plan"] textarea[data-answer="answer-1"]`), "Ask before telling"))
	chromiumtest.Do(t, ctx, chromedp.Blur(chromedp.CSS(`[data-module="action-plan"] textarea[data-answer="answer-1"]`)))

	// Orders saved before a module moved, or by a page without them, are
	// set right by any page that shows the module: here the home page.
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const k = "lectern-labels:leading-not-just-managing", l = JSON.parse(localStorage.getItem(k));
		delete l["self-check"].order; l["action-plan"].order = 1;
		localStorage.setItem(k, JSON.stringify(l));
	})()`))

	// Download my answers: on the home page, as Markdown with module,
	// question and answer.
	open(t, ctx, base+"index.html")
	if n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll("main .download-answers button").length`); n != 1 {
		t.Fatalf("home page has %d download buttons, want 1", n)
	}
	md := chromiumtest.Eval[string](t, ctx, `lectern.answersMarkdown()`)
	for _, want := range []string{
		"# My answers: Leading, not just managing",
		"## Self-check: are you leading or managing? (`self-check`)",
		"### How do I make people feel?",
		"Three words your team might use",
		"> " + words,
		"> The Friday retro",
		"Do I make people feel pressured",
		"**5 of 5** (Encouraged)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("downloaded Markdown lacks %q:\n%s", want, md)
		}
	}
	if a, b := strings.Index(md, "(`self-check`)"), strings.Index(md, "(`action-plan`)"); a < 0 || b < a {
		t.Errorf("modules out of kit order (self-check at %d, action-plan at %d):\n%s", a, b, md)
	}
	// The button makes a file: a blob link with a download name.
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__dl = null; HTMLAnchorElement.prototype.click = function () { window.__dl = {name: this.download, href: this.href} }`),
		chromedp.Click(chromedp.CSS(".download-answers button")))
	if got := chromiumtest.Eval[string](t, ctx, `window.__dl && window.__dl.name + " " + window.__dl.href.slice(0, 5)`); got != "leading-not-just-managing-my-answers.md blob:" {
		t.Errorf("download link = %q", got)
	}
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }

// phonePages are the pages of the sample kit, one of each kind.
var phonePages = []string{
	"index.html",
	"task-vs-people/index.html",
	"self-check/index.html",
	"worksheets/index.html",
	"quotes/index.html",
	"handout/index.html",
	"facilitator/index.html",
	"facilitator/self-check/index.html",
	"facilitator/agenda/index.html",
	"facilitator/guide/index.html",
	"facilitator/materials/index.html",
	"facilitator/present/index.html",
}

func TestPhoneWidth(t *testing.T) {
	ctx, base, _ := sample(t)
	phone(t, ctx)
	for _, p := range phonePages {
		open(t, ctx, base+p)
		w := chromiumtest.Eval[[]int](t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]`)
		if w[2] != 360 {
			t.Fatalf("%s: window.innerWidth = %d, want 360", p, w[2])
		}
		if w[0] > 360 || w[0] > w[1] {
			wide := chromiumtest.Eval[string](t, ctx, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + "." + e.className).join(", ")`)
			t.Errorf("%s scrolls sideways at 360px: scrollWidth %d, clientWidth %d; too wide: %s", p, w[0], w[1], wide)
		}
		if p == "self-check/index.html" {
			if chromiumtest.Eval[bool](t, ctx, `document.querySelector("details.nav-fold").open`) {
				t.Errorf("%s: the navigation fold is open on a phone", p)
			}
			// Poles above the scale, and tap targets of 44px.
			if !chromiumtest.Eval[bool](t, ctx, `(() => { const f = document.querySelector(".scale"); return f.querySelector(".pole-right").getBoundingClientRect().bottom <= f.querySelector(".points").getBoundingClientRect().top + 1 })()`) {
				t.Errorf("%s: the poles are not above the scale on a phone", p)
			}
			small := chromiumtest.Eval[string](t, ctx, `[...document.querySelectorAll("main button, .point, summary")].filter(e => { const r = e.getBoundingClientRect(); return r.width && (r.height < 44 || r.width < 44) }).map(e => e.className || e.tagName).join(", ")`)
			if small != "" {
				t.Errorf("%s: controls smaller than 44px: %s", p, small)
			}
		}
	}
	desktop(t, ctx)
	open(t, ctx, base+"self-check/index.html")
	if !chromiumtest.Eval[bool](t, ctx, `document.querySelector("details.nav-fold").open`) {
		t.Error("the navigation fold is closed on a wide screen")
	}
	if !chromiumtest.Eval[bool](t, ctx, `document.querySelector(".site-nav").getBoundingClientRect().right <= document.querySelector("main").getBoundingClientRect().left`) {
		t.Error("on a wide screen the navigation is not beside the content")
	}
}

func TestFromFile(t *testing.T) {
	ctx := browser(t)
	out := build(t, repoRoot)
	url := "file://" + filepath.ToSlash(out) + "/self-check/index.html"
	open(t, ctx, url)
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`input[name="selfcheck-1-q1"][value="5"]`)))
	if got := chromiumtest.Eval[string](t, ctx, tallyJS); got != "You lean toward leading on 1 of 4." {
		t.Errorf("from file://, tally = %q", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Reload())
	chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != "5,,," {
		t.Errorf("from file://, after reload: answers %q, want 5,,,", got)
	}
	// Links name files, so following one works from disk too.
	next := chromiumtest.Eval[string](t, ctx, `document.querySelector(".prev-next a.next").href`)
	if want := "file://" + filepath.ToSlash(out) + "/manager-to-leader/index.html"; next != want {
		t.Errorf("from file://, the next link is %s, want %s", next, want)
	}
	open(t, ctx, next)
	if got := chromiumtest.Eval[string](t, ctx, `getComputedStyle(document.body).fontFamily`); !strings.Contains(got, "system-ui") {
		t.Errorf("from file://, the stylesheet did not load: body font %q", got)
	}
}

// TestContrast runs axe-core's colour-contrast rule on the pages of the
// sample kit in light and dark mode.
func TestContrast(t *testing.T) {
	axe := chromiumtest.Axe(t)
	ctx, base, _ := sample(t)
	for _, scheme := range []string{"light", "dark"} {
		chromiumtest.ColorScheme(t, ctx, scheme)
		for _, p := range phonePages {
			open(t, ctx, base+p)
			// Fill in the dynamic states too: a tally, a marked run-sheet row.
			chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](axe),
				chromedp.Evaluate[chromedp.Void](clockAt(t, "2026-12-10 09:45")+`; lectern.tick()`))
			axeCheck(t, ctx, p+", "+scheme,
				`axe.run(document, {runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block", "target-size", "scrollable-region-focusable"]}})`)
		}
	}
}

// TestScreenshots saves screenshots of the main pages at phone and desktop
// width, light and dark, into the folder LECTERN_SHOTS names.
func TestScreenshots(t *testing.T) {
	dir := shotsDir(t)
	ctx, base, _ := sample(t)
	pages := map[string]string{
		"home":              "index.html",
		"selfcheck":         "self-check/index.html",
		"facilitator":       "facilitator/self-check/index.html",
		"agenda":            "facilitator/agenda/index.html",
		"present":           "facilitator/present/index.html",
		"quotes":            "quotes/index.html",
		"task-vs-people":    "task-vs-people/index.html",
		"worksheets":        "worksheets/index.html",
		"materials":         "facilitator/materials/index.html",
		"facilitator-staff": "facilitator/staff-voices/index.html",
		"tabs-solution":     "manager-to-leader/index.html",
		"keypoints":         "keypoints/index.html",
		"glossary":          "glossary/index.html",
	}
	for _, width := range []int64{360, 1280} {
		if width == 360 {
			phone(t, ctx)
		} else {
			desktop(t, ctx)
		}
		for _, scheme := range []string{"light", "dark"} {
			chromiumtest.ColorScheme(t, ctx, scheme)
			for name, p := range pages {
				open(t, ctx, base+p)
				chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`
					(() => {
						const r = document.querySelector('input[name="selfcheck-1-q1"][value="4"]');
						if (r) { r.click(); document.querySelector('input[name="selfcheck-1-q2"][value="2"]').click(); }
						const a = document.querySelector("textarea[data-answer]");
						if (a && !a.value) { a.value = "A first answer"; }
					})()`), chromedp.Evaluate[chromedp.Void](clockAt(t, "2026-12-10 09:45")+`; lectern.tick()`))
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", name, width, scheme))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestStorageBlocked: with localStorage denied (it throws, as with cookies
// blocked), the pages still work for the visit: self-check, tally, answers,
// the download.
func TestStorageBlocked(t *testing.T) {
	ctx := browser(t, `Object.defineProperty(window, "localStorage", {get() { throw new DOMException("denied", "SecurityError") }})`)
	base := serve(t, build(t, repoRoot))
	open(t, ctx, base+"self-check/index.html")
	if got := chromiumtest.Eval[string](t, ctx, `lectern.storage`); got != "memory" {
		t.Errorf("lectern.storage = %q, want memory", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`input[name="selfcheck-1-q2"][value="4"]`)))
	if got := chromiumtest.Eval[string](t, ctx, tallyJS); got != "You lean toward leading on 1 of 4." {
		t.Errorf("tally = %q", got)
	}
	chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`textarea[data-answer="answer-1"]`), "Calm"),
		chromedp.Blur(chromedp.CSS(`textarea[data-answer="answer-1"]`)))
	md := chromiumtest.Eval[string](t, ctx, `lectern.answersMarkdown()`)
	if !strings.Contains(md, "> Calm") || !strings.Contains(md, "**4 of 5**") {
		t.Errorf("download without storage:\n%s", md)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".selfcheck-clear")))
	if got := chromiumtest.Eval[string](t, ctx, checkedJS); got != ",,," {
		t.Errorf("after clear: %q", got)
	}
	checkErrors(t, ctx)
}

// writeFiles writes files (by slash path) into a new folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := kitgen.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestParts: modules inside parts keep their answers under their full path
// (day-2/feedback), and the download lists them in kit order.
func TestParts(t *testing.T) {
	ctx := browser(t)
	src := writeFiles(t, map[string]string{
		"site.toml":                       "title = \"Two days\"\n",
		"content/_index.md":               "+++\ntitle = \"Two days\"\n+++\n\nHello.\n",
		"content/01-day-1/_index.md":      "+++\ntitle = \"Day one\"\n+++\n",
		"content/01-day-1/01-intro.md":    "+++\ntitle = \"Intro\"\n+++\n\nWhat brings you here?\n\n::: answer\n:::\n",
		"content/02-day-2/_index.md":      "+++\ntitle = \"Day two\"\n+++\n",
		"content/02-day-2/01-feedback.md": "+++\ntitle = \"Feedback\"\n+++\n\n::: selfcheck {title=\"Feedback habits\"}\n- Do I wait for the review -- or say it the same day?\n:::\n\nWho will you ask?\n\n::: answer\n:::\n",
	})
	base := serve(t, build(t, src))
	kitID := func() string { return chromiumtest.Eval[string](t, ctx, `document.documentElement.dataset.kit`) }

	open(t, ctx, base+"day-2/feedback/index.html")
	chromiumtest.Do(t, ctx,
		chromedp.Click(chromedp.CSS(`.selfcheck input[value="5"]`)),
		chromedp.SendKeys(chromedp.CSS(`textarea[data-answer]`), "Sam"),
		chromedp.Blur(chromedp.CSS(`textarea[data-answer]`)))
	if got := chromiumtest.Eval[string](t, ctx, tallyJS); got != "You lean toward the right-hand answer on 1 of 1." {
		t.Errorf("tally without a right label = %q", got)
	}
	prefix := "lectern:" + kitID() + ":day-2/feedback:"
	if got := chromiumtest.Eval[string](t, ctx, `localStorage.getItem("`+prefix+`answer-1")`); got != "Sam" {
		t.Errorf("answer under %sanswer-1 = %q", prefix, got)
	}
	open(t, ctx, base+"day-1/intro/index.html")
	chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`textarea[data-answer]`), "Curiosity"),
		chromedp.Blur(chromedp.CSS(`textarea[data-answer]`)))
	md := chromiumtest.Eval[string](t, ctx, `lectern.answersMarkdown()`)
	intro, feedback := strings.Index(md, "## Intro (`day-1/intro`)"), strings.Index(md, "## Feedback (`day-2/feedback`)")
	if intro < 0 || feedback < 0 || intro > feedback {
		t.Errorf("download does not list day-1/intro before day-2/feedback:\n%s", md)
	}
	if dir := os.Getenv("LECTERN_SHOTS"); dir != "" {
		for _, w := range []int64{360, 1280} {
			chromiumtest.Do(t, ctx, chromedp.EmulateViewport(w, 900))
			open(t, ctx, base+"day-2/feedback/index.html")
			chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("details.nav-fold").open = true`))
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("parts-%d.png", w)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, want := range []string{"**What brings you here?**", "> Curiosity", "Do I wait for the review", "**5 of 5** (Say it the same day)", "**Who will you ask?**", "> Sam"} {
		if !strings.Contains(md, want) {
			t.Errorf("download lacks %q:\n%s", want, md)
		}
	}
}

// shotsDir is the folder LECTERN_SHOTS names, made if need be, for the
// tests that save screenshots; they skip without it.
func shotsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("LECTERN_SHOTS")
	if dir == "" {
		t.Skip("set LECTERN_SHOTS to a folder to save screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// axeCheck runs an axe.run(…) call (axe already in the page) and reports
// each violation it finds as an error, prefixed with where.
func axeCheck(t *testing.T, ctx context.Context, where, run string) {
	t.Helper()
	type violation struct {
		ID    string `json:"id"`
		Nodes []struct {
			Target []string `json:"target"`
			Why    string   `json:"failureSummary"`
		} `json:"nodes"`
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](run+`.then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		for _, n := range v.Nodes {
			t.Errorf("%s: %s: %v: %s", where, v.ID, n.Target, n.Why)
		}
	}
}

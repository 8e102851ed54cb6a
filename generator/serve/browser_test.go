package serve

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lectern/generator/internal/chromiumtest"
	"lectern/themes"
)

// Browser tests: a real server on a kit in a temporary folder, real
// fsnotify, and a real headless Chromium looking at the pages while the
// test edits the kit as an author would.

// browse starts Chromium (or skips the test without it) and returns the
// context of its first tab.
func browse(t *testing.T) context.Context {
	t.Helper()
	return chromiumtest.Context(t)
}

func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	waitJS(t, ctx, `document.readyState === "complete"`)
}

// evalJS evaluates js in the page.
func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// waitJS waits until js is true in the page. It asks again and again from
// here rather than polling inside the page, which a reload would end.
func waitJS(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(cctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: not true within 15 s (last error: %v)", js, last)
}

// ownTheme gives the kit a theme of its own whose stylesheet is the
// built-in one plus a custom property the tests can read.
func ownTheme(t *testing.T, dir, value string) {
	t.Helper()
	base, err := fs.ReadFile(themes.Default(), "assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "themes/mine/assets/style.css", string(base)+"\n:root { --serve-test: "+value+"; }\n")
}

const textJS = `document.body.innerText`

func TestBrowserEdits(t *testing.T) {
	ctx := browse(t)
	dir := sampleKit(t)
	url, _ := startServer(t, dir, Options{})
	open(t, ctx, url+"task-vs-people/")

	// Edit a module: the page is patched in place (not reloaded) and shows
	// it.
	evalJS[any](t, ctx, `window.marker = 1`)
	editFile(t, dir, modTask, "## Two kinds of work\n", "## Two kinds of work\n\nFirst edit seen.\n")
	waitJS(t, ctx, textJS+`.includes("First edit seen.")`)
	if !evalJS[bool](t, ctx, `window.marker === 1`) {
		t.Error("the page reloaded for an edit of its content")
	}

	// The patch keeps the scroll position.
	waitJS(t, ctx, `document.readyState === "complete"`)
	if h := evalJS[float64](t, ctx, `document.scrollingElement.scrollHeight - innerHeight`); h < 700 {
		t.Fatalf("the page is too short to scroll (%v px)", h)
	}
	evalJS[any](t, ctx, `window.scrollTo(0, 600), window.marker = 2`)
	waitJS(t, ctx, `Math.round(scrollY) === 600`)
	editFile(t, dir, modTask, "First edit seen.", "Second edit seen.")
	waitJS(t, ctx, `window.marker === 2 && `+textJS+`.includes("Second edit seen.")`)
	waitJS(t, ctx, `document.readyState === "complete"`)
	waitJS(t, ctx, `Math.abs(scrollY - 600) < 2`)

	// An editor's atomic save (temporary file renamed over the module).
	s := strings.Replace(readFile(t, dir, modTask), "Second edit seen.", "Atomic save seen.", 1)
	atomicSave(t, dir, modTask, s)
	waitJS(t, ctx, textJS+`.includes("Atomic save seen.")`)

	// A broken module: the error page with the position and source line.
	waitJS(t, ctx, `document.readyState === "complete"`)
	evalJS[any](t, ctx, `window.scrollTo(0, 700)`)
	waitJS(t, ctx, `Math.round(scrollY) === 700`)
	editFile(t, dir, modTask, "Atomic save seen.\n", "Atomic save seen.\n\n::: nosuchblock\nBroken.\n:::\n")
	waitJS(t, ctx, `document.title.startsWith("Lectern:")`)
	text := evalJS[string](t, ctx, textJS)
	line := strings.Count(s[:strings.Index(s, "Atomic save seen.")], "\n") + 3
	for _, want := range []string{fmt.Sprintf("%s:%d:5: error: unknown block", modTask, line), "::: nosuchblock", "^"} {
		if !strings.Contains(text, want) {
			t.Errorf("the error page lacks %q:\n%s", want, text)
		}
	}
	if got := evalJS[string](t, ctx, `document.querySelector(".hit .at").textContent`); got != "n" {
		t.Errorf("marked column %q, want the n of nosuchblock", got)
	}
	// Fixed: the page comes back by itself.
	editFile(t, dir, modTask, "::: nosuchblock", "::: note")
	waitJS(t, ctx, `!document.title.startsWith("Lectern:") && `+textJS+`.includes("Broken.")`)
	// Back where it was before it broke.
	waitJS(t, ctx, `document.readyState === "complete"`)
	waitJS(t, ctx, `Math.abs(scrollY - 700) < 2`)
}

func TestBrowserStructure(t *testing.T) {
	ctx := browse(t)
	dir := sampleKit(t)
	url, _ := startServer(t, dir, Options{})
	open(t, ctx, url+"task-vs-people/")

	// A new part folder with its _index.md and a module, made in one go.
	if err := os.MkdirAll(filepath.Join(dir, "content/07-day-two"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/07-day-two/_index.md", "+++\ntitle = \"Day two\"\nweight = 100\n+++\n\nThe second morning.\n")
	writeFile(t, dir, "content/07-day-two/01-feedback.md", "+++\ntitle = \"Giving feedback\"\nduration = 30\n+++\n\nFeedback, kindly.\n")
	const nav = `document.querySelector("nav.site-nav").innerText`
	waitJS(t, ctx, nav+`.includes("Day two")`)
	open(t, ctx, url+"day-two/")
	waitJS(t, ctx, nav+`.includes("Giving feedback")`)
	if !evalJS[bool](t, ctx, textJS+`.includes("The second morning.")`) {
		t.Error("the part page lacks its text")
	}

	// Delete a module: gone from the navigation, its page not found.
	open(t, ctx, url+"manager-to-leader/")
	title := evalJS[string](t, ctx, `document.querySelector("h1").innerText`)
	remove(t, dir, "content/05-manager-to-leader.md")
	waitJS(t, ctx, `document.title === "Not found"`)
	open(t, ctx, url+"task-vs-people/")
	if evalJS[bool](t, ctx, nav+`.includes(`+jsString(title)+`)`) {
		t.Errorf("the navigation still lists %q", title)
	}
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }

func TestBrowserStylesheetOnly(t *testing.T) {
	ctx := browse(t)
	dir := sampleKit(t)
	ownTheme(t, dir, "one")
	editFile(t, dir, "site.toml", "title = ", "theme = \"mine\"\ntitle = ")
	url, _ := startServer(t, dir, Options{})
	open(t, ctx, url+"task-vs-people/")
	const prop = `getComputedStyle(document.documentElement).getPropertyValue("--serve-test").trim()`
	if got := evalJS[string](t, ctx, prop); got != "one" {
		t.Fatalf("--serve-test is %q before the change", got)
	}
	evalJS[any](t, ctx, `window.marker = 1`)
	ownTheme(t, dir, "two")
	waitJS(t, ctx, prop+` === "two"`)
	if !evalJS[bool](t, ctx, `window.marker === 1`) {
		t.Error("the page reloaded for a stylesheet change")
	}
	// The old link goes once the new one has loaded.
	waitJS(t, ctx, `document.querySelectorAll('link[href*="style.css"]').length === 1`)

	// A tab out of sight lets its stream go; a change made meanwhile shows
	// when it is seen again.
	const hide = `Object.defineProperty(document, "hidden", {configurable: true, get: () => %v});
document.dispatchEvent(new Event("visibilitychange"))`
	evalJS[any](t, ctx, fmt.Sprintf(hide, true))
	time.Sleep(2500 * time.Millisecond) // the tab lets its stream go after 2 s
	ownTheme(t, dir, "three")
	time.Sleep(500 * time.Millisecond)
	if got := evalJS[string](t, ctx, prop); got != "two" {
		t.Fatalf("a hidden tab changed: --serve-test is %q", got)
	}
	evalJS[any](t, ctx, fmt.Sprintf(hide, false))
	waitJS(t, ctx, prop+` === "three"`)
}

func TestBrowserRestart(t *testing.T) {
	ctx := browse(t)
	dir := sampleKit(t)
	// Find a free port, then run two servers on it one after the other.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	first, stop := startStoppable(t, dir, port)
	open(t, ctx, first+"task-vs-people/")
	evalJS[any](t, ctx, `window.marker = 1`)
	stop()
	startStoppable(t, dir, port)
	waitJS(t, ctx, `window.marker === undefined && document.readyState === "complete"`)
	if !evalJS[bool](t, ctx, `document.querySelector("h1") !== null && !document.title.startsWith("Lectern:")`) {
		t.Error("the page did not come back after the restart")
	}
}

// startStoppable is startServer on a given port with a stop function.
func startStoppable(t *testing.T, dir string, port int) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	out := &lockedBuffer{}
	go func() {
		done <- Run(ctx, Options{Source: dir, Port: port, Stdout: out, Stderr: out, Ready: func(u string) { ready <- u }})
	}()
	var url string
	select {
	case url = <-ready:
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start")
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop")
		}
	}
	t.Cleanup(stop)
	return url, stop
}

func TestBrowserTabs(t *testing.T) {
	ctx := browse(t)
	dir := sampleKit(t)
	url, _ := startServer(t, dir, Options{})
	pages := []string{"", "task-vs-people/", "facilitator/staff-voices/", "facilitator/agenda/"}
	var tabs []context.Context
	for i, p := range pages {
		tab := ctx
		if i > 0 {
			var cancel context.CancelFunc
			tab, cancel = chromedp.NewContext(ctx)
			t.Cleanup(cancel)
		}
		open(t, tab, url+p)
		evalJS[any](t, tab, `window.marker = 1`)
		tabs = append(tabs, tab)
	}
	// A title shows in every page's navigation, each patched in place.
	editFile(t, dir, modVoice, `title = "`, `title = "Tabs: `)
	for i, tab := range tabs {
		waitJS(t, tab, `document.querySelector("nav.site-nav").innerText.includes("Tabs: ")`)
		if !evalJS[bool](t, tab, `window.marker === 1`) {
			t.Errorf("%s: the page reloaded instead of being patched", pages[i])
		}
	}
}

// TestBrowserThemeFiles: the browser keeps the theme's files without asking
// on every reload, yet never shows an old one: not when a stylesheet and a
// template change at once, nor in a page opened after a change that no tab
// was listening for.
func TestBrowserThemeFiles(t *testing.T) {
	ctx := browse(t)
	dir := sampleKit(t)
	ownTheme(t, dir, "one")
	editFile(t, dir, "site.toml", "title = ", "theme = \"mine\"\ntitle = ")
	base, err := fs.ReadFile(themes.Default(), "templates/module.html")
	if err != nil {
		t.Fatal(err)
	}
	url, _ := startServer(t, dir, Options{})
	page := url + "task-vs-people/"
	const prop = `getComputedStyle(document.documentElement).getPropertyValue("--serve-test").trim()`
	open(t, ctx, page)
	if got := evalJS[string](t, ctx, prop); got != "one" {
		t.Fatalf("--serve-test is %q", got)
	}

	// A stylesheet and a template at once: the page reloads, with both.
	ownTheme(t, dir, "two")
	writeFile(t, dir, "themes/mine/templates/module.html", strings.Replace(string(base), `{{define "main"}}`, `{{define "main"}}<p id="mine">Mine.</p>`, 1))
	waitJS(t, ctx, `document.getElementById("mine") !== null && `+prop+` === "two"`)

	// The tab goes elsewhere; the stylesheet changes; the page opened again
	// must not keep the copy in the cache.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	ownTheme(t, dir, "three")
	eventually(t, "the server has the new stylesheet", 10*time.Second, func() string {
		if _, b := httpGetter(url)("/assets/style.css"); !strings.Contains(string(b), "--serve-test: three") {
			return "old stylesheet"
		}
		return ""
	})
	open(t, ctx, page)
	waitJS(t, ctx, prop+` === "three"`)
}

// TestBrowserPatch: an edit of a page's content patches the page in place:
// its JavaScript state survives, the theme's widgets work on the new
// content, and nothing is set up twice. A change to what the page loads in
// its head reloads it instead.
func TestBrowserPatch(t *testing.T) {
	ctx := browse(t)
	dir := sampleKit(t)
	const modSelf = "content/04-self-check.md"
	url, _ := startServer(t, dir, Options{})
	open(t, ctx, url+"self-check/")
	const tally = `document.querySelector(".selfcheck-tally").textContent`
	waitJS(t, ctx, tally+`.startsWith("Answer the questions")`)
	evalJS[any](t, ctx, `window.marker = "kept"; window.scrollTo(0, 300)`)
	waitJS(t, ctx, `Math.round(scrollY) === 300`)

	for i, edit := range []string{"Patched once.", "Patched twice."} {
		old := "## Four questions\n"
		if i > 0 {
			old = "Patched once."
		}
		new := edit
		if i == 0 {
			new = old + "\n" + edit + "\n"
		}
		editFile(t, dir, modSelf, old, new)
		waitJS(t, ctx, textJS+`.includes(`+jsString(edit)+`)`)
		if got := evalJS[string](t, ctx, `String(window.marker)`); got != "kept" {
			t.Fatalf("edit %d: the page reloaded (window.marker is %s)", i+1, got)
		}
		if y := evalJS[float64](t, ctx, `scrollY`); y < 298 || y > 302 {
			t.Errorf("edit %d: scrolled to %v, want 300", i+1, y)
		}
		// The widgets of the new content work, set up once.
		for js, want := range map[string]float64{
			`document.querySelectorAll(".download-answers").length`:                1,
			`document.querySelectorAll(".search-none").length`:                     1,
			`document.querySelectorAll("script[data-lectern-serve]").length`:       1,
			`document.querySelectorAll("script[src$='lectern.js']").length`:        1,
			`document.querySelectorAll(".selfcheck-actions:not([hidden])").length`: 1,
		} {
			if got := evalJS[float64](t, ctx, js); got != want {
				t.Errorf("edit %d: %s = %v, want %v", i+1, js, got, want)
			}
		}
		// The answers given before are there again; one more.
		if i > 0 {
			waitJS(t, ctx, tally+`.startsWith("You lean toward leading on 1 of 4")`)
		}
		evalJS[any](t, ctx, fmt.Sprintf(`document.querySelectorAll('li.question')[%d].querySelector('input[type="radio"][value="5"]').click()`, i))
		waitJS(t, ctx, tally+`.startsWith("You lean toward leading on `+fmt.Sprint(i+1)+` of 4")`)
		// The title follows the page.
		if got := evalJS[string](t, ctx, `document.title`); !strings.HasPrefix(got, "Self-check") {
			t.Errorf("edit %d: title %q", i+1, got)
		}
	}
	// The search box of the new content works.
	evalJS[any](t, ctx, `(function () { var i = document.querySelector(".search-input"); i.focus(); i.value = "managing"; i.dispatchEvent(new Event("input")); })()`)
	waitJS(t, ctx, `document.querySelectorAll("#search-results .search-result").length > 0`)
	if got := evalJS[string](t, ctx, `String(window.marker)`); got != "kept" {
		t.Fatalf("the page reloaded (window.marker is %s)", got)
	}

	// A title change: patched, with the new title in the heading, the
	// document's title and the navigation, where the reader was (focusing
	// the search box scrolled up to it).
	evalJS[any](t, ctx, `document.activeElement.blur(); window.scrollTo(0, 300)`)
	waitJS(t, ctx, `Math.round(scrollY) === 300`)
	editFile(t, dir, modSelf, `title = "Self-check:`, `title = "Retitled:`)
	waitJS(t, ctx, `document.title.startsWith("Retitled:") && document.querySelector("h1").textContent.includes("Retitled:")`)
	if got := evalJS[string](t, ctx, `String(window.marker)`); got != "kept" {
		t.Fatalf("a title change reloaded the page (window.marker is %s)", got)
	}
	if got := evalJS[string](t, ctx, `document.querySelector('nav.site-nav a[aria-current="page"]').textContent`); !strings.HasPrefix(got, "Retitled:") {
		t.Errorf("after a title change the navigation shows %q for the page", got)
	}
	if y := evalJS[float64](t, ctx, `scrollY`); y < 298 || y > 302 {
		t.Errorf("after a title change: scrolled to %v, want 300", y)
	}
	// The search box, which had loaded the index before, finds the page
	// by its new title.
	evalJS[any](t, ctx, `(function () { var i = document.querySelector(".search-input"); i.focus(); i.value = "retitled"; i.dispatchEvent(new Event("input")); })()`)
	waitJS(t, ctx, `Array.from(document.querySelectorAll("#search-results .search-result")).some(function (r) { return r.textContent.includes("Retitled:"); })`)
	evalJS[any](t, ctx, `(function () { var i = document.querySelector(".search-input"); i.value = ""; i.dispatchEvent(new Event("input")); i.blur(); })()`)

	// The kit's strings change: the scripts read them once, so the page
	// reloads, and they show the new ones.
	writeFile(t, dir, "i18n/en.toml", "tally_lean = \"Leaning to {1}: {2} of {3}.\"\n")
	waitJS(t, ctx, `window.marker === undefined && document.readyState === "complete" && `+tally+`.startsWith("Leaning to leading: 2 of 4")`)
	evalJS[any](t, ctx, `window.marker = "kept"`)

	// The head loads something else: the page reloads.
	base, err := fs.ReadFile(themes.Default(), "templates/base.html")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "themes/mine/templates/base.html", strings.Replace(string(base), "</head>", "<style>.patch-test { color: red; }</style>\n</head>", 1))
	editFile(t, dir, "site.toml", "title = ", "theme = \"mine\"\ntitle = ")
	waitJS(t, ctx, `window.marker === undefined && document.readyState === "complete" && document.head.innerHTML.includes("patch-test")`)
	if !evalJS[bool](t, ctx, textJS+`.includes("Patched twice.")`) {
		t.Error("the reloaded page lacks the edits")
	}
}

// TestBrowserPatchNarrow: on a narrow screen the page arrives with its
// navigation open and the theme's script folds it when it sets the page up
// again; a patched page still shows what the reader was looking at.
func TestBrowserPatchNarrow(t *testing.T) {
	ctx := browse(t)
	chromiumtest.Do(t, ctx, chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile, chromedp.EmulateTouch))
	dir := sampleKit(t)
	const modSelf = "content/04-self-check.md"
	url, _ := startServer(t, dir, Options{})
	open(t, ctx, url+"self-check/")
	waitJS(t, ctx, `!document.querySelector("details.nav-fold").open`)
	evalJS[any](t, ctx, `window.marker = "kept"; window.scrollTo(0, 300)`)
	waitJS(t, ctx, `Math.round(scrollY) === 300`)
	editFile(t, dir, modSelf, `title = "Self-check:`, `title = "Retitled:`)
	waitJS(t, ctx, `document.querySelector("h1").textContent.includes("Retitled:")`)
	if got := evalJS[string](t, ctx, `String(window.marker)`); got != "kept" {
		t.Fatalf("a title change reloaded the page (window.marker is %s)", got)
	}
	if evalJS[bool](t, ctx, `document.querySelector("details.nav-fold").open`) {
		t.Error("the navigation is open after the patch")
	}
	if y := evalJS[float64](t, ctx, `scrollY`); y < 298 || y > 302 {
		t.Errorf("scrolled to %v, want 300", y)
	}
}

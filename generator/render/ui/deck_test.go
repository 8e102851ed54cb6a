package ui_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lectern/generator/internal/chromiumtest"
)

// stoppedClock runs before the page's scripts: the clock stands at 10:40
// on the sample kit's day, and moves only when the test calls
// __advance(ms). new Date() and Date.now() both read it.
const stoppedClock = `(() => {
	const Real = window.__RealDate || Date;
	window.__RealDate = Real;
	let now = new Real(2026, 11, 10, 10, 40, 0).getTime();
	class FakeDate extends Real {
		constructor(...a) { super(...(a.length ? a : [now])); }
		static now() { return now; }
	}
	window.Date = FakeDate;
	window.__advance = ms => { now += ms; };
	window.__setClock = (h, m, s) => { now = new Real(2026, 11, 10, h, m, s || 0).getTime(); };
})()`

const (
	deckPage = "facilitator/present/index.html"
	// deckShownJS is the number of the slide shown, "" for none, "1,2" for two.
	deckShownJS = `[...document.querySelectorAll(".slides > .slide")].filter(s => !s.hidden).map(s => s.dataset.n).join(",")`
	helpShown   = `getComputedStyle(document.querySelector(".deck-help")).visibility === "visible" && getComputedStyle(document.querySelector(".deck-help")).opacity === "1"`
)

func fileURL(out, rel string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, filepath.FromSlash(rel)))}
	return u.String()
}

func shownSlide(t *testing.T, ctx context.Context) string {
	t.Helper()
	return chromiumtest.Eval[string](t, ctx, deckShownJS)
}

func pressExpect(t *testing.T, ctx context.Context, key, want string) {
	t.Helper()
	chromiumtest.Key(t, ctx, key)
	if got := shownSlide(t, ctx); got != want {
		t.Fatalf("after %q the slide shown is %q, want %q", key, got, want)
	}
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector(".slide-count").textContent`); !strings.HasPrefix(got, want+" / ") {
		t.Errorf("after %q the counter reads %q, want %s / …", key, got, want)
	}
}

// TestDeckOrder: the deck's title and break slides are the run-sheet's
// rows in order, and each module's timed slides are its segments.
func TestDeckOrder(t *testing.T) {
	ctx, base, _ := sample(t)
	desktop(t, ctx)
	open(t, ctx, base+"facilitator/agenda/index.html")
	rows := chromiumtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("table.run-sheet .slot[data-start], table.run-sheet .break[data-start]")].map(r =>
		(r.classList.contains("break") ? "break: " : "module: ") + r.querySelector(".slot-title").textContent.replace(/\s+/g, " ").trim())`)
	segs := chromiumtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("table.run-sheet .seg-what")].map(s => s.textContent.replace(/\s+/g, " ").trim())`)
	open(t, ctx, base+deckPage)
	slides := chromiumtest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".slides > .slide")].filter(s => s.dataset.kind === "title" || s.dataset.kind === "break").map(s =>
		(s.dataset.kind === "break" ? "break: " : "module: ") + s.querySelector(".slide-heading").textContent.trim())`)
	if len(rows) == 0 || strings.Join(rows, "\n") != strings.Join(slides, "\n") {
		t.Errorf("run-sheet rows:\n%s\ndeck's title and break slides:\n%s", strings.Join(rows, "\n"), strings.Join(slides, "\n"))
	}
	timed := chromiumtest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".slides > .slide")].filter(s => s.querySelector(".timer")).map(s => s.querySelector(".slide-heading").textContent.trim())`)
	if len(segs) == 0 || len(timed) != len(segs) {
		t.Fatalf("run-sheet segments %q, timed slides %q", segs, timed)
	}
	for i := range segs {
		if !strings.Contains(segs[i], timed[i]) {
			t.Errorf("segment %d is %q on the run-sheet, %q in the deck", i+1, segs[i], timed[i])
		}
	}
	// The sample's slide blocks are slides of their own, before the quote
	// that follows them in the module.
	kinds := chromiumtest.Eval[string](t, ctx, `[...document.querySelectorAll(".slides > .slide")].slice(0, 5).map(s => s.dataset.kind).join(" ")`)
	if kinds != "title slide quote activity discussion" {
		t.Errorf("the first module's slides are %q", kinds)
	}
	checkErrors(t, ctx)
}

// TestDeckKeys: every key of the deck, and the old quote projector's
// address as a way in.
func TestDeckKeys(t *testing.T) {
	ctx := browser(t, stoppedClock)
	desktop(t, ctx)
	base := serve(t, build(t, repoRoot))

	// The quote wall's projector link opens the deck at the first quote.
	open(t, ctx, base+"facilitator/quotes/index.html")
	href := chromiumtest.Eval[string](t, ctx, `document.querySelector('a[href$="present/index.html#quotes"]').href`)
	open(t, ctx, href)
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector(".slides > .slide:not([hidden])").dataset.kind`); got != "quote" {
		t.Errorf("the quote wall's projector link opens the deck on a %s slide", got)
	}

	open(t, ctx, base+deckPage)
	if got := shownSlide(t, ctx); got != "1" {
		t.Fatalf("at first the deck shows %q", got)
	}
	n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll(".slides > .slide").length`)
	pressExpect(t, ctx, kb.ArrowRight, "2")
	pressExpect(t, ctx, " ", "3")
	pressExpect(t, ctx, kb.PageDown, "4")
	pressExpect(t, ctx, kb.ArrowDown, "5")
	pressExpect(t, ctx, kb.PageUp, "4")
	pressExpect(t, ctx, kb.ArrowLeft, "3")
	pressExpect(t, ctx, kb.ArrowUp, "2")
	pressExpect(t, ctx, kb.End, fmt.Sprint(n))
	pressExpect(t, ctx, kb.ArrowRight, fmt.Sprint(n)) // stays on the last
	pressExpect(t, ctx, kb.Home, "1")
	pressExpect(t, ctx, kb.ArrowLeft, "1")
	// A number, then Enter.
	chromiumtest.Key(t, ctx, "1")
	chromiumtest.Key(t, ctx, "6")
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector(".deck-jump").textContent`); got != "Go to slide 16 (Enter)" {
		t.Errorf("after 1 and 6 the jump line reads %q", got)
	}
	pressExpect(t, ctx, kb.Enter, "16")
	chromiumtest.Key(t, ctx, "9")
	chromiumtest.Key(t, ctx, "9")
	pressExpect(t, ctx, kb.Enter, fmt.Sprint(n)) // past the end: the last
	chromiumtest.Key(t, ctx, "4")
	chromiumtest.Key(t, ctx, kb.Escape) // forgets the number
	pressExpect(t, ctx, kb.Enter, fmt.Sprint(n))

	// B and . blank the screen and bring it back.
	blank := `!document.querySelector(".deck-blank").hidden && getComputedStyle(document.querySelector(".deck-blank")).backgroundColor === "rgb(0, 0, 0)"`
	for _, k := range []string{"b", "."} {
		chromiumtest.Key(t, ctx, k)
		if !chromiumtest.Eval[bool](t, ctx, blank) {
			t.Errorf("%q did not blank the screen", k)
		}
		chromiumtest.Key(t, ctx, k)
		if chromiumtest.Eval[bool](t, ctx, blank) {
			t.Errorf("%q again left the screen blank", k)
		}
	}

	// F: full screen, or the page filling the window; F again leaves.
	chromiumtest.Key(t, ctx, "f")
	if !chromiumtest.Eval[bool](t, ctx, `document.querySelector(".deck").classList.contains("full")`) {
		t.Error("F did not make the deck full screen")
	}
	chromiumtest.Key(t, ctx, "f")
	chromiumtest.WaitFor(t, ctx, `!document.querySelector(".deck").classList.contains("full") && document.fullscreenElement === null`)

	// T starts and pauses the timer of an activity slide.
	act := chromiumtest.Eval[int](t, ctx, `+document.querySelector(".slides > .slide-activity").dataset.n`)
	chromiumtest.Key(t, ctx, kb.Home)
	for range act - 1 {
		chromiumtest.Key(t, ctx, kb.ArrowRight)
	}
	timer := `document.querySelector(".slides > .slide:not([hidden]) .timer")`
	chromiumtest.Key(t, ctx, "t")
	if !chromiumtest.Eval[bool](t, ctx, timer+`.classList.contains("running")`) {
		t.Fatal("T did not start the slide's timer")
	}
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__advance(138000)`))
	waitText(t, ctx, timer+`.querySelector(".timer-display").textContent`, "7:42 left")
	chromiumtest.Key(t, ctx, "T")
	if !chromiumtest.Eval[bool](t, ctx, timer+`.classList.contains("paused")`) {
		t.Error("T again did not pause the timer")
	}
	checkErrors(t, ctx)
}

// TestDeckHelp: the help line fades after three seconds, and never shows
// on a blank or full screen deck.
func TestDeckHelp(t *testing.T) {
	ctx := browser(t, stoppedClock)
	desktop(t, ctx)
	base := serve(t, build(t, repoRoot))
	open(t, ctx, base+deckPage)
	if !chromiumtest.Eval[bool](t, ctx, helpShown) {
		t.Fatal("the help line does not show when the deck opens")
	}
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__advance(2900)`))
	chromiumtest.Do(t, ctx, chromedp.Sleep(400*1e6))
	if !chromiumtest.Eval[bool](t, ctx, helpShown) {
		t.Error("the help line is gone before three seconds")
	}
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__advance(200)`))
	chromiumtest.WaitFor(t, ctx, `getComputedStyle(document.querySelector(".deck-help")).visibility === "hidden"`)

	// Blank or full screen at once: no help line, not even for a moment.
	for _, k := range []string{"b", "f"} {
		open(t, ctx, base+deckPage)
		if !chromiumtest.Eval[bool](t, ctx, helpShown) {
			t.Fatal("the help line does not show when the deck opens")
		}
		chromiumtest.Key(t, ctx, k)
		if !chromiumtest.Eval[bool](t, ctx, `document.querySelector(".deck-help").classList.contains("faded") && getComputedStyle(document.querySelector(".deck-bar")).visibility !== "visible" || getComputedStyle(document.querySelector(".deck-help")).visibility === "hidden"`) {
			t.Errorf("after %q the help line still shows", k)
		}
		chromiumtest.Key(t, ctx, kb.Escape)
	}
	checkErrors(t, ctx)
}

// TestDeckBreak: a break says when the room is back, with the day's shift,
// and counts down to it.
func TestDeckBreak(t *testing.T) {
	ctx := browser(t, stoppedClock)
	desktop(t, ctx)
	base := serve(t, build(t, repoRoot))
	open(t, ctx, base+deckPage)
	// The run-sheet ran 7 minutes late today.
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`localStorage.setItem(`+jsString(sampleShiftKey)+`, JSON.stringify({shift: 7, on: "2026-12-10", started: true})); __setClock(10, 50, 0)`))
	n := chromiumtest.Eval[int](t, ctx, `+document.querySelector(".slides > .slide-break").dataset.n`)
	open(t, ctx, base+deckPage+fmt.Sprintf("#%d", n))
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__setClock(10, 50, 0)`))
	back := `document.querySelector(".slides > .slide:not([hidden]) .slide-back").textContent`
	count := `document.querySelector(".slides > .slide:not([hidden]) .slide-countdown").textContent`
	waitText(t, ctx, back, "Back at 10:57")
	waitText(t, ctx, count, "7:00 left")
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__advance(138000)`))
	waitText(t, ctx, count, "4:42 left")
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__advance(600000)`))
	waitText(t, ctx, count, "")
	// The other clocks of the deck follow the shift too.
	if got := badClocks(t, ctx, 7); got != "" {
		t.Errorf("clocks not 7 min on: %s", got)
	}
	checkErrors(t, ctx)
}

// TestPresenterInStep: the deck and its presenter window, in two tabs,
// follow each other, from a web server and from file://.
func TestPresenterInStep(t *testing.T) {
	ctx := browser(t, stoppedClock)
	desktop(t, ctx)
	out := build(t, repoRoot)
	base := serve(t, out)
	served := lecternServe(t)
	for _, from := range []string{"http", "file", "lectern serve"} {
		t.Run(from, func(t *testing.T) {
			deckURL := base + deckPage
			switch from {
			case "file":
				deckURL = fileURL(out, deckPage)
			case "lectern serve":
				deckURL = served + deckPage
			}
			open(t, ctx, deckURL)
			chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
			open(t, ctx, deckURL)
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			onEveryPage(t, tab, errorWatch)
			onEveryPage(t, tab, stoppedClock)
			open(t, tab, deckURL+"?presenter")
			if !chromiumtest.Eval[bool](t, tab, `document.documentElement.classList.contains("deck-presenter") && !document.querySelector(".presenter-next").hidden`) {
				t.Fatal("?presenter does not show the presenter window")
			}
			pressExpect(t, ctx, kb.ArrowRight, "2")
			chromiumtest.WaitFor(t, tab, deckShownJS+` === "2"`)
			if got := chromiumtest.Eval[string](t, tab, `document.querySelector(".presenter-next-slide .slide").dataset.n`); got != "3" {
				t.Errorf("the presenter's next slide is %s, want 3", got)
			}
			if got := chromiumtest.Eval[string](t, tab, `[...document.querySelectorAll(".deck-notes")].filter(n => !n.hidden).map(n => n.dataset.module).join()`); got != "0" {
				t.Errorf("the presenter shows the notes of modules %q, want 0", got)
			}
			if got := chromiumtest.Eval[string](t, tab, `document.querySelector(".presenter-clock").textContent`); got != "10:40" {
				t.Errorf("the presenter's clock reads %q", got)
			}
			// The presenter moves: the deck follows.
			pressExpect(t, tab, kb.PageDown, "3")
			chromiumtest.WaitFor(t, ctx, deckShownJS+` === "3"`)
			// Blank from the deck: the presenter says so, and still shows the slide.
			chromiumtest.Key(t, ctx, "b")
			waitText(t, tab, `document.querySelector(".presenter-state").textContent`, "Screen blanked (B to show)")
			if got := shownSlide(t, tab); got != "3" {
				t.Errorf("the blanked presenter shows slide %q", got)
			}
			chromiumtest.Key(t, tab, "b")
			chromiumtest.WaitFor(t, ctx, `document.querySelector(".deck-blank").hidden`)
			// A timer started in the presenter runs on the screen too.
			pressExpect(t, tab, kb.ArrowRight, "4")
			chromiumtest.WaitFor(t, ctx, deckShownJS+` === "4"`)
			chromiumtest.Key(t, tab, "t")
			chromiumtest.WaitFor(t, ctx, `document.querySelector("#slide-4 .timer").classList.contains("running")`)
			chromiumtest.Key(t, ctx, "t")
			chromiumtest.WaitFor(t, tab, `document.querySelector("#slide-4 .timer").classList.contains("paused")`)
			checkErrors(t, ctx)
			checkErrors(t, tab)
		})
	}
}

// lecternServe builds the lectern command, runs `lectern serve` on the
// sample kit for the test and returns its address, once it answers.
func lecternServe(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "lectern")
	if b, err := exec.Command("go", "build", "-o", bin, "lectern/cmd/lectern").CombinedOutput(); err != nil {
		t.Fatalf("building lectern: %v\n%s", err, b)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	src, _ := filepath.Abs(repoRoot)
	cmd := exec.Command(bin, "serve", "--source", src, "--port", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr := fmt.Sprintf("http://127.0.0.1:%d/", port)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if r, err := http.Get(addr + deckPage); err == nil {
			r.Body.Close()
			if r.StatusCode == http.StatusOK {
				return addr
			}
		}
	}
	t.Fatalf("lectern serve did not answer at %s", addr)
	return ""
}

// TestPresenterAxe runs axe-core on the presenter window, light and dark.
func TestPresenterAxe(t *testing.T) {
	axe := chromiumtest.Axe(t)
	ctx := browser(t, stoppedClock)
	desktop(t, ctx)
	base := serve(t, build(t, repoRoot))
	for _, scheme := range []string{"light", "dark"} {
		chromiumtest.ColorScheme(t, ctx, scheme)
		for _, p := range []string{deckPage + "?presenter#4", deckPage + "#4"} {
			open(t, ctx, base+p)
			chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](axe))
			axeCheck(t, ctx, scheme+" "+p, `axe.run(document)`)
		}
	}
}

// TestDeckScreenshots saves screenshots of the deck and the presenter
// window into the folder LECTERN_SHOTS names.
func TestDeckScreenshots(t *testing.T) {
	dir := shotsDir(t)
	ctx := browser(t, stoppedClock)
	base := serve(t, build(t, repoRoot))
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	slideOf := func(kind string) int {
		return chromiumtest.Eval[int](t, ctx, `+document.querySelector(".slides > .slide-`+kind+`").dataset.n`)
	}
	for _, scheme := range []string{"light", "dark"} {
		chromiumtest.ColorScheme(t, ctx, scheme)
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			chromiumtest.Do(t, ctx, chromedp.EmulateViewport(size[0], size[1]))
			suffix := fmt.Sprintf("%dx%d-%s", size[0], size[1], scheme)
			open(t, ctx, base+deckPage)
			shot("deck-title-" + suffix)
			for _, kind := range []string{"quote", "break", "slide"} {
				open(t, ctx, base+deckPage+fmt.Sprintf("#%d", slideOf(kind)))
				if kind == "break" {
					chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__setClock(10, 42, 18)`))
					waitText(t, ctx, `document.querySelector(".slides > .slide:not([hidden]) .slide-countdown").textContent`, "7:42 left")
				}
				chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__advance(4000)`), chromedp.Sleep(400*1e6))
				shot("deck-" + kind + "-" + suffix)
			}
			open(t, ctx, base+deckPage+fmt.Sprintf("#%d", slideOf("activity")))
			chromiumtest.Key(t, ctx, "t")
			chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__advance(138000)`), chromedp.Sleep(400*1e6))
			shot("deck-activity-" + suffix)
			chromiumtest.Key(t, ctx, "b")
			shot("deck-blank-" + suffix)
		}
		for _, w := range []int64{1280, 360} {
			if w == 360 {
				chromiumtest.Do(t, ctx, chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile, chromedp.EmulateTouch))
			} else {
				chromiumtest.Do(t, ctx, chromedp.EmulateViewport(1280, 800))
			}
			open(t, ctx, base+deckPage+fmt.Sprintf("?presenter#%d", slideOf("activity")))
			chromiumtest.Key(t, ctx, "t")
			chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__advance(138000)`), chromedp.Sleep(400*1e6))
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("presenter-%d-%s.png", w, scheme)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lectern/generator/internal/chromiumtest"
)

// fakeClock runs before the page's script: Date.now stands still until the
// test moves it on with __clock(ms), so that the timers' times are exact.
const fakeClock = `(() => {
	let now = Date.now();
	Date.now = () => now;
	window.__clock = ms => { now += ms; };
})()`

// oscillatorSpy runs before the page's script and counts the oscillators
// the page makes and starts, through the real Web Audio objects.
const oscillatorSpy = `(() => {
	window.__osc = {created: 0, started: 0};
	const AC = window.AudioContext;
	if (!AC) return;
	const create = AC.prototype.createOscillator;
	AC.prototype.createOscillator = function () {
		window.__osc.created++;
		const o = create.call(this);
		const start = o.start;
		o.start = function (...args) { window.__osc.started++; return start.apply(this, args); };
		return o;
	};
})()`

// timerKit writes a kit with one module of two timed blocks, long enough
// for the page to scroll.
func timerKit(t *testing.T) string {
	t.Helper()
	filler := strings.Repeat("A paragraph of reading, so that the page is longer than the window.\n\n", 40)
	return writeFiles(t, map[string]string{
		"site.toml":         "title = \"Timer kit\"\n\n[workshop]\nstart = \"09:00\"\nend = \"10:00\"\n",
		"content/_index.md": "+++\ntitle = \"Timer kit\"\n+++\n\nA kit for the timer test.\n",
		"content/01-talk.md": "+++\ntitle = \"Talk\"\n+++\n\n" +
			"::: activity {minutes=10 title=\"Pair share\"}\nTalk in pairs.\n:::\n\n" +
			"::: discussion {minutes=4 title=\"Round up\"}\nWhat did you hear?\n:::\n\n" + filler,
	})
}

// Expressions about the first timer of the page.
const (
	timerJS     = `document.querySelector(".timer")`
	displayJS   = `document.querySelector(".timer [role=timer]").textContent`
	stateJS     = `document.querySelector(".timer .timer-state").textContent`
	announceJS  = `document.querySelector(".timer [aria-live]").textContent`
	startTextJS = `document.querySelector(".timer .timer-start").textContent`
	oscJS       = `window.__osc.created + "/" + window.__osc.started`
)

// advance moves the page's clock on by seconds and waits for the first
// timer to show want.
func advance(t *testing.T, ctx context.Context, seconds int, want string) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`__clock(%d)`, seconds*1000)))
	waitText(t, ctx, displayJS, want)
}

// waitText waits until the expression js is want, and says what it was
// instead when it never is.
func waitText(t *testing.T, ctx context.Context, js, want string) {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Poll[bool](`(`+js+`) === `+jsString(want), chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || !ok {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		t.Fatalf("%s = %q, want %q", js, got, want)
	}
}

func hasClass(t *testing.T, ctx context.Context, class string) bool {
	t.Helper()
	return chromiumtest.Eval[bool](t, ctx, timerJS+`.classList.contains("`+class+`")`)
}

// focusTimer gives the first timer itself the focus, as Tab does.
func focusTimer(t *testing.T, ctx context.Context) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.Focus(chromedp.CSS(".timer")))
}

func TestTimerHalfwayZeroOvertime(t *testing.T) {
	ctx := browser(t, fakeClock, oscillatorSpy)
	desktop(t, ctx)
	out := build(t, timerKit(t))
	base := serve(t, out)

	open(t, ctx, base+"talk/index.html")
	if n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll(".timer:not([hidden])").length`); n != 0 {
		t.Errorf("the attendee page shows %d timers, want none", n)
	}

	open(t, ctx, base+"facilitator/talk/index.html")
	if chromiumtest.Eval[bool](t, ctx, timerJS+`.hidden`) {
		t.Fatal("the timer is still hidden")
	}
	// Before the start: its length, never a bare "10:00" that reads as a
	// time of day.
	if got := chromiumtest.Eval[string](t, ctx, displayJS); got != "10 min timer" {
		t.Errorf("timer before the start shows %q, want \"10 min timer\"", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, `[...document.querySelectorAll(".timer")].map(e => e.getAttribute("aria-label")).join(" | ")`); got != "10 min timer for Pair share | 4 min timer for Round up" {
		t.Errorf("timer names = %q", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, `[...document.querySelector(".timer").querySelectorAll("button")].filter(b => !b.hidden).map(b => b.textContent).join(",")`); got != "Start,Full screen,Mute" {
		t.Errorf("buttons before the start = %q, want Start,Full screen,Mute", got)
	}
	if chromiumtest.Eval[bool](t, ctx, `document.querySelector(".timer [role=timer]").hasAttribute("aria-live")`) {
		t.Error("the role=timer element has aria-live: it would be read out every second")
	}

	// Running: what is left, and a bar that shrinks with it.
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".timer .timer-start")))
	waitText(t, ctx, displayJS, "10:00 left")
	if !hasClass(t, ctx, "running") || chromiumtest.Eval[string](t, ctx, startTextJS) != "Pause" {
		t.Errorf("a started timer is not running: class %q, button %q", chromiumtest.Eval[string](t, ctx, timerJS+`.className`), chromiumtest.Eval[string](t, ctx, startTextJS))
	}
	advance(t, ctx, 138, "7:42 left")
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector(".timer .timer-fill").style.width`); got != "77%" {
		t.Errorf("bar at 7:42 of 10:00 = %s, want 77%%", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, announceJS); got != "" {
		t.Errorf("announced %q before halfway, want nothing", got)
	}
	if hasClass(t, ctx, "halfway") {
		t.Error("class halfway before halfway")
	}
	if got := chromiumtest.Eval[string](t, ctx, oscJS); got != "0/0" {
		t.Errorf("oscillators created/started before any cue = %s, want 0/0", got)
	}

	// Halfway: a class, a word on screen, an announcement, one beep.
	advance(t, ctx, 162, "5:00 left")
	if !hasClass(t, ctx, "halfway") {
		t.Error("no class halfway at 5:00 left of 10:00")
	}
	if got := chromiumtest.Eval[string](t, ctx, stateJS); got != "Halfway" {
		t.Errorf("state at halfway = %q, want Halfway", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, announceJS); got != "Halfway: 5 minutes left." {
		t.Errorf("announced at halfway %q", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, oscJS); got != "1/1" {
		t.Errorf("oscillators created/started at halfway = %s, want 1/1", got)
	}
	advance(t, ctx, 1, "4:59 left")
	if got := chromiumtest.Eval[string](t, ctx, oscJS); got != "1/1" {
		t.Errorf("the halfway cue sounded again a second later: oscillators %s", got)
	}

	// Zero: the time is up, said and sounded once.
	advance(t, ctx, 299, "0:00 left")
	if !hasClass(t, ctx, "over") {
		t.Error("no class over at zero")
	}
	if got := chromiumtest.Eval[string](t, ctx, stateJS); got != "Time is up" {
		t.Errorf("state at zero = %q, want Time is up", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, announceJS); got != "Time is up for Pair share. Counting the time over." {
		t.Errorf("announced at zero %q", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, oscJS); got != "4/4" {
		t.Errorf("oscillators created/started after zero = %s, want 4/4 (one at halfway, three at zero)", got)
	}

	// Over: it counts up, in the warning colour.
	advance(t, ctx, 72, "+1:12 over")
	if !hasClass(t, ctx, "over") {
		t.Error("no class over at +1:12")
	}
	if got := chromiumtest.Eval[string](t, ctx, announceJS); got != "1 minute over for Pair share." {
		t.Errorf("announced a minute over: %q", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, `getComputedStyle(document.querySelector(".timer .timer-time")).color`); got != "rgb(164, 22, 26)" {
		t.Errorf("colour of the time over = %s, want the warning colour rgb(164, 22, 26)", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, oscJS); got != "4/4" {
		t.Errorf("oscillators after a minute over = %s, want still 4/4", got)
	}

	// Space pauses and resumes while the timer has the focus.
	focusTimer(t, ctx)
	chromiumtest.Key(t, ctx, " ")
	waitText(t, ctx, stateJS, "Time is up · paused")
	if got := chromiumtest.Eval[string](t, ctx, startTextJS); got != "Resume" {
		t.Errorf("start button when paused = %q, want Resume", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`__clock(30000)`), chromedp.Sleep(600*time.Millisecond))
	if got := chromiumtest.Eval[string](t, ctx, displayJS); got != "+1:12 over" {
		t.Errorf("a paused timer moved on to %q", got)
	}
	chromiumtest.Key(t, ctx, " ")
	waitText(t, ctx, startTextJS, "Pause")
	advance(t, ctx, 10, "+1:22 over")

	// Elsewhere Space scrolls the page, and the timer runs on.
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur(); scrollTo(0, 0)`))
	chromiumtest.Key(t, ctx, " ")
	chromiumtest.WaitFor(t, ctx, `scrollY > 0`)
	if !hasClass(t, ctx, "running") {
		t.Error("Space outside the timer paused it")
	}

	// R resets, while the timer has the focus.
	chromiumtest.Key(t, ctx, "r")
	if !hasClass(t, ctx, "running") {
		t.Error("R outside the timer reset it")
	}
	focusTimer(t, ctx)
	chromiumtest.Key(t, ctx, "r")
	waitText(t, ctx, displayJS, "10 min timer")
	for _, c := range []string{"running", "paused", "halfway", "over"} {
		if hasClass(t, ctx, c) {
			t.Errorf("after R the timer still has class %s", c)
		}
	}
	if got := chromiumtest.Eval[string](t, ctx, startTextJS); got != "Start" {
		t.Errorf("after R the start button reads %q", got)
	}
	// Space starts it again from the top.
	chromiumtest.Key(t, ctx, " ")
	waitText(t, ctx, displayJS, "10:00 left")
	advance(t, ctx, 5, "9:55 left")

	// Muted: the cues show but make no sound, and it stays muted after a
	// reload, on every timer of the kit.
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".timer .timer-mute")))
	kitID := chromiumtest.Eval[string](t, ctx, `document.documentElement.dataset.kit`)
	if got := chromiumtest.Eval[string](t, ctx, `localStorage.getItem("lectern-timers-muted:`+kitID+`")`); got != "1" {
		t.Errorf("mute stored as %q, want 1", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Reload())
	chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
	if got := chromiumtest.Eval[string](t, ctx, `[...document.querySelectorAll(".timer-mute")].map(b => b.getAttribute("aria-pressed")).join(",")`); got != "true,true" {
		t.Errorf("after a reload the mute buttons are pressed: %s, want true,true", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".timer .timer-start")))
	advance(t, ctx, 300, "5:00 left")
	if got := chromiumtest.Eval[string](t, ctx, announceJS); got != "Halfway: 5 minutes left." || !hasClass(t, ctx, "halfway") {
		t.Errorf("muted, the halfway cue did not show: announced %q", got)
	}
	advance(t, ctx, 301, "+0:01 over")
	if got := chromiumtest.Eval[string](t, ctx, oscJS); got != "0/0" {
		t.Errorf("muted, oscillators created/started = %s, want 0/0", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".timer .timer-mute")))
	if chromiumtest.Eval[bool](t, ctx, `localStorage.getItem("lectern-timers-muted:`+kitID+`") !== null`) {
		t.Error("unmuting left the mute stored")
	}
	checkErrors(t, ctx)

	// From a file on disk, too.
	open(t, ctx, "file://"+filepath.ToSlash(out)+"/facilitator/talk/index.html")
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".timer .timer-start")))
	advance(t, ctx, 61, "8:59 left")
}

// TestTimerFullScreen: F and the button put the timer full screen with the
// Fullscreen API, the keys work there wherever the focus is, and Esc or
// the button leave it.
func TestTimerFullScreen(t *testing.T) {
	ctx := browser(t, fakeClock)
	desktop(t, ctx)
	base := serve(t, build(t, timerKit(t)))
	open(t, ctx, base+"facilitator/talk/index.html")

	focusTimer(t, ctx)
	chromiumtest.Key(t, ctx, "f")
	chromiumtest.WaitFor(t, ctx, `document.fullscreenElement === document.querySelector(".timer")`)
	if !hasClass(t, ctx, "full") {
		t.Error("full screen without class full")
	}
	big := chromiumtest.Eval[float64](t, ctx, `parseFloat(getComputedStyle(document.querySelector(".timer .timer-time")).fontSize)`)
	if big < 150 {
		t.Errorf("full-screen digits are %.0fpx, want at least 150px at 1280x900", big)
	}
	// The keys reach the full-screen timer even with the focus elsewhere.
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	chromiumtest.Key(t, ctx, " ")
	waitText(t, ctx, displayJS, "10:00 left")
	advance(t, ctx, 75, "8:45 left")
	chromiumtest.Key(t, ctx, " ")
	waitText(t, ctx, stateJS, "Paused")
	chromiumtest.Key(t, ctx, "R")
	waitText(t, ctx, displayJS, "10 min timer")
	chromiumtest.Key(t, ctx, kb.Escape)
	chromiumtest.WaitFor(t, ctx, `document.fullscreenElement === null && !document.querySelector(".timer").classList.contains("full")`)

	// The button, twice.
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".timer .timer-fullscreen")))
	chromiumtest.WaitFor(t, ctx, `document.fullscreenElement === document.querySelector(".timer")`)
	if got := chromiumtest.Eval[string](t, ctx, `document.activeElement === document.querySelector(".timer") ? "timer" : document.activeElement.className`); got != "timer" {
		t.Errorf("in full screen the focus is on %q, want the timer, so that Space starts it", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector(".timer .timer-fullscreen").textContent`); got != "Exit full screen" {
		t.Errorf("full-screen button reads %q in full screen", got)
	}
	// On paper: no timer, and the page is not held to one sheet.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if got := chromiumtest.Eval[string](t, ctx, `[...document.querySelectorAll(".timer")].map(e => getComputedStyle(e).display).join(",") + " " + getComputedStyle(document.body).overflowY`); got != "none,none visible" {
		t.Errorf("printed, the timers' display and the page's overflow are %q, want none,none visible", got)
	}
	chromiumtest.ColorScheme(t, ctx, "light") // the screen again
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".timer .timer-fullscreen")))
	chromiumtest.WaitFor(t, ctx, `document.fullscreenElement === null && !document.body.classList.contains("has-full-timer")`)
	checkErrors(t, ctx)
}

// TestTimerContrast runs axe-core's colour-contrast rule on timers at
// halfway and over, light and dark, in the page and full screen.
func TestTimerContrast(t *testing.T) {
	axe := chromiumtest.Axe(t)
	ctx := browser(t, fakeClock)
	desktop(t, ctx)
	base := serve(t, build(t, timerKit(t)))
	for _, scheme := range []string{"light", "dark"} {
		chromiumtest.ColorScheme(t, ctx, scheme)
		open(t, ctx, base+"facilitator/talk/index.html")
		// The 10-minute timer over, the 4-minute one halfway and paused.
		chromiumtest.Do(t, ctx,
			chromedp.Evaluate[chromedp.Void](axe),
			chromedp.Click(chromedp.CSS(".timer .timer-start")),
			chromedp.Evaluate[chromedp.Void](`__clock(700000)`),
			chromedp.Click(chromedp.CSS(".segment-discussion .timer-start")),
			chromedp.Evaluate[chromedp.Void](`__clock(150000)`),
			chromedp.Click(chromedp.CSS(".segment-discussion .timer-start")))
		waitText(t, ctx, `[...document.querySelectorAll(".timer")].map(e => ["running", "paused", "halfway", "over"].filter(c => e.classList.contains(c)).join(" ")).join(" | ")`, "running halfway over | paused halfway")
		for _, full := range []bool{false, true} {
			if full {
				chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".timer .timer-fullscreen")))
				chromiumtest.WaitFor(t, ctx, `document.querySelector(".timer").classList.contains("full")`)
			}
			axeCheck(t, ctx, fmt.Sprintf("%s, full screen %v", scheme, full),
				`axe.run(document.querySelectorAll(".timer"), {runOnly: {type: "rule", values: ["color-contrast", "target-size", "aria-allowed-attr", "aria-allowed-role", "button-name"]}})`)
		}
	}
}

// TestTimerScreenshots saves, into the folder LECTERN_SHOTS names, a
// facilitator module page of the sample kit with its timers before the
// start, then running, halfway and over, and those full screen, at phone
// and desktop width, light and dark.
func TestTimerScreenshots(t *testing.T) {
	dir := shotsDir(t)
	ctx := browser(t, fakeClock)
	base := serve(t, build(t, repoRoot))
	save := func(name string, png []byte, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, width := range []int64{360, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			if width == 360 {
				phone(t, ctx)
			} else {
				desktop(t, ctx)
			}
			chromiumtest.ColorScheme(t, ctx, scheme)
			open(t, ctx, base+"facilitator/task-vs-people/index.html")
			name := fmt.Sprintf("-%d-%s.png", width, scheme)
			chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(".segment-activity").scrollIntoView({block: "start"}); scrollBy(0, -16)`))
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			save("timers-idle"+name, png, err)
			// The worksheet (15 min) running, the activity (10 min)
			// halfway, the discussion (10 min) over.
			chromiumtest.Do(t, ctx,
				chromedp.Click(chromedp.CSS(".segment-discussion .timer-start")),
				chromedp.Evaluate[chromedp.Void](`__clock(700000)`),
				chromedp.Click(chromedp.CSS(".segment-activity .timer-start")),
				chromedp.Evaluate[chromedp.Void](`__clock(318000)`),
				chromedp.Click(chromedp.CSS(".worksheet .timer-start")),
				chromedp.Evaluate[chromedp.Void](`__clock(138000)`))
			chromiumtest.WaitFor(t, ctx, `document.querySelector(".worksheet [role=timer]").textContent === "12:42 left"`)
			for _, at := range []string{".worksheet", ".segment-activity"} {
				chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("`+at+`").scrollIntoView({block: "start"}); scrollBy(0, -16)`))
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				label := "timers-running"
				if at != ".worksheet" {
					label = "timers-halfway-over"
				}
				save(label+name, png, err)
			}
			for _, which := range []string{"worksheet", "segment-activity", "segment-discussion"} {
				chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS("."+which+" .timer-fullscreen")))
				chromiumtest.WaitFor(t, ctx, `document.fullscreenElement === document.querySelector(".`+which+` .timer")`)
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				save("timer-full-"+strings.TrimPrefix(which, "segment-")+name, png, err)
				chromiumtest.Key(t, ctx, kb.Escape)
				chromiumtest.WaitFor(t, ctx, `document.fullscreenElement === null`)
			}
		}
	}
}

package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"lectern/generator/internal/chromiumtest"
)

// The sample kit's one day is Thursday 10 December 2026, 09:00–12:30; its
// run-sheet is the storage key's kit.
const sampleShiftKey = "lectern-shift:leading-not-just-managing:1"

// clockAt is a script that sets the page's clock to local time at (given
// as "2006-01-02 15:04") and lets it run on from there: Date with no
// arguments and Date.now read the fake clock, everything else is Date's.
func clockAt(t *testing.T, at string) string {
	t.Helper()
	var y, mo, d, h, mi int
	if _, err := fmt.Sscanf(at, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi); err != nil {
		t.Fatalf("clockAt %s: %v", at, err)
	}
	return fmt.Sprintf(`(() => {
		const Real = window.__RealDate || Date;
		window.__RealDate = Real;
		const t0 = Real.now(), at = new Real(%d, %d, %d, %d, %d, 0).getTime();
		const now = () => at + (Real.now() - t0);
		class FakeDate extends Real {
			constructor(...a) { super(...(a.length ? a : [now()])); }
			static now() { return now(); }
		}
		window.Date = FakeDate;
	})();`, y, mo-1, d, h, mi)
}

// setClock sets the clock of the page shown and lets lectern.js see it.
func setClock(t *testing.T, ctx context.Context, at string) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](clockAt(t, at)+`; lectern.tick()`))
}

// onEveryPage runs js before each page's own scripts in the tab of ctx.
func onEveryPage(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		t.Fatal(err)
	}
}

func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	return chromiumtest.Eval[string](t, ctx, js)
}

const (
	statusJS  = `(() => { const p = document.querySelector(".schedule-status"); return p.hidden ? "(hidden)" : p.textContent })()`
	nowNextJS = `(() => { const p = document.querySelector(".now-next"); return p.hidden ? "(hidden)" : p.textContent })()`
	dayShift  = `document.querySelector(".day-controls .day-shift").textContent`
	marked    = `[...document.querySelectorAll("%s")].map(r => r.dataset.start).join(",")`
)

// badClocks lists the clocks of the page that do not read their planned
// time moved by shift minutes ("≈" kept for estimates), or "none" when
// the page has no clock at all.
func badClocks(t *testing.T, ctx context.Context, shift int) string {
	t.Helper()
	return evalString(t, ctx, fmt.Sprintf(`(() => {
		const all = [...document.querySelectorAll("time.clock")];
		if (!all.length) return "none";
		const hhmm = m => { m = ((m %% 1440) + 1440) %% 1440; return String(Math.floor(m / 60)).padStart(2, "0") + ":" + String(m %% 60).padStart(2, "0") };
		return all.filter(c => c.textContent !== (c.hasAttribute("data-est") ? "≈" : "") + hhmm(+c.dataset.min + %d))
			.map(c => c.dataset.min + "=" + c.textContent).join(" ");
	})()`, shift))
}

func countClocks(t *testing.T, ctx context.Context) int {
	t.Helper()
	return chromiumtest.Eval[int](t, ctx, `document.querySelectorAll("time.clock").length`)
}

// TestRunSheetNow: on the workshop's day the run-sheet marks what is on now
// and next, by the segments' true starts: in "Task focus and people focus"
// (09:25–10:05) the worksheet comes after the module's opening words, at
// ≈09:29, so the trios are on from ≈09:44 to ≈09:54, not from 09:40.
func TestRunSheetNow(t *testing.T) {
	ctx, base, _ := sample(t)
	onEveryPage(t, ctx, clockAt(t, "2026-12-10 09:45"))
	open(t, ctx, base+"facilitator/agenda/index.html")

	if got := evalString(t, ctx, fmt.Sprintf(marked, "tr.now")); got != "565" {
		t.Errorf("rows marked now: %q, want 565", got)
	}
	if got := evalString(t, ctx, fmt.Sprintf(marked, "tr.next")); got != "605" {
		t.Errorf("rows marked next: %q, want 605", got)
	}
	if got := evalString(t, ctx, fmt.Sprintf(marked, "li.now")); got != "584" {
		t.Errorf("segments marked now: %q, want 584 (the trios, ≈09:44)", got)
	}
	if got := evalString(t, ctx, fmt.Sprintf(marked, "li.next")); got != "594" {
		t.Errorf("segments marked next: %q, want 594 (the discussion, ≈09:54)", got)
	}
	if got, want := evalString(t, ctx, nowNextJS), "Now: Task focus and people focus — activity: Trios: one routine, two ways, until ≈09:54 · Next: ≈09:54 discussion: Whole group"; got != want {
		t.Errorf("now-next reads %q, want %q", got, want)
	}
	// The run-sheet says it is today by its table, not by a status line.
	if got := evalString(t, ctx, statusJS); got != "(hidden)" {
		t.Errorf("status on the day: %q, want none", got)
	}
	if !chromiumtest.Eval[bool](t, ctx, `document.querySelector("table.run-sheet").classList.contains("today")`) {
		t.Error("the day's table is not marked today")
	}
	if got := evalString(t, ctx, dayShift); got != "On plan — ends 12:30" {
		t.Errorf("day controls say %q", got)
	}

	// In the break, the next module comes next.
	setClock(t, ctx, "2026-12-10 10:40")
	if got := evalString(t, ctx, `document.querySelector("tr.now").className + "|" + document.querySelector("tr.next").dataset.start`); got != "break now|650" {
		t.Errorf("at 10:40: %q, want the break now and 650 next", got)
	}
	// Before the day starts: nothing now, the first module next.
	setClock(t, ctx, "2026-12-10 08:00")
	if n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll(".now").length`); n != 0 {
		t.Errorf("at 08:00, %d elements are marked now", n)
	}
	if got, want := evalString(t, ctx, nowNextJS), `Now: not started yet · Next: 09:00 Why it matters: "have to" or "want to"`; got != want {
		t.Errorf("at 08:00 now-next reads %q, want %q", got, want)
	}
	// After the last module.
	setClock(t, ctx, "2026-12-10 13:00")
	if got := evalString(t, ctx, nowNextJS); got != "The day ended at 12:30" {
		t.Errorf("at 13:00 now-next reads %q", got)
	}
}

// TestRunSheetDates: before the workshop's date the run-sheet and the
// dashboard say when it starts, after it when it ended, and neither shows a
// now and next; on the day the dashboard shows both.
func TestRunSheetDates(t *testing.T) {
	ctx, base, _ := sample(t)
	for _, c := range []struct {
		at, status string
	}{
		{"2026-12-09 21:30", "Starts tomorrow at 09:00"},
		{"2026-12-04 10:00", "Starts on Thursday 10 December at 09:00 (in 6 days)"},
		{"2025-12-24 10:00", "Starts on Thursday 10 December 2026 at 09:00 (in 351 days)"},
		{"2026-12-11 09:45", "Ended on Thursday 10 December"},
		{"2027-03-01 09:45", "Ended on Thursday 10 December 2026"},
	} {
		for _, p := range []string{"facilitator/agenda/index.html", "facilitator/index.html"} {
			open(t, ctx, base+p)
			setClock(t, ctx, c.at)
			if got := evalString(t, ctx, statusJS); got != c.status {
				t.Errorf("%s at %s: status %q, want %q", p, c.at, got, c.status)
			}
			if got := evalString(t, ctx, nowNextJS); got != "(hidden)" {
				t.Errorf("%s at %s: now-next %q, want none", p, c.at, got)
			}
			if n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll(".now, .next, .today").length`); n != 0 {
				t.Errorf("%s at %s: %d elements marked now, next or today", p, c.at, n)
			}
		}
	}

	// On the day, the dashboard: status, now and next, the module on now
	// with its segments in the run-sheet in brief.
	open(t, ctx, base+"facilitator/index.html")
	setClock(t, ctx, "2026-12-10 09:45")
	if got := evalString(t, ctx, statusJS); got != "Today · On plan — ends 12:30" {
		t.Errorf("dashboard status on the day: %q", got)
	}
	if got := evalString(t, ctx, nowNextJS); !strings.HasPrefix(got, "Now: Task focus and people focus — activity: Trios") {
		t.Errorf("dashboard now-next on the day: %q", got)
	}
	if got := evalString(t, ctx, fmt.Sprintf(marked, ".brief > li.now")); got != "565" {
		t.Errorf("dashboard: rows marked now %q, want 565", got)
	}
	if !chromiumtest.Eval[bool](t, ctx, `getComputedStyle(document.querySelector(".brief > li.now .segments")).display !== "none" && getComputedStyle(document.querySelector(".brief > li.next .segments")).display === "none"`) {
		t.Error("dashboard: the segments of the module on now are not the only ones shown")
	}
}

// TestRunSheetDays: a kit of three days, dated Thursday, Friday and Monday.
// On Friday the dashboard shows day 2; on the Saturday, day 3 is next; a
// module's page says where it stands in its day.
func TestRunSheetDays(t *testing.T) {
	ctx := browser(t)
	base := serve(t, build(t, "../testdata/timing"))
	open(t, ctx, base+"facilitator/index.html")
	shownDays := `[...document.querySelectorAll(".brief-day")].filter(d => !d.hidden).map(d => d.dataset.day).join(",")`
	setClock(t, ctx, "2026-12-11 10:02")
	if got := evalString(t, ctx, shownDays); got != "2" {
		t.Errorf("on Friday the dashboard shows days %q, want 2", got)
	}
	if got := evalString(t, ctx, statusJS); got != "Today, day 2 · On plan — ends 10:20" {
		t.Errorf("on Friday: status %q", got)
	}
	if got := evalString(t, ctx, nowNextJS); got != "Now: Plain — activity: Straight in, until ≈10:05 · Next: the end of the day, 10:20" {
		t.Errorf("on Friday: now-next %q", got)
	}
	setClock(t, ctx, "2026-12-12 10:00")
	if got := evalString(t, ctx, shownDays); got != "3" {
		t.Errorf("on Saturday the dashboard shows days %q, want 3", got)
	}
	if got := evalString(t, ctx, statusJS); got != "Day 3 starts on Monday 14 December at 09:30 (in 2 days)" {
		t.Errorf("on Saturday: status %q", got)
	}
	setClock(t, ctx, "2026-12-01 10:00")
	if got := evalString(t, ctx, shownDays); got != "1" {
		t.Errorf("before the workshop the dashboard shows days %q, want 1", got)
	}

	open(t, ctx, base+"facilitator/day-1/pinned/index.html")
	if got := evalString(t, ctx, `document.querySelector(".module-slot dd").textContent`); got != "Day 1 · 09:45–10:25 · after the coffee" {
		t.Errorf("the module's slot reads %q", got)
	}
	if got := evalString(t, ctx, `[...document.querySelectorAll(".module-slot time.clock")].map(c => c.getAttribute("datetime")).join(" ")`); got != "2026-12-10T09:45 2026-12-10T10:25" {
		t.Errorf("the slot's clocks have datetime %q", got)
	}
	open(t, ctx, base+"facilitator/day-2/plain/index.html")
	if got := evalString(t, ctx, `document.querySelector(".module-slot dd").textContent`); got != "Day 2 · 10:00–10:20 · opens day 2" {
		t.Errorf("day 2's module's slot reads %q", got)
	}
}

// TestRunSheetNoDate: a kit without a date shows no now and next until the
// facilitator presses Start now; then the day runs from that minute, that
// day only.
func TestRunSheetNoDate(t *testing.T) {
	ctx := browser(t)
	src := writeFiles(t, map[string]string{
		"site.toml":         "title = \"Undated\"\n\n[workshop]\nstart = \"13:00\"\nend = \"14:00\"\n",
		"content/_index.md": "+++\ntitle = \"Undated\"\n+++\n\nHello.\n",
		"content/01-open.md": "+++\ntitle = \"Open\"\nduration = 20\n+++\n\n" +
			"::: activity {minutes=10 title=\"Warm-up\"}\nGo.\n:::\n\n::: discussion {minutes=10 at=10 title=\"Round\"}\nTalk.\n:::\n",
		"content/02-close.md": "+++\ntitle = \"Close\"\nduration = 30\n+++\n\nGoodbye.\n",
	})
	base := serve(t, build(t, src))
	onEveryPage(t, ctx, clockAt(t, "2026-05-12 13:25"))
	open(t, ctx, base+"facilitator/agenda/index.html")
	if got := evalString(t, ctx, statusJS); got != "No date set: press Start now when the day begins." {
		t.Errorf("status without a date: %q", got)
	}
	if got := evalString(t, ctx, nowNextJS); got != "(hidden)" {
		t.Errorf("now-next without a date, before Start now: %q", got)
	}
	if got := evalString(t, ctx, `[...document.querySelectorAll(".day-controls button")].filter(b => !b.hidden).map(b => b.textContent).join("|")`); got != "Start now" {
		t.Errorf("buttons of a day not started: %q, want Start now alone", got)
	}
	if got := evalString(t, ctx, dayShift); got != "Not started: Start now runs the day from this minute" {
		t.Errorf("day controls say %q", got)
	}

	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.day-controls [data-act="start"]`)))
	if got := evalString(t, ctx, nowNextJS); got != "Now: Open — activity: Warm-up, until ≈13:35 · Next: 13:35 discussion: Round" {
		t.Errorf("after Start now at 13:25: now-next %q", got)
	}
	if got := evalString(t, ctx, dayShift); got != "Running 25 min late — ends 14:15, planned 13:50" {
		t.Errorf("after Start now: %q", got)
	}
	if got := badClocks(t, ctx, 25); got != "" {
		t.Errorf("clocks not moved by 25 min: %s", got)
	}
	if got := evalString(t, ctx, statusJS); got != "(hidden)" {
		t.Errorf("status once started: %q", got)
	}
	// The dashboard follows.
	open(t, ctx, base+"facilitator/index.html")
	if got := evalString(t, ctx, statusJS); got != "Today · Running 25 min late — ends 14:15, planned 13:50" {
		t.Errorf("dashboard after Start now: %q", got)
	}
	// Back to plan: still running today, on the planned times.
	open(t, ctx, base+"facilitator/agenda/index.html")
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.day-controls [data-act="plan"]`)))
	if got := evalString(t, ctx, nowNextJS); got != "Now: Close, until 13:50 · Next: the end of the day, 13:50" {
		t.Errorf("back to plan at 13:25: now-next %q", got)
	}
	if got := badClocks(t, ctx, 0); got != "" {
		t.Errorf("clocks back to plan: %s", got)
	}
	// The next day, the start has lapsed.
	setClock(t, ctx, "2026-05-13 13:25")
	if got := evalString(t, ctx, nowNextJS); got != "(hidden)" {
		t.Errorf("the day after Start now: now-next %q", got)
	}
	if got := evalString(t, ctx, statusJS); got != "No date set: press Start now when the day begins." {
		t.Errorf("the day after Start now: status %q", got)
	}
}

// TestClockShift: Start now and ±5 move every clock of the run-sheet, the
// dashboard, a module page and the guide, in this tab and in another.
func TestClockShift(t *testing.T) {
	ctx, base, _ := sample(t)
	onEveryPage(t, ctx, clockAt(t, "2026-12-10 09:07"))
	open(t, ctx, base+"facilitator/agenda/index.html")
	// 7 rows of two clocks, 14 segments and the end of the day.
	if n := countClocks(t, ctx); n != 29 {
		t.Fatalf("the run-sheet has %d clocks, want 29", n)
	}
	click := func(act string) {
		t.Helper()
		chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.day-controls [data-act="`+act+`"]`)))
	}
	click("start")
	if got := badClocks(t, ctx, 7); got != "" {
		t.Errorf("after Start now at 09:07, clocks not 7 min on: %s", got)
	}
	if got := evalString(t, ctx, dayShift); got != "Running 7 min late — ends 12:37, planned 12:30" {
		t.Errorf("after Start now: %q", got)
	}
	if got := evalString(t, ctx, `document.querySelector("tfoot").textContent`); got != "Ends 12:37, planned 12:30 — overrun by 7 min" {
		t.Errorf("footer after Start now: %q", got)
	}
	if got := evalString(t, ctx, `(c => c.getAttribute("datetime") + " " + c.title)(document.querySelector("time.clock"))`); got != "2026-12-10T09:07 Planned 09:00" {
		t.Errorf("the first clock: %q", got)
	}
	click("later")
	if got := badClocks(t, ctx, 12); got != "" {
		t.Errorf("after +5, clocks not 12 min on: %s", got)
	}
	click("earlier")
	click("earlier")
	click("earlier")
	if got := badClocks(t, ctx, -3); got != "" {
		t.Errorf("after three −5, clocks not 3 min early: %s", got)
	}
	if got := evalString(t, ctx, dayShift); got != "Running 3 min early — ends 12:27, planned 12:30" {
		t.Errorf("after three −5: %q", got)
	}
	if got := evalString(t, ctx, `document.querySelector("tfoot").textContent`); got != "Ends 12:27, planned 12:30 — on time" {
		t.Errorf("footer 3 min early: %q", got)
	}
	click("later")
	click("later") // +7
	stored := evalString(t, ctx, `localStorage.getItem("`+sampleShiftKey+`")`)
	if stored != `{"shift":7,"on":"2026-12-10","started":true}` {
		t.Errorf("stored shift: %s", stored)
	}

	for _, p := range []string{"facilitator/index.html", "facilitator/task-vs-people/index.html", "facilitator/guide/index.html"} {
		open(t, ctx, base+p)
		if n := countClocks(t, ctx); n == 0 {
			t.Errorf("%s has no clock", p)
		}
		if got := badClocks(t, ctx, 7); got != "" {
			t.Errorf("%s: clocks not 7 min on: %s", p, got)
		}
	}
	open(t, ctx, base+"facilitator/task-vs-people/index.html")
	if got := evalString(t, ctx, `document.querySelector(".module-slot dd").textContent`); got != "09:32–10:12" {
		t.Errorf("module slot with the shift: %q", got)
	}
	open(t, ctx, base+"facilitator/index.html")
	if got := evalString(t, ctx, statusJS); got != "Today · Running 7 min late — ends 12:37, planned 12:30" {
		t.Errorf("dashboard status: %q", got)
	}
	// At 09:07 with the day started then, the first module is on.
	if got := evalString(t, ctx, nowNextJS); got != `Now: Why it matters: "have to" or "want to", until 09:32 · Next: ≈09:11 activity: Pair share` {
		t.Errorf("dashboard now-next: %q", got)
	}
	// Attendee pages have no clocks to move.
	open(t, ctx, base+"task-vs-people/index.html")
	if n := countClocks(t, ctx); n != 0 {
		t.Errorf("the attendee module page has %d clocks", n)
	}

	// A second tab on the dashboard follows the run-sheet's buttons.
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	onEveryPage(t, tab, clockAt(t, "2026-12-10 09:07"))
	open(t, tab, base+"facilitator/index.html")
	open(t, ctx, base+"facilitator/agenda/index.html")
	click("later")
	chromiumtest.WaitFor(t, tab, `document.querySelector(".schedule-status").textContent === "Today · Running 12 min late — ends 12:42, planned 12:30"`)
	if got := badClocks(t, tab, 12); got != "" {
		t.Errorf("the other tab: clocks not 12 min on: %s", got)
	}
	click("plan")
	chromiumtest.WaitFor(t, tab, `document.querySelector(".schedule-status").textContent === "Today · On plan — ends 12:30"`)
	if got := badClocks(t, tab, 0); got != "" {
		t.Errorf("the other tab, back to plan: %s", got)
	}
	if got := badClocks(t, ctx, 0); got != "" {
		t.Errorf("back to plan: %s", got)
	}
	if got := evalString(t, ctx, `[...document.querySelectorAll("time.clock[title]")].length + " " + document.querySelector(".day-controls").className`); got != "0 day-controls no-print" {
		t.Errorf("back to plan, shifted marks remain: %q", got)
	}
}

// TestRunSheetLinks: every module title and segment on the run-sheet and
// the dashboard leads to a facilitator page and, for a segment, to its
// block there.
func TestRunSheetLinks(t *testing.T) {
	ctx, base, _ := sample(t)
	type link struct{ Page, Hash, Text string }
	var links []link
	for _, p := range []string{"facilitator/agenda/index.html", "facilitator/index.html"} {
		open(t, ctx, base+p)
		got := chromiumtest.Eval[[]link](t, ctx, `[...document.querySelectorAll(".run-sheet a, .brief a")].map(a => ({Page: a.href.split("#")[0], Hash: a.hash.slice(1), Text: a.textContent}))`)
		if len(got) != 6+14 {
			t.Errorf("%s: %d links in the run-sheet, want 20 (6 modules, 14 segments)", p, len(got))
		}
		links = append(links, got...)
	}
	byPage := map[string][]link{}
	for _, l := range links {
		if !strings.HasPrefix(l.Page, base+"facilitator/") {
			t.Errorf("%q links to %s, outside the facilitator edition", l.Text, l.Page)
		}
		byPage[l.Page] = append(byPage[l.Page], l)
	}
	if len(byPage) != 6 {
		t.Errorf("the run-sheet links to %d pages, want the 6 modules'", len(byPage))
	}
	for pg, ls := range byPage {
		open(t, ctx, pg)
		title := evalString(t, ctx, `document.querySelector("h1").textContent`)
		for _, l := range ls {
			if l.Hash == "" {
				if l.Text != title {
					t.Errorf("%q leads to the page of %q", l.Text, title)
				}
				continue
			}
			// The block's head names what the run-sheet named.
			head := evalString(t, ctx, `(el => el ? el.textContent : "(missing)")(document.getElementById("`+l.Hash+`"))`)
			if head == "(missing)" {
				t.Errorf("%q leads to #%s, which %s lacks", l.Text, l.Hash, pg)
				continue
			}
			kind, name, _ := strings.Cut(l.Text, ": ")
			if !strings.Contains(strings.ToLower(head), kind) || !strings.Contains(head, name) {
				t.Errorf("%q leads to #%s on %s, which is not that block", l.Text, l.Hash, pg)
			}
		}
	}
}

// TestSegmentPlacement: a segment stands where it is in its module. In
// testdata/timing, "Reading first" opens with 200 words before its activity,
// which starts ≈09:07, after the module's start; "Pinned" pins its first
// segment at=5 (09:50) and its last at=30 (10:15), which read without "≈".
func TestSegmentPlacement(t *testing.T) {
	ctx := browser(t)
	base := serve(t, build(t, "../testdata/timing"))
	onEveryPage(t, ctx, clockAt(t, "2026-12-01 09:00"))
	open(t, ctx, base+"facilitator/agenda/index.html")
	rows := chromiumtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("table.run-sheet[data-day='1'] tr.slot")].map(tr =>
		tr.dataset.start + " " + [...tr.querySelectorAll(".segments > li")].map(li => li.dataset.start + "=" + li.querySelector("time").textContent).join(" "))`)
	want := []string{"540 547=≈09:07 560=≈09:20", "585 590=09:50 603=≈10:03 615=10:15"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Errorf("day 1 rows and segments:\n%q\nwant\n%q", rows, want)
	}
	// The sample kit: the opening activity follows the module's reading.
	open(t, ctx, serve(t, build(t, repoRoot))+"facilitator/agenda/index.html")
	first := chromiumtest.Eval[[]int](t, ctx, `(tr => [+tr.dataset.start, +tr.querySelector(".segments > li").dataset.start])(document.querySelector("tr.slot"))`)
	if first[1] <= first[0] {
		t.Errorf("the sample's first activity starts at %d, not after its module's start %d", first[1], first[0])
	}
}

// TestRunSheetScreenshots saves the run-sheet, the dashboard and a module
// page of the sample kit at phone and laptop width, light and dark, into the
// folder LECTERN_SHOTS names: on the day at 09:52 with the day 7 minutes
// late, and the day before.
func TestRunSheetScreenshots(t *testing.T) {
	dir := shotsDir(t)
	ctx, base, _ := sample(t)
	shots := []struct{ name, page, at string }{
		{"runsheet-late", "facilitator/agenda/index.html", "2026-12-10 09:52"},
		{"runsheet-day-before", "facilitator/agenda/index.html", "2026-12-09 17:00"},
		{"dashboard-late", "facilitator/index.html", "2026-12-10 09:52"},
		{"dashboard-before", "facilitator/index.html", "2026-12-04 10:00"},
		{"module-late", "facilitator/task-vs-people/index.html", "2026-12-10 09:52"},
	}
	for _, width := range []int64{360, 1280} {
		if width == 360 {
			phone(t, ctx)
		} else {
			desktop(t, ctx)
		}
		for _, scheme := range []string{"light", "dark"} {
			chromiumtest.ColorScheme(t, ctx, scheme)
			for _, s := range shots {
				open(t, ctx, base+s.page)
				setClock(t, ctx, s.at)
				shift := `localStorage.removeItem("` + sampleShiftKey + `")`
				if strings.HasSuffix(s.name, "-late") {
					shift = `localStorage.setItem("` + sampleShiftKey + `", JSON.stringify({shift: 7, on: "2026-12-10", started: false}))`
				}
				chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](shift+`; lectern.tick()`))
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", s.name, width, scheme))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

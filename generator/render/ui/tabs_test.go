package ui_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lectern/generator/internal/chromiumtest"
)

// tabsKit writes a kit of two modules with tabs of the same titles: the
// first has two tabs blocks, one of which lacks "macOS", and a hint and a
// solution; the second has one tabs block.
func tabsKit(t *testing.T) string {
	t.Helper()
	osTabs := func(prefix string) string {
		return ":::: tabs {title=\"Your computer\"}\n" +
			"::: tab {title=\"macOS\"}\n" + prefix + "-MAC\n:::\n\n" +
			"::: tab {title=\"Windows\"}\n" + prefix + "-WIN\n:::\n\n" +
			"::: tab {title=\"Linux\"}\n" + prefix + "-LINUX\n:::\n::::\n\n"
	}
	return writeFiles(t, map[string]string{
		"site.toml":         "title = \"Tabs kit\"\n",
		"content/_index.md": "+++\ntitle = \"Tabs kit\"\n+++\n\nHello.\n",
		"content/01-install.md": "+++\ntitle = \"Install\"\nduration = 10\n+++\n\n## Install\n\n" + osTabs("ONE") +
			"## Check\n\n:::: tabs\n::: tab {title=\"Windows\"}\nCHECK-WIN\n:::\n\n::: tab {title=\"Linux\"}\n## Linux check\n\nCHECK-LINUX\n:::\n::::\n\n" +
			"::: hint\nHINT-TEXT\n:::\n\n::: solution\nANSWER-TEXT\n:::\n",
		"content/02-run.md": "+++\ntitle = \"Run\"\nduration = 10\n+++\n\n" + osTabs("TWO"),
	})
}

// Expressions about the tabs of the page: the selected tab of each tabs
// block, and whether each panel shows.
const (
	selectedJS = `[...document.querySelectorAll(".tabs")].map(b => { const t = b.querySelector(":scope > [role=tablist] > [aria-selected=true]"); return t ? t.textContent : "-" }).join("|")`
	shownJS    = `[...document.querySelectorAll(".tab-panel")].map(p => p.checkVisibility() ? "1" : "0").join("")`
	focusJS    = `document.activeElement.getAttribute("role") + ":" + document.activeElement.textContent`
)

func TestTabs(t *testing.T) {
	ctx := browser(t)
	base := serve(t, build(t, tabsKit(t)))
	open(t, ctx, base+"install/index.html")

	// The WAI-ARIA tabs pattern.
	aria := chromiumtest.Eval[string](t, ctx, `(() => {
		const b = document.querySelector(".tabs"), list = b.querySelector("[role=tablist]");
		const tabs = [...list.querySelectorAll("[role=tab]")];
		return [list.getAttribute("aria-label"), tabs.length,
			tabs.map(x => x.getAttribute("aria-selected") + "/" + x.tabIndex + "/" + (document.getElementById(x.getAttribute("aria-controls")).getAttribute("aria-labelledby") === x.id)).join(","),
			[...b.querySelectorAll(":scope > .tab-panel")].map(p => p.getAttribute("role") + "/" + p.tabIndex).join(",")].join(" ")
	})()`)
	if want := "Your computer 3 true/0/true,false/-1/true,false/-1/true tabpanel/0,tabpanel/0,tabpanel/0"; aria != want {
		t.Errorf("tabs' roles and states:\n got %s\nwant %s", aria, want)
	}
	if got := chromiumtest.Eval[string](t, ctx, shownJS); got != "10010" {
		t.Errorf("panels shown %s, want the first of each block (10010)", got)
	}
	if n := chromiumtest.Eval[int](t, ctx, `[...document.querySelectorAll(".tab-title")].filter(e => e.checkVisibility()).length`); n != 0 {
		t.Errorf("%d tab titles still show above their panels", n)
	}

	// Keyboard: Tab reaches the selected tab; arrows, Home and End move.
	for range 40 {
		chromiumtest.Key(t, ctx, kb.Tab)
		if chromiumtest.Eval[string](t, ctx, focusJS) == "tab:macOS" {
			break
		}
	}
	step := func(key, focus, selected string) {
		t.Helper()
		chromiumtest.Key(t, ctx, key)
		if got := chromiumtest.Eval[string](t, ctx, focusJS); got != focus {
			t.Errorf("after %q the focus is on %q, want %q", key, got, focus)
		}
		if got := chromiumtest.Eval[string](t, ctx, selectedJS); got != selected {
			t.Errorf("after %q the selected tabs are %q, want %q", key, got, selected)
		}
	}
	if got := chromiumtest.Eval[string](t, ctx, focusJS); got != "tab:macOS" {
		t.Fatalf("Tab never reached the first tab (focus: %s)", got)
	}
	// Choosing Windows picks it in the other block of the page too.
	step(kb.ArrowRight, "tab:Windows", "Windows|Windows")
	step(kb.ArrowRight, "tab:Linux", "Linux|Linux")
	step(kb.ArrowRight, "tab:macOS", "macOS|Linux") // round to the first; the other block has no macOS
	step(kb.ArrowLeft, "tab:Linux", "Linux|Linux")
	step(kb.Home, "tab:macOS", "macOS|Linux")
	step(kb.End, "tab:Linux", "Linux|Linux")
	if got := chromiumtest.Eval[string](t, ctx, shownJS); got != "00101" {
		t.Errorf("panels shown %s, want Linux's (00101)", got)
	}
	// Tab goes from the tab into its panel, not along the tabs.
	chromiumtest.Key(t, ctx, kb.Tab)
	if got := chromiumtest.Eval[string](t, ctx, `document.activeElement.getAttribute("role") + ":" + document.activeElement.dataset.tab`); got != "tabpanel:Linux" {
		t.Errorf("Tab from the tabs went to %s, want the Linux panel", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, `localStorage.getItem("lectern-tabs:tabs-kit")`); !strings.HasPrefix(got, `["Linux"`) {
		t.Errorf("remembered choices %s, want Linux first", got)
	}

	// The next page opens on the reader's choice; a click there is
	// remembered back on the first page.
	open(t, ctx, base+"run/index.html")
	if got := chromiumtest.Eval[string](t, ctx, selectedJS); got != "Linux" {
		t.Errorf("on the next page the selected tab is %q, want Linux", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`[role=tab]:first-child`)))
	if got := chromiumtest.Eval[string](t, ctx, selectedJS+` + " " + document.querySelector("[role=tabpanel]:not([hidden]) > p:not(.tab-title)").textContent`); got != "macOS TWO-MAC" {
		t.Errorf("after a click: %q", got)
	}
	open(t, ctx, base+"install/index.html")
	if got := chromiumtest.Eval[string](t, ctx, selectedJS); got != "macOS|Linux" {
		t.Errorf("back on the first page the selected tabs are %q, want macOS|Linux (the latest choice each block offers)", got)
	}

	// An address inside another tab shows that tab, without making it the
	// reader's choice.
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.tabs:nth-of-type(2) [role=tab]:first-child`)))
	if got := chromiumtest.Eval[string](t, ctx, selectedJS); got != "Windows|Windows" {
		t.Fatalf("after choosing Windows in the second block: %q", got)
	}
	open(t, ctx, base+"install/index.html#linux-check")
	if got := chromiumtest.Eval[string](t, ctx, selectedJS); got != "Windows|Linux" {
		t.Errorf("opened at #linux-check the selected tabs are %q, want Windows|Linux", got)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.tabs:nth-of-type(2) [role=tab]:first-child`)),
		chromedp.Evaluate[chromedp.Void](`location.hash = "#check"`),
		chromedp.Evaluate[chromedp.Void](`location.hash = "#linux-check"`))
	chromiumtest.WaitFor(t, ctx, `document.getElementById("linux-check").checkVisibility()`)
	if got := chromiumtest.Eval[string](t, ctx, `localStorage.getItem("lectern-tabs:tabs-kit")`); !strings.HasPrefix(got, `["Windows"`) {
		t.Errorf("following an address changed the remembered choice: %s", got)
	}

	// Printed, every tab shows, in order, under its title.
	chromiumtest.Print(t, ctx, true)
	if got := chromiumtest.Eval[string](t, ctx, shownJS+` + " " + [...document.querySelectorAll(".tab-title")].filter(e => e.checkVisibility()).length + " " + document.querySelector("[role=tablist]").checkVisibility()`); got != "11111 5 false" {
		t.Errorf("printed: panels, titles and tab list shown: %s, want 11111 5 false", got)
	}
	chromiumtest.Print(t, ctx, false)
	checkErrors(t, ctx)
}

// TestTabsWithoutScript: with no script every tab shows, in order, each
// under its title, and solutions and hints are still there to open.
func TestTabsWithoutScript(t *testing.T) {
	ctx := browser(t)
	base := serve(t, build(t, tabsKit(t)))
	chromiumtest.NoScript(t, ctx, true)
	chromiumtest.Do(t, ctx, chromedp.Navigate(base+"install/index.html"))
	chromiumtest.WaitFor(t, ctx, `document.readyState === "complete"`)
	if chromiumtest.Eval[bool](t, ctx, `typeof window.lectern === "object"`) {
		t.Fatal("the page's script ran")
	}
	got := chromiumtest.Eval[string](t, ctx, `[...document.querySelectorAll(".tab-title, .tab-panel > p:not(.tab-title)")].filter(e => e.checkVisibility()).map(e => e.textContent).join(" ")`)
	if want := "macOS ONE-MAC Windows ONE-WIN Linux ONE-LINUX Windows CHECK-WIN Linux CHECK-LINUX"; got != want {
		t.Errorf("without script the tabs read\n %q, want\n %q", got, want)
	}
	if n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll("[role=tablist]").length`); n != 0 {
		t.Errorf("%d tab lists without script", n)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".reveal-solution > summary")))
	if !chromiumtest.Eval[bool](t, ctx, `document.querySelector(".reveal-solution").open`) {
		t.Error("without script the solution does not open")
	}
}

// revealState is the solution's state: open or not, the summary as read
// (with the stylesheet's words), and whether its text shows.
const revealState = `(() => {
	const d = document.querySelector(".reveal-solution"), s = d.querySelector("summary");
	const before = getComputedStyle(s, "::before").content;
	const words = (before !== "none" ? JSON.parse(before) : "") + s.textContent;
	return [d.open, words, d.querySelector(".reveal-body").checkVisibility()].join("|");
})()`

// TestSolutionsCollapse: attendees see a solution closed ("Show solution
// 1") and open it by keyboard or click; the facilitator edition shows it
// open; print shows it open whatever its state on screen.
func TestSolutionsCollapse(t *testing.T) {
	ctx := browser(t)
	base := serve(t, build(t, tabsKit(t)))
	open(t, ctx, base+"install/index.html")
	if got := chromiumtest.Eval[string](t, ctx, revealState); got != "false|Show solution 1|false" {
		t.Errorf("attendee: %s, want closed, \"Show solution 1\", text hidden", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, `getComputedStyle(document.querySelector(".reveal-hint > summary"), "::before").content + document.querySelector(".reveal-hint > summary").textContent`); got != `"Show "hint` {
		t.Errorf("the hint's summary reads %s", got)
	}
	chromiumtest.Print(t, ctx, true)
	if got := chromiumtest.Eval[string](t, ctx, revealState); got != "false|solution 1|true" {
		t.Errorf("printed: %s, want the text shown and no \"Show\"", got)
	}
	chromiumtest.Print(t, ctx, false)

	// By keyboard: focus the summary, Enter opens, Space closes.
	chromiumtest.Do(t, ctx, chromedp.Focus(chromedp.CSS(".reveal-solution > summary")))
	chromiumtest.Key(t, ctx, kb.Enter)
	if got := chromiumtest.Eval[string](t, ctx, revealState); got != "true|solution 1|true" {
		t.Errorf("after Enter: %s, want open", got)
	}
	if got := chromiumtest.Eval[string](t, ctx, `getComputedStyle(document.querySelector(".reveal-solution > summary"), "::first-letter").textTransform`); got != "uppercase" {
		t.Errorf("an open summary's first letter is %s, not upper case", got)
	}
	chromiumtest.Key(t, ctx, " ")
	if got := chromiumtest.Eval[string](t, ctx, revealState); got != "false|Show solution 1|false" {
		t.Errorf("after Space: %s, want closed", got)
	}
	open(t, ctx, base+"facilitator/install/index.html")
	if got := chromiumtest.Eval[string](t, ctx, revealState); got != "true|solution 1|true" {
		t.Errorf("facilitator: %s, want open", got)
	}
}

// TestLongWordsWrap: a module title of one long word widens no page at
// phone width, not even its card among the previous and next links.
func TestLongWordsWrap(t *testing.T) {
	ctx := browser(t)
	long := strings.Repeat("Verantwortungsübernahme", 6)
	base := serve(t, build(t, writeFiles(t, map[string]string{
		"site.toml":         "title = \"Long words\"\n",
		"content/_index.md": "+++\ntitle = \"Long words\"\n+++\n\nHello.\n",
		"content/01-a.md":   "+++\ntitle = \"Short\"\nduration = 5\n+++\n\nText.\n\n::: keypoints\n- " + long + "\n:::\n",
		"content/02-b.md":   "+++\ntitle = \"" + long + "\"\nduration = 5\n+++\n\n## " + long + "\n\n::: solution {title=\"" + long + "\"}\nText.\n:::\n",
		"content/03-c.md":   "+++\ntitle = \"After\"\nduration = 5\n+++\n\nText.\n",
	})))
	phone(t, ctx)
	for _, p := range []string{"a/index.html", "b/index.html", "c/index.html", "index.html", "handout/index.html", "keypoints/index.html", "facilitator/agenda/index.html"} {
		open(t, ctx, base+p)
		chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("details.nav-fold").open = true`))
		tooWide(t, ctx, p)
	}
}

// tooWide fails the test when the page is wider than the window.
func tooWide(t *testing.T, ctx context.Context, p string) {
	t.Helper()
	w := chromiumtest.Eval[[]int](t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
	if w[0] > w[1] {
		wide := chromiumtest.Eval[string](t, ctx, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + "." + e.className).join(", ")`)
		t.Errorf("%s scrolls sideways at %dpx (scrollWidth %d); too wide: %s", p, w[1], w[0], wide)
	}
}

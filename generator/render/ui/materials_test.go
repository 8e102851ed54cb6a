package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lectern/generator/internal/chromiumtest"
)

const (
	materialsKey = "lectern-materials:leading-not-just-managing"
	tickedJS     = `[...document.querySelectorAll(".materials-checklist input[data-item]:checked")].map(b => b.dataset.item).join(",")`
	checkStatus  = `document.querySelector(".checklist-status").textContent`
)

// TestMaterialsTicks: the materials page's ticks stay in the browser, per
// kit: across a reload, in step between two tabs, until "Clear ticks";
// they are not answers, so the download never holds them, and on paper
// every box is an empty square. The facilitator edition has no "Download
// my answers".
func TestMaterialsTicks(t *testing.T) {
	ctx, base, _ := sample(t)
	page := base + "facilitator/materials/index.html"
	open(t, ctx, page)

	boxes := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll(".materials-checklist input[type=checkbox][data-item]").length`)
	if boxes < 10 {
		t.Fatalf("%d checkboxes on the materials page, want one for each of the sample kit's items", boxes)
	}
	if chromiumtest.Eval[bool](t, ctx, `document.querySelector(".checklist-bar").hidden`) {
		t.Fatal("the bar with the count and Clear ticks is hidden with JavaScript on")
	}
	if got, want := chromiumtest.Eval[string](t, ctx, checkStatus), fmt.Sprintf("0 of %d ticked.", boxes); got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`input[data-item="sticky notes"]`)),
		chromedp.Click(chromedp.CSS(`input[data-item="flip chart"]`)))
	if got, want := chromiumtest.Eval[string](t, ctx, checkStatus), fmt.Sprintf("2 of %d ticked.", boxes); got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if got := chromiumtest.Eval[string](t, ctx, `localStorage.getItem("`+materialsKey+`")`); got != `{"sticky notes":true,"flip chart":true}` {
		t.Errorf("stored ticks %s", got)
	}

	chromiumtest.Do(t, ctx, chromedp.Reload())
	chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
	if got := chromiumtest.Eval[string](t, ctx, tickedJS); got != "flip chart,sticky notes" {
		t.Errorf("after reload, ticked %q, want flip chart and sticky notes", got)
	}

	// A second tab shows the same ticks, and each tab follows the other.
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	open(t, tab, page)
	if got := chromiumtest.Eval[string](t, tab, tickedJS); got != "flip chart,sticky notes" {
		t.Errorf("second tab: ticked %q", got)
	}
	chromiumtest.Do(t, tab, chromedp.Click(chromedp.CSS(`input[data-item="pens"]`)))
	chromiumtest.WaitFor(t, ctx, `document.querySelector('input[data-item="pens"]').checked`)
	if got, want := chromiumtest.Eval[string](t, ctx, checkStatus), fmt.Sprintf("3 of %d ticked.", boxes); got != want {
		t.Errorf("first tab's status after the second ticked: %q, want %q", got, want)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.checklist-clear`)))
	if got := chromiumtest.Eval[string](t, ctx, tickedJS); got != "" {
		t.Errorf("after Clear ticks, ticked %q", got)
	}
	chromiumtest.WaitFor(t, tab, `!document.querySelector(".materials-checklist input:checked")`)
	if got := chromiumtest.Eval[bool](t, ctx, `localStorage.getItem("`+materialsKey+`") === null`); !got {
		t.Error("Clear ticks left the ticks in storage")
	}

	// On paper: no bar, every box an empty square, no line through an
	// item ticked on screen.
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`input[data-item="sticky notes"]`)))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed := chromiumtest.Eval[[]string](t, ctx, `(() => {
		const box = document.querySelector('input[data-item="sticky notes"]');
		const s = getComputedStyle(box);
		return [getComputedStyle(document.querySelector(".checklist-bar")).display, s.appearance, s.borderTopStyle,
			getComputedStyle(box.closest("label").querySelector(".material-what")).textDecorationLine];
	})()`)
	if strings.Join(printed, " ") != "none none solid none" {
		t.Errorf("printed: bar display, box appearance and border, item decoration = %q, want none none solid none", printed)
	}
	chromiumtest.ColorScheme(t, ctx, "light") // and back to the screen

	// Ticks are not answers: the attendee's download has none of them.
	open(t, ctx, base+"self-check/index.html")
	if n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll(".download-answers").length`); n != 1 {
		t.Errorf("the attendee self-check has %d download boxes, want 1", n)
	}
	if md := chromiumtest.Eval[string](t, ctx, `lectern.answersMarkdown()`); strings.Contains(strings.ToLower(md), "sticky") {
		t.Errorf("the downloaded answers hold the materials ticks:\n%s", md)
	}
	// The facilitator edition has no "Download my answers".
	for _, p := range []string{"facilitator/index.html", "facilitator/self-check/index.html", "facilitator/worksheets/index.html", "facilitator/materials/index.html"} {
		open(t, ctx, base+p)
		if n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll(".download-answers, .download-button").length`); n != 0 {
			t.Errorf("%s shows %d download boxes, an attendee's tool", p, n)
		}
	}
}

// searchKit has words only in facilitator notes: one note with a heading
// of its own, one without.
func searchKit(t *testing.T) string {
	return writeFiles(t, map[string]string{
		"site.toml":         "title = \"Search kit\"\n",
		"content/_index.md": "+++\ntitle = \"Search kit\"\nsummary = \"A kit to search.\"\n+++\n\nWelcome.\n",
		"content/01-cafe.md": `+++
title = "Café"
duration = 20
materials = [{ item = "Index cards", count = 2 }]
+++

## Opening

Everyone reads the brief.

::: facilitator
## Notes for the room

The word clandestine is for the facilitator alone.
:::

## Practice

Pairs try it.

::: facilitator
Watch for zephyrword moments in the pairs.
:::
`,
		"content/02-second.md": "+++\ntitle = \"Second\"\nduration = 10\n+++\n\n## Plain\n\nNothing secret here.\n",
	})
}

// emulateFocus makes the tab behave as the focused window: a headless tab
// is not one, so focusing an element fires no focus event, and search.js
// loads its index on that event.
func emulateFocus(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
}

// searchFor focuses the search box (which loads the index), clears it and
// types q, then waits for results or "No results".
func searchFor(t *testing.T, ctx context.Context, q string) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.Focus(chromedp.ID("search-input")))
	chromiumtest.WaitFor(t, ctx, `typeof window.LECTERN_SEARCH === "object"`)
	chromiumtest.Eval[bool](t, ctx, `(document.getElementById("search-input").value = "") === ""`)
	chromiumtest.Key(t, ctx, q)
	chromiumtest.WaitFor(t, ctx, `!document.querySelector(".site-search").hasAttribute("aria-busy") && (!document.getElementById("search-results").hidden || !document.querySelector(".search-none").hidden)`)
}

const resultsJS = `[...document.querySelectorAll("#search-results .search-result")].map(a => a.querySelector(".search-result-title").textContent + " -> " + a.getAttribute("href"))`

// TestFacilitatorSearch, from file://: the facilitator edition's search
// finds words that only its notes hold, and its own pages, and leads to
// facilitator pages; the attendee search on the same kit finds none of
// them and never loads the facilitator index.
func TestFacilitatorSearch(t *testing.T) {
	ctx := browser(t)
	emulateFocus(t, ctx)
	out := build(t, searchKit(t))
	file := func(p string) string { return "file://" + filepath.ToSlash(out) + "/" + p }

	open(t, ctx, file("facilitator/second/index.html"))
	searchFor(t, ctx, "clandestine")
	if !chromiumtest.Eval[bool](t, ctx, `[...document.scripts].some(s => s.src.endsWith("/facilitator/search-index.js"))`) {
		t.Error("the facilitator page did not load facilitator/search-index.js")
	}
	got := chromiumtest.Eval[[]string](t, ctx, resultsJS)
	if len(got) != 1 || got[0] != "Facilitator note: Notes for the room -> ../cafe/index.html#notes-for-the-room" {
		t.Errorf("results for a word of a note with a heading: %q", got)
	}
	searchFor(t, ctx, "zephyrword")
	got = chromiumtest.Eval[[]string](t, ctx, resultsJS)
	if len(got) != 1 || got[0] != "Facilitator note -> ../cafe/index.html#practice" {
		t.Errorf("results for a word of a note without a heading: %q", got)
	}
	if where := chromiumtest.Eval[string](t, ctx, `document.querySelector("#search-results .search-result-module").textContent`); where != "Café" {
		t.Errorf("the note's result names %q, want its module", where)
	}
	// The edition's own pages: the materials list by its items.
	searchFor(t, ctx, "index cards")
	got = chromiumtest.Eval[[]string](t, ctx, resultsJS)
	if len(got) == 0 || got[0] != "Materials -> ../materials/index.html" {
		t.Errorf("results for a material: %q", got)
	}
	// Enter opens the chosen note's section, in the facilitator edition.
	searchFor(t, ctx, "clandestine")
	chromiumtest.Key(t, ctx, kb.ArrowDown)
	chromiumtest.Key(t, ctx, kb.Enter)
	chromiumtest.WaitFor(t, ctx, `location.pathname.endsWith("/facilitator/cafe/index.html") && location.hash === "#notes-for-the-room" && document.readyState === "complete"`)
	if !chromiumtest.Eval[bool](t, ctx, `document.getElementById("notes-for-the-room").closest(".facilitator-note") !== null`) {
		t.Error("the result did not lead to the facilitator note")
	}

	// The attendee edition: nothing of the notes, nor of the facilitator's
	// pages, and its own index only.
	open(t, ctx, file("second/index.html"))
	for _, q := range []string{"clandestine", "zephyrword", "index cards"} {
		searchFor(t, ctx, q)
		if n := chromiumtest.Eval[int](t, ctx, `document.querySelectorAll("#search-results .search-result").length`); n != 0 {
			t.Errorf("the attendee search finds %d results for %q: %q", n, q, chromiumtest.Eval[[]string](t, ctx, resultsJS))
		}
	}
	if chromiumtest.Eval[bool](t, ctx, `[...document.scripts].some(s => s.src.includes("/facilitator/"))`) {
		t.Error("an attendee page loaded a script from the facilitator edition")
	}
	if !chromiumtest.Eval[bool](t, ctx, `[...document.scripts].some(s => s.src.endsWith("/assets/search-index.js"))`) {
		t.Error("the attendee page did not load assets/search-index.js")
	}
	checkErrors(t, ctx)
}

// TestMaterialsScreenshots saves the materials page, the guide's opening
// and the facilitator search with results open, at 360 and 1280 px, light
// and dark, into the folder LECTERN_SHOTS names.
func TestMaterialsScreenshots(t *testing.T) {
	dir := shotsDir(t)
	ctx, base, _ := sample(t)
	emulateFocus(t, ctx)
	for _, width := range []int64{360, 1280} {
		if width == 360 {
			phone(t, ctx)
		} else {
			desktop(t, ctx)
		}
		for _, scheme := range []string{"light", "dark"} {
			chromiumtest.ColorScheme(t, ctx, scheme)
			shot := func(name string, full bool) {
				t.Helper()
				var png []byte
				var err error
				if full {
					png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
				} else {
					png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", name, width, scheme)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			open(t, ctx, base+"facilitator/materials/index.html")
			chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`localStorage.removeItem("`+materialsKey+`")`), chromedp.Reload())
			chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
			chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`input[data-item="flip chart"]`)),
				chromedp.Click(chromedp.CSS(`input[data-item="sticky notes"]`)), chromedp.Blur(chromedp.CSS(`input[data-item="sticky notes"]`)))
			shot("materials", true)
			// The guide's opening, as far as its first module.
			chromiumtest.Do(t, ctx, chromedp.EmulateViewport(width, 3200, chromedp.EmulateScale(1)))
			open(t, ctx, base+"facilitator/guide/index.html")
			shot("guide-opening", false)
			if width == 360 {
				phone(t, ctx)
			} else {
				desktop(t, ctx)
			}
			chromiumtest.Eval[bool](t, ctx, `document.querySelector(".module-section").scrollIntoView({block: "start"}) === undefined`)
			shot("guide-module", false)
			open(t, ctx, base+"facilitator/self-check/index.html")
			searchFor(t, ctx, "debrief")
			chromiumtest.Key(t, ctx, kb.ArrowDown)
			shot("facilitator-search", false)
		}
	}
}

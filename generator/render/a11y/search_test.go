package a11y_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lectern/generator/internal/chromiumtest"
)

// searchKit is a small kit with accents, a part and text in facilitator
// blocks, for the search tests.
func searchKit(t *testing.T) string {
	t.Helper()
	return writeFiles(t, map[string]string{
		"site.toml": "title = \"Équipe\"\nlanguage = \"fr\"\n",
		"content/_index.md": `+++
title = "Équipe"
summary = "Un atelier."
+++

Bienvenue.
`,
		"content/01-cafe.md": `+++
title = "Café à deux"
summary = "Parler à deux."
+++

Une introduction.

## Résumé de l'équipe

Le résumé tient en une phrase, résumée ici.

## Autre chose

Rien à voir.

::: facilitator
## Notes secrètes

Le mot clandestin n'est que pour l'animateur.
:::
`,
		"content/02-jour-2/_index.md": "+++\ntitle = \"Jour 2\"\n+++\n\nLe deuxième jour.\n",
		"content/02-jour-2/01-retour.md": `+++
title = "Retour d'expérience"
+++

## Un résumé des retours

Chacun dit ce qu'il retient.
`,
	})
}

const (
	listOpen    = `!document.getElementById("search-results").hidden && document.getElementById("search-input").getAttribute("aria-expanded") === "true"`
	listClosed  = `document.getElementById("search-results").hidden && document.getElementById("search-input").getAttribute("aria-expanded") === "false"`
	resultCount = `document.querySelectorAll("#search-results .search-result").length`
	activeID    = `document.getElementById("search-input").getAttribute("aria-activedescendant") || ""`
)

// typeQuery focuses the box (which loads the index), clears it and types q.
func typeQuery(t *testing.T, ctx context.Context, q string) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.Focus(chromedp.ID("search-input")))
	chromiumtest.WaitFor(t, ctx, `typeof window.LECTERN_SEARCH === "object"`)
	chromiumtest.Eval[bool](t, ctx, `(document.getElementById("search-input").value = "") === ""`)
	chromiumtest.Key(t, ctx, q)
	chromiumtest.WaitFor(t, ctx, `!document.querySelector(".site-search").hasAttribute("aria-busy") && (`+listOpen+` || !document.querySelector(".search-none").hidden)`)
}

// TestSearch uses the search box by keyboard alone, from file://, on pages
// at three depths, at desktop width and at 360 px.
func TestSearch(t *testing.T) {
	bctx := browser(t)
	out := build(t, searchKit(t), false).Out

	for _, size := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"phone", 360, 780, true}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := pageCtx(t, bctx)
			viewport(t, ctx, size.width, size.height, size.mobile)

			// The home page: the index is not loaded until the box is used.
			open(t, ctx, fileURL(out, "index.html"))
			if chromiumtest.Eval[bool](t, ctx, `typeof window.LECTERN_SEARCH !== "undefined" || !!document.querySelector('script[src*="search-index"]')`) {
				t.Error("the index was loaded before the search box was used")
			}
			if chromiumtest.Eval[bool](t, ctx, `document.querySelector(".site-search").hidden`) {
				t.Fatal("the search box is still hidden with JavaScript on")
			}

			// Accents and case folded both ways: "RESUME" finds "Résumé",
			// and the mark shows the original word.
			typeQuery(t, ctx, "RESUME")
			if n := chromiumtest.Eval[int](t, ctx, resultCount); n != 2 {
				t.Errorf("%d results for RESUME, want 2 (the two sections that say résumé)", n)
			}
			first := chromiumtest.Eval[string](t, ctx, `document.querySelector("#search-results .search-result").innerText`)
			if !strings.HasPrefix(first, "Résumé de l’équipe") || !strings.Contains(first, "Café à deux") {
				t.Errorf("first result %q: want the section heading, then its module", first)
			}
			marks := chromiumtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#search-results mark")].map(m => m.textContent)`)
			for _, want := range []string{"Résumé", "résumé"} {
				if !contains(marks, want) {
					t.Errorf("marks %q lack %q", marks, want)
				}
			}
			if got := chromiumtest.Eval[string](t, ctx, `document.querySelector("#search-results .search-result").getAttribute("href")`); !strings.HasPrefix(got, "cafe/index.html#r") {
				t.Errorf("first result links to %q, want cafe/index.html#… relative to the home page", got)
			}

			// Results stay on screen and the page does not scroll sideways.
			box := chromiumtest.Eval[[]float64](t, ctx, `(r => [r.left, r.right])(document.getElementById("search-results").getBoundingClientRect())`)
			if box[0] < 0 || box[1] > float64(size.width) {
				t.Errorf("the results span %v, outside the %d px screen", box, size.width)
			}
			if w := chromiumtest.Eval[int](t, ctx, `document.documentElement.scrollWidth`); w > int(size.width) {
				t.Errorf("the page is %d px wide with results open, at %d px", w, size.width)
			}

			// Arrow keys move through the results and wrap.
			chromiumtest.Key(t, ctx, kb.ArrowDown)
			if got := chromiumtest.Eval[string](t, ctx, activeID); got != "search-result-0" {
				t.Errorf("after ArrowDown the active result is %q", got)
			}
			if !chromiumtest.Eval[bool](t, ctx, `document.getElementById("search-result-0").getAttribute("aria-selected") === "true"`) {
				t.Error("the active result is not aria-selected")
			}
			if chromiumtest.Eval[string](t, ctx, `document.activeElement.id`) != "search-input" {
				t.Error("focus left the box")
			}
			chromiumtest.Key(t, ctx, kb.ArrowDown)
			chromiumtest.Key(t, ctx, kb.ArrowDown)
			if got := chromiumtest.Eval[string](t, ctx, activeID); got != "search-result-0" {
				t.Errorf("ArrowDown past the last result: active %q, want the first again", got)
			}
			chromiumtest.Key(t, ctx, kb.ArrowUp)
			if got := chromiumtest.Eval[string](t, ctx, activeID); got != "search-result-1" {
				t.Errorf("ArrowUp from the first: active %q, want the last", got)
			}

			// Escape closes, then clears.
			chromiumtest.Key(t, ctx, kb.Escape)
			chromiumtest.WaitFor(t, ctx, listClosed)
			if v := chromiumtest.Eval[string](t, ctx, `document.getElementById("search-input").value`); v != "RESUME" {
				t.Errorf("the first Escape changed the query to %q", v)
			}
			chromiumtest.Key(t, ctx, kb.Escape)
			if v := chromiumtest.Eval[string](t, ctx, `document.getElementById("search-input").value`); v != "" {
				t.Errorf("the second Escape left %q", v)
			}

			// Facilitator text is not found.
			typeQuery(t, ctx, "clandestin")
			if n := chromiumtest.Eval[int](t, ctx, resultCount); n != 0 {
				t.Errorf("%d results for a word only in a facilitator block", n)
			}
			if got := chromiumtest.Eval[string](t, ctx, `document.querySelector(".search-none").textContent`); got != "Aucun résultat." || !chromiumtest.Eval[bool](t, ctx, listClosed) { // the kit is French
				t.Errorf("no results: the message is %q, and the list must be closed", got)
			}
			chromiumtest.Key(t, ctx, kb.Escape)
			chromiumtest.WaitFor(t, ctx, `document.querySelector(".search-none").hidden`)

			// Enter opens the chosen result.
			typeQuery(t, ctx, "resume")
			chromiumtest.Key(t, ctx, kb.ArrowDown)
			chromiumtest.Key(t, ctx, kb.ArrowDown)
			want := chromiumtest.Eval[string](t, ctx, `document.getElementById("search-result-1").href`)
			chromiumtest.Key(t, ctx, kb.Enter)
			chromiumtest.WaitFor(t, ctx, fmt.Sprintf(`location.href === %q && document.readyState === "complete"`, want))
			if !strings.Contains(want, "/jour-2/retour/index.html#") {
				t.Errorf("the second result is %s, want the module in the part", want)
			}

			// From a module in a part (two folders down) links climb back up.
			typeQuery(t, ctx, "cafe")
			hrefs := chromiumtest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#search-results .search-result")].map(a => a.getAttribute("href"))`)
			if len(hrefs) == 0 || hrefs[0] != "../../cafe/index.html" {
				t.Errorf("results from jour-2/retour/: %q, want ../../cafe/index.html first (the module's title)", hrefs)
			}
			// No active result: Enter opens the search page, with every
			// result, at an address that can be shared.
			chromiumtest.Key(t, ctx, kb.Enter)
			chromiumtest.WaitFor(t, ctx, `location.pathname.endsWith("/search/index.html") && location.search === "?q=cafe" && document.readyState === "complete"`)
			chromiumtest.WaitFor(t, ctx, `document.querySelectorAll(".search-page-results .search-result").length > 0`)
			if got := chromiumtest.Eval[string](t, ctx, `document.querySelector(".search-page-status").textContent`); !strings.HasSuffix(got, " pour « cafe ».") {
				t.Errorf("the search page says %q", got)
			}
			if got := chromiumtest.Eval[string](t, ctx, `document.getElementById("search-page-q").value`); got != "cafe" {
				t.Errorf("the search page's box holds %q, want the query", got)
			}
			if got := chromiumtest.Eval[string](t, ctx, `document.querySelector(".search-page-results .search-result").getAttribute("href")`); got != "../cafe/index.html" {
				t.Errorf("the search page's first result links to %q, want ../cafe/index.html", got)
			}
			// The page's own box searches again, by keyboard.
			chromiumtest.Do(t, ctx, chromedp.Focus(chromedp.ID("search-page-q")))
			chromiumtest.Eval[bool](t, ctx, `(document.getElementById("search-page-q").value = "") === ""`)
			chromiumtest.Key(t, ctx, "résumé"+kb.Enter)
			chromiumtest.WaitFor(t, ctx, `decodeURIComponent(location.search) === "?q=résumé" && document.querySelectorAll(".search-page-results .search-result").length === 2`)
			chromiumtest.Do(t, ctx, chromedp.NavigateBack())
			chromiumtest.WaitFor(t, ctx, `location.search === "?q=cafe" && document.querySelectorAll(".search-page-results .search-result").length > 0`)
			chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".search-page-results .search-result")))
			chromiumtest.WaitFor(t, ctx, `location.pathname.endsWith("/cafe/index.html") && document.readyState === "complete"`)

			// A result on the same page moves focus to its section.
			typeQuery(t, ctx, "autre chose")
			chromiumtest.Key(t, ctx, kb.ArrowDown)
			chromiumtest.Key(t, ctx, kb.Enter)
			chromiumtest.WaitFor(t, ctx, `document.activeElement && document.activeElement.id === "autre-chose"`)
			chromiumtest.WaitFor(t, ctx, listClosed)

			// The part page: one folder down.
			open(t, ctx, fileURL(out, "jour-2/index.html"))
			typeQuery(t, ctx, "deuxieme")
			if got := chromiumtest.Eval[string](t, ctx, `document.querySelector("#search-results .search-result").getAttribute("href")`); got != "../jour-2/index.html" {
				t.Errorf("part page result %q", got)
			}
		})
	}
}

// TestSearchAxe runs axe on a page with the search results open and a
// result active, in light and dark mode.
func TestSearchAxe(t *testing.T) {
	axe := chromiumtest.Axe(t)
	bctx := browser(t)
	out := build(t, searchKit(t), false).Out
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx := pageCtx(t, bctx)
			chromiumtest.ColorScheme(t, ctx, scheme)
			open(t, ctx, fileURL(out, "cafe/index.html"))
			typeQuery(t, ctx, "résumé")
			chromiumtest.Key(t, ctx, kb.ArrowDown)
			reportAxe(t, "cafe/index.html with results open", runAxe(t, ctx, axe))
			typeQuery(t, ctx, "zzzz")
			reportAxe(t, "cafe/index.html with no results", runAxe(t, ctx, axe))
			open(t, ctx, fileURL(out, "search/index.html")+"?q=r%C3%A9sum%C3%A9")
			chromiumtest.WaitFor(t, ctx, `document.querySelectorAll(".search-page-results .search-result").length === 2`)
			reportAxe(t, "search/index.html?q=résumé", runAxe(t, ctx, axe))
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSearchScreenshots saves the sample kit's search with results open, at
// 360 and 1280 px, light and dark, into the folder LECTERN_SHOTS names.
func TestSearchScreenshots(t *testing.T) {
	dir := os.Getenv("LECTERN_SHOTS")
	if dir == "" {
		t.Skip("set LECTERN_SHOTS to a folder to save screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bctx := browser(t)
	out := build(t, repoRoot, false).Out
	for _, width := range []int64{360, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			ctx := pageCtx(t, bctx)
			viewport(t, ctx, width, 900, width < 600)
			chromiumtest.ColorScheme(t, ctx, scheme)
			for name, p := range map[string]string{"home": "index.html", "module": "self-check/index.html"} {
				open(t, ctx, fileURL(out, p))
				typeQuery(t, ctx, "encourag")
				chromiumtest.Key(t, ctx, kb.ArrowDown)
				chromiumtest.Key(t, ctx, kb.ArrowDown)
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(dir, fmt.Sprintf("search-%s-%d-%s.png", name, width, scheme))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			open(t, ctx, fileURL(out, "search/index.html")+"?q=leader+people")
			chromiumtest.WaitFor(t, ctx, `document.querySelectorAll(".search-page-results .search-result").length > 0`)
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("search-page-%d-%s.png", width, scheme)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

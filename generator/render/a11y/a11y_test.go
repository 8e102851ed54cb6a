package a11y_test

import (
	"testing"

	"lectern/generator/internal/chromiumtest"
	"lectern/generator/internal/kitgen"
	"lectern/generator/publish"
	"lectern/generator/render"
)

// pageTypes are the page kinds, by edition, that TestAxe must reach.
var pageTypes = []string{"home/attendee", "part/attendee", "module/attendee", "handout/attendee", "worksheets/attendee",
	"quotes/attendee", "dashboard/facilitator", "part/facilitator", "module/facilitator",
	"worksheets/facilitator", "quotes/facilitator", "deck/facilitator", "agenda/facilitator", "guide/facilitator",
	"materials/facilitator", "keypoints/attendee", "keypoints/facilitator"}

// TestAxe runs axe-core's WCAG 2.2 A and AA rules on every page of the
// sample kit and on the home page, two part pages and a module of a
// generated kit with 16 parts (code, tables, every block, and a navigation
// with links standing in for parts), in both editions, in light and in dark
// mode: zero violations.
func TestAxe(t *testing.T) {
	axe := chromiumtest.Axe(t)

	gen := t.TempDir()
	// 16 parts: long enough for the navigation to stand links in for some.
	if err := kitgen.Write(gen, kitgen.Options{Modules: 32, Parts: 16, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	type group struct {
		name  string
		out   string
		pages []render.PageRef
	}
	var groups []group
	seen := map[string]bool{}
	for _, k := range []struct {
		name string
		res  *publish.Result
		all  bool
	}{
		{"sample", build(t, repoRoot, false), true},
		{"parts", build(t, gen, false), false},
	} {
		for _, ed := range []string{"attendee", "facilitator"} {
			g := group{name: k.name + "/" + ed, out: k.res.Out}
			seenKind := map[string]int{}
			for _, p := range k.res.Site.Pages() {
				if p.Edition.String() != ed {
					continue
				}
				if !k.all && p.Kind != "home" && p.Kind != "dashboard" && !(p.Kind == "part" && seenKind["part"] < 2) && !(p.Kind == "module" && seenKind["module"] == 0) {
					continue // the sample kit has the other kinds
				}
				seenKind[p.Kind]++
				g.pages = append(g.pages, p)
				seen[p.Kind+"/"+ed] = true
			}
			groups = append(groups, g)
		}
	}
	for _, want := range pageTypes {
		if !seen[want] {
			t.Errorf("no %s page among the pages checked", want)
		}
	}

	ctx := browser(t)
	for _, scheme := range []string{"light", "dark"} {
		chromiumtest.ColorScheme(t, pageCtx(t, ctx), scheme)
		for _, g := range groups {
			for _, p := range g.pages {
				t.Run(scheme+"/"+g.name+"/"+p.Path, func(t *testing.T) {
					ctx := pageCtx(t, ctx)
					open(t, ctx, fileURL(g.out, p.Path))
					if got := chromiumtest.Eval[string](t, ctx, `matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"`); got != scheme {
						t.Fatalf("the page sees %s mode, want %s", got, scheme)
					}
					reportAxe(t, p.Path, runAxe(t, ctx, axe))
				})
			}
		}
	}
}

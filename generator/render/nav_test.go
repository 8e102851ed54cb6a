package render

import (
	"html/template"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/themes"
)

// TestNavHTMLEqualsRange checks that the navigation made from cached pieces
// (nav.go) is, on every page, what ranging over Data.Nav with the theme's
// "nav-item" template gives: for the home page, parts, modules in and out
// of parts, and the aggregates, in both editions, rendered in any order.
func TestNavHTMLEqualsRange(t *testing.T) {
	gen := t.TempDir()
	if err := kitgen.Write(gen, kitgen.Options{Modules: 30, Parts: 3, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{"sample": "../..", "parts": "testdata/partskit", "generated": gen} {
		t.Run(name, func(t *testing.T) {
			k, errs := kit.Load(dir, kit.Options{})
			if errs.HasErrors() {
				t.Fatal(errs.Error())
			}
			th, errs := LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
			if errs.HasErrors() {
				t.Fatal(errs.Error())
			}
			// The reference: the same templates, ranging over Data.Nav, parsed
			// into a second theme (a template set cannot be cloned once run).
			ref, _ := LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
			want := map[string]*template.Template{}
			for kind, set := range ref.pages {
				c, err := set.Clone()
				if err == nil {
					_, err = c.New("nav-by-range").Parse(`{{range .Nav}}{{template "nav-item" .}}{{end}}`)
				}
				if err != nil {
					t.Fatal(err)
				}
				want[kind] = c
			}
			s, errs := New(k, th, Options{})
			if errs.HasErrors() {
				t.Fatal(errs.Error())
			}
			pages := s.Pages()
			// Backwards too: the cache must not depend on which page came first.
			for _, order := range [][]PageRef{pages, reversed(pages)} {
				for _, p := range order {
					kind := p.Kind
					if kind == "guide" {
						kind = "handout"
					}
					d := s.pageData(p)
					got, err := s.navHTML(s.Theme.pages[kind], d)
					if err != nil {
						t.Fatal(err)
					}
					var b strings.Builder
					if err := want[kind].ExecuteTemplate(&b, "nav-by-range", s.pageData(p)); err != nil {
						t.Fatal(err)
					}
					if string(got) != b.String() {
						t.Fatalf("%s: navigation differs from ranging over .Nav\n got: %s\nwant: %s", p.Path, got, b.String())
					}
					if p.Kind == "module" && !strings.Contains(string(got), `aria-current="page"`) {
						t.Errorf("%s: no current item", p.Path)
					}
				}
			}
		})
	}
}

func reversed(ps []PageRef) []PageRef {
	out := make([]PageRef, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

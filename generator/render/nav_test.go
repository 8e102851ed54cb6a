package render

import (
	"html/template"
	"path"
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
	for name, dir := range pageKits(t) {
		t.Run(name, func(t *testing.T) {
			s := loadSite(t, dir)
			// The reference: the same templates, ranging over Data.Nav, parsed
			// into a second theme (a template set cannot be cloned once run).
			ref, _ := LoadTheme(themes.Default(), s.Kit.Dir, s.Kit.ThemeDir)
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
			pages := s.Pages()
			// Backwards too: the cache must not depend on which page came first.
			for _, order := range [][]PageRef{pages, reversed(pages)} {
				for _, p := range order {
					kind := kindOf(p.Kind).template
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

// pageKits are kits whose pages lie at every depth: the sample kit, one
// with parts, and a generated one with both.
func pageKits(t *testing.T) map[string]string {
	t.Helper()
	gen := t.TempDir()
	if err := kitgen.Write(gen, kitgen.Options{Modules: 30, Parts: 3, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"sample": "../..", "parts": "testdata/partskit", "generated": gen}
}

func reversed(ps []PageRef) []PageRef {
	out := make([]PageRef, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

// TestNavWindow checks the navigation of a long kit: each list shows at
// most the current item and navSpan either side, the items it leaves out
// are counted by "more" items linking to a page that lists them all, the
// current module and its part are always shown, and every link leads to a
// page of the site. A short kit lists everything.
func TestNavWindow(t *testing.T) {
	dir := t.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: 400, Parts: 20, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	s := loadSite(t, dir)
	pages := map[string]bool{}
	for _, p := range s.Pages() {
		pages[p.Path] = true
	}
	shown := func(t *testing.T, items []NavItem, total int) {
		t.Helper()
		if len(items) > 2*navSpan+3 {
			t.Errorf("%d items, want at most %d", len(items), 2*navSpan+3)
		}
		n := 0
		for _, it := range items {
			n += max(it.More, 1)
			if it.More == 1 {
				t.Errorf("%q stands for one item: show the item", it.Title)
			}
		}
		if n != total {
			t.Errorf("items stand for %d entries, want %d", n, total)
		}
	}
	for _, p := range s.Pages() {
		d := s.pageData(p)
		t.Run(p.Path, func(t *testing.T) {
			shown(t, d.Nav, len(s.Kit.Entries))
			var current []string
			for _, it := range d.Nav {
				for _, c := range append([]NavItem{it}, it.Children...) {
					url, _, _ := strings.Cut(c.URL, "#")
					target := path.Clean(path.Join(path.Dir(p.Path), url))
					if !pages[target] {
						t.Errorf("%q links to %s, which is not a page", c.Title, target)
					}
					if c.Current {
						current = append(current, c.Title)
					}
					if c.More > 0 && !strings.HasSuffix(target, "index.html") {
						t.Errorf("%q links to %s", c.Title, target)
					}
				}
				if len(it.Children) > 0 {
					shown(t, it.Children, len(s.Kit.Entries[it.idx].Part.Modules))
				}
			}
			if p.Module != nil && (len(current) != 1 || current[0] != p.Module.Title) {
				t.Errorf("current items %q, want %q", current, p.Module.Title)
			}
		})
	}
	// One page in full: module 12 of part 10's 20.
	m := s.Kit.Parts[9].Modules[11]
	d := s.pageData(PageRef{Path: m.URL(), Kind: "module", Module: m})
	var got []string
	for _, it := range d.Nav {
		got = append(got, it.Title)
		if it.Children != nil {
			got = append(got, "[")
			for _, c := range it.Children {
				got = append(got, c.Title)
			}
			got = append(got, "]")
		}
	}
	want := []string{"4 earlier parts"}
	for _, p := range s.Kit.Parts[4:15] {
		want = append(want, p.Title)
		if p == m.Part {
			want = append(want, "[", "6 earlier modules")
			for _, x := range p.Modules[6:17] {
				want = append(want, x.Title)
			}
			want = append(want, "3 later modules", "]")
		}
	}
	want = append(want, "5 later parts")
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("navigation of %s:\n got %q\nwant %q", m.URL(), got, want)
	}

	// The sample kit is short: everything, nothing standing in.
	sample := loadSite(t, "../..")
	for _, p := range sample.Pages() {
		for _, it := range sample.pageData(p).Nav {
			if it.More > 0 {
				t.Errorf("%s: %q in a short kit", p.Path, it.Title)
			}
		}
	}
}

func loadSite(t *testing.T, dir string) *Site {
	t.Helper()
	k, th := loadKitTheme(t, dir)
	s, errs := New(k, th, Options{})
	if errs.HasErrors() {
		t.Fatal(errs.Error())
	}
	return s
}

// loadKitTheme loads the kit in dir and its theme.
func loadKitTheme(t *testing.T, dir string) (*kit.Kit, *Theme) {
	t.Helper()
	k, errs := kit.Load(dir, kit.Options{})
	if errs.HasErrors() {
		t.Fatal(errs.Error())
	}
	th, errs := LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
	if errs.HasErrors() {
		t.Fatal(errs.Error())
	}
	return k, th
}

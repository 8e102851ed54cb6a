package render

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"lectern/themes"
)

// TestCachedEqualsTemplate checks that every page of both editions, with
// the frame's pieces made once per Shared ({{cached "name" .Shared}}), is
// what running each piece with the page's own data ({{template "name" .}},
// which has the same fields) gives: pages at every depth, in both orders,
// so that no page gets a piece made for another.
func TestCachedEqualsTemplate(t *testing.T) {
	// The built-in theme, with every cached piece run for each page.
	ref := fstest.MapFS{}
	cachedCall := regexp.MustCompile(`\{\{cached ("[^"]+") \.Shared\}\}`)
	calls := 0
	err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(themes.Default(), p)
		calls += len(cachedCall.FindAll(b, -1))
		ref[p] = &fstest.MapFile{Data: cachedCall.ReplaceAll(b, []byte(`{{template $1 .}}`))}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 4 {
		t.Fatalf("the built-in theme has %d cached pieces, want the frame's 4", calls)
	}
	for name, dir := range pageKits(t) {
		t.Run(name, func(t *testing.T) {
			s := loadSite(t, dir)
			th, errs := LoadTheme(ref, s.Kit.Dir, s.Kit.ThemeDir)
			if errs.HasErrors() {
				t.Fatal(errs.Error())
			}
			want, errs := New(s.Kit, th, Options{})
			if errs.HasErrors() {
				t.Fatal(errs.Error())
			}
			pages := s.Pages()
			depths := map[int]bool{}
			for _, order := range [][]PageRef{reversed(pages), pages} {
				for _, p := range order {
					var got, exp bytes.Buffer
					if err := s.Render(&got, p); err != nil {
						t.Fatal(err)
					}
					if err := want.Render(&exp, p); err != nil {
						t.Fatal(err)
					}
					if got.String() != exp.String() {
						t.Fatalf("%s: differs from the page with its pieces run for it\n got: %s\nwant: %s", p.Path, got.String(), exp.String())
					}
					depths[strings.Count(p.Path, "/")] = true
				}
			}
			if len(depths) < 3 {
				t.Errorf("pages at depths %v only", depths)
			}
		})
	}
}

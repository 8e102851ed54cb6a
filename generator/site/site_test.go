package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/markdown"
	"lectern/generator/render"
)

// writeKit writes files (slash paths relative to the kit) into a new kit
// folder on top of a small working kit, and returns the folder.
func writeKit(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{
		"site.toml":         "title = \"K\"\n",
		"content/_index.md": "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
		"content/01-a.md":   "+++\ntitle = \"A\"\nduration = 5\n+++\nSome text.\n\n```go\nx := 1\n```\n",
	}
	for p, data := range files {
		all[p] = data
	}
	for p, data := range all {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoad checks that Load assembles a kit that has no errors, and stops
// at the first stage that has some: a theme is not read for a kit that did
// not load, so its errors are not reported until the kit's are fixed.
func TestLoad(t *testing.T) {
	brokenTheme := map[string]string{
		"site.toml":                       "title = \"K\"\ntheme = \"mine\"\n",
		"themes/mine/templates/base.html": "{{ if }}\n",
	}
	brokenModule := "+++\ntitle = 5\n+++\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // in the diagnostics, in this order
		not   string   // not in them
	}{
		{name: "clean"},
		{name: "kit", files: map[string]string{"content/01-a.md": brokenModule}, want: []string{"content/01-a.md:"}},
		{name: "theme", files: brokenTheme, want: []string{"themes/mine/templates/base.html:"}},
		{name: "kit and theme", files: merge(brokenTheme, map[string]string{"content/01-a.md": brokenModule}),
			want: []string{"content/01-a.md:"}, not: "themes/mine"},
		{name: "outputs", files: map[string]string{"static/index.html": "<p>mine</p>\n",
			"content/02-b/index.md": "+++\ntitle = \"B\"\nduration = 5\n+++\n", "content/02-b/index.html": "<p>mine</p>\n"},
			want: []string{"content/02-b/index.html: error: would be published as b/index.html, which Lectern writes itself",
				"static/index.html: error: would be published as index.html, which Lectern writes itself"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, errs := Load(Options{Source: writeKit(t, tc.files)})
			got := errs.Error()
			if len(tc.want) == 0 {
				if s == nil || errs.HasErrors() {
					t.Fatalf("no site:\n%s", got)
				}
				if len(s.Pages()) == 0 || len(s.Kit.Modules) != 1 {
					t.Errorf("%d pages, %d modules", len(s.Pages()), len(s.Kit.Modules))
				}
				return
			}
			if s != nil {
				t.Errorf("a site despite errors:\n%s", got)
			}
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("no %q after byte %d in\n%s", w, at, got)
				}
				at += i + len(w)
			}
			if tc.not != "" && strings.Contains(got, tc.not) {
				t.Errorf("%q in\n%s", tc.not, got)
			}
		})
	}
}

func merge(a, b map[string]string) map[string]string {
	m := map[string]string{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// TestHighlightsPassedIn checks that the code a site highlights goes into
// the memory its caller passed, and into no other: two assemblies given
// their own share nothing.
func TestHighlightsPassedIn(t *testing.T) {
	dir := writeKit(t, nil)
	mine, other := new(markdown.Highlights), new(markdown.Highlights)
	if s, errs := Load(Options{Source: dir, Highlights: mine}); s == nil {
		t.Fatal(errs.Error())
	}
	var a, b bytes.Buffer
	if err := mine.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := other.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(a.Bytes(), []byte("x := 1")) {
		t.Errorf("the memory passed in does not hold the module's code: %q", a.String())
	}
	if bytes.Contains(b.Bytes(), []byte("x := 1")) {
		t.Errorf("another memory holds the module's code: %q", b.String())
	}
}

// TestAssembly runs the steps as the dev server does: a page read again is
// converted again, the same as a fresh Load of the kit; a theme with errors
// hides the conversion's problems until it is fixed; and loading the kit
// again verifies the outputs again.
func TestAssembly(t *testing.T) {
	dir := writeKit(t, map[string]string{"site.toml": "title = \"K\"\ntheme = \"mine\"\n", "themes/mine/assets/x.css": "a{}\n"})
	a := New(Options{Source: dir})
	if !a.LoadKit() || !a.LoadTheme() {
		t.Fatal(a.Diags().Error())
	}
	first := a.Convert()
	if a.Diags().HasErrors() {
		t.Fatal(a.Diags().Error())
	}
	edit := func(rel, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("content/01-a.md", "+++\ntitle = \"A\"\nduration = 5\n+++\nOther text, [nowhere](gone.md).\n")
	if !a.ReloadPage("content/01-a.md") {
		t.Fatal("the page was not read again")
	}
	s := a.Convert()
	if s == first || !strings.Contains(a.Diags().Error(), `link to "gone.md" points nowhere`) {
		t.Errorf("not converted again:\n%s", a.Diags().Error())
	}
	fresh, errs := Load(Options{Source: dir})
	if fresh == nil {
		t.Fatal(errs.Error())
	}
	if page(t, s, "a/index.html") != page(t, fresh, "a/index.html") {
		t.Errorf("the page read again differs from a fresh load:\n%s\nwant\n%s", page(t, s, "a/index.html"), page(t, fresh, "a/index.html"))
	}

	edit("themes/mine/templates/base.html", "{{ if }}\n")
	if a.LoadTheme() {
		t.Fatal("a broken theme loaded")
	}
	if d := a.Diags().Error(); strings.Contains(d, "gone.md") || !strings.Contains(d, "themes/mine/templates/base.html") {
		t.Errorf("with the theme broken:\n%s", d)
	}
	if err := os.Remove(filepath.Join(dir, "themes/mine/templates/base.html")); err != nil {
		t.Fatal(err)
	}
	if !a.LoadTheme() {
		t.Fatal(a.Diags().Error())
	}
	a.Convert()
	if d := a.Diags().Error(); !strings.Contains(d, "gone.md") {
		t.Errorf("with the theme fixed:\n%s", d)
	}

	edit("static/index.html", "<p>mine</p>\n")
	if !a.LoadKit() || !a.LoadTheme() {
		t.Fatal(a.Diags().Error())
	}
	a.Convert()
	if d := a.Diags().Error(); !strings.Contains(d, "static/index.html: error: would be published as index.html") {
		t.Errorf("the outputs were not verified again:\n%s", d)
	}
}

// page renders the page of s at path p.
func page(t *testing.T, s *render.Site, p string) string {
	t.Helper()
	for _, r := range s.Pages() {
		if r.Path == p {
			var b strings.Builder
			if err := s.Render(&b, r); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
	}
	t.Fatalf("no page %s", p)
	return ""
}

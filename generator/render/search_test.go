package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/generator/render"
	"lectern/themes"
)

// site loads and converts the kit in dir.
func site(t testing.TB, dir string, opt render.Options) *render.Site {
	t.Helper()
	k, errs := kit.Load(dir, kit.Options{})
	if errs.HasErrors() {
		t.Fatal(errs.Error())
	}
	th, errs := render.LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
	if errs.HasErrors() {
		t.Fatal(errs.Error())
	}
	s, errs := render.New(k, th, opt)
	if errs.HasErrors() {
		t.Fatal(errs.Error())
	}
	return s
}

// indexFile returns the search index among the site's files, or nil.
func indexFile(s *render.Site) []byte {
	for _, f := range s.Files() {
		if f.Path == render.SearchIndexPath {
			data, _ := f.Content()
			return data
		}
	}
	return nil
}

// decode parses the script back into the index.
func decode(t *testing.T, script []byte) render.SearchIndex {
	t.Helper()
	const pre = "window.LECTERN_SEARCH="
	if !bytes.HasPrefix(script, []byte(pre)) || !bytes.HasSuffix(script, []byte(";\n")) {
		t.Fatalf("the index script is not %s{…};: %.80q", pre, script)
	}
	var idx render.SearchIndex
	if err := json.Unmarshal(bytes.TrimSuffix(script[len(pre):], []byte(";\n")), &idx); err != nil {
		t.Fatal(err)
	}
	return idx
}

func TestSearchIndexSampleKit(t *testing.T) {
	s := site(t, "../..", render.Options{})
	script := indexFile(s)
	if script == nil {
		t.Fatalf("no %s among the site's files", render.SearchIndexPath)
	}
	idx := decode(t, script)

	// The home page, then every module in kit order, each at its address.
	if len(idx.Pages) != 1+len(s.Kit.Modules) {
		t.Fatalf("%d pages in the index, want %d", len(idx.Pages), 1+len(s.Kit.Modules))
	}
	if idx.Pages[0].URL != "index.html" {
		t.Errorf("first page %q, want the home page", idx.Pages[0].URL)
	}
	for i, m := range s.Kit.Modules {
		p := idx.Pages[i+1]
		if p.Title != m.Title || p.URL != m.URL() {
			t.Errorf("page %d is %q at %q, want %q at %q", i+1, p.Title, p.URL, m.Title, m.URL())
		}
	}

	// Headings keep their ids, so results link to the section.
	var self render.SearchPage
	for _, p := range idx.Pages {
		if p.URL == "self-check/index.html" {
			self = p
		}
	}
	want := map[string]string{"four-questions": "Four questions", "it-is-about-how-people-feel": "It is about how people feel",
		"selfcheck-1": "Are you leading or managing?", "worksheet-1": "How do I make people feel?"}
	for _, sec := range self.Sections {
		if h, ok := want[sec[0]]; ok && sec[1] == h {
			delete(want, sec[0])
		}
		if strings.Contains(sec[2], "<") || strings.Contains(sec[2], "&amp;") {
			t.Errorf("section %q keeps markup: %q", sec[0], sec[2])
		}
	}
	if len(want) > 0 {
		t.Errorf("self-check sections missing: %v\nhave %q", want, self.Sections)
	}
	if !strings.HasPrefix(self.Sections[0][2], s.Kit.Modules[3].Summary[:40]) {
		t.Errorf("the first section does not open with the summary: %q", self.Sections[0][2])
	}

	// Nothing from a facilitator block: the self-check's debrief, the
	// facilitator notes of every module.
	for _, secret := range []string{"Do not ask anyone to share their scores", "Debrief", "invite them (kindly)"} {
		if bytes.Contains(script, []byte(secret)) {
			t.Errorf("the attendee index holds facilitator text %q", secret)
		}
	}
	for _, m := range s.Kit.Modules {
		for _, h := range s.Doc(m).Headings {
			if h.InFacilitator && bytes.Contains(script, []byte(`"`+h.ID+`"`)) {
				t.Errorf("the index holds the facilitator heading %q", h.ID)
			}
		}
	}

	// The same kit gives the same bytes.
	if again := indexFile(site(t, "../..", render.Options{})); !bytes.Equal(script, again) {
		t.Error("two builds of the sample kit give different indexes")
	}
}

// TestSearchIndexBudget holds the index to the stated budget: at most
// render.SearchBudget bytes per module on average, on a kit of 200 modules
// from kitgen (about 4 KB of Markdown each, with facilitator notes, quotes,
// worksheets, self-checks and code).
func TestSearchIndexBudget(t *testing.T) {
	dir := t.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: 200, Parts: 8, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	s := site(t, dir, render.Options{})
	script := indexFile(s)
	per := len(script) / len(s.Kit.Modules)
	t.Logf("index: %d bytes for %d modules, %d bytes a module (budget %d)", len(script), len(s.Kit.Modules), per, render.SearchBudget)
	if per > render.SearchBudget {
		t.Errorf("the index takes %d bytes a module, over the budget of %d", per, render.SearchBudget)
	}
	idx := decode(t, script)
	if len(idx.Pages) != 1+8+200 {
		t.Errorf("%d pages, want the home page, 8 parts and 200 modules", len(idx.Pages))
	}
	// Every module keeps all its headings, even past its text budget.
	for _, m := range s.Kit.Modules {
		var p *render.SearchPage
		for i := range idx.Pages {
			if idx.Pages[i].URL == m.URL() {
				p = &idx.Pages[i]
			}
		}
		if p == nil {
			t.Fatalf("%s is not in the index", m.URL())
		}
		if p.Part == "" {
			t.Errorf("%s: no part title", m.URL())
		}
		ids := map[string]bool{}
		for _, sec := range p.Sections {
			ids[sec[0]] = true
		}
		for _, h := range s.Doc(m).Headings {
			if !h.InFacilitator && !ids[h.ID] {
				t.Errorf("%s: heading %q (%s) is not in the index", m.URL(), h.Text, h.ID)
			}
		}
	}
}

func TestSearchIndexOnlyAttendee(t *testing.T) {
	if indexFile(site(t, "../..", render.Options{Only: "facilitator"})) != nil {
		t.Error("a facilitator-only build ships the attendee search index")
	}
	if indexFile(site(t, "../..", render.Options{Only: "attendee"})) == nil {
		t.Error("an attendee-only build has no search index")
	}
}

// TestSearchSections checks how HTML becomes sections: text between
// headings, ids from the heading or the block around it, hidden and form
// text left out, entities decoded, words kept apart across blocks.
func TestSearchSections(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"T\"\n")
	write("content/_index.md", "+++\ntitle = \"Home\"\n+++\n")
	long := strings.Repeat("word ", 600)
	write("content/01-one.md", `+++
title = "Café crème"
summary = "Summary first."
+++

Intro *text* & more.

## Résumé d'équipe

- one
- two

::: facilitator
## Secret heading

Secret words.
:::

### Deeper

`+long+`

::: worksheet {title="Sheet" minutes=5}
Fill in.

::: answer {lines=2}
:::
:::
`)
	s := site(t, dir, render.Options{})
	idx := decode(t, indexFile(s))
	p := idx.Pages[1]
	if p.Title != "Café crème" {
		t.Fatalf("title %q", p.Title)
	}
	got := p.Sections
	if len(got) != 4 {
		t.Fatalf("%d sections, want 4: %q", len(got), got)
	}
	if got[0] != (render.SearchSection{"", "", "Summary first. Intro text & more."}) {
		t.Errorf("first section %q", got[0])
	}
	if h := s.Doc(s.Kit.Modules[0]).Headings[0]; got[1][0] != h.ID || got[1][1] != "Résumé d’équipe" || got[1][2] != "one two" {
		t.Errorf("second section %q", got[1])
	}
	if n := len([]rune(got[2][2])); got[2][1] != "Deeper" || !strings.HasSuffix(got[2][2], "…") || n > 1300 || n < 1000 {
		t.Errorf("long section not cut to an excerpt: %q", got[2])
	}
	if got[3][1] != "Sheet" || got[3][0] == "" || strings.Contains(got[3][2], "Your answer") {
		t.Errorf("worksheet section %q", got[3])
	}
	for _, sec := range got {
		if strings.Contains(sec[1]+sec[2], "Secret") {
			t.Errorf("facilitator text in %q", sec)
		}
	}
}

package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/generator/markdown"
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

// indexFile returns the attendee search index among the site's files, or nil.
func indexFile(s *render.Site) []byte {
	return fileAt(s, render.SearchIndexPath)
}

// fileAt returns the content of the site's file at p, or nil.
func fileAt(s *render.Site, p string) []byte {
	for _, f := range s.Files() {
		if f.Path == p {
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
	fac := fileAt(s, render.FacilitatorSearchIndexPath)
	facPer := len(fac) / len(s.Kit.Modules)
	t.Logf("facilitator index: %d bytes, %d bytes a module (budget %d)", len(fac), facPer, render.FacilitatorSearchBudget)
	if facPer > render.FacilitatorSearchBudget {
		t.Errorf("the facilitator index takes %d bytes a module, over the budget of %d", facPer, render.FacilitatorSearchBudget)
	}
	if len(fac) <= len(script) {
		t.Errorf("the facilitator index (%d bytes) is no larger than the attendee index (%d): the notes are missing", len(fac), len(script))
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
	fac := site(t, "../..", render.Options{Only: "facilitator"})
	if indexFile(fac) != nil {
		t.Error("a facilitator-only build ships the attendee search index")
	}
	if fileAt(fac, render.FacilitatorSearchIndexPath) == nil {
		t.Error("a facilitator-only build has no facilitator search index")
	}
	att := site(t, "../..", render.Options{Only: "attendee"})
	if indexFile(att) == nil {
		t.Error("an attendee-only build has no search index")
	}
	if fileAt(att, render.FacilitatorSearchIndexPath) != nil {
		t.Error("an attendee-only build ships the facilitator search index")
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

	// The facilitator index: the same sections, and the note after the
	// section it stands in, named by its label (its heading made its
	// title) and anchored to it.
	fac := facilitatorIndex(t, s).Pages[1]
	want := []render.SearchSection{got[0], got[1], {"secret-heading", "Facilitator note: Secret heading", "Secret words."}, got[2], got[3]}
	if !slices.Equal(fac.Sections, want) {
		t.Errorf("facilitator sections\n got %q\nwant %q", fac.Sections, want)
	}
}

// facilitatorIndex decodes the facilitator edition's index of s.
func facilitatorIndex(t *testing.T, s *render.Site) render.SearchIndex {
	t.Helper()
	script := fileAt(s, render.FacilitatorSearchIndexPath)
	if script == nil {
		t.Fatalf("no %s among the site's files", render.FacilitatorSearchIndexPath)
	}
	return decode(t, script)
}

// indexText is every title, heading and excerpt of an index, one a line.
func indexText(idx render.SearchIndex) string {
	var b strings.Builder
	for _, p := range idx.Pages {
		b.WriteString(p.Title + "\n")
		for _, sec := range p.Sections {
			b.WriteString(sec[1] + "\n" + sec[2] + "\n")
		}
	}
	return b.String()
}

// sentences splits the text of an HTML fragment into sentences of four
// words or more, white space collapsed.
func sentences(t *testing.T, fragment []byte) []string {
	t.Helper()
	nodes, err := html.ParseFragment(bytes.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	inline := map[atom.Atom]bool{atom.A: true, atom.Em: true, atom.Strong: true, atom.Code: true, atom.Span: true,
		atom.Abbr: true, atom.B: true, atom.I: true, atom.Q: true, atom.Sup: true, atom.Sub: true, atom.Time: true}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Button, atom.Textarea:
				return
			}
			for _, a := range n.Attr {
				if a.Key == "hidden" || a.Key == "class" && labelClass.MatchString(a.Val) {
					return
				}
			}
		}
		if !inline[n.DataAtom] {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if !inline[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	var out []string
	for _, s := range sentenceEnd.Split(strings.Join(strings.Fields(b.String()), " "), -1) {
		if len(strings.Fields(s)) >= 4 {
			out = append(out, s)
		}
	}
	return out
}

var sentenceEnd = regexp.MustCompile(`[.!?:;…]\s+`)

// labelClass marks what every instance of a block prints ("Facilitator
// note", a scale's poles): labels, which the index leaves out, not text.
var labelClass = regexp.MustCompile(`\b(visually-hidden|block-label|pole|minutes|selfcheck-hint)\b`)

// TestFacilitatorSearchIndexSampleKit: the facilitator edition's index
// holds every sentence of the sample kit that only facilitators see, and
// the attendee index holds none of them; results lead to facilitator pages,
// the edition's own pages among them.
func TestFacilitatorSearchIndexSampleKit(t *testing.T) {
	s := site(t, "../..", render.Options{})
	if !render.FacilitatorOnly(render.FacilitatorSearchIndexPath) {
		t.Fatalf("%s is not in the facilitator edition's folder", render.FacilitatorSearchIndexPath)
	}
	fac := facilitatorIndex(t, s)
	att := decode(t, indexFile(s))
	facText, attText := indexText(fac), indexText(att)

	// The sentences that only facilitators see: in a page's facilitator
	// edition and not in its attendee edition.
	var docs []*markdown.Doc
	if s.Kit.Home != nil {
		docs = append(docs, s.PageDoc(s.Kit.Home))
	}
	for _, m := range s.Kit.Modules {
		docs = append(docs, s.Doc(m))
	}
	var secret []string
	for _, d := range docs {
		seen := strings.Join(sentences(t, d.HTML.Bytes(markdown.Attendee)), "\n")
		for _, sen := range sentences(t, d.HTML.Bytes(markdown.Facilitator)) {
			if !strings.Contains(seen, sen) {
				secret = append(secret, sen)
			}
		}
	}
	if len(secret) < 20 {
		t.Fatalf("found %d facilitator-only sentences in the sample kit, want its notes: %q", len(secret), secret)
	}
	for _, sen := range secret {
		if strings.Contains(attText, sen) {
			t.Errorf("the attendee index holds the facilitator-only sentence %q", sen)
		}
		if !strings.Contains(facText, sen) {
			t.Errorf("the facilitator index lacks the facilitator-only sentence %q", sen)
		}
	}

	// The kit's pages, at their addresses in the edition, then the
	// edition's own pages.
	want := []string{"index.html"}
	for _, m := range s.Kit.Modules {
		want = append(want, m.URL())
	}
	var got []string
	for _, p := range fac.Pages {
		got = append(got, p.URL)
	}
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("facilitator index pages\n got %q\nwant %q first", got, want)
	}
	for _, own := range []string{"agenda/index.html", "guide/index.html", "materials/index.html", "present/index.html"} {
		if !slices.Contains(got[len(want):], own) {
			t.Errorf("the facilitator index lacks the edition's page %s: %q", own, got)
		}
	}

	// A note is a section of its own, anchored where it stands.
	notes := 0
	for _, p := range fac.Pages {
		for _, sec := range p.Sections {
			if !strings.HasPrefix(sec[1], "Facilitator note") {
				continue
			}
			notes++
			if sec[0] == "" || sec[2] == "" {
				t.Errorf("%s: a note without anchor or text: %q", p.URL, sec)
			}
		}
	}
	if notes < 7 {
		t.Errorf("%d note sections, want one for each of the sample kit's seven notes", notes)
	}
	// The edition's own pages are found by what they hold.
	for url, words := range map[string]string{"materials/index.html": "Sticky notes × 108", "agenda/index.html": "Coffee break"} {
		found := false
		for _, p := range fac.Pages {
			for _, sec := range p.Sections {
				found = found || p.URL == url && strings.Contains(sec[2], words)
			}
		}
		if !found {
			t.Errorf("%s: %q is not in its index entry", url, words)
		}
	}

	// The same kit gives the same bytes.
	again := fileAt(site(t, "../..", render.Options{}), render.FacilitatorSearchIndexPath)
	if !bytes.Equal(fileAt(s, render.FacilitatorSearchIndexPath), again) {
		t.Error("two builds of the sample kit give different facilitator indexes")
	}
}

package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

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

// index is an edition's search index read back from the site's files.
type index struct {
	pages    int
	sections []int // of each page
	shards   []string
	words    map[string]string // postings
	shardOf  map[string]int
	shardLen []int
	page     []pageFile
	bytes    int // of every file
}

type pageFile struct {
	T string     `json:"t"`
	U string     `json:"u"`
	P string     `json:"p"`
	S [][]string `json:"s"`
}

var loadCall = regexp.MustCompile(`^LECTERN_SEARCH_LOAD\("(w|p)",(\d+),([\s\S]*)\);\n$`)

// readIndex reads edition e's index from s's files.
func readIndex(t *testing.T, s *render.Site, e markdown.Edition) *index {
	t.Helper()
	root := ""
	if e == markdown.Facilitator {
		root = "facilitator/"
	}
	idx := &index{words: map[string]string{}, shardOf: map[string]int{}}
	var manifest []byte
	for _, f := range s.Files() {
		if f.Path == render.SearchIndexPathOf(e) {
			manifest, _ = f.Content()
			idx.bytes += len(manifest)
		}
	}
	const pre = "window.LECTERN_SEARCH="
	if !bytes.HasPrefix(manifest, []byte(pre)) {
		t.Fatalf("the manifest is not %s{…};: %.80q", pre, manifest)
	}
	var m struct {
		V        int      `json:"v"`
		Pages    int      `json:"pages"`
		Sections string   `json:"sections"`
		Shards   []string `json:"shards"`
	}
	if err := json.Unmarshal(bytes.TrimSuffix(manifest[len(pre):], []byte(";\n")), &m); err != nil {
		t.Fatal(err)
	}
	idx.pages, idx.shards, idx.sections = m.Pages, m.Shards, varints(m.Sections)
	idx.page = make([]pageFile, m.Pages)
	idx.shardLen = make([]int, len(m.Shards))
	seen := 0
	for _, f := range s.Files() {
		rest, ok := strings.CutPrefix(f.Path, root+"search/")
		if !ok || strings.Contains(rest, "/") {
			continue
		}
		data, _ := f.Content()
		idx.bytes += len(data)
		sub := loadCall.FindSubmatch(data)
		if sub == nil {
			t.Fatalf("%s is not a LECTERN_SEARCH_LOAD call: %.80q", f.Path, data)
		}
		n, _ := strconv.Atoi(string(sub[2]))
		if want := string(sub[1]) + strconv.Itoa(n) + ".js"; rest != want {
			t.Errorf("%s holds %s", f.Path, want)
		}
		seen++
		if string(sub[1]) == "p" {
			if err := json.Unmarshal(sub[3], &idx.page[n]); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			continue
		}
		var list []string
		if err := json.Unmarshal(sub[3], &list); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		idx.shardLen[n] = len(data)
		for i := 0; i+1 < len(list); i += 2 {
			idx.words[list[i]], idx.shardOf[list[i]] = list[i+1], n
			if list[i] < m.Shards[n] || n+1 < len(m.Shards) && list[i] >= m.Shards[n+1] {
				t.Errorf("%q is in shard %d, outside its range from %q", list[i], n, m.Shards[n])
			}
		}
	}
	if seen != m.Pages+len(m.Shards) {
		t.Errorf("%d files in %ssearch/, want %d pages and %d shards", seen, root, m.Pages, len(m.Shards))
	}
	return idx
}

func varints(s string) []int {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var out []int
	v, shift := 0, 0
	for _, c := range s {
		d := strings.IndexRune(digits, c)
		v |= d & 31 << shift
		if d >= 32 {
			shift += 5
			continue
		}
		out = append(out, v)
		v, shift = 0, 0
	}
	return out
}

// posting is a word's sections, each with its flags.
func (idx *index) postings(word string) (secs []int, flags []int) {
	at := -1
	for _, v := range varints(idx.words[word]) {
		at += v >> 3
		secs, flags = append(secs, at), append(flags, v&7)
	}
	return secs, flags
}

// pageOf is the page and the section in it of section sec.
func (idx *index) pageOf(sec int) (int, int) {
	for p, n := range idx.sections {
		if sec < n {
			return p, sec
		}
		sec -= n
	}
	return -1, -1
}

// TestSearchIndexSampleKit reads the sample kit's attendee index: every
// page, in order, with sections at their headings' anchors, whole text,
// and every word in the shards, with facilitator text in none of it.
func TestSearchIndexSampleKit(t *testing.T) {
	s := site(t, "../..", render.Options{})
	idx := readIndex(t, s, markdown.Attendee)

	// The home page, then every module in kit order, each at its address.
	if idx.pages != 1+len(s.Kit.Modules) || len(idx.sections) != idx.pages {
		t.Fatalf("%d pages (%d counted) in the index, want %d", idx.pages, len(idx.sections), 1+len(s.Kit.Modules))
	}
	if idx.page[0].U != "index.html" {
		t.Errorf("first page %q, want the home page", idx.page[0].U)
	}
	for i, m := range s.Kit.Modules {
		p := idx.page[i+1]
		if p.T != m.Title || p.U != m.URL() || len(p.S) != idx.sections[i+1] {
			t.Errorf("page %d is %q at %q with %d sections, want %q at %q with %d", i+1, p.T, p.U, len(p.S), m.Title, m.URL(), idx.sections[i+1])
		}
	}

	// Words an attendee reads, wherever they are: the text, a block's
	// title ("Trios"), a footnote ("McKinsey"), a materials list.
	for _, w := range []string{"sticky", "notes", "trios", "mckinsey", "delegate", "delegating", "practise"} {
		if idx.words[w] == "" {
			t.Errorf("the index lacks %q", w)
		}
	}
	// "Trios" is in a block's title: a heading's weight.
	secs, flags := idx.postings("trios")
	if !slices.ContainsFunc(flags, func(f int) bool { return f&2 != 0 }) {
		t.Errorf("trios: flags %v, want one in a block's title", flags)
	}
	// Module titles are in their page's first section.
	secs, flags = idx.postings("self")
	found := false
	for i, sec := range secs {
		p, k := idx.pageOf(sec)
		found = found || idx.page[p].U == "self-check/index.html" && k == 0 && flags[i]&4 != 0
	}
	if !found {
		t.Error("the self-check's title is not in its first section")
	}

	// Headings keep their ids, or their block's, so results open there;
	// a quote and its attribution are two lines.
	var self, voices pageFile
	for _, p := range idx.page {
		switch p.U {
		case "self-check/index.html":
			self = p
		case "staff-voices/index.html":
			voices = p
		}
	}
	want := map[string]string{"four-questions": "Four questions", "it-is-about-how-people-feel": "It is about how people feel",
		"selfcheck-1": "Are you leading or managing?", "worksheet-1": "How do I make people feel?"}
	for _, sec := range self.S {
		if h, ok := want[sec[0]]; ok && sec[1] == h {
			delete(want, sec[0])
		}
		if strings.Contains(sec[2], "<") || strings.Contains(sec[2], "&amp;") {
			t.Errorf("section %q keeps markup: %q", sec[0], sec[2])
		}
	}
	if len(want) > 0 {
		t.Errorf("self-check sections missing: %v\nhave %q", want, self.S)
	}
	if !strings.HasPrefix(self.S[0][2], s.Kit.Modules[3].Summary[:40]) {
		t.Errorf("the first section does not open with the summary: %q", self.S[0][2])
	}
	quoteApart := false
	for _, sec := range voices.S {
		for _, line := range strings.Split(sec[2], "\n") {
			if strings.HasPrefix(line, "Staff member") {
				quoteApart = true
			}
			if strings.Contains(line, "me. Staff member") {
				t.Errorf("a quote runs into its attribution: %q", line)
			}
		}
	}
	if !quoteApart {
		t.Errorf("no attribution on a line of its own in %q", voices.S)
	}

	// Nothing from a facilitator block: the self-check's debrief, the
	// facilitator notes of every module.
	all := fmt.Sprint(idx.page)
	for _, secret := range []string{"Do not ask anyone to share their scores", "invite them (kindly)"} {
		if strings.Contains(all, secret) {
			t.Errorf("the attendee index holds facilitator text %q", secret)
		}
	}
	for _, m := range s.Kit.Modules {
		for _, h := range s.Doc(m).Headings {
			if h.InFacilitator && strings.Contains(all, `[`+h.ID+` `) {
				t.Errorf("the index holds the facilitator heading %q", h.ID)
			}
		}
	}

	// The same kit gives the same bytes.
	if a, b := fileAt(s, "search/w0.js"), fileAt(site(t, "../..", render.Options{}), "search/w0.js"); !bytes.Equal(a, b) {
		t.Error("two builds of the sample kit give different indexes")
	}
}

// TestFacilitatorSearchIndexSampleKit reads the facilitator index: the
// notes' text and headings are in it, and the edition's own pages.
func TestFacilitatorSearchIndexSampleKit(t *testing.T) {
	s := site(t, "../..", render.Options{})
	att, fac := readIndex(t, s, markdown.Attendee), readIndex(t, s, markdown.Facilitator)
	all := fmt.Sprint(fac.page)
	for _, note := range []string{"Do not ask anyone to share their scores", "invite them (kindly)"} {
		if !strings.Contains(all, note) {
			t.Errorf("the facilitator index lacks the note %q", note)
		}
	}
	// Words only facilitator notes have.
	for _, w := range []string{"envelopes", "halfway"} {
		if att.words[w] != "" || fac.words[w] == "" {
			t.Errorf("%q: in the attendee index %v, in the facilitator index %v; want only the facilitator's", w, att.words[w] != "", fac.words[w] != "")
		}
	}
	var urls []string
	for _, p := range fac.page {
		urls = append(urls, p.U)
	}
	for _, u := range []string{"agenda/index.html", "materials/index.html", "guide/index.html"} {
		if !slices.Contains(urls, u) {
			t.Errorf("the facilitator index lacks its page %s: %q", u, urls)
		}
	}
	// Every word of an attendee module is a facilitator word too (the
	// facilitator's home is its dashboard, without the home page's text);
	// some are not.
	only := 0
	for w := range fac.words {
		if att.words[w] == "" {
			only++
		}
	}
	for w := range att.words {
		secs, _ := att.postings(w)
		if p, _ := att.pageOf(secs[len(secs)-1]); p > 0 && fac.words[w] == "" {
			t.Errorf("the facilitator index lacks the attendee word %q", w)
		}
	}
	if only == 0 {
		t.Error("the facilitator index has no word of its own")
	}
}

func TestSearchIndexOnlyAttendee(t *testing.T) {
	fac := site(t, "../..", render.Options{Only: "facilitator"})
	if fileAt(fac, render.SearchIndexPath) != nil || fileAt(fac, "search/w0.js") != nil {
		t.Error("a facilitator-only build ships the attendee search index")
	}
	if fileAt(fac, render.FacilitatorSearchIndexPath) == nil || fileAt(fac, "facilitator/search/w0.js") == nil {
		t.Error("a facilitator-only build has no facilitator search index")
	}
	att := site(t, "../..", render.Options{Only: "attendee"})
	if fileAt(att, render.SearchIndexPath) == nil {
		t.Error("an attendee-only build has no search index")
	}
	for _, f := range att.Files() {
		if render.FacilitatorOnly(f.Path) {
			t.Errorf("an attendee-only build ships %s", f.Path)
		}
	}
}

// TestSearchIndexShards cuts a generated kit's index into shards of about
// the same size, each word in the one its range names.
func TestSearchIndexShards(t *testing.T) {
	dir := t.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: 300, Parts: 12, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	s := site(t, dir, render.Options{})
	for _, e := range []markdown.Edition{markdown.Attendee, markdown.Facilitator} {
		idx := readIndex(t, s, e)
		if len(idx.shards) < 3 {
			t.Errorf("%s: %d shards for 300 modules", e, len(idx.shards))
		}
		total := 0
		for _, n := range idx.shardLen {
			total += n
		}
		for k, n := range idx.shardLen {
			if n > 3*total/len(idx.shardLen) {
				t.Errorf("%s: shard %d is %d bytes, over three times the average %d", e, k, n, total/len(idx.shardLen))
			}
		}
		t.Logf("%s: %d shards, %d bytes of shards, %d bytes in all", e, len(idx.shards), total, idx.bytes)
	}
}

// TestSearchFilesAnyOrder makes a site's search files the way lectern build
// does, each once, on several goroutines, shards and manifests first, and
// checks them against the same files made one by one in order on another
// site: which file reads a page first must not change any byte.
func TestSearchFilesAnyOrder(t *testing.T) {
	dir := t.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: 120, Parts: 6, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range site(t, dir, render.Options{}).Files() {
		if strings.Contains(f.Path, "search") && f.Make != nil {
			want[f.Path], _ = f.Content()
		}
	}
	s := site(t, dir, render.Options{})
	s.DropSources()
	var files []render.File
	for _, f := range s.Files() {
		if strings.Contains(f.Path, "search") && f.Make != nil {
			files = append(files, f)
		}
	}
	slices.Reverse(files) // the manifests and shards before the pages they need
	if len(files) != len(want) || len(files) < 200 {
		t.Fatalf("%d search files, %d before", len(files), len(want))
	}
	got := make([][]byte, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				got[i], _ = files[i].Content()
			}
		})
	}
	wg.Wait()
	for i, f := range files {
		if !bytes.Equal(got[i], want[f.Path]) {
			t.Errorf("%s: %d bytes, %d when made in order", f.Path, len(got[i]), len(want[f.Path]))
		}
	}
}

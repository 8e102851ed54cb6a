package render

// The search indexes, one per edition. They are built here, at build time,
// and shipped as scripts that set window.LECTERN_SEARCH; the theme's
// search.js loads its edition's with a <script> tag the first time the
// search box is used, which works from file:// where fetch and XHR do not.
//
// The attendee index (assets/search-index.js) is made from the attendee
// edition only: facilitator blocks are not in the attendee HTML, so nothing
// of theirs can leak into it. The facilitator index
// (facilitator/search-index.js) is made from the facilitator edition and
// lives in that edition's folder: only facilitator pages name it (their
// search box's data-index), and the offline ZIP, which leaves the folder
// out, never holds it. It adds each facilitator note as a section of its
// own, and the facilitator edition's own pages (run-sheet, guide,
// materials, …).
//
// An index is a list of pages (the home page, parts, modules in kit order,
// then the edition's own pages), each with its sections: the text before
// the first heading, then one section per h2 or h3 with the heading's id,
// the heading and the start of the section's text. Text is stored as
// written; search.js folds case and accents (NFD, marks stripped) in the
// index and the query alike, so the highlighted excerpt shows the original
// words.
//
// Size budget: at most SearchBudget bytes of attendee index per module on
// average, so a 200-module kit ships about 400 KB, loaded once and only
// when someone searches. Titles and headings are kept whole; a page's
// section text shares pageTextRunes: short sections keep all their text
// and long ones split the rest evenly, each cut at a word boundary. A
// page's facilitator notes share as much again, so the facilitator index
// stays within FacilitatorSearchBudget. Text that every instance of a block
// prints (the self-check's instructions, minutes, labels for screen
// readers, hidden controls) is left out. TestSearchIndexBudget checks both
// averages on a kit from kitgen with 200 modules.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"

	"lectern/generator/kit"
	"lectern/generator/markdown"
)

const (
	// SearchIndexPath is the attendee index's path in the output (shared
	// assets).
	SearchIndexPath = "assets/search-index.js"
	// FacilitatorSearchIndexPath is the facilitator index's path, in that
	// edition's folder. "search-index.js" is reserved (pages.go), so no
	// module's folder takes its place.
	FacilitatorSearchIndexPath = "facilitator/search-index.js"
	// SearchBudget is the stated size budget: bytes of attendee index per
	// module, on average over a kit.
	SearchBudget = 2048
	// FacilitatorSearchBudget is the facilitator index's: the attendee
	// text and as much again for the notes.
	FacilitatorSearchBudget = 2 * SearchBudget
	// pageTextRunes is the section text kept for one page, all sections
	// together; noteTextRunes the text of its facilitator notes, together.
	pageTextRunes = 1300
	noteTextRunes = pageTextRunes
	// collectRunes bounds the text (in bytes, at least as many as runes)
	// gathered for one section before it is cut to its share.
	collectRunes = 4 * pageTextRunes
)

// SearchIndexPathOf is the path of edition e's index in the output.
func SearchIndexPathOf(e markdown.Edition) string {
	if e == markdown.Facilitator {
		return FacilitatorSearchIndexPath
	}
	return SearchIndexPath
}

// SearchIndex is the data behind window.LECTERN_SEARCH.
type SearchIndex struct {
	Version int          `json:"v"`
	Pages   []SearchPage `json:"pages"`
}

// SearchPage is one page of the edition in the index.
type SearchPage struct {
	Title    string          `json:"t"`
	URL      string          `json:"u"`           // from the edition root
	Part     string          `json:"p,omitempty"` // the part a module belongs to
	Sections []SearchSection `json:"s"`
}

// SearchSection is [id, heading, text]: a heading's anchor (empty for the
// text before the first heading), the heading and an excerpt.
type SearchSection [3]string

// hasAttendee reports whether this build has the attendee edition.
func (s *Site) hasAttendee() bool { return s.Opt.Only != "facilitator" }

// SearchIndex builds edition e's index.
func (s *Site) SearchIndex(e markdown.Edition) *SearchIndex {
	type job struct {
		page    SearchPage
		summary []byte
		html    markdown.HTML
		tool    func(*Site) []*sectionText // an edition's own page (toolText)
	}
	var jobs []job
	add := func(p SearchPage, summary string, d *markdown.Doc) {
		j := job{page: p, summary: []byte(summary)}
		if d != nil {
			j.html = d.HTML
		}
		jobs = append(jobs, j)
	}
	if s.Kit.Home != nil {
		// The facilitator edition's home is its dashboard, which shows
		// the summary but not the home page's text.
		var body *markdown.Doc
		if k := homeKind(e); k != nil && k.name == "home" {
			body = s.home
		}
		add(SearchPage{Title: s.Kit.Home.Title, URL: "index.html"}, s.Kit.Home.Summary, body)
	}
	// Kit order: each part before its modules.
	for _, en := range s.Kit.Entries {
		mods := []*kit.Module{en.Module}
		if p := en.Part; p != nil {
			add(SearchPage{Title: p.Title, URL: p.URL()}, p.Summary, s.parts[p])
			mods = p.Modules
		}
		for _, m := range mods {
			if !visible(m, e) { // reference.go
				continue
			}
			p := SearchPage{Title: m.Title, URL: m.URL()}
			if m.Part != nil {
				p.Part = m.Part.Title
			}
			add(p, m.Summary, s.docs[m])
		}
	}
	// The edition's own pages (the attendee edition has none of its own
	// beside the modules'): found by their titles and the kit's words on them.
	for _, k := range pageKinds {
		if k.each != onePage || k.editions.has(markdown.Attendee) || !s.hasKind(&k, e) || k.tool == "" {
			continue
		}
		jobs = append(jobs, job{page: SearchPage{Title: k.tool, URL: k.path}, tool: toolText[k.name]})
	}
	idx := &SearchIndex{Version: 1, Pages: make([]SearchPage, len(jobs))}
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		p := j.page
		if j.tool != nil {
			p.Sections = searchSections(j.tool(s), nil)
		} else {
			buf := pageBuffers.Get().(*[]byte)
			*buf = j.html.AppendTo((*buf)[:0], e)
			p.Sections = pageSections(j.summary, *buf) // keeps no byte of buf
			pageBuffers.Put(buf)
		}
		if p.Sections == nil {
			p.Sections = []SearchSection{}
		}
		idx.Pages[i] = p
	})
	return idx
}

// homeKind is the kind of edition e's home page.
func homeKind(e markdown.Edition) *pageKind {
	for i, k := range pageKinds {
		if k.path == "index.html" && k.editions.has(e) {
			return &pageKinds[i]
		}
	}
	return nil
}

// toolText gives the index the kit's own words on an edition's own page,
// by kind of page (pages.go); a page without an entry is found by its title.
var toolText = map[string]func(*Site) []*sectionText{
	// Every day's modules, breaks and timed segments.
	"agenda": func(s *Site) []*sectionText {
		var out []*sectionText
		for _, d := range s.Schedule.Days {
			t := &sectionText{heading: fmt.Sprintf("Day %d", d.Number)}
			if d.Title != "" && d.Title != t.heading {
				t.heading += ": " + d.Title
			}
			for i, it := range d.Items {
				if i > 0 {
					t.add([]byte(" · "))
				}
				t.add([]byte(it.Title))
				for _, sg := range it.Segments {
					if sg.Title != "" {
						t.add([]byte(" · " + sg.Title))
					}
				}
			}
			out = append(out, t)
		}
		return out
	},
	// Everything to bring, counted as the page counts it.
	"materials": func(s *Site) []*sectionText {
		t := &sectionText{}
		for i, l := range s.Schedule.Materials {
			if i > 0 {
				t.add([]byte(" · "))
			}
			t.add([]byte(materialLabel(l)))
		}
		return []*sectionText{t}
	},
}

// pageBuffers hold a page's HTML while its sections are read.
var pageBuffers = sync.Pool{New: func() any { return new([]byte) }}

// searchScript is edition e's index script, made once per site (Files may
// be asked for more than once in a build).
func (s *Site) searchScript(e markdown.Edition) []byte {
	c := &s.search[e]
	c.once.Do(func() { c.script = s.SearchIndex(e).Script() })
	return c.script
}

// searchFiles are the index scripts of the site's editions.
func (s *Site) searchFiles() []File {
	var out []File
	for _, e := range s.editions() {
		out = append(out, File{Path: SearchIndexPathOf(e), Make: func() []byte { return s.searchScript(e) }})
	}
	return out
}

// searchCache holds a site's index script of each edition.
type searchCache [2]struct {
	once   sync.Once
	script []byte
}

// Script is the index as the JavaScript file search.js loads.
func (idx *SearchIndex) Script() []byte {
	var b bytes.Buffer
	b.WriteString("window.LECTERN_SEARCH=")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // a .js file, never inline in HTML
	if err := enc.Encode(idx); err != nil {
		panic(err) // strings and slices only: cannot fail
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteString(";\n")
	return bytes.Clone(b.Bytes()) // without the buffer's spare room: a site keeps it
}

// noteClass marks a facilitator note: in the facilitator index it is a
// section of its own, so that its text has a budget of its own and a
// result names it. Its heading is its label ("Facilitator note: Debrief",
// the block-label the note opens with), else its first heading, else its
// aria-label.
const noteClass = "facilitator-note"

// pageSections splits a page's HTML into sections at h2 and h3 and keeps
// each section's heading and as much of its text as the page's budget
// allows. summary (the page's front matter summary) opens the first
// section. Facilitator notes become sections of their own, listed after
// the section they stand in.
func pageSections(summary, body []byte) []SearchSection {
	var raw, notes []*sectionText
	var after []int // for each note, how many sections precede it
	cur := &sectionText{}
	cur.add(summary)
	cur.sep()
	flush := func() { raw = append(raw, cur) }
	var note *sectionText // the note being read, if any
	noteAt := -1          // its element's stack index
	noteTitled := false   // a heading of its own heads it
	into := func() *sectionText {
		if note != nil {
			return note
		}
		return cur
	}
	endNote := func() {
		notes, after = append(notes, note), append(after, len(raw)+1)
		note, noteAt = nil, -1
	}

	z := htmlScanner{src: body}
	var stack []openTag
	open := map[atom.Atom]int{} // elements on the stack, by name
	skip := 0                   // depth inside elements whose text is not content
	heading := -1               // stack index of the open h2/h3, or -1
	var head []byte
	for {
		switch z.next() {
		case eofToken:
			if note != nil {
				endNote()
			}
			flush()
			return searchSections(raw, &noteList{notes, after})
		case textToken:
			if skip > 0 {
				continue
			}
			if heading >= 0 {
				head = append(head, z.text...)
			} else {
				into().add(z.text)
			}
		case startToken:
			tag := z.tag
			t := openTag{name: tag}
			if v, ok := z.attr("id"); ok {
				t.id = string(decodeText(v, false, true))
			}
			isNote, isLabel := false, false
			if v, ok := z.attr("class"); ok {
				for _, c := range bytes.Fields(decodeText(v, false, true)) {
					t.skip = t.skip || skipClass[string(c)]
					isNote = isNote || string(c) == noteClass
					isLabel = isLabel || string(c) == "block-label"
				}
			}
			// The note's own label names it: read it as a heading.
			noteLabel := isLabel && note != nil && !noteTitled && noteAt == len(stack)-1 && heading < 0
			if noteLabel {
				t.skip = false
			}
			if _, ok := z.attr("hidden"); ok {
				t.skip = true
			}
			if v, ok := z.attr("aria-hidden"); ok && string(decodeText(v, false, true)) == "true" {
				t.skip = true
			}
			if !inlineTag[tag] {
				if heading >= 0 {
					head = append(head, ' ')
				} else {
					into().sep()
				}
			}
			if voidTag[tag] || z.selfClosing {
				continue
			}
			if skipTag[tag] {
				t.skip = true
			}
			if t.skip {
				skip++
			}
			if t.near = t.id; t.near == "" && len(stack) > 0 {
				t.near = stack[len(stack)-1].near // a block's title: anchor to the block
			}
			stack = append(stack, t)
			open[tag]++
			if isNote && note == nil && heading < 0 && skip == 0 {
				note, noteAt, noteTitled = &sectionText{id: t.near}, len(stack)-1, false
				if note.id == "" {
					note.id = cur.id
				}
				if v, ok := z.attr("aria-label"); ok {
					note.heading = collapse(string(decodeText(v, false, true)))
				}
			}
			if (noteLabel || tag == atom.H2 || tag == atom.H3) && heading < 0 && skip == 0 {
				switch {
				case note == nil:
					flush()
					cur = &sectionText{id: t.near}
				case noteTitled:
					continue // a further heading in the note is its text
				case t.id != "":
					note.id = t.id
				}
				heading = len(stack) - 1
				head = head[:0]
			}
		case endToken:
			tag := z.tag
			// Close up to the matching element; stray end tags are ignored
			// (open counts them without a walk down the stack, which raw
			// HTML could make quadratic).
			for i := len(stack) - 1; tag != 0 && open[tag] > 0 && i >= 0; i-- {
				if stack[i].name != tag {
					continue
				}
				for j := len(stack) - 1; j >= i; j-- {
					open[stack[j].name]--
					if stack[j].skip {
						skip--
					}
					if j == heading {
						if note != nil {
							note.heading, noteTitled = collapse(string(head)), true
						} else {
							cur.heading = collapse(string(head))
						}
						heading = -1
					}
					if j == noteAt {
						endNote()
					}
				}
				stack = stack[:i]
				break
			}
			if !inlineTag[tag] {
				into().sep()
			}
		}
	}
}

type openTag struct {
	name atom.Atom // 0 for a name HTML does not define
	id   string
	near string // id, or the nearest enclosing element's
	skip bool
}

// sectionText gathers one section.
type sectionText struct {
	id, heading string
	text        strings.Builder
}

// add appends text, stopping once there is more than any share.
func (t *sectionText) add(s []byte) {
	if t.text.Len() < collectRunes {
		t.text.Write(s)
	}
}

// sep separates block-level text ("<li>a</li><li>b</li>" is "a b").
func (t *sectionText) sep() {
	if t.text.Len() < collectRunes {
		t.text.WriteByte(' ')
	}
}

// noteList is a page's facilitator notes, each with the number of the
// page's sections that come before it.
type noteList struct {
	notes []*sectionText
	after []int
}

// searchSections cuts a page's sections, and its notes, to their budgets and
// puts each note after the section it stands in. Sections with neither
// heading nor text are dropped.
func searchSections(raw []*sectionText, n *noteList) []SearchSection {
	texts := share(raw, pageTextRunes)
	var noteTexts []string
	if n != nil && len(n.notes) > 0 {
		noteTexts = share(n.notes, noteTextRunes)
	}
	var out []SearchSection
	k := 0
	emit := func(t *sectionText, text string) {
		if text != "" || t.heading != "" {
			out = append(out, SearchSection{t.id, t.heading, text})
		}
	}
	for i, t := range raw {
		emit(t, texts[i])
		for ; n != nil && k < len(n.notes) && n.after[k] <= i+1; k++ {
			emit(n.notes[k], noteTexts[k])
		}
	}
	return out
}

// share cuts the texts of sections to fit runes together: the shortest
// keep all of theirs, the others share what is left evenly.
func share(raw []*sectionText, runes int) []string {
	texts := make([]string, len(raw))
	lens := make([]int, len(raw))
	for i, t := range raw {
		texts[i] = collapse(t.text.String())
		lens[i] = utf8.RuneCountInString(texts[i])
	}
	order := make([]int, len(raw))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return lens[order[a]] < lens[order[b]] })
	left := runes
	for k, i := range order {
		n := min(lens[i], left/(len(order)-k))
		texts[i] = excerpt(texts[i], n)
		left -= utf8.RuneCountInString(texts[i])
	}
	return texts
}

// excerpt cuts s to at most n runes, at a word boundary, marking the cut.
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return ""
	}
	cut, runes := 0, 0
	for i := range s {
		if runes == n-1 {
			cut = i
			break
		}
		runes++
	}
	s = s[:cut]
	if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
		s = s[:i]
	}
	return strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

// collapse turns runs of white space into one space and trims the ends, as
// strings.Join(strings.Fields(s), " ") does without a slice of every word.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// skipClass marks text that every instance of a block prints, or that
// only screen readers hear: it would fill the index with the same words.
var skipClass = map[string]bool{"visually-hidden": true, "selfcheck-hint": true, "minutes": true,
	"pole": true, "answer-print": true, "selfcheck-tally": true, "selfcheck-actions": true, "block-label": true}

// inlineTag elements do not separate words.
var inlineTag = atoms(atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data, atom.Del,
	atom.Dfn, atom.Em, atom.I, atom.Ins, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp, atom.Small, atom.Span,
	atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Var, atom.Wbr)

// voidTag elements have no end tag.
var voidTag = atoms(atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
	atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr)

// skipTag elements hold no readable text: scripts, form controls, drawings.
var skipTag = atoms(atom.Script, atom.Style, atom.Template, atom.Textarea, atom.Select, atom.Button,
	atom.Svg, atom.Math, atom.Noscript)

func atoms(as ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}

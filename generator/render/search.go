package render

// The attendee search index. It is built here, at build time, from the
// attendee edition only (facilitator blocks are not in the attendee HTML, so
// nothing of theirs can leak into it) and shipped as assets/search-index.js:
// a script that sets window.LECTERN_SEARCH. The theme's search.js loads it
// with a <script> tag the first time the search box is used, which works
// from file:// where fetch and XHR do not.
//
// The index is a list of pages (the home page, parts, modules in kit order),
// each with its sections: the text before the first heading, then one
// section per h2 or h3 with the heading's id, the heading and the start of
// the section's text. Text is stored as written; search.js folds case and
// accents (NFD, marks stripped) in the index and the query alike, so the
// highlighted excerpt shows the original words.
//
// Size budget: at most SearchBudget bytes of index per module on average,
// so a 200-module kit ships about 400 KB, loaded once and only when someone
// searches. Titles and headings are kept whole; a page's section text
// shares pageTextRunes: short sections keep all their text and long ones
// split the rest evenly, each cut at a word boundary. Text that every
// instance of a block prints (the self-check's instructions, minutes,
// labels for screen readers, hidden controls) is left out.
// TestSearchIndexBudget checks the average on a kit from kitgen with 200
// modules.

import (
	"bytes"
	"encoding/json"
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
	// SearchIndexPath is the index's path in the output (shared assets).
	SearchIndexPath = "assets/search-index.js"
	// SearchBudget is the stated size budget: bytes of index per module,
	// on average over a kit.
	SearchBudget = 2048
	// pageTextRunes is the section text kept for one page, all sections
	// together.
	pageTextRunes = 1300
	// collectRunes bounds the text (in bytes, at least as many as runes)
	// gathered for one section before it is cut to its share.
	collectRunes = 4 * pageTextRunes
)

// SearchIndex is the data behind window.LECTERN_SEARCH.
type SearchIndex struct {
	Version int          `json:"v"`
	Pages   []SearchPage `json:"pages"`
}

// SearchPage is one attendee page in the index.
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

// SearchIndex builds the attendee index.
func (s *Site) SearchIndex() *SearchIndex {
	type job struct {
		page    SearchPage
		summary []byte
		html    markdown.HTML
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
		add(SearchPage{Title: s.Kit.Home.Title, URL: "index.html"}, s.Kit.Home.Summary, s.home)
	}
	// Kit order: each part before its modules.
	for _, en := range s.Kit.Entries {
		mods := []*kit.Module{en.Module}
		if p := en.Part; p != nil {
			add(SearchPage{Title: p.Title, URL: p.URL()}, p.Summary, s.parts[p])
			mods = p.Modules
		}
		for _, m := range mods {
			p := SearchPage{Title: m.Title, URL: m.URL()}
			if m.Part != nil {
				p.Part = m.Part.Title
			}
			add(p, m.Summary, s.docs[m])
		}
	}
	idx := &SearchIndex{Version: 1, Pages: make([]SearchPage, len(jobs))}
	parallel(len(jobs), func(i int) {
		p := jobs[i].page
		buf := pageBuffers.Get().(*[]byte)
		*buf = jobs[i].html.AppendTo((*buf)[:0], markdown.Attendee)
		p.Sections = pageSections(jobs[i].summary, *buf) // keeps no byte of buf
		pageBuffers.Put(buf)
		if p.Sections == nil {
			p.Sections = []SearchSection{}
		}
		idx.Pages[i] = p
	})
	return idx
}

// pageBuffers hold a page's attendee HTML while its sections are read.
var pageBuffers = sync.Pool{New: func() any { return new([]byte) }}

// searchScript is the index script, made once per site (Files may be
// asked for more than once in a build).
func (s *Site) searchScript() []byte {
	s.search.once.Do(func() { s.search.script = s.SearchIndex().Script() })
	return s.search.script
}

// searchCache holds a site's index script.
type searchCache struct {
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

// pageSections splits attendee HTML into sections at h2 and h3 and keeps
// each section's heading and as much of its text as the page's budget
// allows. summary (the page's front matter summary) opens the first section.
func pageSections(summary, body []byte) []SearchSection {
	var raw []*sectionText
	cur := &sectionText{}
	cur.add(summary)
	cur.sep()
	flush := func() { raw = append(raw, cur) }

	z := htmlScanner{src: body}
	var stack []openTag
	open := map[atom.Atom]int{} // elements on the stack, by name
	skip := 0                   // depth inside elements whose text is not content
	heading := -1               // stack index of the open h2/h3, or -1
	var head []byte
	for {
		switch z.next() {
		case eofToken:
			flush()
			return share(raw)
		case textToken:
			if skip > 0 {
				continue
			}
			if heading >= 0 {
				head = append(head, z.text...)
			} else {
				cur.add(z.text)
			}
		case startToken:
			tag := z.tag
			t := openTag{name: tag}
			if v, ok := z.attr("id"); ok {
				t.id = string(decodeText(v, false, true))
			}
			if v, ok := z.attr("class"); ok {
				for _, c := range bytes.Fields(decodeText(v, false, true)) {
					t.skip = t.skip || skipClass[string(c)]
				}
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
					cur.sep()
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
			if (tag == atom.H2 || tag == atom.H3) && heading < 0 && skip == 0 {
				flush()
				cur = &sectionText{id: t.near}
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
						cur.heading = collapse(string(head))
						heading = -1
					}
				}
				stack = stack[:i]
				break
			}
			if !inlineTag[tag] {
				cur.sep()
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

// share cuts the sections' text to fit pageTextRunes together: the shortest
// keep all of theirs, the others share what is left evenly. Sections with
// neither heading nor text are dropped.
func share(raw []*sectionText) []SearchSection {
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
	left := pageTextRunes
	for k, i := range order {
		n := min(lens[i], left/(len(order)-k))
		texts[i] = excerpt(texts[i], n)
		left -= utf8.RuneCountInString(texts[i])
	}
	var out []SearchSection
	for i, t := range raw {
		if texts[i] == "" && t.heading == "" {
			continue
		}
		out = append(out, SearchSection{t.id, t.heading, texts[i]})
	}
	return out
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

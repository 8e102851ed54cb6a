package render

// The search indexes, one per edition, built with the site and read by the
// theme's search.js, which loads each file with a <script> tag: that works
// from file://, where fetch and XHR do not. An edition's index is:
//
//   - the manifest (SearchIndexPathOf): the number of pages, the number of
//     sections of each, and the first word of each word shard; it sets
//     window.LECTERN_SEARCH and is all a page loads before a query;
//   - word shards (search/w<n>.js): every word of the edition's pages,
//     folded (search_words.go), sorted and cut into ranges of about
//     shardBytes, each word with the sections it is in; a query loads the
//     shards of its words' ranges only;
//   - page files (search/p<n>.js): one page's title, URL, part and the
//     whole text of each of its sections, for the results shown: their
//     snippets, and their ranking by how near the words are.
//
// Sections: the text before a page's first heading (with the page's summary
// and objectives), then one section per h2 or h3, with the heading's id, so
// that a result opens at its section. Every word a reader can see is in:
// block titles, quotes and their attributions, tables, prompts, footnotes,
// solutions; only what is never shown (hidden elements, scripts, form
// controls' values, drawings) is left out. Text keeps its blocks apart
// with line breaks, so that a snippet does not run a quote into its
// attribution.
//
// A page is read once for both editions: its facilitator bytes and the
// ranges the attendee edition cuts (markdown.HTML.Cuts). Text in a cut
// reaches the facilitator index only; the attendee index holds nothing
// else than the attendee pages. The facilitator index lives in that
// edition's folder, which no attendee page names and the offline ZIP
// leaves out.
//
// Postings: for each word, the sections it is in, in order, each as a
// varint of (gap from the section before << 3 | flags), written with a
// 64-letter alphabet (searchDigits): 32 letters end a number, 32 carry it
// on, least significant five bits first. The flags say the word is in the
// page's title, in a heading or block title, or more than once.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"lectern/generator/kit"
	"lectern/generator/markdown"
)

const (
	// SearchIndexPath is the attendee index's manifest (shared assets).
	SearchIndexPath = "assets/search-index.js"
	// FacilitatorSearchIndexPath is the facilitator index's manifest, in
	// that edition's folder. "search-index.js" is reserved (pages.go), so
	// no module's folder takes its place.
	FacilitatorSearchIndexPath = "facilitator/search-index.js"
	// searchDir holds an edition's word shards and page files, beside its
	// search page; "search" is reserved too.
	searchDir = "search/"
	// shardBytes is the size a word shard aims at; htmlPerShard the bytes
	// of page HTML that make about that much index, to fix the number of
	// shards before the index is made (Files lists paths first).
	shardBytes   = 24 << 10
	htmlPerShard = 9 * shardBytes
)

// Posting flags.
const (
	inMany    = 1 // more than once in the section
	inHeading = 2 // in the section's heading or a block's title
	inTitle   = 4 // in the page's title (its first section only)
)

// searchDigits write postings: the first 32 end a number.
const searchDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef" + "ghijklmnopqrstuvwxyz0123456789-_"

// SearchIndexPathOf is the path of edition e's manifest in the output.
func SearchIndexPathOf(e markdown.Edition) string {
	if e == markdown.Facilitator {
		return FacilitatorSearchIndexPath
	}
	return SearchIndexPath
}

// hasAttendee reports whether this build has the attendee edition.
func (s *Site) hasAttendee() bool { return s.Opt.Only != "facilitator" }

// SearchIndex is one edition's index, as files.
type SearchIndex struct {
	Manifest []byte
	Shards   [][]byte // search/w<n>.js
	Pages    [][]byte // search/p<n>.js
}

// searchSource is a page of the index: where its text comes from, and the
// editions it is in.
type searchSource struct {
	title, url, part string
	intro            []string // summary, objectives: text before the body
	html             markdown.HTML
	hasHTML          bool
	att, fac         bool
	tool             func(*Site) []*SearchSection // an edition's own page
	att0             bool                         // the body is the facilitator's only (dashboard home)
}

// SearchSection is one section of a page: its heading's id (empty before
// the first heading), heading and text.
type SearchSection struct {
	ID, Heading string
	text        []byte
}

// searchSources lists the pages of the indexes in order: the home page,
// parts, modules in kit order, then the facilitator edition's own pages.
func (s *Site) searchSources() []searchSource {
	att, fac := s.hasAttendee(), s.Opt.Only != "attendee"
	var out []searchSource
	if h := s.Kit.Home; h != nil {
		src := searchSource{title: h.Title, url: "index.html", intro: []string{h.Summary}, att: att, fac: fac}
		if s.home != nil {
			// The facilitator edition's home is its dashboard, which
			// shows the summary but not the home page's text.
			src.html, src.hasHTML, src.att0 = s.home.HTML, true, true
		}
		out = append(out, src)
	}
	add := func(m *kit.Module) {
		src := searchSource{title: m.Title, url: m.URL(), intro: append([]string{m.Summary}, m.Objectives...),
			att: att && visible(m, markdown.Attendee), fac: fac}
		if m.Part != nil {
			src.part = m.Part.Title
		}
		if d := s.docs[m]; d != nil {
			src.html, src.hasHTML = d.HTML, true
		}
		out = append(out, src)
	}
	for _, en := range s.Kit.Entries {
		if p := en.Part; p != nil {
			src := searchSource{title: p.Title, url: p.URL(), intro: []string{p.Summary}, att: att, fac: fac}
			if d := s.parts[p]; d != nil {
				src.html, src.hasHTML = d.HTML, true
			}
			out = append(out, src)
			for _, m := range p.Modules {
				add(m)
			}
			continue
		}
		add(en.Module)
	}
	if fac {
		for _, k := range pageKinds {
			if k.each != onePage || k.editions.has(markdown.Attendee) || !s.hasKind(&k, markdown.Facilitator) || k.tool == "" {
				continue
			}
			out = append(out, searchSource{title: k.tool, url: k.path, fac: true, tool: toolText[k.name]})
		}
	}
	return out
}

// searchLayout is how many files each edition's index has, known before
// the index is made.
type searchLayout struct {
	shards, pages [2]int
}

func (s *Site) searchLayout(srcs []searchSource) searchLayout {
	var l searchLayout
	var html [2]int
	for _, src := range srcs {
		for _, e := range []markdown.Edition{markdown.Attendee, markdown.Facilitator} {
			if !src.in(e) {
				continue
			}
			l.pages[e]++
			if src.hasHTML && (e == markdown.Facilitator || !src.att0) {
				html[e] += src.html.Len(e)
			}
		}
	}
	for e := range l.shards {
		l.shards[e] = 1 + html[e]/htmlPerShard
	}
	return l
}

func (src *searchSource) in(e markdown.Edition) bool {
	if e == markdown.Facilitator {
		return src.fac
	}
	return src.att
}

// pageRead is one page as one edition's index holds it.
type pageRead struct {
	sections []*SearchSection // until file is made
	file     []byte           // the page's file (pageFile)
	nsec     int              // its sections
	words    []pageWord
	dict     *searchDict // numbers the words
}

// pageWord is a word (by its number in the page's dict) in a section of a
// page: eight bytes, as a large kit's pages hold millions.
type pageWord struct {
	id int32
	sf uint32 // the section << 8 | the flags
}

func newPageWord(id int32, section uint32, flags uint8) pageWord {
	return pageWord{id: id, sf: section<<8 | uint32(flags)}
}

func (w pageWord) section() uint32 { return w.sf >> 8 }
func (w pageWord) flags() uint8    { return uint8(w.sf) }

// makeIndex makes edition e's files from its pages.
func makeIndex(e markdown.Edition, srcs []searchSource, read [][2]*pageRead, l searchLayout) *SearchIndex {
	type posting struct {
		word string
		last uint32
		b    []byte
	}
	var postings []*posting
	global := map[string]int32{}
	local := map[*searchDict][]int32{} // a worker's word numbers -> postings, +1
	var counts []byte                  // sections of each page
	idx := &SearchIndex{}
	base := uint32(0)
	pages := 0
	for i := range srcs {
		r := read[i][e]
		if r == nil {
			continue
		}
		pages++
		counts = appendVarint(counts, uint64(r.nsec))
		ids := local[r.dict]
		if len(ids) < len(r.dict.words) {
			ids = append(ids, make([]int32, len(r.dict.words)-len(ids))...)
			local[r.dict] = ids
		}
		for _, w := range r.words {
			g := ids[w.id] - 1
			if g < 0 {
				word := r.dict.words[w.id]
				var ok bool
				if g, ok = global[word]; !ok {
					g = int32(len(postings))
					global[word] = g
					postings = append(postings, &posting{word: word, last: ^uint32(0)})
				}
				ids[w.id] = g + 1
			}
			p := postings[g]
			sec := base + w.section()
			if p.last == ^uint32(0) {
				p.b = appendVarint(p.b, uint64(sec+1)<<3|uint64(w.flags()))
			} else {
				p.b = appendVarint(p.b, uint64(sec-p.last)<<3|uint64(w.flags()))
			}
			p.last = sec
		}
		base += uint32(r.nsec)
	}
	total := 0
	for _, p := range postings {
		total += len(p.word) + len(p.b) + 6
	}
	slices.SortFunc(postings, func(a, b *posting) int { return strings.Compare(a.word, b.word) })

	// Cut the sorted words into l.shards ranges of about equal size.
	n := l.shards[e]
	firsts := make([]string, 0, n)
	var b bytes.Buffer
	size, k := 0, 0
	start := func() {
		b.Reset()
		b.WriteString(`LECTERN_SEARCH_LOAD("w",` + strconv.Itoa(k) + `,[`)
	}
	finish := func() {
		if b.Bytes()[b.Len()-1] == ',' {
			b.Truncate(b.Len() - 1)
		}
		b.WriteString("]);\n")
		idx.Shards = append(idx.Shards, bytes.Clone(b.Bytes()))
		k++
	}
	start()
	firsts = append(firsts, "")
	for _, p := range postings {
		w := p.word
		if k < n-1 && size >= total*(k+1)/n {
			finish()
			start()
			firsts = append(firsts, w)
		}
		writeJSONString(&b, w)
		b.WriteByte(',')
		b.WriteByte('"')
		b.Write(p.b)
		b.WriteString(`",`)
		size += len(w) + len(p.b) + 6
	}
	finish()
	for k < n {
		start()
		finish()
		firsts = append(firsts, "\U0010FFFF") // after every word: never loaded
	}

	var m bytes.Buffer
	m.WriteString(`window.LECTERN_SEARCH={"v":2,"pages":`)
	m.WriteString(strconv.Itoa(pages))
	m.WriteString(`,"sections":"`)
	m.Write(counts)
	m.WriteString(`","shards":[`)
	for i, f := range firsts {
		if i > 0 {
			m.WriteByte(',')
		}
		writeJSONString(&m, f)
	}
	m.WriteString("]};\n")
	idx.Manifest = m.Bytes()
	return idx
}

// pageFile is the script of page n of an index.
func pageFile(n int, src *searchSource, secs []*SearchSection) []byte {
	var b bytes.Buffer
	size := len(src.title) + len(src.url) + 64
	for _, s := range secs {
		size += len(s.ID) + len(s.Heading) + len(s.text) + 16
	}
	b.Grow(size + size/16)
	b.WriteString(`LECTERN_SEARCH_LOAD("p",` + strconv.Itoa(n) + `,{"t":`)
	writeJSONString(&b, src.title)
	b.WriteString(`,"u":`)
	writeJSONString(&b, src.url)
	if src.part != "" {
		b.WriteString(`,"p":`)
		writeJSONString(&b, src.part)
	}
	b.WriteString(`,"s":[`)
	for i, s := range secs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		writeJSONString(&b, s.ID)
		b.WriteByte(',')
		writeJSONString(&b, s.Heading)
		b.WriteByte(',')
		writeJSONBytes(&b, s.text)
		b.WriteByte(']')
	}
	b.WriteString("]});\n")
	return b.Bytes()
}

// appendVarint appends v in searchDigits.
func appendVarint(b []byte, v uint64) []byte {
	for v >= 32 {
		b = append(b, searchDigits[32+v&31])
		v >>= 5
	}
	return append(b, searchDigits[v])
}

func writeJSONString(b *bytes.Buffer, s string) {
	if jsonPlain(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	enc, _ := json.Marshal(s) // a string: cannot fail
	// A script, never inline in HTML: <, > and & may stay.
	enc = bytes.ReplaceAll(enc, []byte(`\u003c`), []byte("<"))
	enc = bytes.ReplaceAll(enc, []byte(`\u003e`), []byte(">"))
	enc = bytes.ReplaceAll(enc, []byte(`\u0026`), []byte("&"))
	b.Write(enc)
}

func writeJSONBytes(b *bytes.Buffer, s []byte) {
	b.WriteByte('"')
	from := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c < 0x20:
			esc = fmt.Sprintf(`\u%04x`, c)
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			// U+2028 and U+2029 end a line in older JavaScript.
			esc = `\u202` + string("89"[s[i+2]-0xA8])
			b.Write(s[from:i])
			b.WriteString(esc)
			i += 2
			from = i + 1
			continue
		default:
			continue
		}
		b.Write(s[from:i])
		b.WriteString(esc)
		from = i + 1
	}
	b.Write(s[from:])
	b.WriteByte('"')
}

// jsonPlain reports whether s needs no escape in a JSON string.
func jsonPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}

// toolText gives the index the kit's own words on an edition's own page,
// by kind of page (pages.go); a page without an entry is found by its title.
var toolText = map[string]func(*Site) []*SearchSection{
	// Every day's modules, breaks and timed segments.
	"agenda": func(s *Site) []*SearchSection {
		var out []*SearchSection
		for _, d := range s.Schedule.Days {
			t := &SearchSection{Heading: fmt.Sprintf("Day %d", d.Number)}
			if d.Title != "" && d.Title != t.Heading {
				t.Heading += ": " + d.Title
			}
			for i, it := range d.Items {
				if i > 0 {
					t.text = append(t.text, " · "...)
				}
				t.text = append(t.text, it.Title...)
				for _, sg := range it.Segments {
					if sg.Title != "" {
						t.text = append(t.text, " · "+sg.Title...)
					}
				}
			}
			out = append(out, t)
		}
		return out
	},
	// Everything to bring, counted as the page counts it.
	"materials": func(s *Site) []*SearchSection {
		t := &SearchSection{}
		for i, l := range s.Schedule.Materials {
			if i > 0 {
				t.text = append(t.text, " · "...)
			}
			t.text = append(t.text, s.counted(l.Item, l.Quantity)...)
		}
		return []*SearchSection{t}
	},
}

// readSearchPage reads a page's text for each edition it is in.
func (s *Site) readSearchPage(src *searchSource, d *searchDict) [2]*pageRead {
	var out [2]*pageRead
	pw := newPageWords(d)
	var att, fac *pageReader
	var rs []*pageReader
	if src.att {
		att = newPageReader(pw, false)
		out[markdown.Attendee] = att.out
		rs = append(rs, att)
	}
	if src.fac {
		fac = newPageReader(pw, true)
		out[markdown.Facilitator] = fac.out
		rs = append(rs, fac)
	}
	pw.intro(src, rs)
	if fac != nil {
		switch {
		case src.tool != nil:
			on := [2]bool{false, true}
			for _, sec := range src.tool(s) {
				fac.heading(sec.ID)
				pw.add([]byte(sec.Heading), inHeading, on)
				fac.text([]byte(sec.Heading))
				fac.headingEnd()
				pw.add(sec.text, 0, on)
				fac.text(sec.text)
			}
			fac.finish()
			rs = rs[:len(rs)-1]
		case src.att0:
			fac.finish() // the dashboard shows the intro only
			rs = rs[:len(rs)-1]
		}
	}
	var body []byte
	var cuts []int
	if src.hasHTML {
		body, cuts = src.html.Bytes(markdown.Facilitator), src.html.Cuts()
	}
	scanPage(body, cuts, pw, rs)
	return out
}

package render

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html/atom"
)

// pageReader gathers one edition's sections of a page; the words of both
// editions are read once, by the page's pageWords.
type pageReader struct {
	e     int // the edition
	fac   bool
	pw    *pageWords
	out   *pageRead
	cur   *SearchSection
	head  []byte // the open heading's text
	inH   bool
	pend  byte // separator owed before the next text: 0, ' ' or '\n'
	words sectionWords
	// A facilitator note is a section of its own, headed by its label
	// and its first heading; the section it stands in goes on after it.
	note, noteTitled, noteHead bool
	label                      string
	resume                     SearchSection
	cont                       bool // cur goes on after a note: kept only with text
}

func newPageReader(pw *pageWords, fac bool) *pageReader {
	r := &pageReader{fac: fac, pw: pw, out: &pageRead{dict: pw.d}}
	r.cur = r.section("", "")
	if fac {
		r.e = 1
	}
	r.words = sectionWords{d: pw.d, e: r.e, out: pw.d.ed[r.e].scratch[:0]}
	r.words.next()
	pw.ed[r.e] = &r.words
	return r
}

// section starts a section, its text in a buffer a page read before
// left (searchDict.recycle).
func (r *pageReader) section(id, heading string) *SearchSection {
	sec := &SearchSection{ID: id, Heading: heading}
	if f := r.pw.d.free; len(f) > 0 {
		sec.text, r.pw.d.free = f[len(f)-1], f[:len(f)-1]
	}
	return sec
}

// text adds text to the section, or to the open heading.
func (r *pageReader) text(t []byte) {
	if r.inH {
		r.head = append(r.head, t...)
		return
	}
	b := r.cur.text
	for i := 0; i < len(t); {
		if htmlSpace(t[i]) {
			if r.pend == 0 {
				r.pend = ' '
			}
			i++
			continue
		}
		j := i + 1
		for j < len(t) && !htmlSpace(t[j]) {
			j++
		}
		if r.pend != 0 {
			if len(b) > 0 {
				b = append(b, r.pend)
			}
			r.pend = 0
		}
		b = append(b, t[i:j]...)
		i = j
	}
	r.cur.text = b
}

// sep ends a block: the next text starts a line.
func (r *pageReader) sep() {
	if r.inH {
		r.head = append(r.head, ' ')
		return
	}
	r.pend = '\n'
}

// heading starts a section at an h2 or h3 with the given id.
func (r *pageReader) heading(id string) {
	r.flush()
	r.cont = false
	r.cur = r.section(id, "")
	r.words.section(uint32(len(r.out.sections)))
	r.inH, r.head, r.pend = true, r.head[:0], 0
}

// headingEnd closes the open heading.
func (r *pageReader) headingEnd() {
	r.pw.end()
	h := collapse(string(r.head))
	if r.noteHead {
		h = r.label + ": " + h
		r.noteHead = false
	}
	r.cur.Heading = h
	r.inH = false
}

// noteStart opens a facilitator note's section: at id, else at the section
// it stands in.
func (r *pageReader) noteStart(id, label string) {
	prev := r.cur
	r.flush()
	r.resume = SearchSection{ID: prev.ID, Heading: prev.Heading}
	if id == "" {
		id = prev.ID
	}
	if label == "" {
		label = "Facilitator note"
	}
	r.cur = r.section(id, label)
	r.words.section(uint32(len(r.out.sections)))
	r.note, r.noteTitled, r.label, r.pend = true, false, label, 0
}

// noteHeading reads the note's first heading into its section's: after
// the label (prefix), or whole when it is the label ("Facilitator note:
// Debrief").
func (r *pageReader) noteHeading(id string, prefix bool) {
	if id != "" {
		r.cur.ID = id
	}
	r.noteTitled, r.noteHead = true, prefix
	r.inH, r.head = true, r.head[:0]
}

// noteEnd closes the note: its section goes on.
func (r *pageReader) noteEnd() {
	if r.inH {
		r.headingEnd()
	}
	r.flush()
	r.cur = r.section(r.resume.ID, r.resume.Heading)
	r.words.section(uint32(len(r.out.sections)))
	r.note, r.cont, r.pend = false, true, 0
}

// flush keeps the current section when it has anything: the first always,
// as the page's own entry.
func (r *pageReader) flush() {
	r.pw.end()
	if len(r.out.sections) == 0 || r.cur.Heading != "" && !r.cont || len(r.cur.text) > 0 {
		r.out.sections = append(r.out.sections, r.cur)
		r.words.keep()
	} else {
		r.words.drop()
	}
}

// finish ends the page for this edition; its words stop here.
func (r *pageReader) finish() {
	if r.inH {
		r.headingEnd()
	}
	r.flush()
	r.out.words = r.words.done()
	r.pw.ed[r.e] = nil
}

// pageWords reads a page's words once for both editions: each word goes to
// the sections of the editions whose text it is in (on).
type pageWords struct {
	r     wordReader
	d     *searchDict
	flags uint8
	on    [2]bool
	ed    [2]*sectionWords // nil for an edition not read
}

func newPageWords(d *searchDict) *pageWords {
	pw := &pageWords{d: d}
	pw.r.emit = func(word []byte) {
		id := pw.d.id(word)
		for e, w := range pw.ed {
			if w != nil && pw.on[e] {
				w.see(id, pw.flags)
			}
		}
	}
	return pw
}

// add reads text of the editions on, with flags.
func (pw *pageWords) add(t []byte, f uint8, on [2]bool) {
	if f != pw.flags || on != pw.on {
		pw.r.end() // a word has one set of flags and editions
		pw.flags, pw.on = f, on
	}
	pw.r.write(t)
}

// end completes the word being read.
func (pw *pageWords) end() { pw.r.end() }

// intro reads the page's title and the text before its body (summary,
// objectives) into the first section of every edition.
func (pw *pageWords) intro(src *searchSource, rs []*pageReader) {
	on := [2]bool{pw.ed[0] != nil, pw.ed[1] != nil}
	pw.add([]byte(src.title), inTitle, on)
	pw.end()
	for _, t := range src.intro {
		pw.add([]byte(t), 0, on)
		pw.end()
		for _, r := range rs {
			r.text([]byte(t))
			r.sep()
		}
	}
}

// searchDict is one worker's words, each numbered once, and for each
// edition the state of the section being read: the section a word was
// last seen in, and its flags there. Numbers instead of strings keep the
// reading of a page free of allocations but for a worker's new words.
type searchDict struct {
	ids   map[string]int32
	words []string
	ed    [2]struct {
		stamp   []uint32   // by word: the section it was last seen in
		flags   []uint8    // by word: its flags in that section
		now     uint32     // the section being read, counted across pages
		scratch []pageWord // a page's words as they are gathered
	}
	free [][]byte // sections' text buffers, for the next page's
}

// recycle keeps the text buffers of secs, whose file is made, for the
// next page's sections.
func (d *searchDict) recycle(secs []*SearchSection) {
	for _, s := range secs {
		if cap(s.text) > 0 {
			d.free = append(d.free, s.text[:0])
		}
		s.text = nil
	}
}

func newSearchDict() *searchDict { return &searchDict{ids: map[string]int32{}} }

// id numbers word.
func (d *searchDict) id(word []byte) int32 {
	if id, ok := d.ids[string(word)]; ok {
		return id
	}
	w := string(word)
	id := int32(len(d.words))
	d.ids[w] = id
	d.words = append(d.words, w)
	for e := range d.ed {
		d.ed[e].stamp = append(d.ed[e].stamp, 0)
		d.ed[e].flags = append(d.ed[e].flags, 0)
	}
	return id
}

// sectionWords gathers one edition's words of a page, section by section.
type sectionWords struct {
	d     *searchDict
	e     int // the edition, for d.ed
	sec   uint32
	order []int32 // the section's words, in order of first use
	out   []pageWord
}

// see counts word id in the section, with flags.
func (w *sectionWords) see(id int32, flags uint8) {
	ed := &w.d.ed[w.e]
	if ed.stamp[id] != ed.now {
		ed.stamp[id], ed.flags[id] = ed.now, flags
		w.order = append(w.order, id)
		return
	}
	ed.flags[id] |= flags | inMany
}

// next starts a new section's state.
func (w *sectionWords) next() {
	w.d.ed[w.e].now++
	w.order = w.order[:0]
}

// section starts section n.
func (w *sectionWords) section(n uint32) { w.sec = n }

// keep adds the section's words to the page's; drop forgets them.
func (w *sectionWords) keep() {
	ed := &w.d.ed[w.e]
	for _, id := range w.order {
		w.out = append(w.out, newPageWord(id, w.sec, ed.flags[id]))
	}
	w.next()
}

func (w *sectionWords) drop() { w.next() }

// done returns the page's words, in a slice of their own: the one they
// were gathered in is the next page's.
func (w *sectionWords) done() []pageWord {
	out := slices.Clone(w.out)
	w.d.ed[w.e].scratch = w.out[:0]
	return out
}

// scanPage reads a page's facilitator HTML into its readers; text inside
// cuts reaches only those that read the facilitator edition.
func scanPage(body []byte, cuts []int, pw *pageWords, rs []*pageReader) {
	z := htmlScanner{src: body}
	type open struct {
		name             atom.Atom
		near             string // its id, or the nearest enclosing element's
		skip, titled, hd bool
		cut              bool
		note             bool // a facilitator note
		label            bool // a block's label
		sol              bool // a solution's body: out of the attendee index, whose results would show it unasked
		solution         bool // a solution's block
	}
	var stack []open
	skip, titled, sol := 0, 0, 0
	ci := 0
	lastCut := false
	for {
		at := z.pos
		kind := z.next()
		for ci < len(cuts) && cuts[ci+1] <= at {
			ci += 2
		}
		cut := ci < len(cuts) && cuts[ci] <= at
		if cut != lastCut {
			pw.end()
			for _, r := range rs {
				if !r.fac {
					r.sep()
				}
			}
			lastCut = cut
		}
		switch kind {
		case eofToken:
			for _, r := range rs {
				r.finish()
			}
			return
		case textToken:
			if skip > 0 {
				continue
			}
			on := [2]bool{!cut && sol == 0, true}
			var f uint8
			for _, r := range rs {
				if on[r.e] {
					r.text(z.text)
					if r.inH || titled > 0 {
						f = inHeading
					}
				}
			}
			pw.add(z.text, f, on)
		case startToken:
			tag := z.tag
			if !inlineTag[tag] {
				pw.end()
				for _, r := range rs {
					if r.fac || !cut {
						r.sep()
					}
				}
			}
			if voidTag[tag] || z.selfClosing {
				continue
			}
			o := open{name: tag, cut: cut, skip: skipTag[tag]}
			if _, ok := z.attr("hidden"); ok {
				o.skip = true
			}
			if v, ok := z.attr("class"); ok {
				for _, c := range bytes.Fields(v) {
					if bytes.HasSuffix(c, []byte("-title")) {
						o.titled = true
					}
					// A solution's body, which opens only when asked for;
					// its summary ("solution 1: …") is on the page.
					o.sol = o.sol || string(c) == "reveal-body" && len(stack) > 0 && stack[len(stack)-1].solution
					o.solution = o.solution || string(c) == "reveal-solution"
					o.note = o.note || string(c) == noteClass
					o.label = o.label || string(c) == "block-label"
				}
			}
			if v, ok := z.attr("id"); ok && len(v) > 0 {
				o.near = string(decodeText(v, false, true))
			} else if len(stack) > 0 {
				o.near = stack[len(stack)-1].near
			}
			if (tag == atom.H2 || tag == atom.H3) && skip == 0 {
				if o.near == "" {
					// No anchor to open at: the heading titles a block of
					// the section it is in.
					o.titled = true
				} else {
					// Its own id, or its block's (a self-check's title).
					o.hd = true
					for _, r := range rs {
						switch {
						case r.note && !r.noteTitled:
							r.noteHeading(o.near, true)
						case r.note:
							o.hd, o.titled = false, true // a further heading in a note is its text
						case r.fac || !cut:
							r.heading(o.near)
						}
					}
				}
			}
			if o.label && skip == 0 && !o.hd {
				if fac := rs[len(rs)-1]; fac.fac && fac.note && !fac.noteTitled && !fac.inH {
					pw.end()
					fac.noteHeading("", false)
					o.hd = true
				}
			}
			if o.note && skip == 0 {
				if fac := rs[len(rs)-1]; fac.fac && !fac.note && !fac.inH {
					label := ""
					if v, ok := z.attr("aria-label"); ok {
						label = collapse(string(decodeText(v, false, true)))
					}
					pw.end()
					fac.noteStart(o.near, label)
				} else {
					o.note = false
				}
			}
			if o.skip {
				skip++
			}
			if o.titled {
				titled++
			}
			if o.sol {
				sol++
			}
			stack = append(stack, o)
		case endToken:
			tag := z.tag
			for i := len(stack) - 1; tag != 0 && i >= 0; i-- {
				if stack[i].name != tag {
					continue
				}
				for j := len(stack) - 1; j >= i; j-- {
					o := stack[j]
					if o.skip {
						skip--
					}
					if o.titled {
						titled--
					}
					if o.sol {
						sol--
					}
					if o.hd {
						for _, r := range rs {
							if (r.fac || !o.cut) && r.inH {
								r.headingEnd()
							}
						}
					}
					if o.note {
						pw.end()
						rs[len(rs)-1].noteEnd()
					}
				}
				stack = stack[:i]
				break
			}
			if !inlineTag[tag] {
				pw.end()
				for _, r := range rs {
					if r.fac || !cut {
						r.sep()
					}
				}
			}
		}
	}
}

// noteClass marks a facilitator note.
const noteClass = "facilitator-note"

// collapse turns runs of white space into one space and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// inlineTag elements do not separate words.
var inlineTag = atoms(atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data, atom.Del,
	atom.Dfn, atom.Em, atom.I, atom.Ins, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp, atom.Small, atom.Span,
	atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Var, atom.Wbr)

// voidTag elements have no end tag.
var voidTag = atoms(atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
	atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr)

// skipTag elements show no text of their own: scripts, styles, form
// controls' values, drawings.
var skipTag = atoms(atom.Script, atom.Style, atom.Template, atom.Textarea, atom.Select,
	atom.Svg, atom.Math, atom.Noscript)

func atoms(as ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}

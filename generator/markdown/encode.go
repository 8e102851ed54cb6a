package markdown

import (
	"errors"
	"unsafe"

	"lectern/generator/internal/wire"
)

// AppendDoc appends d to b in a binary form of Lectern's own, which ReadDoc
// reads back, for a build that keeps its conversions for the next one: a
// conversion is most of a build's work, and a writer rebuilds after editing
// one page of many. The form is only ever read by the same binary.
func AppendDoc(b []byte, d *Doc) []byte {
	e := docEncoder{Writer: wire.Writer{B: b}, page: d.HTML.b}
	e.Bytes(d.HTML.b)
	e.Ints(d.HTML.cuts)
	e.Int(len(d.Headings))
	for _, h := range d.Headings {
		e.Int(h.Level)
		e.String(h.ID, h.Text)
		e.Bool(h.InFacilitator)
	}
	e.Int(len(d.Quotes))
	for _, q := range d.Quotes {
		e.String(q.ID, q.By, q.Where)
		e.html(q.HTML)
		e.Bool(q.InFacilitator)
	}
	e.Int(len(d.Worksheets))
	for _, w := range d.Worksheets {
		e.String(w.ID, w.Title)
		e.Int(w.Minutes)
		e.html(w.HTML)
		e.Bool(w.InFacilitator)
		e.Int(w.Answers)
		e.Int(w.Off)
	}
	for _, gs := range [][]Gathered{d.KeyPoints, d.Solutions} {
		e.Int(len(gs))
		for _, g := range gs {
			e.String(g.ID, g.Title)
			e.html(g.HTML)
			e.Bool(g.InFacilitator)
		}
	}
	e.Bool(d.Handout != nil)
	if d.Handout != nil {
		e.html(*d.Handout)
	}
	e.Int(len(d.Selfchecks))
	for _, s := range d.Selfchecks {
		e.String(s.ID, s.Title)
		e.html(s.HTML)
		e.Bool(s.InFacilitator)
		e.Int(s.Off)
	}
	e.Int(len(d.Segments))
	for _, s := range d.Segments {
		e.String(s.Kind, s.Title)
		e.Int(s.Minutes)
		e.String(s.ID)
		e.Int(s.At)
		e.Bool(s.Pinned)
		e.Int(s.WordsBefore)
		e.Int(s.Line)
		e.Int(s.Col)
	}
	e.Int(len(d.Links))
	for _, l := range d.Links {
		e.String(l.Dest)
		e.Int(l.Off)
		e.Bool(l.Image)
		e.Bool(l.Resolved)
		e.String(l.Alt)
		e.Bool(l.InFacilitator)
	}
	e.Int(d.Words)
	e.Int(d.WordsAfter)
	e.Int(len(d.Shown))
	for _, s := range d.Shown {
		e.String(s.Kind, s.ID, s.Title)
		e.Int(s.Minutes)
		e.String(s.By, s.Where)
		e.html(s.HTML)
		e.Bool(s.InFacilitator)
	}
	e.Int(len(d.Notes))
	for _, n := range d.Notes {
		e.String(n.Title)
		e.html(n.HTML)
	}
	return e.B
}

// ReadDoc reads a Doc that AppendDoc wrote at the start of b and returns
// the rest of b. The Doc's HTML shares b's bytes, as a converted page's
// blocks share its HTML: b must not be changed afterwards. Any b gives a
// Doc or an error, never a panic.
func ReadDoc(b []byte) (*Doc, []byte, error) {
	r := docReader{Reader: wire.Reader{B: b}}
	d := new(Doc)
	d.HTML = HTML{b: r.Bytes(), cuts: r.Ints()}
	if !d.HTML.valid() {
		return nil, nil, errBadDoc
	}
	r.page = d.HTML
	d.Headings = make([]Heading, r.Count())
	for i := range d.Headings {
		h := &d.Headings[i]
		h.Level, h.ID, h.Text, h.InFacilitator = r.Int(), r.String(), r.String(), r.Bool()
	}
	d.Quotes = make([]Quote, r.Count())
	for i := range d.Quotes {
		q := &d.Quotes[i]
		q.ID, q.By, q.Where, q.HTML, q.InFacilitator = r.String(), r.String(), r.String(), r.html(), r.Bool()
	}
	d.Worksheets = make([]Worksheet, r.Count())
	for i := range d.Worksheets {
		w := &d.Worksheets[i]
		w.ID, w.Title, w.Minutes, w.HTML, w.InFacilitator, w.Answers, w.Off = r.String(), r.String(), r.Int(), r.html(), r.Bool(), r.Int(), r.Int()
	}
	for _, gs := range []*[]Gathered{&d.KeyPoints, &d.Solutions} {
		*gs = make([]Gathered, r.Count())
		for i := range *gs {
			g := &(*gs)[i]
			g.ID, g.Title, g.HTML, g.InFacilitator = r.String(), r.String(), r.html(), r.Bool()
		}
	}
	if r.Bool() {
		h := r.html()
		d.Handout = &h
	}
	d.Selfchecks = make([]Selfcheck, r.Count())
	for i := range d.Selfchecks {
		s := &d.Selfchecks[i]
		s.ID, s.Title, s.HTML, s.InFacilitator, s.Off = r.String(), r.String(), r.html(), r.Bool(), r.Int()
	}
	d.Segments = make([]Segment, r.Count())
	for i := range d.Segments {
		s := &d.Segments[i]
		s.Kind, s.Title, s.Minutes, s.ID, s.At, s.Pinned, s.WordsBefore, s.Line, s.Col = r.String(), r.String(), r.Int(), r.String(), r.Int(), r.Bool(), r.Int(), r.Int(), r.Int()
	}
	d.Links = make([]Link, r.Count())
	for i := range d.Links {
		l := &d.Links[i]
		l.Dest, l.Off, l.Image, l.Resolved, l.Alt, l.InFacilitator = r.String(), r.Int(), r.Bool(), r.Bool(), r.String(), r.Bool()
	}
	d.Words, d.WordsAfter = r.Int(), r.Int()
	d.Shown = make([]Shown, r.Count())
	for i := range d.Shown {
		s := &d.Shown[i]
		s.Kind, s.ID, s.Title, s.Minutes, s.By, s.Where, s.HTML, s.InFacilitator = r.String(), r.String(), r.String(), r.Int(), r.String(), r.String(), r.html(), r.Bool()
	}
	d.Notes = make([]Notes, r.Count())
	for i := range d.Notes {
		n := &d.Notes[i]
		n.Title, n.HTML = r.String(), r.html()
	}
	if r.Bad {
		return nil, nil, errBadDoc
	}
	d.nilEmpty()
	return d, r.B, nil
}

var errBadDoc = errors.New("not a converted page")

// nilEmpty leaves empty lists nil, as Convert does, so that a Doc read
// back is the Doc written.
func (d *Doc) nilEmpty() {
	nilIfEmpty(&d.Headings)
	nilIfEmpty(&d.Quotes)
	nilIfEmpty(&d.Worksheets)
	nilIfEmpty(&d.KeyPoints)
	nilIfEmpty(&d.Solutions)
	nilIfEmpty(&d.Selfchecks)
	nilIfEmpty(&d.Segments)
	nilIfEmpty(&d.Links)
	nilIfEmpty(&d.Shown)
	nilIfEmpty(&d.Notes)
}

func nilIfEmpty[T any](s *[]T) {
	if len(*s) == 0 {
		*s = nil
	}
}

// valid reports whether h's cuts are ordered pairs inside its bytes.
func (h HTML) valid() bool {
	if len(h.cuts)%2 != 0 {
		return false
	}
	last := 0
	for _, c := range h.cuts {
		if c < last || c > len(h.b) {
			return false
		}
		last = c
	}
	return true
}

type docEncoder struct {
	wire.Writer
	page []byte // the page's HTML, which its blocks' HTML may be part of
}

// html writes h as where it lies in the page's HTML when it is part of it
// (a block rendered with the page, HTML.slice), else as its own bytes: read
// back, the block shares the page's bytes again instead of doubling them.
func (e *docEncoder) html(h HTML) {
	if from, ok := within(e.page, h.b); ok {
		e.Bool(true)
		e.Int(from)
		e.Int(len(h.b))
		return
	}
	e.Bool(false)
	e.Bytes(h.b)
	e.Ints(h.cuts)
}

// within reports whether b lies inside page's bytes, and where. Only the
// addresses tell a slice of the page from a copy of the same text.
func within(page, b []byte) (int, bool) {
	if len(b) == 0 || len(page) == 0 {
		return 0, false
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(page)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if p < start || p+uintptr(len(b)) > start+uintptr(len(page)) {
		return 0, false
	}
	return int(p - start), true
}

type docReader struct {
	wire.Reader
	page HTML
}

func (r *docReader) html() HTML {
	if r.Bool() {
		from, n := r.Int(), r.Int()
		if from < 0 || n <= 0 || from > len(r.page.b)-n {
			r.Bad = true
			return HTML{}
		}
		return r.page.slice(from, from+n)
	}
	h := HTML{b: r.Bytes(), cuts: r.Ints()}
	if !h.valid() {
		r.Bad = true
		return HTML{}
	}
	return h
}

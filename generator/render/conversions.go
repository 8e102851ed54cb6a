package render

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"

	"lectern/generator/diag"
	"lectern/generator/i18n"
	"lectern/generator/internal/wire"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Conversions are a site's converted pages, each with what it was made
// from, for a later site of the same kit to take instead of converting
// again: the dev server's next site (Update), or the next lectern build
// (Options.Before; publish keeps them in its cache folder). Converting is
// most of a build, and a writer rebuilds after editing one page of many.
type Conversions struct {
	// key is everything every page's conversion depends on beside its own
	// Markdown and links (converterKey): a different key reuses nothing.
	key   string
	pages map[string]*converted // by source path
	// unchanged is set when every page was taken from the conversions
	// before and none was dropped: the same conversions again.
	unchanged bool
}

// converted is one page's conversion and what it was made from.
type converted struct {
	sum      [sha256.Size]byte // of the page's Markdown
	bodyLine int
	doc      *markdown.Doc
	diags    diag.List // the conversion's problems, with its links' warnings
	// to is what each of doc.Links resolved to, in order: a conversion
	// holds them in its HTML.
	to []resolved
	// raw is the rest, as ReadConversions found it, until decode reads it:
	// a page is decoded by the job that takes it, on any core, and only
	// when its Markdown is as it was; crc is its checksum, for a file
	// damaged on disk.
	raw []byte
	crc uint32
}

type resolved struct {
	to string
	ok bool
}

// converterKey is what every page's conversion depends on beside its own
// Markdown and links: this program, the kit's Markdown, block and print
// settings, and its language.
func converterKey(k *kit.Kit, loc *i18n.Locale) string {
	c := k.Config
	// Whole sections, so a setting added to one is not missed.
	return fmt.Sprintf("%s\x00%#v\x00%#v\x00%#v\x00%s", programID(), c.Markdown, c.Blocks, c.Print, loc.Key())
}

// programID tells this build of Lectern from any other, for conversions
// kept on disk: the executable's path, size and time. "" when it cannot
// be known, and then nothing is kept.
var programID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s|%d|%d", exe, st.Size(), st.ModTime().UnixNano())
})

// pageResolvers are the resolvers of page p's attendee and facilitator
// text; mod is its module, nil for the home page and parts.
func (s *Site) pageResolvers(p *kit.Page, mod *kit.Module) (att, fac markdown.Resolver) {
	att, fac = s.resolver(p.Source), s.facilitatorResolver(p.Source) // bundles.go
	if mod != nil && mod.FacilitatorOnly {
		att = fac
	}
	return att, fac
}

// newConverted keeps page p's conversion d, with what its links resolve to.
func newConverted(sum [sha256.Size]byte, p *kit.Page, d *markdown.Doc, e diag.List, att, fac markdown.Resolver) *converted {
	c := &converted{sum: sum, bodyLine: p.BodyLine, doc: d, diags: e, to: make([]resolved, len(d.Links))}
	for i, l := range d.Links {
		r := att
		if l.InFacilitator {
			r = fac
		}
		c.to[i].to, c.to[i].ok = r(l.Dest)
	}
	return c
}

// reuse returns c's conversion of page p for site s, or nil when it must be
// converted again: its Markdown (sum), its place in the file, the converter
// (key) or where one of its links points changed. Checking every link
// against s's resolvers covers renamed, added and removed pages, bundle
// files and static files.
func (c *Conversions) reuse(key string, p *kit.Page, sum [sha256.Size]byte, att, fac markdown.Resolver) *converted {
	if c == nil || c.key != key {
		return nil
	}
	old := c.pages[p.Source]
	if old == nil || old.bodyLine != p.BodyLine || old.sum != sum || !old.decode() {
		return nil
	}
	for i, l := range old.doc.Links {
		r := att
		if l.InFacilitator {
			r = fac
		}
		if to, ok := r(l.Dest); to != old.to[i].to || ok != old.to[i].ok {
			return nil
		}
	}
	return old
}

// decode reads c's raw bytes, once, and reports whether c is whole. Only
// the job that converts c's page calls it.
func (c *converted) decode() bool {
	if c.raw == nil {
		return c.doc != nil
	}
	r := wire.Reader{B: c.raw}
	if crc32.Checksum(c.raw, castagnoli) != c.crc {
		r.Bad = true
	}
	c.raw = nil
	c.diags = make(diag.List, r.Count())
	for i := range c.diags {
		d := &c.diags[i]
		d.Path, d.Line, d.Col, d.Severity, d.Message = r.String(), r.Int(), r.Int(), diag.Severity(r.Int()), r.String()
	}
	if len(c.diags) == 0 {
		c.diags = nil
	}
	c.to = make([]resolved, r.Count())
	for i := range c.to {
		c.to[i].to, c.to[i].ok = r.String(), r.Bool()
	}
	if r.Bad {
		return false
	}
	doc, rest, err := markdown.ReadDoc(r.B)
	if err != nil || len(rest) != 0 || len(doc.Links) != len(c.to) {
		return false
	}
	c.doc = doc
	return true
}

// Conversions are s's converted pages, for Options.Before of the next build.
func (s *Site) Conversions() *Conversions { return s.conversions }

// Unchanged reports whether c are the conversions its site was given
// (Options.Before), every one taken as it was and none dropped.
func (c *Conversions) Unchanged() bool { return c != nil && c.unchanged }

const conversionsMagic = "lectern conversions\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// WriteTo writes c for ReadConversions, one page at a time. It writes
// nothing when this build of Lectern cannot be told from another.
func (c *Conversions) WriteTo(w io.Writer) (int64, error) {
	if c == nil || programID() == "" {
		return 0, nil
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	e := wire.Writer{B: []byte(conversionsMagic)}
	// A site's pages are all decoded: each was converted or taken.
	pages := slices.Sorted(maps.Keys(c.pages)) // the same pages, the same bytes
	pages = slices.DeleteFunc(pages, func(p string) bool { return c.pages[p].doc == nil || c.pages[p].raw != nil })
	e.String(c.key)
	e.Int(len(pages))
	var n int64
	flush := func() error {
		m, err := bw.Write(e.B)
		n += int64(m)
		e.B = e.B[:0]
		return err
	}
	var rest wire.Writer
	for _, p := range pages {
		cv := c.pages[p]
		rest.B = rest.B[:0]
		rest.Int(len(cv.diags))
		for _, d := range cv.diags {
			rest.String(d.Path)
			rest.Int(d.Line)
			rest.Int(d.Col)
			rest.Int(int(d.Severity))
			rest.String(d.Message)
		}
		rest.Int(len(cv.to))
		for _, r := range cv.to {
			rest.String(r.to)
			rest.Bool(r.ok)
		}
		rest.B = markdown.AppendDoc(rest.B, cv.doc)
		e.String(p)
		e.Bytes(cv.sum[:])
		e.Int(cv.bodyLine)
		e.Bytes(rest.B)
		e.Int(int(crc32.Checksum(rest.B, castagnoli)))
		if err := flush(); err != nil {
			return n, err
		}
	}
	if err := flush(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// ReadConversions reads what WriteTo wrote, or returns nil when b is not
// that, from this build of Lectern. A page whose own bytes are damaged is
// converted again. The pages' HTML shares b's bytes; b must not change
// afterwards.
func ReadConversions(b []byte) *Conversions {
	rest, ok := bytes.CutPrefix(b, []byte(conversionsMagic))
	if !ok || programID() == "" {
		return nil
	}
	r := wire.Reader{B: rest}
	c := &Conversions{key: r.String(), pages: map[string]*converted{}}
	if c.key == "" || programID() != keyProgram(c.key) {
		return nil
	}
	for n := r.Count(); n > 0 && !r.Bad; n-- {
		p := r.String()
		cv := &converted{}
		if copy(cv.sum[:], r.Bytes()) != sha256.Size {
			return nil
		}
		cv.bodyLine, cv.raw, cv.crc = r.Int(), r.Bytes(), uint32(r.Int())
		c.pages[p] = cv
	}
	if r.Bad || len(r.B) != 0 {
		return nil
	}
	return c
}

// keyProgram is the programID part of a converterKey.
func keyProgram(key string) string {
	p, _, _ := strings.Cut(key, "\x00")
	return p
}

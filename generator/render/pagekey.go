package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"maps"
	"slices"

	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// A rebuild after an edit renders again the pages that show the edited
// module, and a module page shows little of the others: the navigation,
// its neighbours, its place in the day, the tool links. PageKey names what
// a module page is made from, so that publish can keep the page the last
// build made from the same (a rebuild of a large kit spent a fifth of its
// time making module pages it had made before, byte for byte).
//
// The key is the page's own conversion (its Markdown, the converter and
// where its links point) and the site's layout (layoutKey): every setting,
// the theme and language, every page's front matter and place, and what
// each conversion tells the rest of the site (its timed segments and which
// kinds of block it has). A page of every module, the home pages and the
// dashboard depend on more, and have no key.

// PageKey is what page p is made from, or ok false when it is not known
// without making the page.
func (s *Site) PageKey(p PageRef) (key string, ok bool) {
	if p.Kind != "module" || p.Module == nil || s.conversions == nil {
		return "", false
	}
	c := s.conversions.pages[p.Module.Source]
	if c == nil {
		return "", false
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%v\x00", s.layoutKey(), p.Path, p.Edition, p.InZip)
	h.Write(c.sum[:])
	fmt.Fprintf(h, "%d\x00", c.bodyLine)
	for _, r := range c.to {
		fmt.Fprintf(h, "%q %v\x00", r.to, r.ok)
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// layoutKey is the site's layout, as PageKey takes it: everything a module
// page shows beside its own conversion. It is made once.
func (s *Site) layoutKey() string {
	s.layoutOnce.Do(func() {
		h := sha256.New()
		k := s.Kit
		// The program and the converter's settings and language, every
		// setting (with site.toml's own text), the options and the theme.
		fmt.Fprintf(h, "%s\x00%#v\x00%#v\x00%s\x00", s.conversions.key, k.Config, s.Opt.Only, s.kitID)
		fmt.Fprintf(h, "%v\x00%q\x00%q\x00", s.Opt.Drafts, k.Static, k.ThemeDir)
		s.Theme.hashTo(h)
		// Every page's front matter and place, in reading order.
		if k.Home != nil {
			pageTo(h, k.Home)
		}
		for _, p := range k.Parts {
			c := *p
			c.Page.Body, c.Modules = nil, nil
			fmt.Fprintf(h, "part %#v\x00", c)
		}
		for _, m := range s.reading {
			c := *m
			c.Page.Body, c.Part = nil, nil
			part := ""
			if m.Part != nil {
				part = m.Part.Source
			}
			fmt.Fprintf(h, "module %#v %q %d\x00", c, part, s.order[m])
			docTo(h, s.docs[m])
		}
		s.layout = hex.EncodeToString(h.Sum(nil))
	})
	return s.layout
}

func pageTo(h hash.Hash, p *kit.Page) {
	c := *p
	c.Body = nil
	fmt.Fprintf(h, "page %#v\x00", c)
}

// docTo writes what a conversion tells the rest of the site: its timed
// segments (the run-sheet, the module's minutes) and which blocks it has
// in which edition (the tool pages that exist). Not its words: they place
// segments within their own module only.
func docTo(h hash.Hash, d *markdown.Doc) {
	if d == nil {
		fmt.Fprint(h, "no doc\x00")
		return
	}
	for _, sg := range d.Segments {
		fmt.Fprintf(h, "seg %q %q %d %q %d %v\x00", sg.Kind, sg.Title, sg.Minutes, sg.ID, sg.At, sg.Pinned)
	}
	flags := func(name string, n int, fac func(i int) bool) {
		fmt.Fprintf(h, "%s %d", name, n)
		for i := range n {
			fmt.Fprintf(h, " %v", fac(i))
		}
		h.Write([]byte{0})
	}
	flags("quotes", len(d.Quotes), func(i int) bool { return d.Quotes[i].InFacilitator })
	flags("worksheets", len(d.Worksheets), func(i int) bool { return d.Worksheets[i].InFacilitator })
	flags("keypoints", len(d.KeyPoints), func(i int) bool { return d.KeyPoints[i].InFacilitator })
	flags("solutions", len(d.Solutions), func(i int) bool { return d.Solutions[i].InFacilitator })
	flags("selfchecks", len(d.Selfchecks), func(i int) bool { return d.Selfchecks[i].InFacilitator })
	flags("shown", len(d.Shown), func(i int) bool { return d.Shown[i].InFacilitator })
	flags("notes", len(d.Notes), func(int) bool { return true })
}

// hashTo writes the theme's templates and assets.
func (th *Theme) hashTo(h hash.Hash) {
	fmt.Fprintf(h, "%q\x00%q\x00", th.base, th.partials)
	for _, n := range slices.Sorted(maps.Keys(th.srcs)) {
		fmt.Fprintf(h, "%q %q\x00", n, th.srcs[n])
	}
	for _, n := range slices.Sorted(maps.Keys(th.Assets)) {
		fmt.Fprintf(h, "%q %d\x00", n, len(th.Assets[n]))
		h.Write(th.Assets[n])
	}
}

package render

import (
	"html/template"
	"sync"

	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Pages off the schedule, pages for one edition, and the pages a kit has
// only when it has something to put on them.
//
// A module with schedule = false is a reference page (setup, glossary): it
// is not on the run-sheet, and the navigation, the home page and the
// handout list it after the modules, in a "Reference" group. The kit's
// reading order (Site.reading) is the modules on the schedule in kit order,
// then the reference pages in kit order; previous and next links stay
// within each of the two.
//
// A module with audience = "facilitator" is in the facilitator edition
// only: the attendee edition has no page for it and leaves it out of its
// navigation, lists, search index, handout and aggregate pages (and so out
// of the offline ZIP), and its bundle files go into the facilitator
// edition's folder.

// visible reports whether module m is in edition e.
func visible(m *kit.Module, e markdown.Edition) bool {
	return !m.FacilitatorOnly || e == markdown.Facilitator
}

// listed reports whether module m is among the modules edition e lists
// (the reference pages are listed apart).
func listed(m *kit.Module, e markdown.Edition) bool {
	return !m.OffSchedule && visible(m, e)
}

// readingOrder is the kit's modules on the schedule, then its reference
// pages: the order of the handout and of previous and next.
func readingOrder(k *kit.Kit) []*kit.Module {
	out := make([]*kit.Module, 0, len(k.Modules))
	for _, m := range k.Modules {
		if !m.OffSchedule {
			out = append(out, m)
		}
	}
	if len(out) == len(k.Modules) {
		return k.Modules
	}
	for _, m := range k.Modules {
		if m.OffSchedule {
			out = append(out, m)
		}
	}
	return out
}

// referenceGroup is the navigation's group of reference pages, after the
// modules: it links to the home page's list of them.
func referenceGroup(b *navBase, root string, cur *kit.Module) NavItem {
	at := -1
	for i, m := range b.refs {
		if m == cur {
			at = i
		}
	}
	g := NavItem{Title: b.loc.T("reference"), URL: root + "index.html#reference-heading", Part: true, idx: -1}
	g.Children = windowed(b.loc, b.ref, at, g.URL, func(int) bool { return false })
	for j := range g.Children {
		g.Children[j].Current = at >= 0 && g.Children[j].idx == at
	}
	return g
}

// moduleLists are the modules edition e lists among mods (a part's, or the
// whole kit's) and the reference pages, as a home or part page shows them.
func (s *Site) moduleLists(mods []*kit.Module, e markdown.Edition, root string) (modules, reference []ModuleData) {
	for _, m := range mods {
		switch {
		case listed(m, e):
			modules = append(modules, s.moduleData(m, root))
		case m.OffSchedule && visible(m, e):
			reference = append(reference, s.moduleData(m, root))
		}
	}
	return modules, reference
}

// facilitatorPages reports whether the kit has pages for facilitators
// only, so that the editions' navigations differ.
func (s *Site) facilitatorPages() bool { return s.has().facilitatorPages }

// siteHas says, per edition, what the pages that gather the modules'
// blocks would show: a kit without any has no such page and no link to it.
type siteHas struct {
	once                          sync.Once
	worksheets, quotes, keyPoints [2]bool
	facilitatorPages              bool
}

func (s *Site) has() *siteHas {
	h := &s.gathered
	h.once.Do(func() {
		for _, m := range s.Kit.Modules {
			h.facilitatorPages = h.facilitatorPages || m.FacilitatorOnly
			d := s.docs[m]
			if d == nil {
				continue
			}
			for _, e := range []markdown.Edition{markdown.Attendee, markdown.Facilitator} {
				if !visible(m, e) {
					continue
				}
				fac := e == markdown.Facilitator
				for _, w := range d.Worksheets {
					h.worksheets[e] = h.worksheets[e] || fac || !w.InFacilitator
				}
				for _, c := range d.Selfchecks { // the pack prints self-checks too
					h.worksheets[e] = h.worksheets[e] || fac || !c.InFacilitator
				}
				for _, q := range d.Quotes {
					h.quotes[e] = h.quotes[e] || fac || !q.InFacilitator
				}
				for _, k := range d.KeyPoints {
					h.keyPoints[e] = h.keyPoints[e] || fac || !k.InFacilitator
				}
			}
		}
	})
	return h
}

// The "present" predicates of pageKinds (pages.go).
func (s *Site) hasWorksheets(e markdown.Edition) bool { return s.has().worksheets[e] }
func (s *Site) hasQuotes(e markdown.Edition) bool     { return s.has().quotes[e] }
func (s *Site) hasKeyPoints(e markdown.Edition) bool  { return s.has().keyPoints[e] }

// hasKind reports whether edition e of this site has pages of kind k.
func (s *Site) hasKind(k *pageKind, e markdown.Edition) bool {
	return k.editions.has(e) && (k.present == nil || k.present(s, e))
}

// tools are edition e's tool links (toolLinks) to the pages this site has.
func (s *Site) tools(e markdown.Edition) []NavItem {
	all := s.toolLinks(e) // locale.go
	out := all[:0:0]
	for _, l := range all {
		k := toolKind(l.URL)
		if k != nil && k.forRoom && !k.editions.has(e) {
			// The attendee page, which a facilitator-only build lacks.
			if s.Opt.Only == "facilitator" || !s.hasKind(k, markdown.Attendee) {
				continue
			}
		} else if k != nil && !s.hasKind(k, e) {
			continue
		}
		out = append(out, l)
	}
	if len(out) == len(all) {
		return all
	}
	return out
}

// toolKind is the kind of page a tool link at path leads to.
func toolKind(path string) *pageKind {
	for i := range pageKinds {
		if k := &pageKinds[i]; k.tool != "" && (k.path == path || k.forRoom && "../"+k.path == path) {
			return k
		}
	}
	return nil
}

// attendeeURL is the attendee page for a facilitator page at rel (inside
// its edition) of kind k, for module m (or nil), from the site's root: the
// same page, or the attendee home for a page the attendees do not have.
func (s *Site) attendeeURL(k *pageKind, m *kit.Module, rel string) string {
	if k != nil && !s.hasKind(k, markdown.Attendee) || m != nil && !visible(m, markdown.Attendee) {
		return "index.html"
	}
	return rel
}

// prevNext are the pages before and after m in edition e: the modules on
// the schedule link to each other, and so do the reference pages.
func (s *Site) prevNext(m *kit.Module, e markdown.Edition, root string) (prev, next *NavItem) {
	i := s.moduleIndex(m) // nav.go; a scan for every page would be quadratic
	if i < 0 {
		return
	}
	near := func(step int) *NavItem {
		for j := i + step; j >= 0 && j < len(s.reading); j += step {
			n := s.reading[j]
			if n.OffSchedule != m.OffSchedule {
				return nil
			}
			if visible(n, e) {
				return &NavItem{Title: n.Title, URL: root + n.URL()}
			}
		}
		return nil
	}
	return near(-1), near(1)
}

// KeyPointsData is one module's key points, on the key points page and at
// the end of the handout.
type KeyPointsData struct {
	Module ModuleData
	// Anchor is the module's section on the handout.
	Anchor string
	Blocks []GatheredData
}

// GatheredData is one gathered block (markdown.Gathered) on a page.
type GatheredData struct {
	ID, Title string
	HTML      template.HTML
}

// keyPoints gathers the key points of edition e, module by module in
// reading order, for the page d. Their ids take idPrefix before the
// module's, so that the handout, which shows each block in its module too,
// has every id once; shift moves their headings below the module's title.
func (s *Site) keyPoints(e markdown.Edition, d *Data, idPrefix string, shift int) []KeyPointsData {
	var out []KeyPointsData
	for _, m := range s.reading {
		doc := s.docs[m]
		if doc == nil || !visible(m, e) {
			continue
		}
		kp := KeyPointsData{Anchor: sectionID(m)}
		pre := idPrefix + sectionID(m) + "--"
		rw := &refRewriter{root: d.Root, site: upTo(d.Path), prefix: pre}
		for _, g := range doc.KeyPoints {
			if g.InFacilitator && e == markdown.Attendee {
				continue
			}
			if kp.Blocks == nil {
				kp.Module = s.moduleData(m, d.Root)
			}
			h := Piece{ed: edited{html: g.HTML, e: e, rw: rw, shift: shift}, page: kp.Module.URL}.HTML()
			kp.Blocks = append(kp.Blocks, GatheredData{ID: pre + g.ID, Title: g.Title, HTML: h})
		}
		if len(kp.Blocks) > 0 {
			out = append(out, kp)
		}
	}
	return out
}

// keypointsPage is every module's key points.
func (s *Site) keypointsPage(p PageRef, d *Data) {
	d.Title = s.t("key_points")
	d.KeyPoints = s.keyPoints(p.Edition, d, "", 1)
}

// Solutions are the module's solutions the handout gathers after it
// ([print] solutions = "end"): each whole block, numbered as the module's
// text numbers it and with the id its link in the text points to.
func (sec Section) Solutions() []template.HTML {
	if sec.solutions == nil {
		return nil
	}
	var out []template.HTML
	for _, g := range sec.solutions {
		if g.InFacilitator && sec.e == markdown.Attendee {
			continue
		}
		out = append(out, edited{html: g.HTML, e: sec.e, rw: sec.rw, shift: sec.shift + 1}.body())
	}
	return out
}

// handoutBody is module m's HTML as the handout prints it, and the
// solutions to gather after it, if any ([print] solutions).
func (s *Site) handoutBody(m *kit.Module, kind string) (markdown.HTML, []markdown.Gathered) {
	doc := s.docs[m]
	if kind != "handout" || doc.Handout == nil {
		return doc.HTML, nil
	}
	if s.Kit.Config.Print.Solutions == markdown.SolutionsOmit {
		return *doc.Handout, nil
	}
	return *doc.Handout, doc.Solutions
}

// bundlePath is the output path of file b of module m's bundle: beside the
// module's page, in the facilitator edition's folder for a page only
// facilitators have, so that attendees are not given it.
func bundlePath(m *kit.Module, b string) string {
	if m.FacilitatorOnly {
		return editionRoot(markdown.Facilitator) + m.Dir() + b
	}
	return m.Dir() + b
}

package render

import (
	"bytes"
	"html/template"
	"net/url"
	"sort"
	"strings"
	"sync"
	"unicode"

	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Data is what every template receives. Addresses in it are relative to the
// page, so the output works from a web server and from disk alike.
type Data struct {
	Kind        string
	Site        SiteData
	Edition     string // "attendee" or "facilitator"
	Facilitator bool
	Title       string
	Summary     string
	Root        string // from this page to its edition's home folder
	Assets      string // from this page to the assets folder
	Path        string // this page's output path
	KitID       string
	// Offline is the offline ZIP of the attendee site (attendee home only).
	Offline string
	// AttendeeURL is the same page in the attendee edition (facilitator pages only).
	AttendeeURL string
	// FacilitatorHome is set on facilitator pages: the run-sheet and tools.
	Nav []NavItem
	// NavHTML is Nav rendered with the theme's "nav-item" template, item
	// by item as ranging over Nav would (nav.go makes it fast).
	NavHTML template.HTML
	Links   []NavItem // the edition's aggregate pages
	// Shared is what the pages of this kind, edition and depth share, for
	// pieces a theme renders once ({{cached "name" .Shared}}, shared.go).
	Shared  *Shared
	Body    template.HTML
	Module  *ModuleData
	Prev    *NavItem
	Next    *NavItem
	Modules []ModuleData // home and part pages: the modules listed
	Total   int          // minutes of the modules listed
	// Aggregate pages.
	Sections   []Section
	Quotes     []QuoteData
	Worksheets []WorksheetData
	Schedule   *Schedule
	Materials  []MaterialData
	// QR links the printed handout to the online kit (nil without base_url).
	QR *QRData
}

// QRData is a printed QR code and the address it holds.
type QRData struct {
	SVG   template.HTML
	URL   string
	Short string // the address as printed beside the code
}

// SiteData is site.toml as templates see it.
type SiteData struct {
	Title, Subtitle, Author, Language, Paper, BaseURL string
}

// NavItem is a link in the navigation.
type NavItem struct {
	Title   string
	URL     string // relative to the page
	Current bool
	Part    bool
	Minutes int
	// More is set on an item standing for that many items the page
	// leaves out of a long list; it links to the page listing them all.
	More     int
	Children []NavItem
	// ChildrenHTML is Children rendered with the theme's "nav-child"
	// template, set on the open part while making Data.NavHTML (nav.go).
	ChildrenHTML template.HTML
	idx          int // position in the full list (nav.go); -1 for More
}

// ModuleData describes a module for its page and for lists.
type ModuleData struct {
	Title, Summary, URL, Slug, Path string
	PartTitle, PartURL              string
	Minutes                         int
	Objectives, Materials           []string
	Segments                        []markdown.Segment
	Draft                           bool
	Worksheets                      int
	// Order is the module's place in the kit, from 1: pages that show
	// only some modules use it to sort what the attendee saved.
	Order int
}

// Section is one module on an aggregate page.
type Section struct {
	ID     string
	Module ModuleData
	html   markdown.HTML // the module's HTML, for Body
	e      markdown.Edition
	rw     *refRewriter
	shift  int
}

// Body is the module's HTML on this page (links resolved, ids made unique,
// headings moved below the module's title), made when the template writes
// it: a page of every module then holds one module's copy at a time.
func (sec Section) Body() template.HTML {
	buf := bodies.Get().(*bytes.Buffer)
	buf.Reset()
	sec.rw.rewriteEdition(buf, sec.html, sec.e)
	shiftHeadingsIn(buf.Bytes(), sec.shift)
	h := template.HTML(buf.String())
	bodies.Put(buf)
	return h
}

var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// QuoteData is a quote on the wall.
type QuoteData struct {
	HTML          template.HTML
	By, Where     string
	Module        ModuleData
	ModuleURL     string
	InFacilitator bool
}

// WorksheetData is a worksheet in the pack.
type WorksheetData struct {
	Title   string
	Minutes int
	HTML    template.HTML
	Module  ModuleData
	ID      string
	QR      *QRData // the module's online page (nil without base_url)
}

// MaterialData is one thing to bring, with the modules that need it.
type MaterialData struct {
	Item    string
	Modules []string
}

func (s *Site) pageData(p PageRef) *Data {
	e := p.Edition
	up := upTo(p.Path)
	d := &Data{
		Kind: p.Kind, Path: p.Path, KitID: s.kitID,
		Site: SiteData{Title: s.Kit.Config.Title, Subtitle: s.Kit.Config.Subtitle, Author: s.Kit.Config.Author,
			Language: s.Kit.Config.Language, Paper: s.Kit.Config.Paper, BaseURL: s.Kit.Config.BaseURL},
		Edition: e.String(), Facilitator: e == markdown.Facilitator,
		Assets: up + "assets/",
	}
	rel := strings.TrimPrefix(p.Path, editionRoot(e))
	d.Root = upTo(rel)
	if e == markdown.Facilitator {
		d.AttendeeURL = up + rel
		switch p.Kind {
		case "present", "agenda", "guide", "materials":
			d.AttendeeURL = up + "index.html"
		}
	}
	rw := &refRewriter{root: d.Root, site: up}
	current := p.Module
	d.Nav = s.nav(d.Root, current, p.Part) // nav.go
	d.Links = links(e, d.Root, rel)
	switch p.Kind {
	case "home":
		d.Title = s.Kit.Home.Title
		d.Summary = s.Kit.Home.Summary
		d.Offline = s.offlineLink(p, up)
		if s.home != nil {
			d.Body = body(s.home.HTML, e, rw)
		}
		for _, en := range s.Kit.Entries {
			if en.Module != nil {
				d.Modules = append(d.Modules, s.moduleData(en.Module, d.Root))
			} else {
				for _, m := range en.Part.Modules {
					d.Modules = append(d.Modules, s.moduleData(m, d.Root))
				}
			}
		}
	case "part":
		d.Title = p.Part.Title
		d.Summary = p.Part.Summary
		if doc := s.parts[p.Part]; doc != nil {
			d.Body = body(doc.HTML, e, rw)
		}
		for _, m := range p.Part.Modules {
			d.Modules = append(d.Modules, s.moduleData(m, d.Root))
		}
	case "module":
		m := p.Module
		md := s.moduleData(m, d.Root)
		d.Module = &md
		d.Title = m.Title
		d.Summary = m.Summary
		d.Body = body(s.docs[m].HTML, e, rw)
		d.Prev, d.Next = s.prevNext(m, d.Root)
	case "handout", "guide":
		d.Title = "Handout"
		if p.Kind == "guide" {
			d.Title = "Facilitator guide"
			d.Schedule = s.Schedule
		} else if e == markdown.Facilitator {
			d.Title = "Handout (facilitator edition)"
		}
		d.Sections = s.sections(e, p.Path, d)
		for _, sec := range d.Sections {
			d.Total += sec.Module.Minutes
		}
		if s.Kit.Home != nil {
			d.Summary = s.Kit.Home.Summary
		}
		d.QR = s.qr("", "the workshop online")
	case "worksheets":
		d.Title = "Worksheets"
		for _, m := range s.Kit.Modules {
			for _, w := range s.docs[m].Worksheets {
				if w.InFacilitator && e == markdown.Attendee {
					continue
				}
				h, md, pre := s.piece(m, w.HTML, e, d)
				d.Worksheets = append(d.Worksheets, WorksheetData{Title: w.Title, Minutes: w.Minutes,
					HTML: shiftHeadings(h, 1), Module: md, ID: pre + w.ID,
					QR: s.qr(m.Dir(), m.Title+" online")})
			}
		}
	case "quotes", "present":
		d.Title = "Quotes"
		if p.Kind == "present" {
			d.Title = "Quotes: projector view"
		}
		for _, m := range s.Kit.Modules {
			for _, q := range s.docs[m].Quotes {
				if q.InFacilitator && e == markdown.Attendee {
					continue
				}
				h, md, _ := s.piece(m, q.HTML, e, d)
				d.Quotes = append(d.Quotes, QuoteData{HTML: h, By: q.By, Where: q.Where,
					Module: md, ModuleURL: md.URL + "#" + q.ID, InFacilitator: q.InFacilitator})
			}
		}
	case "agenda":
		d.Title = "Run-sheet"
		d.Schedule = s.Schedule
	case "materials":
		d.Title = "Materials"
		d.Materials = s.materials()
	}
	return d
}

// qr is the printed QR code for a page of the attendee edition online (dir is
// "" for the home page or a module's folder), or nil when the kit has no
// base_url.
func (s *Site) qr(dir, label string) *QRData {
	u := onlineURL(s.Kit.Config.BaseURL, dir)
	if u == "" {
		return nil
	}
	svg := QRSVG(u, "QR code: "+label)
	if svg == "" {
		return nil
	}
	return &QRData{SVG: svg, URL: u, Short: shortAddress(u)}
}

// sectionID is a module's anchor on aggregate pages.
func sectionID(m *kit.Module) string {
	if m.Part != nil {
		return m.Part.Slug + "-" + m.Slug
	}
	return m.Slug
}

func (s *Site) sections(e markdown.Edition, pagePath string, d *Data) []Section {
	local := map[string]string{}
	for _, m := range s.Kit.Modules {
		local[m.URL()] = sectionID(m) + "--"
	}
	var out []Section
	for _, m := range s.Kit.Modules {
		pre := sectionID(m) + "--"
		rw := &refRewriter{root: d.Root, site: upTo(pagePath), prefix: pre, local: local}
		// The module's title is an h2 (h3 under its part's h2): its own
		// headings go below it.
		shift := 1
		if m.Part != nil {
			shift = 2
		}
		out = append(out, Section{ID: sectionID(m), Module: s.moduleData(m, d.Root),
			html: s.docs[m].HTML, e: e, rw: rw, shift: shift})
	}
	return out
}

// piece is a piece of module m's HTML (a worksheet, a quote) shown on its
// own on the aggregate page d: its ids prefixed with pre, links to the rest
// of the module sent to the module's page (md.URL).
func (s *Site) piece(m *kit.Module, html markdown.HTML, e markdown.Edition, d *Data) (h template.HTML, md ModuleData, pre string) {
	pre = sectionID(m) + "--"
	md = s.moduleData(m, d.Root)
	rw := &refRewriter{root: d.Root, site: upTo(d.Path), prefix: pre}
	return outsideLinks(body(html, e, rw), pre, md.URL), md, pre
}

func (s *Site) moduleData(m *kit.Module, root string) ModuleData {
	doc := s.docs[m]
	md := ModuleData{Title: m.Title, Summary: m.Summary, URL: root + m.URL(), Slug: m.Slug, Path: m.Path(),
		Minutes: ModuleMinutes(m, doc), Objectives: m.Objectives, Materials: m.Materials, Draft: m.Draft,
		Order: s.moduleIndex(m) + 1}
	if m.Part != nil {
		md.PartTitle, md.PartURL = m.Part.Title, root+m.Part.URL()
	}
	if doc != nil {
		md.Segments = doc.Segments
		md.Worksheets = len(doc.Worksheets)
	}
	return md
}

// toolLinks are each edition's aggregate pages, from the edition's home.
var toolLinks = [2][]NavItem{
	markdown.Attendee: {
		{Title: "Handout", URL: "handout/index.html"},
		{Title: "Worksheets", URL: "worksheets/index.html"},
		{Title: "Quotes", URL: "quotes/index.html"},
	},
	markdown.Facilitator: {
		{Title: "Run-sheet", URL: "agenda/index.html"},
		{Title: "Facilitator guide", URL: "guide/index.html"},
		{Title: "Materials", URL: "materials/index.html"},
		{Title: "Handout", URL: "handout/index.html"},
		{Title: "Worksheets", URL: "worksheets/index.html"},
		{Title: "Quotes", URL: "quotes/index.html"},
		{Title: "Projector view", URL: "quotes/present/index.html"},
	},
}

// links are the edition's aggregate pages for a page at rel (within its
// edition), root being the way up to the edition's home.
func links(e markdown.Edition, root, rel string) []NavItem {
	items := append([]NavItem(nil), toolLinks[e]...)
	for i := range items {
		items[i].Current = items[i].URL == rel
		items[i].URL = root + items[i].URL
	}
	return items
}

func (s *Site) prevNext(m *kit.Module, root string) (prev, next *NavItem) {
	i := s.moduleIndex(m) // nav.go; a scan for every page would be quadratic
	if i < 0 {
		return
	}
	if i > 0 {
		p := s.Kit.Modules[i-1]
		prev = &NavItem{Title: p.Title, URL: root + p.URL()}
	}
	if i+1 < len(s.Kit.Modules) {
		n := s.Kit.Modules[i+1]
		next = &NavItem{Title: n.Title, URL: root + n.URL()}
	}
	return
}

// materials gathers every module's materials, merging the same item.
func (s *Site) materials() []MaterialData {
	idx := map[string]int{}
	var out []MaterialData
	for _, m := range s.Kit.Modules {
		for _, it := range m.Materials {
			key := strings.ToLower(strings.TrimSpace(it))
			if key == "" {
				continue
			}
			if i, ok := idx[key]; ok {
				out[i].Modules = append(out[i].Modules, m.Title)
				continue
			}
			idx[key] = len(out)
			out = append(out, MaterialData{Item: strings.TrimSpace(it), Modules: []string{m.Title}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Modules) > len(out[j].Modules) })
	return out
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func unescape(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// escapePath escapes each segment of a slash path for an href.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

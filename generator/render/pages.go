package render

import (
	"strings"

	"lectern/generator/markdown"
)

// The kinds of page a site has. Everything about a kind that more than one
// place needs is in its row of pageKinds: the list of pages, the tool links
// every page shows, the way from a facilitator page to its attendee page,
// the names no slug may take, the templates a theme provides and what
// publish renders first. What a page shows is its data function and its
// template; a new kind of page is a row, a data function and a template.

// pageKind is one kind of page.
type pageKind struct {
	// name is PageRef.Kind and Data.Kind; themes see it as data-page and
	// the page-<name> class.
	name string
	// path is the page's path inside an edition; a kind of page for
	// each part or module (each) takes the part's or module's path.
	path     string
	each     pageEach
	editions editionSet
	// template names templates/<template>.html, which defines "main".
	template string
	// tool is the title of the link to the page in every page's tools
	// ("nav-tools"), or "" when the page is not one of them.
	tool string
	// about says in a line what the tool page is for, on the facilitator
	// dashboard.
	about string
	// forRoom marks an attendee page that the facilitator edition's tools
	// link to as it is: what the room is given (the handout they print),
	// which a facilitator copy would only repeat with notes that must not
	// reach paper; the guide is the book with notes.
	forRoom bool
	// heavy pages gather every module's content (an aggregate page):
	// publish starts them first, so that the module pages fill the cores
	// at the end.
	heavy bool
	// offline marks the page that links to the offline ZIP in the
	// attendee edition (offline.go).
	offline bool
	// data fills what the template shows of this kind beyond what every
	// page has (pageData).
	data func(s *Site, p PageRef, d *Data)
	// present, when set, says whether an edition of the site has the page
	// at all: a kit without worksheets has no worksheet pack, and no link
	// to one (reference.go).
	present func(s *Site, e markdown.Edition) bool
}

// pageEach says how many pages of a kind an edition has.
type pageEach uint8

const (
	onePage    pageEach = iota
	eachPart            // one per part, at the part's URL
	eachModule          // one per module, at the module's URL
)

// editionSet is the editions a kind of page is in.
type editionSet uint8

const (
	attendeeOnly    = editionSet(1 << markdown.Attendee)
	facilitatorOnly = editionSet(1 << markdown.Facilitator)
	bothEditions    = attendeeOnly | facilitatorOnly
)

func (s editionSet) has(e markdown.Edition) bool { return s&(1<<e) != 0 }

// pageKinds are the kinds of page, in the order of the pages in an edition
// and of the tool links.
var pageKinds = []pageKind{
	{name: "home", path: "index.html", editions: attendeeOnly, template: "home", offline: true, data: (*Site).homePage},
	// The facilitator edition's home: the day at a glance and the tools.
	{name: "dashboard", path: "index.html", editions: facilitatorOnly, template: "dashboard", data: (*Site).dashboardPage},
	{name: "part", each: eachPart, editions: bothEditions, template: "part", data: (*Site).partPage},
	{name: "module", each: eachModule, editions: bothEditions, template: "module", data: (*Site).modulePage},
	{name: "agenda", path: agendaPath, editions: facilitatorOnly, template: "agenda", tool: "Run-sheet", about: "The day by the clock: start it, shift it when the room runs late or early, see what is on now.", heavy: true, data: (*Site).agendaPage},
	{name: "guide", path: "guide/index.html", editions: facilitatorOnly, template: "handout", tool: "Facilitator guide", about: "Every module with its notes and timings, on one page to print.", heavy: true, data: (*Site).guidePage},
	{name: "materials", path: "materials/index.html", editions: facilitatorOnly, template: "materials", tool: "Materials", about: "Everything to bring, counted for the room, as a checklist.", heavy: true, data: (*Site).materialsPage},
	{name: "handout", path: "handout/index.html", editions: attendeeOnly, forRoom: true, template: "handout", tool: "Handout", about: "The attendees' handout: every module on one page, to print for the room or to read through.", heavy: true, data: (*Site).handoutPage},
	{name: "keypoints", path: "keypoints/index.html", editions: bothEditions, template: "keypoints", tool: "Key points", about: "What each module comes down to, gathered in order.", heavy: true, data: (*Site).keypointsPage, present: (*Site).hasKeyPoints},
	{name: "worksheets", path: "worksheets/index.html", editions: bothEditions, template: "worksheets", tool: "Worksheets", about: "Every worksheet, one to a printed page.", heavy: true, data: (*Site).worksheetsPage, present: (*Site).hasWorksheets},
	{name: "quotes", path: "quotes/index.html", editions: bothEditions, template: "quotes", tool: "Quotes", about: "The quote wall: every quote of the workshop.", heavy: true, data: (*Site).quotesPage, present: (*Site).hasQuotes},
	{name: "deck", path: "present/index.html", editions: facilitatorOnly, template: "deck", tool: "Present", about: "The whole workshop as slides for the projector, in run-sheet order, with a presenter window in step.", heavy: true, data: (*Site).deckPage},
	// Every result of a search, at search/index.html?q=…: shareable, and the
	// search box's Enter opens it (search.js).
	{name: "search", path: "search/index.html", editions: bothEditions, template: "search", data: (*Site).searchPage},
}

// agendaPath is the run-sheet's path, which the dashboard links to (a data
// function that read pageKinds would make its initialisation a loop).
const agendaPath = "agenda/index.html"

// kindOf finds a kind of page by name, or nil.
func kindOf(name string) *pageKind {
	for i := range pageKinds {
		if pageKinds[i].name == name {
			return &pageKinds[i]
		}
	}
	return nil
}

// Heavy reports whether p gathers every module's content, as the handout
// does: such a page takes long to render.
func (p PageRef) Heavy() bool {
	k := kindOf(p.Kind)
	return k != nil && k.heavy
}

// OffersOffline reports whether p links to the offline ZIP: the attendee
// home page. The ZIP holds that page rendered again with InZip set.
func (p PageRef) OffersOffline() bool {
	k := kindOf(p.Kind)
	return k != nil && k.offline && p.Edition == markdown.Attendee
}

// templateNames are the page templates a theme provides, each once.
func templateNames() []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range pageKinds {
		if !seen[k.template] {
			seen[k.template] = true
			out = append(out, k.template)
		}
	}
	return out
}

// toolLinks are each edition's tool pages, from the edition's home; a
// site links to those it has (Site.tools).
var toolLinks = func() (t [2][]NavItem) {
	for _, k := range pageKinds {
		for _, e := range []markdown.Edition{markdown.Attendee, markdown.Facilitator} {
			switch {
			case k.tool == "":
			case k.editions.has(e):
				t[e] = append(t[e], NavItem{Title: k.tool, URL: k.path, About: k.about})
			case k.forRoom && e == markdown.Facilitator:
				// From the facilitator edition's home up to the attendee one.
				t[e] = append(t[e], NavItem{Title: k.tool, URL: "../" + k.path, About: k.about})
			}
		}
	}
	return t
}()

// outputsBesidePages are the top-level names of the outputs that are not
// pages: the theme's assets and the search indexes (Files; the facilitator
// edition's manifest is search-index.js at its top, and each edition's
// shards sit in "search", beside its search page), and the PDFs `lectern
// pdf` prints.
var outputsBesidePages = []string{"assets", "pdf", "search", "search-index.js"}

// Reserved are the names no top-level module or part may take as its slug,
// since the outputs use them at the top of an edition or of the site: the
// facilitator edition's folder, the folders of the pages in the table
// above, and the outputs beside the pages. kit.Options.Reserved takes them.
func Reserved() []string {
	out := []string{strings.TrimSuffix(editionRoot(markdown.Facilitator), "/")}
	seen := map[string]bool{out[0]: true}
	for _, k := range pageKinds {
		top, _, folder := strings.Cut(k.path, "/")
		if folder && !seen[top] {
			seen[top] = true
			out = append(out, top)
		}
	}
	for _, n := range outputsBesidePages {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

package render

import (
	"bytes"
	"html/template"
	"net/url"
	"slices"
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
	// Slot is a module's place on the run-sheet (facilitator module pages).
	Slot *SlotData

	// Reference is the pages off the schedule (home page), listed after
	// the modules; KeyPoints every module's key points (the key points
	// page, the end of the handout). See reference.go.
	Reference []ModuleData
	KeyPoints []KeyPointsData
	// RunSheetURL is the run-sheet page (the facilitator dashboard).
	RunSheetURL string
	// Deck is the workshop as slides (deck.go).
	Deck *DeckData
}

// RunSheet is the page's Schedule with the way from the page to the module
// pages, for the "schedule" template: its titles and segments are links.
func (d *Data) RunSheet() RunSheetData {
	return RunSheetData{Schedule: d.Schedule, Root: d.Root}
}

// RunSheetData is a Schedule as one page shows it.
type RunSheetData struct {
	*Schedule
	Root string // from the page to its edition's home folder
}

// SlotData is a module's place in the workshop, as its facilitator page
// shows it: "Day 2 · 09:25–10:05 · after the coffee break".
type SlotData struct {
	Day        int
	Date       string // "2026-12-10", or "" when the kit has no date
	DayLabel   string // "Day 2", or "" in a workshop of one day
	Start, End int    // planned, minutes after midnight
	Note       string // where it stands in the day, or ""
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
	About   string // what a tool page is for, in a line (pages.go)
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
	Objectives                      []string
	Materials                       []kit.Material
	Segments                        []markdown.Segment
	Draft                           bool
	Worksheets                      int
	// Order is the module's place in the kit, from 1: pages that show
	// only some modules use it to sort what the attendee saved.
	Order int
	// Reference marks a page off the schedule, FacilitatorOnly a page of
	// the facilitator edition only (reference.go).
	Reference, FacilitatorOnly bool
}

// Section is one module on an aggregate page.
type Section struct {
	ID     string
	Module ModuleData
	// The guide's: the module's place on the run-sheet (nil when it has
	// none) and what it needs, counted for the room.
	Slot   *SlotData
	Needs  []NeedData
	edited // the module's HTML, for Body
	// solutions are gathered after the module (reference.go).
	solutions []markdown.Gathered
}

// Body is the module's HTML on this page (links resolved, ids made unique,
// headings moved below the module's title), made when the template writes
// it: a page of every module then holds one module's copy at a time.
func (sec Section) Body() template.HTML { return sec.body() }

// edited is converted HTML as a page shows it: edition e of html, its
// links and ids rewritten by rw, its headings moved down shift levels.
type edited struct {
	html  markdown.HTML
	e     markdown.Edition
	rw    *refRewriter
	shift int
}

func (ed edited) body() template.HTML {
	buf := bodies.Get().(*bytes.Buffer)
	buf.Reset()
	ed.rw.rewriteEdition(buf, ed.html, ed.e)
	shiftHeadingsIn(buf.Bytes(), ed.shift)
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

// WorksheetData is a worksheet or a self-check in the pack.
type WorksheetData struct {
	// Kind is "worksheet" or "selfcheck": the pack has both.
	Kind    string
	Title   string
	Minutes int
	Module  ModuleData
	ID      string
	QR      *QRData // the module's online page (nil without base_url)
	Piece           // its HTML
}

// MaterialData is one line of the materials list: a thing to bring,
// counted for the room, with the modules that use it.
type MaterialData struct {
	Item string
	// Quantity is how many to bring, 0 when not counted (plain text, or
	// site.toml lacks the numbers).
	Quantity int
	// Label is what the line says to bring: "108 Sticky notes", or the
	// item alone when it is not counted.
	Label string
	// Basis says how Quantity is counted: "6 per person × 18 · consumable,
	// adds up"; "" when there is nothing to explain.
	Basis      string
	Consumable bool
	// Key names the line in the browser's storage of ticks: the item as
	// the list merges it (lower case, trimmed).
	Key     string
	Modules []NavItem // the modules' pages, in kit order
	// Every is set when every module on the run-sheet (three or more)
	// uses it: the list says so instead of naming them all.
	Every bool
}

// NeedData is one material of one module, counted for the room.
type NeedData struct {
	Label string // "72 Sticky notes", or the item alone
	Basis string // "4 per person, consumable", or ""
}

// pageData is what the template of page p receives: what every page has,
// then what its kind adds (its row's data function, pages.go).
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
	k := kindOf(p.Kind)
	rel := strings.TrimPrefix(p.Path, editionRoot(e))
	d.Root = upTo(rel)
	if e == markdown.Facilitator {
		d.AttendeeURL = up + s.attendeeURL(k, p.Module, rel) // reference.go
	}
	d.Offline = s.offlineLink(p, up)           // offline.go
	d.Nav = s.nav(d.Root, e, p.Module, p.Part) // nav.go
	d.Links = links(s.tools(e), d.Root, rel)   // reference.go
	if k != nil {
		k.data(s, p, d)
	}
	return d
}

// The data functions of the kinds of page (pages.go), one a kind.

func (s *Site) homePage(p PageRef, d *Data) {
	d.Title = s.Kit.Home.Title
	d.Summary = s.Kit.Home.Summary
	if s.home != nil {
		d.Body = ownBody(s.home.HTML, p, d)
	}
	d.Modules, d.Reference = s.moduleLists(s.Kit.Modules, p.Edition, d.Root) // reference.go
}

func (s *Site) partPage(p PageRef, d *Data) {
	d.Title = p.Part.Title
	d.Summary = p.Part.Summary
	if doc := s.parts[p.Part]; doc != nil {
		d.Body = ownBody(doc.HTML, p, d)
	}
	d.Modules, _ = s.moduleLists(p.Part.Modules, p.Edition, d.Root) // reference.go
}

func (s *Site) modulePage(p PageRef, d *Data) {
	m := p.Module
	md := s.moduleData(m, d.Root)
	d.Module = &md
	d.Title = m.Title
	d.Summary = m.Summary
	d.Body = ownBody(s.docs[m].HTML, p, d)
	d.Prev, d.Next = s.prevNext(m, p.Edition, d.Root) // reference.go
	if p.Edition == markdown.Facilitator {
		d.Slot = s.slotData(m)
	}
}

// dashboardPage is the facilitator edition's home: the workshop's days and
// numbers, today's run-sheet in brief (lectern.js picks the day), the tool
// pages (.Links, with what each is for), and every module, as the attendee
// home lists them.
func (s *Site) dashboardPage(p PageRef, d *Data) {
	d.Title = s.t("dashboard")
	if s.Kit.Home != nil {
		d.Summary = s.Kit.Home.Summary
	}
	d.Schedule = s.Schedule
	d.RunSheetURL = d.Root + agendaPath
	d.Modules, d.Reference = s.moduleLists(s.Kit.Modules, p.Edition, d.Root) // reference.go
	for _, md := range d.Modules {
		d.Total += md.Minutes
	}
}

// slotData is module m's place on the run-sheet, or nil. Its note places it
// by the day's landmarks, which a facilitator finds faster than a number:
// the start and end of the day and the breaks.
func (s *Site) slotData(m *kit.Module) *SlotData {
	day, sl := s.Schedule.ModuleSlot(m)
	if day == nil || sl == nil {
		return nil
	}
	sd := &SlotData{Day: day.Number, Date: day.Date.String(), Start: sl.Start, End: sl.End}
	theDay := s.t("the_day")
	if len(s.Schedule.Days) > 1 {
		sd.DayLabel = s.t("day_n", day.Number)
		theDay = s.t("day_lower", day.Number)
	}
	i := slices.Index(day.Items, sl)
	var notes []string
	switch {
	case i == 0:
		notes = append(notes, s.t("opens_day", theDay))
	case day.Items[i-1].Break:
		notes = append(notes, s.t("after_break", s.breakName(day.Items[i-1].Title)))
	case i == len(day.Items)-1:
		notes = append(notes, s.t("closes_day", theDay))
	case day.Items[i+1].Break:
		notes = append(notes, s.t("before_break", s.breakName(day.Items[i+1].Title)))
	}
	if sl.Over {
		notes = append(notes, s.t("runs_past_end"))
	}
	sd.Note = strings.Join(notes, " · ")
	return sd
}

// breakName is a break's title inside a sentence: "Coffee break" becomes
// "the coffee break", "Lunch" "lunch"; "Q&A" keeps its capital.
func breakName(title string) string {
	r := []rune(title)
	if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	t := string(r)
	first, _, _ := strings.Cut(strings.ToLower(t), " ")
	switch first {
	case "the", "a", "an", "lunch", "breakfast", "brunch", "dinner", "supper":
		return t
	}
	return "the " + t
}

func (s *Site) handoutPage(p PageRef, d *Data) {
	d.Title = s.t("tool_handout")
	s.everyModule(p, d)
	d.KeyPoints = s.keyPoints(p.Edition, d, "key-points--", 2) // reference.go: at the end
}

// guidePage is the facilitator's book: the run-sheet and the materials
// list first, then every module with its slot and what it needs.
func (s *Site) guidePage(p PageRef, d *Data) {
	d.Title = s.t("tool_guide")
	d.Schedule = s.Schedule
	// Its materials name the modules further down the page.
	d.Materials = s.materialList(func(m *kit.Module) string { return "#" + sectionID(m) })
	s.everyModule(p, d)
	needs := s.needs()
	byID := make(map[string]*kit.Module, len(s.Kit.Modules))
	for _, m := range s.Kit.Modules {
		byID[sectionID(m)] = m
	}
	for i := range d.Sections {
		m := byID[d.Sections[i].ID]
		d.Sections[i].Slot = s.slotData(m)
		d.Sections[i].Needs = needs[m]
	}
}

// everyModule fills the printed book of the whole workshop, which the
// handout and the guide are: every module's body, and a cover.
func (s *Site) everyModule(p PageRef, d *Data) {
	d.Sections = s.sections(p.Edition, p.Path, d)
	for _, sec := range d.Sections {
		d.Total += sec.Module.Minutes
	}
	if s.Kit.Home != nil {
		d.Summary = s.Kit.Home.Summary
	}
	d.QR = s.qr("", s.t("workshop_online"))
}

func (s *Site) worksheetsPage(p PageRef, d *Data) {
	e := p.Edition
	d.Title = s.t("worksheets")
	for _, m := range s.reading {
		if !visible(m, e) { // reference.go
			continue
		}
		// The module's worksheets and self-checks, in the order they come:
		// a self-check is a pen-and-paper exercise too.
		doc := s.docs[m]
		ws, sc := doc.Worksheets, doc.Selfchecks
		for len(ws) > 0 || len(sc) > 0 {
			var it WorksheetData
			var html markdown.HTML
			var id string
			var fac bool
			if len(sc) == 0 || (len(ws) > 0 && ws[0].Off < sc[0].Off) {
				w := ws[0]
				ws = ws[1:]
				it = WorksheetData{Kind: "worksheet", Title: w.Title, Minutes: w.Minutes}
				html, id, fac = w.HTML, w.ID, w.InFacilitator
			} else {
				c := sc[0]
				sc = sc[1:]
				it = WorksheetData{Kind: "selfcheck", Title: c.Title}
				if it.Title == "" {
					it.Title = s.t("selfcheck")
				}
				html, id, fac = c.HTML, c.ID, c.InFacilitator
			}
			if fac && e == markdown.Attendee {
				continue
			}
			pc, md, pre := s.lazyPiece(m, html, e, d, 1)
			it.Piece, it.Module, it.ID = pc, md, pre+id
			it.QR = s.qr(m.Dir(), s.t("module_online", m.Title))
			d.Worksheets = append(d.Worksheets, it)
		}
	}
}

func (s *Site) quotesPage(p PageRef, d *Data) {
	d.Title = s.t("quotes")
	s.quoteWall(p, d)
}

// quoteWall fills every quote of the edition, for the quotes page and its
// projector view.
func (s *Site) quoteWall(p PageRef, d *Data) {
	e := p.Edition
	for _, m := range s.reading {
		if !visible(m, e) { // reference.go
			continue
		}
		for _, q := range s.docs[m].Quotes {
			if q.InFacilitator && e == markdown.Attendee {
				continue
			}
			h, md, _ := s.piece(m, q.HTML, e, d)
			d.Quotes = append(d.Quotes, QuoteData{HTML: h, By: q.By, Where: q.Where,
				Module: md, ModuleURL: md.URL + "#" + q.ID, InFacilitator: q.InFacilitator})
		}
	}
}

func (s *Site) agendaPage(_ PageRef, d *Data) {
	d.Title = s.t("runsheet")
	d.Schedule = s.Schedule
}

func (s *Site) materialsPage(_ PageRef, d *Data) {
	d.Title = s.t("materials")
	d.Schedule = s.Schedule
	d.Materials = s.materialList(func(m *kit.Module) string { return d.Root + m.URL() })
}

// ownBody is the page's own converted body (the home page's, a part's or
// a module's) in the page's edition, its links made relative to the page.
func ownBody(html markdown.HTML, p PageRef, d *Data) template.HTML {
	return edited{html: html, e: p.Edition, rw: &refRewriter{root: d.Root, site: upTo(p.Path)}}.body()
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
		if visible(m, e) { // reference.go
			local[m.URL()] = sectionID(m) + "--"
		}
	}
	var out []Section
	for _, m := range s.reading { // reference.go: the reference pages last
		if !visible(m, e) {
			continue
		}
		pre := sectionID(m) + "--"
		rw := &refRewriter{root: d.Root, site: upTo(pagePath), prefix: pre, local: local}
		// The module's title is an h2 (h3 under its part's h2): its own
		// headings go below it.
		shift := 1
		md := s.moduleData(m, d.Root)
		if m.OffSchedule {
			// The reference pages come together, as if in a part.
			md.PartTitle, md.PartURL = s.t("reference"), ""
		}
		if md.PartTitle != "" {
			shift = 2
		}
		html, sols := s.handoutBody(m, d.Kind) // reference.go
		out = append(out, Section{ID: sectionID(m), Module: md,
			edited: edited{html: html, e: e, rw: rw, shift: shift}, solutions: sols})
	}
	return out
}

// piece is a piece of module m's HTML (a worksheet, a quote) shown on its
// own on the aggregate page d: its ids prefixed with pre, links to the rest
// of the module sent to the module's page (md.URL).
func (s *Site) piece(m *kit.Module, html markdown.HTML, e markdown.Edition, d *Data) (h template.HTML, md ModuleData, pre string) {
	pc, md, pre := s.lazyPiece(m, html, e, d, 0)
	return pc.HTML(), md, pre
}

// Piece is a block of a module on a page that shows many (a sheet of the
// worksheet pack), as the template gets it: its HTML is made when the
// template writes it, so that the page holds one block's HTML at a time.
// Holding the pack's every worksheet at once was a sixth of a large
// build's peak memory. (A deck slide's block is small: it keeps its HTML.)
type Piece struct {
	ed   edited
	page string // the module's page, where links to what the block leaves out go
}

// HTML is the block's HTML on the page (piece).
func (p Piece) HTML() template.HTML {
	if p.ed.rw == nil {
		return ""
	}
	return outsideLinks(p.ed.body(), p.ed.rw.prefix, p.page)
}

// lazyPiece is piece, its HTML made when written, its headings moved down
// shift levels.
func (s *Site) lazyPiece(m *kit.Module, html markdown.HTML, e markdown.Edition, d *Data, shift int) (Piece, ModuleData, string) {
	pre := sectionID(m) + "--"
	md := s.moduleData(m, d.Root)
	rw := &refRewriter{root: d.Root, site: upTo(d.Path), prefix: pre}
	return Piece{ed: edited{html: html, e: e, rw: rw, shift: shift}, page: md.URL}, md, pre
}

func (s *Site) moduleData(m *kit.Module, root string) ModuleData {
	doc := s.docs[m]
	md := ModuleData{Title: m.Title, Summary: m.Summary, URL: root + m.URL(), Slug: m.Slug, Path: m.Path(),
		Minutes: ModuleMinutes(m, doc), Objectives: m.Objectives, Materials: m.Materials, Draft: m.Draft,
		Order: s.moduleIndex(m) + 1, Reference: m.OffSchedule, FacilitatorOnly: m.FacilitatorOnly}
	if m.Part != nil {
		md.PartTitle, md.PartURL = m.Part.Title, root+m.Part.URL()
	}
	if doc != nil {
		md.Segments = doc.Segments
		md.Worksheets = len(doc.Worksheets)
	}
	return md
}

// links are the edition's tool pages (Site.tools) for a page at rel
// (within its edition), root being the way up to the edition's home.
func links(tools []NavItem, root, rel string) []NavItem {
	items := append([]NavItem(nil), tools...)
	for i := range items {
		items[i].Current = items[i].URL == rel
		items[i].URL = root + items[i].URL
	}
	return items
}

// materialList is the list of materials, from Schedule.Materials, with
// links to the modules that use each: link gives a module's address.
func (s *Site) materialList(link func(*kit.Module) string) []MaterialData {
	out := make([]MaterialData, 0, len(s.Schedule.Materials))
	for _, l := range s.Schedule.Materials {
		md := MaterialData{Item: l.Item, Quantity: l.Quantity, Label: s.counted(l.Item, l.Quantity),
			Basis: s.materialBasis(l), Consumable: l.Consumable, Key: strings.ToLower(l.Item)}
		mods := l.Modules()
		md.Every = len(mods) > 2 && len(mods) == len(s.Schedule.slots) // every module on the run-sheet
		for _, m := range mods {
			md.Modules = append(md.Modules, NavItem{Title: m.Title, URL: link(m)})
		}
		out = append(out, md)
	}
	return out
}

// counted names an item and how many, in the site's digits: "Flip chart
// × 2" ("× ٢" in Arabic), in the form of a shopping list, so that an item
// written in the singular still reads right.
func (s *Site) counted(item string, n int) string {
	item = strings.TrimSpace(item)
	if n > 1 {
		return item + " × " + s.loc.Num(n)
	}
	return item
}

// materialBasis says how a line is counted: the consumable uses added up
// by what they count per, plus the largest reusable use; then that the
// uses add up, or that the largest counts when they differ. A plain count
// for the room needs no explaining.
func (s *Site) materialBasis(l *MaterialLine) string {
	sums := map[string]int{} // consumable counts, by per
	var most *MaterialUse    // the largest reusable use
	counted, differ := 0, false
	for i, u := range l.Uses {
		if u.Material.Count == 0 {
			continue // plain text says nothing about numbers
		}
		counted++
		switch {
		case u.Material.Consumable:
			sums[u.Material.Per] += u.Material.Count
		case most == nil:
			most = &l.Uses[i]
		default:
			differ = differ || u.Quantity != most.Quantity || u.Material.Per != most.Material.Per
			if u.Quantity > most.Quantity {
				most = &l.Uses[i]
			}
		}
	}
	var terms []string
	for _, per := range []string{"person", "group", "workshop"} {
		if n := sums[per]; n > 0 {
			terms = append(terms, s.countTerm(n, per))
		}
	}
	if most != nil {
		terms = append(terms, s.countTerm(most.Material.Count, most.Material.Per))
	}
	switch {
	case counted == 0:
		return ""
	case l.Consumable:
		terms = append(terms, s.t("consumable"))
	case differ:
		terms = append(terms, s.t("most_one_needs"))
	case most.Material.Per == "workshop":
		return "" // "2 Flip chart" says it all
	}
	return strings.Join(terms, " · ")
}

// countTerm is count per per, for the room: "4 per person × 18".
func (s *Site) countTerm(count int, per string) string {
	switch per {
	case "person":
		if s.Schedule.Participants > 0 {
			return s.t("per_person", count, s.Schedule.Participants)
		}
	case "group":
		if s.Schedule.Groups > 0 {
			return s.t("per_group", count, s.Schedule.Groups)
		}
	case "workshop":
		return s.t("for_room", count)
	}
	return s.perTerm(count, per)
}

// needs is each module's materials in its front matter's order, counted
// for the room, as the guide lists them under the module.
func (s *Site) needs() map[*kit.Module][]NeedData {
	uses := map[*kit.Module][]MaterialUse{}
	for _, l := range s.Schedule.Materials {
		for _, u := range l.Uses {
			uses[u.Module] = append(uses[u.Module], u)
		}
	}
	out := map[*kit.Module][]NeedData{}
	for m, us := range uses {
		// Back to the order the module lists them in.
		pos := func(u MaterialUse) int {
			a := u.Material
			return slices.IndexFunc(m.Materials, func(b kit.Material) bool {
				return a.Item == b.Item && a.Count == b.Count && a.Per == b.Per && a.Consumable == b.Consumable
			})
		}
		sort.SliceStable(us, func(i, j int) bool { return pos(us[i]) < pos(us[j]) })
		for _, u := range us {
			n := NeedData{Label: s.counted(u.Material.Item, u.Quantity)}
			var basis []string
			if mat := u.Material; mat.Count > 0 && mat.Per != "workshop" {
				basis = append(basis, s.perTerm(mat.Count, mat.Per))
			}
			if u.Material.Consumable {
				basis = append(basis, s.t("consumable_short"))
			}
			n.Basis = strings.Join(basis, s.t("list_sep"))
			out[m] = append(out[m], n)
		}
	}
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

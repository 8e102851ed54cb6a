package render

import (
	"html/template"
	"slices"
	"strings"
	"sync"

	"lectern/generator/i18n"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Navigation. Every page lists the kit's top level and the modules of its
// own part, each cut to a window in a long kit (navWindow). Executed item by
// item through html/template, it was most of the rendering time. Yet it
// differs between two pages at the same depth only in the current item, the
// window and the open part, so it is made in pieces, once: the items for each
// address prefix (root), and each item's HTML for each template set,
// through the theme's "nav-item" template (and each module of a part
// through "nav-child"). A page renders only its own items: the current one,
// and its open part around the modules' cached HTML. The output is what
// ranging over Data.Nav with the same template gives (nav_test.go).

// navCache holds those pieces for one Site. The zero value is ready.
type navCache struct {
	mu       sync.Mutex
	bases    map[baseKey]*navBase    // by root and edition
	snippets map[navKey]*navSnippets // by template set, root and edition
}

// navBase is the navigation of one edition for pages with one root, before
// a page marks its current item and opens its part. Reference pages
// (schedule = false) are not among the entries and the parts' modules: they
// are listed after them, in a group of their own (reference.go). The
// attendee edition's lists leave facilitator-only pages out.
type navBase struct {
	once     sync.Once
	top      []NavItem   // one per entry: none current, no children
	entries  []kit.Entry // the kit's entries that top lists
	children map[*kit.Part][]NavItem
	kids     map[*kit.Part][]*kit.Module // the modules children lists
	ref      []NavItem                   // the reference pages
	refs     []*kit.Module
	loc      *i18n.Locale // the site's: the "more" items speak its language
}

type baseKey struct {
	root string
	e    markdown.Edition
}

type navKey struct {
	t    *template.Template
	root string
	e    markdown.Edition
}

// navSnippets is the HTML of each item of a navBase's top as "nav-item"
// renders it, and of each part's modules as "nav-child" does.
type navSnippets struct {
	once  sync.Once
	html  []string
	err   error
	mu    sync.Mutex
	kids  map[*kit.Part]*navKids
	items sync.Map // itemKey -> string (item)
}

// item is the HTML of an item without children through the template
// name, made once: the current item and the "more" items recur, in the
// other edition and on the pages near each other.
func (sn *navSnippets) item(t *template.Template, name string, it NavItem) (string, error) {
	k := itemKey{name: name, title: it.Title, url: it.URL, current: it.Current, part: it.Part, minutes: it.Minutes, more: it.More}
	if h, ok := sn.items.Load(k); ok {
		return h.(string), nil
	}
	var w strings.Builder
	if err := t.ExecuteTemplate(&w, name, it); err != nil {
		return "", err
	}
	sn.items.Store(k, w.String())
	return w.String(), nil
}

// itemKey is everything of an item without children that a template sees.
type itemKey struct {
	name, title, url string
	current, part    bool
	minutes, more    int
}

type navKids struct {
	once sync.Once
	html []string
	err  error
}

func (s *Site) navBase(root string, e markdown.Edition) *navBase {
	if !s.facilitatorPages() {
		e = markdown.Attendee // the editions list the same pages: share them
	}
	s.navs.mu.Lock()
	if s.navs.bases == nil {
		s.navs.bases = map[baseKey]*navBase{}
	}
	b := s.navs.bases[baseKey{root, e}]
	if b == nil {
		b = &navBase{loc: s.loc}
		s.navs.bases[baseKey{root, e}] = b
	}
	s.navs.mu.Unlock()
	b.once.Do(func() {
		b.children = map[*kit.Part][]NavItem{}
		b.kids = map[*kit.Part][]*kit.Module{}
		for _, en := range s.Kit.Entries {
			if m := en.Module; m != nil {
				if listed(m, e) { // reference.go
					b.top = append(b.top, NavItem{Title: m.Title, URL: root + m.URL(), Minutes: ModuleMinutes(m, s.docs[m]), idx: len(b.top)})
					b.entries = append(b.entries, en)
				}
				continue
			}
			p := en.Part
			b.top = append(b.top, NavItem{Title: p.Title, URL: root + p.URL(), Part: true, idx: len(b.top)})
			b.entries = append(b.entries, en)
			var kids []NavItem
			for _, m := range p.Modules {
				if listed(m, e) {
					kids = append(kids, NavItem{Title: m.Title, URL: root + m.URL(), Minutes: ModuleMinutes(m, s.docs[m]), idx: len(kids)})
					b.kids[p] = append(b.kids[p], m)
				}
			}
			b.children[p] = kids
		}
		for _, m := range s.reading {
			if m.OffSchedule && visible(m, e) {
				b.ref = append(b.ref, NavItem{Title: m.Title, URL: root + m.URL(), Minutes: ModuleMinutes(m, s.docs[m]), idx: len(b.ref)})
				b.refs = append(b.refs, m)
			}
		}
	})
	return b
}

// A list longer than navLimit shows only the navSpan items either side of
// the current one (or its first ones, when none is current), and a "more"
// item in place of each run it leaves out, linking to the page that lists
// them all. So a page's navigation stays the same size however large the
// kit grows: listing every part on every page made the output grow with
// modules × parts, and that list was most of each page's bytes.
const (
	navLimit = 15
	navSpan  = 5
)

// navWindow is the part [lo, hi) of a list of n items that a page shows
// around item cur (-1: none).
func navWindow(n, cur int) (lo, hi int) {
	if n <= navLimit {
		return 0, n
	}
	lo = max(0, cur-navSpan)
	hi = lo + 2*navSpan + 1
	if hi > n {
		hi, lo = n, n-2*navSpan-1
	}
	// A "more" item for a single item would only be longer than the item.
	if lo == 1 {
		lo = 0
	}
	if hi == n-1 {
		hi = n
	}
	return lo, hi
}

// nav lists the top level (modules and parts) and the modules of the
// current part only, each cut to a window around the current item, then
// the reference pages, if any.
func (s *Site) nav(root string, e markdown.Edition, cur *kit.Module, curPart *kit.Part) []NavItem {
	if cur != nil && cur.Part != nil && !cur.OffSchedule {
		curPart = cur.Part
	}
	b := s.navBase(root, e)
	at := -1
	for i, en := range b.entries {
		if (en.Module != nil && en.Module == cur) || (en.Part != nil && en.Part == curPart) {
			at = i
			break
		}
	}
	// The home page lists every module under its part (home.html).
	out := windowed(b.loc, b.top, at, root+"index.html#modules-heading", func(i int) bool { return b.entries[i].Part != nil })
	for i := range out {
		it := &out[i]
		if it.idx < 0 {
			continue
		}
		en := b.entries[it.idx]
		if en.Module != nil {
			it.Current = en.Module == cur
			continue
		}
		p := en.Part
		if p != curPart {
			continue
		}
		it.Current = cur == nil
		kid := slices.Index(b.kids[p], cur)
		it.Children = windowed(b.loc, b.children[p], kid, root+p.URL(), func(int) bool { return false })
		for j := range it.Children {
			it.Children[j].Current = kid >= 0 && it.Children[j].idx == kid
		}
	}
	if len(b.ref) > 0 {
		out = append(out, referenceGroup(b, root, cur)) // reference.go
	}
	return out
}

// windowed copies the window of items around cur, with a "more" item
// linking to all for each run left out; isPart tells which items are parts.
func windowed(loc *i18n.Locale, items []NavItem, cur int, all string, isPart func(int) bool) []NavItem {
	lo, hi := navWindow(len(items), cur)
	out := make([]NavItem, 0, hi-lo+2)
	more := func(from, to int, where string) {
		if from < to {
			out = append(out, NavItem{Title: moreTitle(loc, to-from, where, isPart, from, to), URL: all, More: to - from, idx: -1})
		}
	}
	if cur >= 0 {
		more(0, lo, "earlier")
	}
	out = append(out, items[lo:hi]...)
	if cur >= 0 {
		more(hi, len(items), "later")
	} else {
		more(hi, len(items), "more")
	}
	return out
}

// moreTitle names n items left out: "12 later parts", "3 more modules",
// in loc's language (keys nav_<where>_<noun>).
func moreTitle(loc *i18n.Locale, n int, where string, isPart func(int) bool, from, to int) string {
	parts := 0
	for i := from; i < to; i++ {
		if isPart(i) {
			parts++
		}
	}
	noun := "items"
	switch {
	case parts == 0:
		noun = "modules"
	case parts == n:
		noun = "parts"
	}
	return loc.N("nav_"+where+"_"+noun, n)
}

// navHTML renders d.Nav with t's "nav-item" template (and the open part's
// modules with "nav-child"): the items every page at d's depth shares come
// from the cache. It is "" when t has no "nav-item" (a kit's own base.html
// that ranges over .Nav).
func (s *Site) navHTML(t *template.Template, d *Data) (template.HTML, error) {
	if t.Lookup("nav-item") == nil {
		return "", nil
	}
	e := markdown.Attendee
	if d.Facilitator {
		e = markdown.Facilitator
	}
	b := s.navBase(d.Root, e)
	if !s.facilitatorPages() {
		e = markdown.Attendee
	}
	sn, err := s.navSnippets(t, d.Root, e, b)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	out.Grow(4 << 10)
	for _, it := range d.Nav {
		cached := it.idx >= 0 && it.idx < len(sn.html) && sameItem(it, b.top[it.idx])
		if cached && !it.Current && len(it.Children) == 0 {
			out.WriteString(sn.html[it.idx])
			continue
		}
		if len(it.Children) == 0 {
			h, err := sn.item(t, "nav-item", it)
			if err != nil {
				return "", err
			}
			out.WriteString(h)
			continue
		}
		if cached && len(it.Children) > 0 && b.entries[it.idx].Part != nil && t.Lookup("nav-child") != nil {
			p := b.entries[it.idx].Part
			items := b.children[p]
			kids, err := sn.children(t, p, items)
			if err != nil {
				return "", err
			}
			var cb strings.Builder
			for _, c := range it.Children {
				if c.idx >= 0 && c.idx < len(kids) && !c.Current && sameItem(c, items[c.idx]) {
					cb.WriteString(kids[c.idx])
				} else if h, err := sn.item(t, "nav-child", c); err != nil {
					return "", err
				} else {
					cb.WriteString(h)
				}
			}
			it.ChildrenHTML = template.HTML(cb.String())
		}
		if err := t.ExecuteTemplate(&out, "nav-item", it); err != nil {
			return "", err
		}
	}
	return template.HTML(out.String()), nil
}

// sameItem reports whether a page's item is the shared one, as far as the
// shared HTML shows it (Current and Children are the page's own).
func sameItem(it, shared NavItem) bool {
	return it.Title == shared.Title && it.URL == shared.URL && it.Minutes == shared.Minutes && it.Part == shared.Part && it.More == 0
}

// navSnippets returns the HTML of b's items for the template set t.
func (s *Site) navSnippets(t *template.Template, root string, e markdown.Edition, b *navBase) (*navSnippets, error) {
	s.navs.mu.Lock()
	if s.navs.snippets == nil {
		s.navs.snippets = map[navKey]*navSnippets{}
	}
	key := navKey{t, root, e}
	sn := s.navs.snippets[key]
	if sn == nil {
		sn = &navSnippets{kids: map[*kit.Part]*navKids{}}
		s.navs.snippets[key] = sn
	}
	s.navs.mu.Unlock()
	sn.once.Do(func() {
		var w strings.Builder
		for _, it := range b.top {
			w.Reset()
			if sn.err = t.ExecuteTemplate(&w, "nav-item", it); sn.err != nil {
				return
			}
			sn.html = append(sn.html, w.String())
		}
	})
	return sn, sn.err
}

// children returns the HTML of part p's modules (items, none current) for
// the template set t, made on first use: only module and part pages open a
// part.
func (sn *navSnippets) children(t *template.Template, p *kit.Part, items []NavItem) ([]string, error) {
	sn.mu.Lock()
	k := sn.kids[p]
	if k == nil {
		k = &navKids{}
		sn.kids[p] = k
	}
	sn.mu.Unlock()
	k.once.Do(func() {
		var w strings.Builder
		for _, it := range items {
			w.Reset()
			if k.err = t.ExecuteTemplate(&w, "nav-child", it); k.err != nil {
				return
			}
			k.html = append(k.html, w.String())
		}
	})
	return k.html, k.err
}

// moduleIndex is m's position in the kit's reading order (Site.reading:
// the modules on the schedule, then the reference pages), or -1.
func (s *Site) moduleIndex(m *kit.Module) int {
	if i, ok := s.order[m]; ok {
		return i
	}
	return -1
}

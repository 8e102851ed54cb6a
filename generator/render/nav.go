package render

import (
	"html/template"
	"slices"
	"strings"
	"sync"

	"lectern/generator/kit"
)

// Navigation. Every page lists the kit's top level and the modules of its
// own part. With 80 parts that list is half of a module page, and executed
// item by item through html/template it was most of the rendering time. Yet
// it differs between two pages at the same depth only in the current item
// and the open part, so it is made in pieces, once: the items for each
// address prefix (root), and each item's HTML for each template set,
// through the theme's "nav-item" template (and each module of a part
// through "nav-child"). A page renders only its own items: the current one,
// and its open part around the modules' cached HTML. The output is what
// ranging over Data.Nav with the same template gives (nav_test.go).

// navCache holds those pieces for one Site. The zero value is ready.
type navCache struct {
	mu       sync.Mutex
	bases    map[string]*navBase     // by root
	snippets map[navKey]*navSnippets // by template set and root
	index    map[*kit.Module]int     // position in Kit.Modules
}

// navBase is the navigation for pages with one root, before a page marks
// its current item and opens its part.
type navBase struct {
	once     sync.Once
	top      []NavItem // one per kit entry: none current, no children
	children map[*kit.Part][]NavItem
}

type navKey struct {
	t    *template.Template
	root string
}

// navSnippets is the HTML of each item of a navBase's top as "nav-item"
// renders it, and of each part's modules as "nav-child" does.
type navSnippets struct {
	once sync.Once
	html []string
	size int // of all html
	err  error
	mu   sync.Mutex
	kids map[*kit.Part]*navKids
}

type navKids struct {
	once sync.Once
	html []string
	err  error
}

func (s *Site) navBase(root string) *navBase {
	s.navs.mu.Lock()
	if s.navs.bases == nil {
		s.navs.bases = map[string]*navBase{}
	}
	b := s.navs.bases[root]
	if b == nil {
		b = &navBase{}
		s.navs.bases[root] = b
	}
	s.navs.mu.Unlock()
	b.once.Do(func() {
		b.children = map[*kit.Part][]NavItem{}
		for _, en := range s.Kit.Entries {
			if m := en.Module; m != nil {
				b.top = append(b.top, NavItem{Title: m.Title, URL: root + m.URL(), Minutes: ModuleMinutes(m, s.docs[m])})
				continue
			}
			p := en.Part
			b.top = append(b.top, NavItem{Title: p.Title, URL: root + p.URL(), Part: true})
			var kids []NavItem
			for _, m := range p.Modules {
				kids = append(kids, NavItem{Title: m.Title, URL: root + m.URL(), Minutes: ModuleMinutes(m, s.docs[m])})
			}
			b.children[p] = kids
		}
	})
	return b
}

// nav lists the top level (modules and parts) and the modules of the
// current part only.
func (s *Site) nav(root string, cur *kit.Module, curPart *kit.Part) []NavItem {
	if cur != nil && cur.Part != nil {
		curPart = cur.Part
	}
	b := s.navBase(root)
	out := slices.Clone(b.top)
	for i, en := range s.Kit.Entries {
		if m := en.Module; m != nil {
			out[i].Current = m == cur
			continue
		}
		p := en.Part
		if p != curPart {
			continue
		}
		out[i].Current = cur == nil
		kids := slices.Clone(b.children[p])
		for j, m := range p.Modules {
			kids[j].Current = m == cur
		}
		out[i].Children = kids
	}
	return out
}

// navHTML renders d.Nav with t's "nav-item" template (and the open part's
// modules with "nav-child"): the items every page at d's depth shares come
// from the cache. It is "" when t has no "nav-item" (a kit's own base.html
// that ranges over .Nav).
func (s *Site) navHTML(t *template.Template, d *Data) (template.HTML, error) {
	if t.Lookup("nav-item") == nil {
		return "", nil
	}
	b := s.navBase(d.Root)
	sn, err := s.navSnippets(t, d.Root, b)
	if err != nil {
		return "", err
	}
	shared := len(d.Nav) == len(b.top) && len(b.top) == len(sn.html)
	var out strings.Builder
	out.Grow(sn.size + 4<<10) // the open part's modules fit, mostly
	for i, it := range d.Nav {
		if !shared || !sameItem(it, b.top[i]) {
			if err := t.ExecuteTemplate(&out, "nav-item", it); err != nil {
				return "", err
			}
			continue
		}
		if !it.Current && len(it.Children) == 0 {
			out.WriteString(sn.html[i])
			continue
		}
		if p := s.Kit.Entries[i].Part; p != nil && len(it.Children) > 0 && t.Lookup("nav-child") != nil {
			kids, err := sn.children(t, p, b.children[p])
			if err != nil {
				return "", err
			}
			var cb strings.Builder
			for j, c := range it.Children {
				if len(it.Children) == len(kids) && !c.Current && sameItem(c, b.children[p][j]) {
					cb.WriteString(kids[j])
				} else if err := t.ExecuteTemplate(&cb, "nav-child", c); err != nil {
					return "", err
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
	return it.Title == shared.Title && it.URL == shared.URL && it.Minutes == shared.Minutes && it.Part == shared.Part
}

// navSnippets returns the HTML of b's items for the template set t.
func (s *Site) navSnippets(t *template.Template, root string, b *navBase) (*navSnippets, error) {
	s.navs.mu.Lock()
	if s.navs.snippets == nil {
		s.navs.snippets = map[navKey]*navSnippets{}
	}
	key := navKey{t, root}
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
			sn.size += w.Len()
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

// moduleIndex is m's position in Kit.Modules, or -1.
func (s *Site) moduleIndex(m *kit.Module) int {
	s.navs.mu.Lock()
	defer s.navs.mu.Unlock()
	if s.navs.index == nil {
		s.navs.index = make(map[*kit.Module]int, len(s.Kit.Modules))
		for i, x := range s.Kit.Modules {
			s.navs.index[x] = i
		}
	}
	if i, ok := s.navs.index[m]; ok {
		return i
	}
	return -1
}

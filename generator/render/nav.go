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
// through the theme's "nav-item" template. A page renders only its own
// items: the current one and its open part. The output is what ranging over
// Data.Nav with the same template gives.

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

// navSnippets is the HTML of each item of a navBase's top, as "nav-item"
// renders it.
type navSnippets struct {
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

// navHTML renders d.Nav with t's "nav-item" template: the items every page
// at d's depth shares come from the cache. It is "" when t has no
// "nav-item" (a kit's own base.html that ranges over .Nav).
func (s *Site) navHTML(t *template.Template, d *Data) (template.HTML, error) {
	if t.Lookup("nav-item") == nil {
		return "", nil
	}
	s.navs.mu.Lock()
	if s.navs.snippets == nil {
		s.navs.snippets = map[navKey]*navSnippets{}
	}
	key := navKey{t, d.Root}
	sn := s.navs.snippets[key]
	if sn == nil {
		sn = &navSnippets{}
		s.navs.snippets[key] = sn
	}
	s.navs.mu.Unlock()
	sn.once.Do(func() {
		var b strings.Builder
		for _, it := range s.navBase(d.Root).top {
			b.Reset()
			if sn.err = t.ExecuteTemplate(&b, "nav-item", it); sn.err != nil {
				return
			}
			sn.html = append(sn.html, b.String())
		}
	})
	if sn.err != nil {
		return "", sn.err
	}
	top := s.navBase(d.Root).top
	var b strings.Builder
	for i, it := range d.Nav {
		if len(d.Nav) == len(top) && len(top) == len(sn.html) && !it.Current && len(it.Children) == 0 &&
			it.Title == top[i].Title && it.URL == top[i].URL && it.Minutes == top[i].Minutes && it.Part == top[i].Part {
			b.WriteString(sn.html[i])
			continue
		}
		if err := t.ExecuteTemplate(&b, "nav-item", it); err != nil {
			return "", err
		}
	}
	return template.HTML(b.String()), nil
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

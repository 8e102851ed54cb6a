package render

import (
	"html/template"
	"strings"
	"sync"

	"lectern/generator/markdown"
)

// Most of a page's frame (stylesheets, header, the edition's links,
// footer, scripts) is the same on every page of one kind, edition and
// folder depth, and html/template costs about a microsecond for each value
// it prints: running those pieces for every page was a quarter of the time
// spent rendering module pages. A theme renders such a piece once with
// {{cached "name" .Shared}}: the template "name" runs with .Shared, the
// data those pages share, the first time, and its HTML is reused for every
// page with the same .Shared. Since the piece sees nothing else, it cannot
// differ between them.

// Shared is what every page of one kind, edition and depth shows alike.
type Shared struct {
	Site        SiteData
	KitID       string
	Kind        string // the page kind: "module", "handout", …
	Edition     string // "attendee" or "facilitator"
	Facilitator bool
	Root        string    // from the page to its edition's home folder
	Assets      string    // from the page to the assets folder
	Links       []NavItem // the edition's aggregate pages

	t     *template.Template // the page kind's templates
	mu    sync.Mutex
	cache map[string]template.HTML
}

type sharedKey struct {
	t       *template.Template
	kind    string
	e       markdown.Edition
	root    string
	current string // the link to the page itself, if it is one
}

// sharedCache holds a site's Shared values.
type sharedCache struct {
	mu sync.Mutex
	m  map[sharedKey]*Shared
}

// shared returns the Shared of the page d of the template set t, edition
// e, at rel within its edition.
func (s *Site) shared(t *template.Template, e markdown.Edition, d *Data, rel string) *Shared {
	k := sharedKey{t: t, kind: d.Kind, e: e, root: d.Root}
	for _, l := range s.tools(e) { // reference.go
		if l.URL == rel {
			k.current = rel
		}
	}
	s.sharedPages.mu.Lock()
	defer s.sharedPages.mu.Unlock()
	if sh := s.sharedPages.m[k]; sh != nil {
		return sh
	}
	sh := &Shared{Site: d.Site, KitID: d.KitID, Kind: d.Kind, Edition: d.Edition, Facilitator: d.Facilitator,
		Root: d.Root, Assets: d.Assets, Links: links(s.tools(e), d.Root, k.current), t: t}
	if s.sharedPages.m == nil {
		s.sharedPages.m = map[sharedKey]*Shared{}
	}
	s.sharedPages.m[k] = sh
	return sh
}

// cached is the template function: the HTML of the template name run with
// sh, made once per sh.
func cached(name string, sh *Shared) (template.HTML, error) {
	if sh == nil {
		return "", nil
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if h, ok := sh.cache[name]; ok {
		return h, nil
	}
	var b strings.Builder
	if err := sh.t.ExecuteTemplate(&b, name, sh); err != nil {
		return "", err
	}
	if sh.cache == nil {
		sh.cache = map[string]template.HTML{}
	}
	h := template.HTML(b.String())
	sh.cache[name] = h
	return h, nil
}

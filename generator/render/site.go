// Package render turns a loaded kit into pages: it converts every page's
// Markdown once (in parallel), lays out the run-sheet, and renders both
// editions and the aggregate pages (handout, worksheets, quotes, agenda,
// guide, materials) through the theme's templates. It writes nothing to
// disk: callers ask for the list of pages and render each into a writer.
// The kinds of page are one table, pageKinds (pages.go).
//
// Start with New, then Site.Pages and Site.Render.
package render

import (
	"crypto/sha256"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"runtime"
	"strings"
	"sync"

	"lectern/generator/diag"
	"lectern/generator/i18n"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Options choose what a site contains.
type Options struct {
	// Only limits the pages to one edition: "", "attendee" or "facilitator".
	Only string
	// Drafts marks draft modules as such (the loader decides whether they are in).
	Drafts bool
	// Highlights is the memory of highlighted code the site's Markdown
	// converter uses (markdown.Options); nil: one for this site alone.
	Highlights *markdown.Highlights
	// Before are an earlier site's conversions of this kit (Conversions,
	// ReadConversions), to take a page's from instead of converting it
	// again when nothing it depends on changed; nil converts every page.
	Before *Conversions
}

// Site is a kit ready to render.
type Site struct {
	Kit      *kit.Kit
	Theme    *Theme
	Opt      Options
	Schedule *Schedule
	docs     map[*kit.Module]*markdown.Doc
	home     *markdown.Doc
	parts    map[*kit.Part]*markdown.Doc
	conv     *markdown.Converter
	order    map[*kit.Module]int // position in reading (moduleIndex)
	targets  map[string]string   // kit source path -> edition path
	files    map[string]string   // kit path -> output path (published)
	// bundles, attUses and facUses are the bundle files that may move to
	// the facilitator edition, and those attendee and facilitator text
	// link to (bundles.go).
	bundles, attUses, facUses map[string]bool
	kitID                     string
	// conversions keeps each page's conversion, for Update and the next
	// build (conversions.go).
	conversions *Conversions
	// layout is layoutKey's, made once (pagekey.go).
	layoutOnce  sync.Once
	layout      string
	navs        navCache    // nav.go
	search      searchData  // search_build.go
	sharedPages sharedCache // shared.go

	// reading is the modules on the schedule, then the reference pages
	// (reference.go).
	reading  []*kit.Module
	gathered siteHas // reference.go

	// loc is the site's language: its strings, clock and dates (i18n);
	// tools18n its tool links (locale.go).
	loc      *i18n.Locale
	tools18n localTools
}

// Locale is the site's language, resolved once: the theme's strings with
// the kit's own over them, its clock and its dates.
func (s *Site) Locale() *i18n.Locale { return s.loc }

// New converts every page of k. Problems in content are returned with the
// site; the site can be rendered only when they hold no error.
func New(k *kit.Kit, th *Theme, opt Options) (*Site, diag.List) {
	return build(k, th, opt, nil)
}

// build is New; it takes a page's conversion from prev's, or else from
// opt.Before, instead of converting again when nothing the conversion
// depends on changed (see Conversions).
func build(k *kit.Kit, th *Theme, opt Options, prev *Site) (*Site, diag.List) {
	var errs diag.List
	for alias, name := range k.Config.Blocks.Aliases {
		line := k.Config.KeyLine("blocks.aliases." + alias)
		switch {
		case !markdown.PlainName(alias):
			errs.Errorf("site.toml", line, 0, "alias %q must be a plain name: a letter, then letters, digits, - or _", alias)
		case markdown.IsBlock(alias):
			// Else `facilitator = "note"` would publish every facilitator note.
			errs.Errorf("site.toml", line, 0, "alias %q is the name of a built-in block, which an alias may not replace: choose another name", alias)
		case !markdown.IsBlock(name):
			errs.Errorf("site.toml", line, 0, "alias %q points to %q, which is not a block", alias, name)
		}
	}
	s := &Site{Kit: k, Theme: th, Opt: opt, docs: map[*kit.Module]*markdown.Doc{}, parts: map[*kit.Part]*markdown.Doc{}, kitID: kitID(k)}
	s.loc = siteLocale(k, prev)
	s.conv = markdown.New(markdown.Options{Unsafe: k.Config.Markdown.Unsafe, Aliases: k.Config.Blocks.Aliases, Highlights: opt.Highlights,
		PrintSolutions: k.Config.Print.Solutions, Locale: s.loc})
	s.targets, s.files, s.bundles = targets(k), published(k), bundleKitPaths(k)
	s.reading = readingOrder(k) // reference.go
	s.order = make(map[*kit.Module]int, len(k.Modules))
	for i, m := range s.reading {
		s.order[m] = i
	}

	// Convert every page on all cores.
	type job struct {
		page *kit.Page
		mod  *kit.Module // nil for the home page and parts
		set  func(*markdown.Doc)
	}
	var jobs []job
	var mu sync.Mutex
	if k.Home != nil {
		jobs = append(jobs, job{k.Home, nil, func(d *markdown.Doc) { s.home = d }})
	}
	for _, p := range k.Parts {
		jobs = append(jobs, job{&p.Page, nil, func(d *markdown.Doc) { mu.Lock(); s.parts[p] = d; mu.Unlock() }})
	}
	for _, m := range k.Modules {
		jobs = append(jobs, job{&m.Page, m, func(d *markdown.Doc) { mu.Lock(); s.docs[m] = d; mu.Unlock() }})
	}
	results := make([]diag.List, len(jobs))
	kept := make([]*converted, len(jobs))
	before := opt.Before
	if prev != nil {
		before = prev.conversions
	}
	s.Opt.Before = nil // the site keeps what it took, not the rest
	key := converterKey(k, s.loc)
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		sum := sha256.Sum256(j.page.Body)
		att, fac := s.pageResolvers(j.page, j.mod) // conversions.go
		if c := before.reuse(key, j.page, sum, att, fac); c != nil {
			j.set(c.doc)
			results[i], kept[i] = c.diags, c
			return
		}
		d, e := s.conv.Convert(markdown.Source{Path: j.page.Source, Body: j.page.Body, BodyLine: j.page.BodyLine,
			Resolve: att, ResolveFacilitator: fac})
		var lines *diag.Lines // only when needed: most pages have no bad link
		for _, l := range d.Links {
			if !l.Resolved {
				if lines == nil {
					lines = diag.NewLines(j.page.Body)
				}
				line, col := lines.Position(l.Off)
				e.Warnf(j.page.Source, line+j.page.BodyLine-1, col, "link to %q points nowhere", l.Dest)
			}
		}
		j.set(d)
		results[i], kept[i] = e, newConverted(sum, j.page, d, e, att, fac)
	})
	for _, e := range results {
		errs = append(errs, e...)
	}
	s.conversions = &Conversions{key: key, pages: make(map[string]*converted, len(jobs))}
	unchanged := before != nil && len(before.pages) == len(jobs)
	for i, j := range jobs {
		s.conversions.pages[j.page.Source] = kept[i]
		unchanged = unchanged && before.pages[j.page.Source] == kept[i]
	}
	s.conversions.unchanged = unchanged
	s.bundleUse() // bundles.go
	s.Schedule = schedule(k, s.docs, &errs)
	errs.Sort()
	return s, errs
}

// parallel runs f(0..n-1) on all cores.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// Doc returns a module's converted document.
func (s *Site) Doc(m *kit.Module) *markdown.Doc { return s.docs[m] }

// PageDoc returns the converted document of any page (the home page, a part
// or a module), or nil.
func (s *Site) PageDoc(p *kit.Page) *markdown.Doc {
	if s.Kit.Home == p {
		return s.home
	}
	for part, d := range s.parts {
		if &part.Page == p {
			return d
		}
	}
	for m, d := range s.docs {
		if &m.Page == p {
			return d
		}
	}
	return nil
}

// kitID names the kit in the browser's storage, so two kits opened from the
// same place keep their answers apart.
func kitID(k *kit.Kit) string {
	id := Slugify(k.Config.Title)
	if id == "" {
		id = "kit"
	}
	return id
}

// Slugify makes a readable address part from a title, keeping accented letters.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && isLetter(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// PageRef names one output page.
type PageRef struct {
	Path    string // output path, e.g. "facilitator/intro/index.html"
	Kind    string // a kind of page of pageKinds (pages.go): "home", "module", …
	Edition markdown.Edition
	Module  *kit.Module
	Part    *kit.Part
	// InZip renders the page for the offline ZIP (offline.go): the copy of
	// the home page inside the ZIP does not link to the ZIP.
	InZip bool
}

func (s *Site) editions() []markdown.Edition {
	switch s.Opt.Only {
	case "attendee":
		return []markdown.Edition{markdown.Attendee}
	case "facilitator":
		return []markdown.Edition{markdown.Facilitator}
	}
	return []markdown.Edition{markdown.Attendee, markdown.Facilitator}
}

// Pages lists every page the site has, in a stable order.
func (s *Site) Pages() []PageRef {
	var out []PageRef
	for _, e := range s.editions() {
		pre := editionRoot(e)
		for _, k := range pageKinds { // pages.go
			if !s.hasKind(&k, e) {
				continue
			}
			switch k.each {
			case eachPart:
				for _, p := range s.Kit.Parts {
					out = append(out, PageRef{Path: pre + p.URL(), Kind: k.name, Edition: e, Part: p})
				}
			case eachModule:
				for _, m := range s.Kit.Modules {
					if visible(m, e) { // reference.go
						out = append(out, PageRef{Path: pre + m.URL(), Kind: k.name, Edition: e, Module: m})
					}
				}
			default:
				out = append(out, PageRef{Path: pre + k.path, Kind: k.name, Edition: e})
			}
		}
	}
	return out
}

// File is a file copied or generated beside the pages.
type File struct {
	Path string // output path
	Src  string // absolute source path, or "" when Data or Make gives the content
	Data []byte
	// Make makes the content when it is needed: the search index walks
	// every page, and checking the list of files needs only their paths.
	Make func() []byte
}

// Content reads, makes or returns the file's content.
func (f File) Content() ([]byte, error) {
	switch {
	case f.Src != "":
		return os.ReadFile(f.Src)
	case f.Make != nil:
		return f.Make(), nil
	}
	return f.Data, nil
}

// Files lists the theme assets, static files and bundle files.
func (s *Site) Files() []File {
	var out []File
	for p, b := range s.Theme.Assets {
		out = append(out, File{Path: "assets/" + p, Data: b})
	}
	out = append(out, File{Path: "assets/chroma.css", Make: markdown.ChromaCSS})
	out = append(out, s.searchFiles()...) // search.go
	for _, st := range s.Kit.Static {
		out = append(out, File{Path: st, Src: path.Join(s.Kit.Dir, "static", st)})
	}
	return withRobots(s, append(out, s.bundleFiles()...)) // bundles.go
}

// robotsPath is the file that asks search engines to keep out of the
// facilitator edition, unless the kit has one of its own (static/).
const robotsPath = "robots.txt"

// withRobots adds robots.txt to files when the output has a facilitator
// edition and the kit no robots.txt of its own. A crawler reads it only at
// the top of a host: under a base_url with a path, the Disallow names that
// path, and the facilitator pages' noindex does the rest.
func withRobots(s *Site, files []File) []File {
	if s.Opt.Only == "attendee" {
		return files
	}
	for _, f := range files {
		if f.Path == robotsPath {
			return files
		}
	}
	root := "/"
	if u, err := url.Parse(s.Kit.Config.BaseURL); err == nil && u.Path != "" {
		root = strings.TrimSuffix(u.Path, "/") + "/"
	}
	data := "# The facilitator edition holds the workshop's notes and solutions.\nUser-agent: *\nDisallow: " + root + "facilitator/\n"
	return append(files, File{Path: robotsPath, Data: []byte(data)})
}

func editionRoot(e markdown.Edition) string {
	if e == markdown.Facilitator {
		return "facilitator/"
	}
	return ""
}

// FacilitatorOnly reports whether the output path p is the facilitator
// edition's (its folder or a file in it), which attendees are not given.
func FacilitatorOnly(p string) bool {
	root := editionRoot(markdown.Facilitator)
	return p == strings.TrimSuffix(root, "/") || strings.HasPrefix(p, root)
}

// Render writes one page.
func (s *Site) Render(w io.Writer, p PageRef) error {
	k := kindOf(p.Kind)
	if k == nil {
		return fmt.Errorf("no kind of page is called %q", p.Kind)
	}
	t := s.Theme.pagesFor(s.loc)[k.template]
	if t == nil {
		return &missingTemplate{k.template}
	}
	d := s.pageData(p)
	rel := strings.TrimPrefix(p.Path, editionRoot(p.Edition))
	d.Shared = s.shared(t, p.Edition, d, rel) // shared.go
	nav, err := s.navHTML(t, d)               // nav.go
	if err != nil {
		return err
	}
	d.NavHTML = nav
	return t.ExecuteTemplate(w, "base", d)
}

type missingTemplate struct{ template string }

func (m *missingTemplate) Error() string {
	return "the theme has no templates/" + m.template + ".html"
}

// KitLocale is the language k's settings name (site.toml, i18n/), or
// English when its tag is not one (the loader reported it): what its pages
// say, and the pages lectern serve writes itself.
func KitLocale(k *kit.Kit) *i18n.Locale {
	loc, err := i18n.New(k.Config.Language, k.Config.Workshop.Clock, k.Strings)
	if err != nil {
		return defaultLocale
	}
	return loc
}

// siteLocale resolves the kit's language once; a rebuild of the same kit
// with the same settings keeps the one it had.
func siteLocale(k *kit.Kit, prev *Site) *i18n.Locale {
	loc := KitLocale(k)
	if prev != nil && prev.loc != nil && prev.loc.Key() == loc.Key() {
		return prev.loc
	}
	return loc
}

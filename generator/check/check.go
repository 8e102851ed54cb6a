// Package check finds every problem in a workshop kit without writing
// anything. It runs the stages a build runs (kit, theme, Markdown, render
// and the output checks, through site.Assembly) as far as each can go, so
// one run reports everything `lectern build` would reject, then adds the
// warnings a careful editor wants: links, anchors and images that point
// nowhere, images without alt text, empty modules, worksheets with no
// answer space, modules with no duration, and bundle files that nothing
// uses. Warnings the earlier stages already give (a self-check question
// without two poles, segments longer than their module, a run-sheet past
// its planned end) pass through.
//
// Start with Run; Text and JSON print its result.
package check

import (
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/renderer/html"

	"lectern/generator/diag"
	"lectern/generator/kit"
	"lectern/generator/markdown"
	"lectern/generator/render"
	"lectern/generator/site"
)

// Options say which kit to check.
type Options struct {
	Source string // the kit folder
}

// Run checks the kit and returns every problem, sorted by file and position.
// It writes nothing. Like a plain build it leaves draft modules out.
func Run(o Options) diag.List {
	a := site.New(site.Options{Source: o.Source})
	a.LoadKit()
	if a.Kit.Home == nil {
		return a.Diags() // no site.toml or no content: nothing more to read
	}
	// The theme is loaded and the pages converted even when the kit has
	// errors, so a single run shows the Markdown problems too.
	a.LoadTheme()
	s := a.Convert()
	errs := a.Diags()
	broken := map[string]bool{}
	for _, d := range errs {
		if d.Severity == diag.Error {
			// A page the loader or the Markdown stage refused is not also
			// "empty".
			broken[d.Path] = true
		}
	}
	c := &checker{s: s, errs: &errs, used: map[string]bool{}, ids: map[*markdown.Doc]map[string]bool{}, attIDs: map[*markdown.Doc]map[string]bool{}, broken: broken}
	c.pages()
	c.strings() // strings.go
	if !errs.HasErrors() {
		// Only a kit that loads cleanly is rendered: the templates are
		// entitled to complete data.
		c.render()
	}
	errs.Sort()
	return errs
}

type checker struct {
	s    *render.Site
	errs *diag.List
	// used holds every kit path a link, an image or raw HTML points to.
	used map[string]bool
	ids  map[*markdown.Doc]map[string]bool
	// attIDs are the ids of each page's attendee edition.
	attIDs map[*markdown.Doc]map[string]bool
	// broken holds the files the loader found errors in: a module whose
	// front matter did not decode has no duration to speak of.
	broken map[string]bool
}

// pages checks each page's links, then each module, then the bundles.
func (c *checker) pages() {
	k := c.s.Kit
	c.links(k.Home)
	for _, p := range k.Parts {
		c.links(&p.Page)
	}
	for _, m := range k.Modules {
		c.links(&m.Page)
		c.module(m)
	}
	for _, m := range k.Modules {
		for _, f := range m.Bundle {
			if !c.used[m.BundleDir+"/"+f] {
				c.errs.Warnf(m.BundleDir+"/"+f, 0, 0, "no link or image uses this file: link it from %s or remove it", path.Base(m.Source))
			}
		}
	}
}

// module gives the warnings about a module as a whole.
func (c *checker) module(m *kit.Module) {
	d := c.s.Doc(m)
	if d == nil || c.broken[m.Source] {
		return
	}
	if d.Words == 0 && !hasContent(d.HTML.Bytes(markdown.Attendee)) {
		c.errs.Warnf(m.Source, 1, 1, "the module is empty: attendees see no text on its page")
	}
	if render.ModuleMinutes(m, d) == 0 && !m.OffSchedule {
		c.errs.Warnf(m.Source, 1, 1, "the module has no duration: add duration = minutes to its front matter, or minutes to its activities")
	}
	var pos *diag.Lines // only when needed: most worksheets have answer space
	for _, w := range d.Worksheets {
		if w.Answers > 0 {
			continue
		}
		if pos == nil {
			pos = diag.NewLines(m.Body)
		}
		line, col := pos.Position(w.Off)
		c.errs.Warnf(m.Source, line+m.BodyLine-1, col, "worksheet %q has no answer space: add ::: answer {lines=5} and ::: inside it", w.Title)
	}
}

// links checks the links and images of one page.
func (c *checker) links(p *kit.Page) {
	d := c.s.PageDoc(p)
	if d == nil {
		return
	}
	pos := diag.NewLines(p.Body)
	unsafe := c.s.Kit.Config.Markdown.Unsafe
	for _, l := range d.Links {
		line, col := pos.Position(l.Off)
		line += p.BodyLine - 1
		what := fmt.Sprintf("link to %q", short(l.Dest))
		if l.Image {
			what = fmt.Sprintf("image %q", short(l.Dest))
			if strings.TrimSpace(l.Alt) == "" {
				c.errs.Warnf(p.Source, line, col, "image %q has no alt text: describe it between the brackets, ![like this](%s)", l.Dest, l.Dest)
			}
		}
		dest := strings.TrimSpace(l.Dest)
		switch {
		case dest == "" || dest == "#":
			c.errs.Warnf(p.Source, line, col, "%s has no address", strings.Fields(what)[0])
		case !unsafe && html.IsDangerousURL([]byte(dest)):
			c.errs.Warnf(p.Source, line, col, "%s is left out of the page: Lectern does not publish scripts", what)
		case unsafe && markdown.ScriptURL(dest):
			c.errs.Warnf(p.Source, line, col, "%s runs a script ([markdown] unsafe = true publishes it as written)", what)
		case strings.HasPrefix(dest, "#"):
			if !c.hasID(d, dest[1:]) {
				c.errs.Warnf(p.Source, line, col, "%s: this page has no such anchor", what)
			} else if !l.InFacilitator && !c.facilitatorPage(p) && !c.attendeeID(d, dest[1:]) {
				c.errs.Warnf(p.Source, line, col, "%s: the anchor is inside a facilitator block, so the attendee edition has no such anchor: move the link into the block", what)
			}
		case l.Image && remote(dest):
			c.errs.Warnf(p.Source, line, col, "%s is fetched from another site whenever the page is viewed, and is missing offline: copy it into the module's bundle", what)
		case strings.HasPrefix(dest, "//"):
		case strings.HasPrefix(dest, "/"):
			c.errs.Warnf(p.Source, line, col, "%s starts with /, so it breaks when the site is opened from disk: link to the .md file instead", what)
		case !markdown.IsRelative(dest):
		case !l.Resolved:
			// render.New has said it points nowhere.
		default:
			target, frag, hasFrag := render.LinkTarget(p.Source, dest)
			c.used[target] = true
			c.facilitatorLink(p, l, target, line, col, what)
			if !hasFrag || frag == "" {
				continue
			}
			if tp := c.s.PageAt(target); tp != nil {
				if td := c.s.PageDoc(tp); td != nil && !c.hasID(td, frag) {
					c.errs.Warnf(p.Source, line, col, "%s: %s has no anchor #%s", what, tp.Source, frag)
				} else if td != nil && !l.InFacilitator && !c.facilitatorPage(p) && !c.attendeeID(td, frag) {
					c.errs.Warnf(p.Source, line, col, "%s: #%s is inside a facilitator block of %s, so the attendee edition has no such anchor: move the link into a ::: facilitator block", what, frag, tp.Source)
				}
			}
		}
	}
	// Raw HTML (in a kit with [markdown] unsafe) can use bundle files too.
	for _, ref := range htmlRefs(d.HTML.Bytes(markdown.Facilitator)) {
		if markdown.IsRelative(ref) {
			t, _, _ := render.LinkTarget(p.Source, ref)
			c.used[t] = true
		}
	}
}

// hasID reports whether a page has an element with this id, in either
// edition: headings of every level, blocks, questions and footnotes.
func (c *checker) hasID(d *markdown.Doc, id string) bool {
	set, ok := c.ids[d]
	if !ok {
		set = htmlIDs(d.HTML.Bytes(markdown.Facilitator))
		c.ids[d] = set
	}
	return set[id]
}

// attendeeID reports whether the attendee edition of a page has an
// element with this id.
func (c *checker) attendeeID(d *markdown.Doc, id string) bool {
	set, ok := c.attIDs[d]
	if !ok {
		set = htmlIDs(d.HTML.Bytes(markdown.Attendee))
		c.attIDs[d] = set
	}
	return set[id]
}

// facilitatorPage reports a page only the facilitator edition has.
func (c *checker) facilitatorPage(p *kit.Page) bool {
	for _, m := range c.s.Kit.Modules {
		if &m.Page == p {
			return m.FacilitatorOnly
		}
	}
	return false
}

// render renders every page into nothing, so a theme template that fails
// only when it runs is reported as build would report it.
func (c *checker) render() {
	seen := map[string]bool{}
	for _, p := range c.s.Pages() {
		err := c.s.Render(io.Discard, p)
		if err == nil || seen[err.Error()] {
			continue
		}
		seen[err.Error()] = true
		file, line, msg := c.s.TemplateError(err)
		c.errs.Errorf(file, line, 0, "%s (rendering %s)", msg, p.Path)
	}
}

// remote reports an address on another host.
func remote(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http:") || strings.HasPrefix(d, "https:") || strings.HasPrefix(d, "//")
}

// short keeps a hostile address readable in a message.
func short(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:40]) + "…"
}

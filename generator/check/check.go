// Package check finds every problem in a workshop kit without writing
// anything. It runs the stages a build runs (kit, theme, Markdown, render,
// publish's output checks) as far as each can go, so one run reports
// everything `lectern build` would reject, then adds the warnings a careful
// editor wants: links, anchors and images that point nowhere, images without
// alt text, empty modules, worksheets with no answer space, modules with no
// duration, and bundle files that nothing uses. Warnings the earlier stages
// already give (a self-check question without two poles, segments longer
// than their module, a run-sheet past its planned end) pass through.
//
// Start with Run; Text and JSON print its result.
package check

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/renderer/html"

	"lectern/generator/diag"
	"lectern/generator/kit"
	"lectern/generator/markdown"
	"lectern/generator/publish"
	"lectern/generator/render"
	"lectern/themes"
)

// Options say which kit to check.
type Options struct {
	Source string // the kit folder
}

// Run checks the kit and returns every problem, sorted by file and position.
// It writes nothing. Like a plain build it leaves draft modules out.
func Run(o Options) diag.List {
	k, errs := kit.Load(o.Source, kit.Options{})
	if k.Home == nil {
		return errs // no site.toml or no content: nothing more to read
	}
	broken := map[string]bool{}
	for _, d := range errs {
		if d.Severity == diag.Error {
			broken[d.Path] = true
		}
	}
	th, terrs := render.LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
	errs = append(errs, terrs...)
	// The pages are converted even when the kit has errors, so a single run
	// shows the Markdown problems too.
	s, serrs := render.New(k, th, render.Options{})
	errs = append(errs, serrs...)
	for _, d := range serrs {
		if d.Severity == diag.Error {
			broken[d.Path] = true // a page refused by the Markdown stage is not also "empty"
		}
	}
	errs = append(errs, publish.Verify(s)...)
	c := &checker{s: s, errs: &errs, used: map[string]bool{}, ids: map[*markdown.Doc]map[string]bool{}, broken: broken}
	c.pages()
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
	if render.ModuleMinutes(m, d) == 0 {
		c.errs.Warnf(m.Source, 1, 1, "the module has no duration: add duration = minutes to its front matter, or minutes to its activities")
	}
	var fences []int
	for _, w := range d.Worksheets {
		if w.Answers > 0 {
			continue
		}
		if fences == nil {
			fences = blockFences(m.Body, "worksheet", c.s.Kit.Config.Blocks.Aliases)
		}
		line, col := 0, 0
		if n := blockNumber(w.ID); n > 0 && n <= len(fences) {
			line, col = diag.Position(m.Body, fences[n-1])
			line += m.BodyLine - 1
		}
		c.errs.Warnf(m.Source, line, col, "worksheet %q has no answer space: add ::: answer {lines=5} and ::: inside it", w.Title)
	}
}

// links checks the links and images of one page.
func (c *checker) links(p *kit.Page) {
	d := c.s.PageDoc(p)
	if d == nil {
		return
	}
	pos := diag.NewLines(p.Body)
	dir := path.Dir(p.Source)
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
		case strings.HasPrefix(dest, "#"):
			if !c.hasID(d, dest[1:]) {
				c.errs.Warnf(p.Source, line, col, "%s: this page has no such anchor", what)
			}
		case l.Image && remote(dest):
			c.errs.Warnf(p.Source, line, col, "%s is fetched from another site whenever the page is viewed, and is missing offline: copy it into the module's bundle", what)
		case strings.HasPrefix(dest, "//"):
		case strings.HasPrefix(dest, "/"):
			c.errs.Warnf(p.Source, line, col, "%s starts with /, so it breaks when the site is opened from disk: link to the .md file instead", what)
		case !isRelative(dest):
		case !l.Resolved:
			// render.New has said it points nowhere.
		default:
			target, frag, hasFrag := c.target(dir, dest)
			c.used[target] = true
			if !hasFrag || frag == "" {
				continue
			}
			if tp := c.page(target); tp != nil {
				if td := c.s.PageDoc(tp); td != nil && !c.hasID(td, frag) {
					c.errs.Warnf(p.Source, line, col, "%s: %s has no anchor #%s", what, tp.Source, frag)
				}
			}
		}
	}
	// Raw HTML (in a kit with [markdown] unsafe) can use bundle files too.
	for _, ref := range htmlRefs(d.HTML.Bytes(markdown.Facilitator)) {
		if isRelative(ref) {
			t, _, _ := c.target(dir, ref)
			c.used[t] = true
		}
	}
}

// target resolves a relative destination from a page folder the way the
// render stage does: the cleaned kit path and the fragment.
func (c *checker) target(dir, dest string) (target, frag string, hasFrag bool) {
	p, frag, hasFrag := strings.Cut(dest, "#")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	return path.Clean(path.Join(dir, p)), frag, hasFrag
}

// page finds the page a kit path names: a page's source, a bundle or a part
// folder, or the content folder for the home page.
func (c *checker) page(target string) *kit.Page {
	k := c.s.Kit
	if k.Home != nil && (target == k.Home.Source || target == "content") {
		return k.Home
	}
	for _, p := range k.Parts {
		if target == p.Source || target == path.Dir(p.Source) {
			return &p.Page
		}
	}
	for _, m := range k.Modules {
		if target == m.Source || (m.BundleDir != "" && target == m.BundleDir) {
			return &m.Page
		}
	}
	return nil
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
		file, line, msg := c.templateError(err)
		c.errs.Errorf(file, line, 0, "%s (rendering %s)", msg, p.Path)
	}
}

// templateError finds the theme file and line of a template error such as
// `template: module:12:3: executing "main" at <.Nope>: …`.
func (c *checker) templateError(err error) (file string, line int, msg string) {
	s := err.Error()
	rest, ok := strings.CutPrefix(s, "template: ")
	if !ok {
		return "", 0, s
	}
	parts := strings.SplitN(rest, ":", 4)
	if len(parts) < 4 {
		return "", 0, s
	}
	name := "templates/" + parts[0] + ".html"
	fmt.Sscanf(parts[1], "%d", &line)
	msg = strings.TrimSpace(parts[3])
	file = "(built-in theme) " + name
	if td := c.s.Kit.ThemeDir; td != "" {
		own := filepath.Join(td, filepath.FromSlash(name))
		if _, e := os.Stat(own); e == nil {
			if r, e := filepath.Rel(c.s.Kit.Dir, own); e == nil {
				file = filepath.ToSlash(r)
			}
		}
	}
	return file, line, msg
}

// isRelative reports whether dest is a path inside the kit: no scheme, not
// absolute, not only a fragment (as the Markdown stage decides).
func isRelative(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == ""
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

// blockNumber is n in a block id such as "worksheet-n".
func blockNumber(id string) int {
	i := strings.LastIndexByte(id, '-')
	n := 0
	if _, err := fmt.Sscanf(id[i+1:], "%d", &n); err != nil {
		return 0
	}
	return n
}

// blockFences returns the offsets of the opening fences of the blocks named
// name (after aliases), in document order, skipping fenced code. It is what
// the Markdown stage's block ids count (name-1, name-2, …), so the n-th
// fence is the block with id name-n. Fences inside blockquotes or list items
// are found by their text; this is for pointing at a line, nothing more.
func blockFences(body []byte, name string, aliases map[string]string) []int {
	var out []int
	code := byte(0)
	codeLen := 0
	off := 0
	for off < len(body) {
		end := bytes.IndexByte(body[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end = len(body) - off
			next = len(body)
		}
		line := body[off : off+end]
		start := off
		off = next
		t := bytes.TrimLeft(line, " \t>")
		lead := len(line) - len(t)
		if c, n := codeFence(t); n > 0 {
			switch {
			case code == 0:
				code, codeLen = c, n
			case c == code && n >= codeLen && len(bytes.TrimSpace(t[n:])) == 0:
				code = 0
			}
			continue
		}
		if code != 0 || !bytes.HasPrefix(t, []byte(":::")) {
			continue
		}
		rest := bytes.TrimLeft(bytes.TrimLeft(t, ":"), " \t")
		n := 0
		for n < len(rest) && isNameByte(rest[n]) {
			n++
		}
		got := string(rest[:n])
		if got == "" && n < len(rest) && rest[n] == '{' {
			if i := bytes.IndexByte(rest, '.'); i > 0 {
				j := i + 1
				for j < len(rest) && isNameByte(rest[j]) {
					j++
				}
				got = string(rest[i+1 : j])
			}
		}
		if a, ok := aliases[got]; ok {
			got = a
		}
		if got == name {
			out = append(out, start+lead)
		}
	}
	return out
}

// codeFence reports a line opening or closing fenced code: its character
// and the length of its run (0 when it is not one).
func codeFence(t []byte) (byte, int) {
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return 0, 0
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	return t[0], n
}

func isNameByte(c byte) bool {
	return c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

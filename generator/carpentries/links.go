package carpentries

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	// An image or link, with an optional title and Pandoc attributes:
	// ![caption](fig/a.png "title"){alt='…'}. The text may hold one level
	// of brackets, as a linked image's does.
	linkRe = regexp.MustCompile(`(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^)\s]*)(\s+(?:"[^"]*"|'[^']*'))?\s*\)(\{[^}]*\})?`)
	// A link reference definition: [name]: destination "title".
	linkDefRe = regexp.MustCompile(`^( {0,3}\[[^\]]+\]:\s*)(<[^>]*>|\S+)(.*)$`)
	// A heading's attributes: ## Title {#id .class}.
	headingAttrRe = regexp.MustCompile(`^( {0,3}#{1,6}\s+.*?)\s*\{([^}]*)\}\s*$`)
	liquidRe      = regexp.MustCompile(`\{\{.*?\}\}|\{%.*?%\}`)
	kramdownRe    = regexp.MustCompile(`\{:\s*[^}]*\}`)
	rawLinkRe     = regexp.MustCompile(`(?i)<(?:img|a|source|video|audio|iframe)\s[^>]*?\b(?:src|href)\s*=\s*["']([^"']*)["']`)
	schemeRe      = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
)

// inline converts one line of text (not code): images, links, reference
// definitions and heading attributes. n is its line in the lesson file.
func (c *conv) inline(text string, n int) string {
	if m := linkDefRe.FindStringSubmatch(text); m != nil {
		return m[1] + c.dest(strings.Trim(m[2], "<>"), false, n, len(m[1])+1) + m[3]
	}
	if m := headingAttrRe.FindStringSubmatchIndex(text); m != nil {
		id, classes, attrs := parseAttrs(text[m[4]:m[5]])
		for _, a := range attrs {
			c.warn(n, col(text, m[4]-1), "heading attribute %q is not kept: Lectern headings take an id and classes", a.k)
		}
		text = text[:m[3]] + attrString(id, classes, nil)
	}
	for _, m := range liquidRe.FindAllStringIndex(text, -1) {
		c.warn(n, col(text, m[0]), "template code %s is not converted: it shows as written", text[m[0]:m[1]])
	}
	for _, m := range rawLinkRe.FindAllStringSubmatchIndex(text, -1) {
		if d := text[m[2]:m[3]]; !strings.HasPrefix(d, "#") && !schemeRe.MatchString(d) && !strings.HasPrefix(d, "//") {
			c.warn(n, col(text, m[0]), "the address %q in raw HTML is not converted: write it as a Markdown link or image", d)
		}
	}
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "$$") {
		if !c.inMath {
			c.warn(n, col(text, strings.Index(text, "$$")), "math ($$ … $$) is not converted: Lectern shows it as written")
		}
		if len(t) == 2 || !strings.HasSuffix(t, "$$") {
			c.inMath = !c.inMath // a display that runs over lines opens or closes here
		}
	}
	for _, m := range kramdownRe.FindAllStringIndex(text, -1) {
		c.warn(n, col(text, m[0]), "attributes %s of the older lesson template are not converted: write the block as a ::: fenced div", text[m[0]:m[1]])
	}
	// Links inside code spans are code: only the text between them is
	// converted.
	var b strings.Builder
	for _, seg := range codeSpans(text) {
		if seg.code {
			b.WriteString(text[seg.start:seg.end])
			continue
		}
		b.WriteString(c.links(text, seg.start, seg.end, n))
	}
	return b.String()
}

type span struct {
	start, end int
	code       bool
}

// codeSpans splits a line into code spans (text between equal runs of
// backticks) and the text around them. Each run is matched with the next
// run of its length, found from a table made in one pass, so that a line
// of many backticks takes linear time.
func codeSpans(s string) []span {
	type run struct{ start, end int }
	var runs []run
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		runs = append(runs, run{i, j})
		i = j
	}
	next := make([]int, len(runs)) // the next run of the same length, or -1
	last := map[int]int{}
	for k := len(runs) - 1; k >= 0; k-- {
		n := runs[k].end - runs[k].start
		if j, ok := last[n]; ok {
			next[k] = j
		} else {
			next[k] = -1
		}
		last[n] = k
	}
	var out []span
	pos := 0
	for k := 0; k < len(runs); k++ {
		j := next[k]
		if j < 0 {
			continue
		}
		if runs[k].start > pos {
			out = append(out, span{pos, runs[k].start, false})
		}
		out = append(out, span{runs[k].start, runs[j].end, true})
		pos = runs[j].end
		k = j
	}
	if pos < len(s) {
		out = append(out, span{pos, len(s), false})
	}
	return out
}

// links converts the links and images in text[start:end].
func (c *conv) links(text string, start, end int, n int) string {
	s := text[start:end]
	var b strings.Builder
	last := 0
	for _, m := range linkRe.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(s[last:m[0]])
		last = m[1]
		at := col(text, start+m[0])
		image := m[3] > m[2]
		label := s[m[4]:m[5]]
		dest := strings.Trim(s[m[6]:m[7]], "<>")
		title := ""
		if m[8] >= 0 {
			title = strings.TrimSpace(s[m[8]:m[9]])
			title = title[1 : len(title)-1]
		}
		var attrs string
		if m[10] >= 0 {
			attrs = s[m[10]+1 : m[11]-1]
		}
		newDest := c.dest(dest, image, n, at)
		if !image {
			if attrs != "" {
				c.warn(n, at, "link attributes {%s} are not kept", attrs)
			}
			// A linked image: convert the image inside the text too.
			label = c.links(label, 0, len(label), n)
			b.WriteString("[" + label + "](" + linkDest(newDest) + titlePart(title) + ")")
			continue
		}
		b.WriteString(c.image(label, newDest, title, attrs, n, at))
	}
	b.WriteString(s[last:])
	return b.String()
}

// image writes an image the Lectern way. The Workbench writes a figure's
// caption between the brackets and its alt text as {alt='…'}; Lectern takes
// the alt text between the brackets and captions a figure with its title.
func (c *conv) image(label, dest, title, attrs string, n, at int) string {
	alt, caption := label, title
	if attrs != "" {
		id, classes, kvs := parseAttrs(attrs)
		if id != "" || len(classes) > 0 {
			c.warn(n, at, "image id and classes are not kept")
		}
		capAttr := ""
		for _, a := range kvs {
			switch a.k {
			case "alt":
				alt = a.v
				if caption == "" {
					caption = label
				}
			case "caption", "fig-cap":
				capAttr = a.v
			default:
				c.warn(n, at, "image attribute %q is not kept", a.k)
			}
		}
		if capAttr != "" {
			caption = capAttr
		}
	}
	if strings.TrimSpace(caption) == strings.TrimSpace(alt) {
		caption = ""
	}
	return "![" + escapeAlt(alt) + "](" + linkDest(dest) + titlePart(caption) + ")"
}

func escapeAlt(s string) string {
	s = strings.ReplaceAll(s, "[", `\[`)
	return strings.ReplaceAll(s, "]", `\]`)
}

func linkDest(d string) string {
	if strings.ContainsAny(d, " ()") {
		return "<" + d + ">"
	}
	return d
}

func titlePart(t string) string {
	if t == "" {
		return ""
	}
	return ` "` + strings.ReplaceAll(t, `"`, `\"`) + `"`
}

// col is the 1-based column, in characters, of byte offset off in s.
func col(s string, off int) int {
	return utf8.RuneCountInString(s[:off]) + 1
}

// htmlPages are the Workbench's own generated pages, which a kit has no
// counterpart for.
var htmlPages = map[string]string{
	"key-points":     "the key points page (Lectern gathers key points on keypoints/)",
	"aio":            "the all-in-one page (Lectern's handout holds every module)",
	"images":         "the page of all figures",
	"instructor-aio": "the all-in-one page",
}

// dest rewrites a link's destination: a lesson page becomes its page in
// the kit, a file beside the lesson's pages goes into the page's bundle,
// anything else is kept. n and at place the link for warnings.
func (c *conv) dest(dest string, image bool, n, at int) string {
	if dest == "" || strings.HasPrefix(dest, "#") || schemeRe.MatchString(dest) || strings.HasPrefix(dest, "//") {
		return dest
	}
	if strings.HasPrefix(dest, "/") {
		c.warn(n, at, "link %q starts at the root of a web site: it is kept as written and may point nowhere", dest)
		return dest
	}
	p, frag, hasFrag := strings.Cut(dest, "#")
	suffix := ""
	if hasFrag {
		suffix = "#" + frag
	}
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	from := c.p.src
	target := path.Clean(path.Join(path.Dir(from), p))
	if target == ".." || strings.HasPrefix(target, "../") {
		c.warn(n, at, "link %q leaves the lesson folder: it is kept as written", dest)
		return dest
	}
	ext := strings.ToLower(path.Ext(p))
	if !image && (ext == ".md" || ext == ".rmd" || ext == ".html" || strings.HasSuffix(p, "/")) {
		name := strings.TrimSuffix(path.Base(p), path.Ext(p))
		if strings.HasSuffix(p, "/") {
			name = path.Base(p)
		}
		if t := c.l.pageFor(target, name, ext == ".html" || strings.HasSuffix(p, "/")); t != nil {
			if forFacilitators(t) && !forFacilitators(c.p) && c.fac == 0 {
				c.warn(n, at, "link to %s, a page for instructors only, from text learners read: the attendee edition has no such page; move the link into an instructor block", t.src)
			}
			return relPath(c.p.out, t.out) + suffix
		}
		if why, ok := htmlPages[name]; ok {
			c.warn(n, at, "link to %s is kept as written: the kit has no such page", why)
			return dest
		}
		c.warn(n, at, "link %q names no page of the lesson: it is kept as written", dest)
		return dest
	}
	if !c.l.files[target] && !strings.HasPrefix(p, "../") && c.l.files[path.Join("episodes", p)] {
		// The lesson site is one flat folder: learners/ and instructors/
		// pages reach the episodes' figures and data as fig/ and data/.
		target = path.Join("episodes", p)
	}
	if !c.l.files[target] {
		what := "link"
		if image {
			what = "image"
		}
		c.warn(n, at, "%s %q names no file of the lesson: it is kept as written", what, dest)
		return dest
	}
	return c.asset(target) + suffix
}

// pageFor finds the page a link names: by its lesson path, or, as the
// lesson site is one flat folder of pages, by its name.
func (l *lesson) pageFor(target, name string, byName bool) *page {
	if l.home != nil && (target == "index.md" || (byName && name == "index")) {
		return l.home
	}
	for _, p := range l.pages {
		if p.src == target && !p.isBreak {
			return p
		}
	}
	for _, p := range l.pages {
		if !p.isBreak && strings.TrimSuffix(path.Base(p.src), path.Ext(p.src)) == name {
			return p
		}
	}
	if name == "profiles" || name == "instructor-notes" {
		for _, p := range l.pages {
			if (name == "profiles" && p.kind == profile) || (name == "instructor-notes" && p.kind == instructor) {
				return p
			}
		}
	}
	return nil
}

// asset places a lesson file the page uses and returns the link to it: a
// file in the page's bundle, at its path under the page's lesson folder
// (episodes/fig/a.png is fig/a.png), or, from the home page, which has no
// bundle, in static/.
func (c *conv) asset(target string) string {
	if c.p.kind == home {
		return "../static/" + target
	}
	if b, ok := c.p.assets[target]; ok {
		return b
	}
	b := target
	if dir := path.Dir(c.p.src); dir != "." && strings.HasPrefix(target, dir+"/") {
		b = target[len(dir)+1:]
	} else if top, rest, ok := strings.Cut(target, "/"); ok && (top == "episodes" || top == "learners" || top == "instructors" || top == "profiles") {
		b = rest
	}
	for _, used := range c.p.assets {
		if used == b {
			b = target // two files of the same name from different folders
		}
	}
	c.p.assets[target] = b
	return b
}

// relPath is the link from the page written at from to the one at to,
// both kit-relative.
func relPath(from, to string) string {
	a := strings.Split(path.Dir(from), "/")
	b := strings.Split(to, "/")
	i := 0
	for i < len(a) && i < len(b)-1 && a[i] == b[i] {
		i++
	}
	return strings.Repeat("../", len(a)-i) + strings.Join(b[i:], "/")
}

type linkDef struct{ label, line string }

// parseLinkDefs reads links.md, which the Workbench appends to every
// episode: reference definitions that any page may use.
func parseLinkDefs(s string) []linkDef {
	var out []linkDef
	for _, ln := range strings.Split(s, "\n") {
		ln = strings.TrimRight(ln, "\r ")
		if m := linkDefRe.FindStringSubmatch(ln); m != nil {
			label := strings.TrimSpace(m[1])
			label = strings.ToLower(label[1:strings.Index(label, "]")])
			out = append(out, linkDef{label, ln})
		}
	}
	return out
}

// linkDefs appends the definitions of links.md that the page uses.
func (c *conv) linkDefs() {
	body := strings.ToLower(c.w.String())
	first := true
	for _, d := range c.l.linkDefs {
		if strings.Contains(body, "]["+d.label+"]") || strings.Contains(body, "["+d.label+"][]") || strings.Contains(body, "["+d.label+"]\n") || strings.Contains(body, "["+d.label+"] ") {
			if strings.Contains(body, "\n["+d.label+"]:") {
				continue // the page defines it itself
			}
			if first {
				c.w.WriteString("\n")
				first = false
			}
			// Definitions in links.md are relative to the episodes.
			saved := c.p.src
			c.p.src = "links.md"
			c.w.WriteString(c.inline(d.line, 0) + "\n")
			c.p.src = saved
		}
	}
}

// forFacilitators reports a page only the facilitator edition has.
func forFacilitators(p *page) bool { return p.kind == instructor || p.kind == profile }

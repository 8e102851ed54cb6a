package carpentries

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"lectern/generator/diag"
)

// The body of a page is read line by line into a tree of fenced divs, as
// Pandoc reads them: a line of three or more colons and a name or {attrs}
// opens one, a line of colons alone closes the innermost. Lines inside code
// fences are never blocks or links. The tree keeps every line, so what is
// written out is the lesson's text with only fences, links and images
// changed.

type srcLine struct {
	text string
	n    int  // the line in the lesson file
	code bool // inside a code fence, or a fence line itself
	// chunk is an R Markdown code chunk's opening fence (```{r name}):
	// written out as a plain fence.
	chunk string
}

type div struct {
	name    string // the block name as written, or its first class
	id      string
	classes []string // classes besides the one that named it
	attrs   []kv     // key=value attributes
	fence   string
	open    srcLine
	close   *srcLine // nil when the lesson never closes it
	items   []item
}

type kv struct{ k, v string }

// item is one line or one div of a page, in order.
type item struct {
	line *srcLine
	div  *div
}

var (
	codeFence  = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})(.*)$")
	rChunk     = regexp.MustCompile("^ {0,3}(`{3,})\\s*\\{([A-Za-z0-9_]+)[^}]*\\}\\s*$")
	closeFence = regexp.MustCompile(`^ {0,3}:{3,}\s*$`)
	openFence  = regexp.MustCompile(`^ {0,3}(:{3,})\s*(.*?)\s*:*\s*$`)
)

// scan reads a body that starts on file line first into its items. Divs
// left open at the end are returned too, for a warning.
func scan(body string, first int, rmd bool) (root []item, unclosed []*div) {
	var stack []*div
	add := func(it item) {
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			top.items = append(top.items, it)
		} else {
			root = append(root, it)
		}
	}
	var fence string // the open code fence, "" outside code
	lines := strings.Split(body, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, text := range lines {
		ln := &srcLine{text: text, n: first + i}
		if fence != "" {
			ln.code = true
			t := strings.TrimSpace(text)
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
			}
			add(item{line: ln})
			continue
		}
		if m := codeFence.FindStringSubmatch(text); m != nil && !(m[1][0] == '`' && strings.Contains(m[2], "`")) {
			fence = m[1]
			ln.code = true
			if rmd {
				if c := rChunk.FindStringSubmatch(text); c != nil {
					ln.chunk = c[1] + strings.ToLower(c[2])
				}
			}
			add(item{line: ln})
			continue
		}
		if closeFence.MatchString(text) {
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.close = ln
				stack = stack[:len(stack)-1]
				continue
			}
			add(item{line: ln}) // a stray closing fence, kept as text
			continue
		}
		if m := openFence.FindStringSubmatch(text); m != nil && m[2] != "" {
			d := &div{fence: m[1], open: *ln}
			parseHeader(m[2], d)
			add(item{div: d})
			stack = append(stack, d)
			continue
		}
		add(item{line: ln})
	}
	return root, stack
}

// parseHeader reads "name {#id .class k=v}" or "{.name …}" into d.
func parseHeader(s string, d *div) {
	name, rest := s, ""
	if i := strings.IndexByte(s, '{'); i >= 0 {
		name, rest = strings.TrimSpace(s[:i]), s[i:]
	}
	d.name = strings.ToLower(name)
	if rest == "" {
		return
	}
	id, classes, attrs := parseAttrs(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(rest), "{"), "}"))
	d.id, d.attrs = id, attrs
	if d.name == "" && len(classes) > 0 {
		d.name, classes = strings.ToLower(classes[0]), classes[1:]
	}
	d.classes = classes
}

// parseAttrs reads Pandoc's attribute list (without its braces): #id,
// .class, key=value with the value bare or in single or double quotes.
func parseAttrs(s string) (id string, classes []string, attrs []kv) {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '#' || c == '.':
			j := i + 1
			for j < len(s) && s[j] != ' ' && s[j] != '\t' {
				j++
			}
			if c == '#' {
				id = s[i+1 : j]
			} else if j > i+1 {
				classes = append(classes, s[i+1:j])
			}
			i = j
		default:
			j := i
			for j < len(s) && s[j] != '=' && s[j] != ' ' && s[j] != '\t' {
				j++
			}
			key := s[i:j]
			if j >= len(s) || s[j] != '=' {
				if key == "-" {
					classes = append(classes, "unnumbered") // Pandoc's short form
				} else {
					attrs = append(attrs, kv{key, ""})
				}
				i = j
				continue
			}
			j++
			var val string
			if j < len(s) && (s[j] == '"' || s[j] == '\'') {
				q := s[j]
				var b strings.Builder
				k := j + 1
				for ; k < len(s) && s[k] != q; k++ {
					if s[k] == '\\' && k+1 < len(s) {
						k++
					}
					b.WriteByte(s[k])
				}
				val, i = b.String(), min(k+1, len(s))
			} else {
				k := j
				for k < len(s) && s[k] != ' ' && s[k] != '\t' {
					k++
				}
				val, i = s[j:k], k
			}
			attrs = append(attrs, kv{key, val})
		}
	}
	return id, classes, attrs
}

// conv converts one page. It runs twice: the first run only finds which
// files the page uses (so that the kit knows which pages are bundles), the
// second writes, with every page's place known.
type conv struct {
	l       *lesson
	p       *page
	d       *diag.List
	w       strings.Builder
	minutes map[*div]int
	fac     int // depth of instructor blocks around the line converted
	// chunkSaid is set once the page's R chunks are reported.
	chunkSaid bool
	inMath    bool // between the $$ lines of a display
}

func (c *conv) warn(line, col int, format string, args ...any) {
	c.d.Warnf(c.p.src, line, col, format, args...)
}

// run converts the page's body into c.w.
func (c *conv) run() {
	items, unclosed := scan(c.p.body, c.p.bodyLine, c.p.rmd)
	for _, d := range unclosed {
		c.warn(d.open.n, 1, "block %q is not closed: it is closed at the end of the page", d.name)
	}
	if c.p.kind == episode {
		c.shareMinutes(items)
	}
	if len(c.p.questions) > 0 {
		c.w.WriteString("::: note {title=\"Questions\"}\n")
		for _, q := range c.p.questions {
			c.w.WriteString("- " + q + "\n")
		}
		c.w.WriteString(":::\n\n")
	}
	c.items(items)
	if len(c.p.keypoints) > 0 {
		c.w.WriteString("\n::: keypoints\n")
		for _, k := range c.p.keypoints {
			c.w.WriteString("- " + k + "\n")
		}
		c.w.WriteString(":::\n")
	}
	if c.p.objectives == nil && len(c.p.frontObjectives) > 0 {
		for _, o := range c.p.frontObjectives {
			c.p.objectives = append(c.p.objectives, c.plain(o, 1))
		}
	}
	c.linkDefs()
}

func (c *conv) items(items []item) {
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.div != nil {
			c.div(it.div)
			continue
		}
		// Attributes may run over lines, as a long alt text does:
		// ![caption](fig/a.png){alt="… ↵ …"}. The lines are one line
		// of the paragraph, joined with spaces as Markdown reads them.
		if l := it.line; !l.code && openAttrs.MatchString(l.text) {
			joined := *l
			j := i + 1
			for ; j < len(items) && j-i <= 20 && items[j].line != nil && !items[j].line.code && strings.TrimSpace(items[j].line.text) != ""; j++ {
				joined.text += " " + strings.TrimSpace(items[j].line.text)
				if strings.Contains(items[j].line.text, "}") {
					break
				}
			}
			if j < len(items) && j-i <= 20 && strings.Contains(joined.text[len(l.text):], "}") {
				c.line(&joined)
				i = j
				continue
			}
		}
		c.line(it.line)
	}
}

// openAttrs is a line that ends inside the attributes of an image or link.
var openAttrs = regexp.MustCompile(`\)\{[^}]*$`)

func (c *conv) line(l *srcLine) {
	switch {
	case l.chunk != "":
		if !c.chunkSaid {
			c.chunkSaid = true
			c.warn(l.n, 1, "R code chunks are shown as code: they are not run, and their output is not imported")
		}
		c.w.WriteString(l.chunk + "\n")
	case l.code:
		c.w.WriteString(l.text + "\n")
	default:
		c.w.WriteString(c.inline(l.text, l.n) + "\n")
	}
}

// blockMap gives the Lectern block for each Workbench block, and the title
// it takes when it has no heading of its own to take one from.
var blockMap = map[string]struct{ name, title string }{
	"challenge":   {"activity", ""},
	"solution":    {"solution", ""},
	"hint":        {"hint", ""},
	"spoiler":     {"hint", ""},
	"instructor":  {"facilitator", ""},
	"keypoints":   {"keypoints", ""},
	"objectives":  {"note", "Objectives"},
	"questions":   {"note", "Questions"},
	"callout":     {"note", ""},
	"prereq":      {"note", "Prerequisite"},
	"checklist":   {"note", "Checklist"},
	"caution":     {"warning", ""},
	"discussion":  {"discussion", ""},
	"testimonial": {"quote", ""},
}

func (c *conv) div(d *div) {
	if d.name == "objectives" && c.p.kind == episode && c.p.objectives == nil {
		if obj := c.objectives(d); obj != nil {
			c.p.objectives = obj
			return
		}
	}
	if d.name == "tab" || d.name == "group-tab" {
		if c.tabs(d) {
			return
		}
	}
	if d.name == "instructor" {
		c.fac++
		defer func() { c.fac-- }()
	}
	m, ok := blockMap[d.name]
	if !ok {
		if d.name == "" {
			c.warn(d.open.n, 1, "a block with no name has no Lectern counterpart: it becomes a note")
		} else {
			c.warn(d.open.n, 1, "block %q has no Lectern counterpart: it becomes a note", d.name)
		}
		m.name = "note"
	}
	var extra []kv
	if m.title != "" && !startsWithHeading(d.items) {
		extra = append(extra, kv{"title", m.title})
	}
	if n := c.minutes[d]; n > 0 {
		extra = append(extra, kv{"minutes", strconv.Itoa(n)})
	}
	c.open(d, m.name, extra)
	c.items(d.items)
	c.end(d)
}

// open writes a block's opening fence with its id and classes, and the
// attributes Lectern's block takes; the others are reported.
func (c *conv) open(d *div, name string, extra []kv) {
	for _, a := range d.attrs {
		if a.k == "title" && name != "quote" {
			// Every Lectern block but quote takes a title; one of the
			// block's own comes before the one the mapping gives.
			extra = append([]kv{a}, slices.DeleteFunc(extra, func(e kv) bool { return e.k == "title" })...)
			continue
		}
		c.warn(d.open.n, 1, "attribute %q of block %q is not kept", a.k, d.name)
	}
	c.w.WriteString(d.fence + " " + name + attrString(d.id, d.classes, extra) + "\n")
}

func (c *conv) end(d *div) {
	if d.close != nil {
		c.w.WriteString(d.close.text + "\n")
	} else {
		c.w.WriteString(d.fence + "\n")
	}
}

// attrString writes " {#id .class k="v"}", or "" when there is nothing.
func attrString(id string, classes []string, attrs []kv) string {
	var parts []string
	if id != "" {
		parts = append(parts, "#"+id)
	}
	for _, cl := range classes {
		parts = append(parts, "."+cl)
	}
	for _, a := range attrs {
		if _, err := strconv.Atoi(a.v); err == nil && a.k == "minutes" {
			parts = append(parts, a.k+"="+a.v) // minutes=5, as authors write it
			continue
		}
		v := strings.ReplaceAll(a.v, `\`, `\\`)
		v = strings.ReplaceAll(v, `"`, `\"`)
		parts = append(parts, a.k+`="`+v+`"`)
	}
	if len(parts) == 0 {
		return ""
	}
	return " {" + strings.Join(parts, " ") + "}"
}

var headingLine = regexp.MustCompile(`^ {0,3}(#{1,6})\s+(.*?)\s*$`)

func startsWithHeading(items []item) bool {
	for _, it := range items {
		if it.div != nil {
			return false
		}
		if strings.TrimSpace(it.line.text) == "" {
			continue
		}
		return !it.line.code && headingLine.MatchString(it.line.text)
	}
	return false
}

var minutesSaid = regexp.MustCompile(`(?i)should\s+take\s+(?:about\s+|around\s+|approximately\s+|roughly\s+)?(\d{1,3})\s*min`)

// shareMinutes times the page's challenges and discussions: one that says
// it "should take about N minutes" takes N; the other challenges share what
// is left of the episode's exercise minutes.
func (c *conv) shareMinutes(items []item) {
	c.minutes = map[*div]int{}
	var all []*div
	var walk func([]item)
	walk = func(items []item) {
		for _, it := range items {
			if it.div == nil {
				continue
			}
			if it.div.name == "challenge" || it.div.name == "discussion" {
				all = append(all, it.div)
			}
			walk(it.div.items)
		}
	}
	walk(items)
	left := c.p.exercises
	var untimed []*div
	for _, d := range all {
		if m := minutesSaid.FindStringSubmatch(divText(d)); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n >= 1 && n <= 600 {
				c.minutes[d] = n
				left -= n
				continue
			}
		}
		if d.name == "challenge" {
			untimed = append(untimed, d) // a discussion takes the time it says, or none
		}
	}
	if left <= 0 || len(untimed) == 0 {
		return
	}
	each, rest := left/len(untimed), left%len(untimed)
	for i, d := range untimed {
		n := each
		if i < rest {
			n++
		}
		if n > 0 {
			c.minutes[d] = n
		}
	}
}

// divText is the text of a div's own lines, its nested blocks' excluded.
func divText(d *div) string {
	var b strings.Builder
	for _, it := range d.items {
		if it.line != nil && !it.line.code {
			b.WriteString(it.line.text + "\n")
		}
	}
	return b.String()
}

var listItem = regexp.MustCompile(`^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$`)

// objectives returns the items of an objectives block that is only a list,
// as plain text for the front matter, or nil when it holds anything else.
func (c *conv) objectives(d *div) []string {
	var out []string
	for _, it := range d.items {
		if it.div != nil || it.line.code {
			return nil
		}
		t := it.line.text
		switch {
		case strings.TrimSpace(t) == "":
		case listItem.MatchString(t):
			out = append(out, listItem.FindStringSubmatch(t)[1])
		case len(out) > 0 && (strings.HasPrefix(t, " ") || strings.HasPrefix(t, "\t")):
			out[len(out)-1] += " " + strings.TrimSpace(t)
		default:
			return nil
		}
	}
	for i, o := range out {
		out[i] = c.plain(o, d.open.n)
	}
	return out
}

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?`)
	mdEmphasis = regexp.MustCompile("\\*\\*|__|\\*|`")
)

// plain turns a line of Markdown into the plain text that front matter
// holds: link text without its address (reported), no emphasis or code marks.
func (c *conv) plain(s string, line int) string {
	if mdLink.MatchString(s) {
		c.warn(line, 1, "an objective's link is kept as text only: front matter holds plain text")
		s = mdLink.ReplaceAllString(s, "$1")
	}
	return strings.TrimSpace(mdEmphasis.ReplaceAllString(s, ""))
}

// tabs writes a tab block as Lectern's tabs: each heading at the level of
// the block's first heading starts a tab, titled by it. It returns false
// for a tab block with no heading, which has no tab titles.
func (c *conv) tabs(d *div) bool {
	level, first := 0, -1
	for i, it := range d.items {
		if it.line != nil && !it.line.code {
			if m := headingLine.FindStringSubmatch(it.line.text); m != nil {
				level, first = len(m[1]), i
				break
			}
		}
	}
	if first < 0 {
		c.warn(d.open.n, 1, "tab block with no heading to name its tabs: it becomes a note")
		return false
	}
	c.items(d.items[:first]) // text before the first tab stays before them
	c.open(d, "tabs", nil)
	open := false
	for _, it := range d.items[first:] {
		if it.line != nil && !it.line.code {
			if m := headingLine.FindStringSubmatch(it.line.text); m != nil && len(m[1]) == level {
				if open {
					c.w.WriteString(":::\n")
				}
				title, id, classes := headingParts(m[2])
				c.w.WriteString("::: tab" + attrString(id, classes, []kv{{"title", title}}) + "\n")
				open = true
				continue
			}
		}
		if it.div != nil {
			c.div(it.div)
		} else {
			c.line(it.line)
		}
	}
	c.w.WriteString(":::\n")
	c.end(d)
	return true
}

var headingAttrs = regexp.MustCompile(`\s*\{([^}]*)\}\s*$`)

// headingParts splits a heading's text from its {#id .class} and closing #s.
func headingParts(s string) (title, id string, classes []string) {
	s = strings.TrimSpace(strings.TrimRight(s, "# "))
	if m := headingAttrs.FindStringSubmatchIndex(s); m != nil {
		id, classes, _ = parseAttrs(s[m[2]:m[3]])
		s = s[:m[0]]
	}
	return strings.TrimSpace(s), id, classes
}

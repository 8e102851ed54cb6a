// Package markdown turns a module's Markdown into HTML for both editions from
// one parse: goldmark with GFM, footnotes, definition lists and smart
// punctuation; chroma for code; and the kit blocks (`::: name {attrs}`), each
// a small Block on one shared fenced-div parser (div.go). It also gathers
// what aggregate pages need: headings, quotes, worksheets, timed segments
// and links.
//
// Start with New and Converter.Convert.
package markdown

import (
	"bytes"
	"slices"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lectern/generator/diag"
	"lectern/generator/i18n"
)

// Options configure a Converter; Unsafe and Aliases come from site.toml.
type Options struct {
	Unsafe  bool              // let raw HTML through
	Aliases map[string]string // other tools' block names -> ours
	// Highlights remembers highlighted code from earlier conversions and
	// builds; nil gives the Converter a memory of its own.
	Highlights *Highlights
	// PrintSolutions is how the handout prints solution blocks:
	// SolutionsEnd (the default), SolutionsInline or SolutionsOmit.
	PrintSolutions string
	// Locale is the language of the blocks' labels ("Facilitator note",
	// "Activity"); nil is English.
	Locale *i18n.Locale
}

// Converter is safe for concurrent use.
type Converter struct {
	parser   parser.Parser
	renderer renderer.Renderer // the facilitator edition; see render
	blocks   map[string]*Block
	// solutions is Options.PrintSolutions (block_reveal.go).
	solutions string
	loc       *i18n.Locale // Options.Locale, never nil
}

// New builds a Converter.
func New(o Options) *Converter {
	c := &Converter{blocks: builtinBlocks(), solutions: o.PrintSolutions, loc: o.Locale}
	if c.loc == nil {
		c.loc = english // words.go
	}
	if c.solutions == "" {
		c.solutions = SolutionsEnd
	}
	// An alias never replaces a built-in block: `facilitator = "note"`
	// would publish facilitator notes (site.toml's check reports it too).
	aliases := map[string]string{}
	for a, name := range o.Aliases {
		if c.blocks[a] == nil {
			aliases[a] = name
		}
	}
	dp := &divParser{blocks: c.blocks, aliases: aliases}
	highlights := o.Highlights
	if highlights == nil {
		highlights = new(Highlights)
	}
	var htmlOpts []renderer.Option
	if o.Unsafe {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	nodeRenderers := []util.PrioritizedValue{
		util.Prioritized(&Renderer{}, 100),
		util.Prioritized(codeRenderer{highlights: highlights}, 100),
		util.Prioritized(figureRenderer{}, 100),
		util.Prioritized(cellRenderer{}, 100),
	}
	md := goldmark.New(
		goldmark.WithParser(newParser()), // parsers.go
		goldmark.WithExtensions(extension.GFM, footnotes{}, extension.DefinitionList, extension.Typographer,
			rawHTML{Unsafe: o.Unsafe}, spans{}, headingTitles{}),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithBlockParsers(util.Prioritized(dp, 90)),
			parser.WithParagraphTransformers(util.Prioritized(refScope{}, 99)), // links.go
			parser.WithASTTransformers(util.Prioritized(refUses{}, 99), util.Prioritized(linkTransformer{}, 100), util.Prioritized(tableAlign{}, 100), util.Prioritized(worksheetCells{}, 100), util.Prioritized(figureTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(append(htmlOpts,
			renderer.WithNodeRenderers(nodeRenderers...),
			extension.WithTableCellAlignMethod(extension.TableCellAlignNone))...),
	)
	c.parser, c.renderer = md.Parser(), md.Renderer()
	return c
}

// Source is one document to convert.
type Source struct {
	Path     string // for messages, relative to the kit
	Body     []byte
	BodyLine int // line of Body's first byte in the file
	Resolve  Resolver
	// ResolveFacilitator, when set, resolves the links in facilitator
	// text instead of Resolve.
	ResolveFacilitator Resolver
}

// Doc is a converted document.
type Doc struct {
	HTML       HTML
	Headings   []Heading
	Quotes     []Quote
	Worksheets []Worksheet
	// KeyPoints and Solutions are the page's keypoints and solution
	// blocks, for the key points page and the handout (gather.go).
	KeyPoints, Solutions []Gathered
	// Handout is the page as the handout prints it when that differs from
	// HTML: its solutions moved to the end of the module or left out
	// (Options.PrintSolutions); nil when it is HTML.
	Handout *HTML
	// Selfchecks are the self-checks outside worksheets (one inside a
	// worksheet is part of it), for the worksheet pack.
	Selfchecks []Selfcheck
	Segments   []Segment
	Links      []Link
	// Words counts the attendee text, for reading time and empty modules.
	Words int
	// WordsAfter counts the attendee text after the last timed segment
	// (all of it when there is none): with each Segment's WordsBefore, the
	// untimed stretches that share a module's spare minutes.
	WordsAfter int
	// Shown is what the facilitator's deck puts on the screen, in order,
	// and Notes the page's facilitator blocks (deck.go).
	Shown []Shown
	Notes []Notes
}

// Heading is a section heading of level 2 or 3.
type Heading struct {
	Level         int
	ID, Text      string
	InFacilitator bool
}

// Quote is a quote block, rendered for each edition.
type Quote struct {
	ID, By, Where string
	HTML          HTML
	InFacilitator bool
}

// Worksheet is a worksheet block, rendered for each edition.
type Worksheet struct {
	ID, Title     string
	Minutes       int
	HTML          HTML
	InFacilitator bool
	Answers       int // writing spaces inside: answer blocks and empty table cells
	Off           int // byte offset of the opening fence in Source.Body
}

// Selfcheck is a self-check block, rendered for each edition.
type Selfcheck struct {
	ID, Title     string
	HTML          HTML
	InFacilitator bool
	Off           int // byte offset of the opening fence in Source.Body
}

// Segment is a timed block on the run-sheet.
type Segment struct {
	Kind, Title string
	Minutes     int
	ID          string // the block's id on the module page
	// At pins the start, in minutes from the module's start, when Pinned.
	At     int
	Pinned bool
	// WordsBefore counts the attendee text between the previous timed
	// segment (or the module's start) and this one.
	WordsBefore int
	// Line and Col are the opening fence's position in the file.
	Line, Col int
}

var writerPool = sync.Pool{New: func() any { return new(editionWriter) }}

// Convert parses src once and renders both editions in one pass over the tree.
func (c *Converter) Convert(s Source) (*Doc, diag.List) {
	if line, col, ok := tooDeep(s.Body); ok {
		// goldmark's cost grows with the square of a line's nesting; refuse
		// such a page rather than stall the build on it.
		var errs diag.List
		errs.Errorf(s.Path, line+s.BodyLine-1, col, "this line is nested more than %d levels deep (lists, quotes or indentation): the page is not converted", maxIndent)
		return &Doc{}, errs
	}
	if line, links, n, ok := tooManyLinks(s.Body); ok {
		// goldmark reads each link's address to the end of its line when
		// it is not closed: time with the product of the two.
		var errs diag.List
		errs.Errorf(s.Path, line+s.BodyLine-1, 1, "this line has %d links in %d bytes, more than Lectern reads in one line: put the links on lines of their own", links, n)
		return &Doc{}, errs
	}
	pc := &scopedContext{Context: parser.NewContext(parser.WithIDs(newIDs())), fac: map[string]bool{}} // links.go
	if s.Resolve != nil {
		pc.Set(resolverKey, s.Resolve)
	}
	if s.ResolveFacilitator != nil {
		pc.Set(facResolverKey, s.ResolveFacilitator)
	}
	root := c.parser.Parse(text.NewReader(s.Body), parser.WithContext(pc))
	doc := &Doc{HTML: c.renderAs(s.Body, root, "", true)}
	doc.Links, _ = pc.Get(linksKey).([]Link)
	c.collect(doc, root, s.Body, s.BodyLine)
	c.handout(doc, root, s.Body) // gather.go

	var errs diag.List
	if ps, ok := pc.Get(problemsKey).(*[]problem); ok {
		pos := diag.NewLines(s.Body)
		for _, p := range *ps {
			line, col := pos.Position(p.off)
			line += s.BodyLine - 1
			if p.sev == warning {
				errs.Warnf(s.Path, line, col, "%s", p.msg)
			} else {
				errs.Errorf(s.Path, line, col, "%s", p.msg)
			}
		}
	}
	return doc, errs
}

// render renders n for both editions in one pass: the facilitator edition,
// with the ranges the blocks marked facilitator-only, which the attendee
// edition leaves out (the editions differ nowhere else).
func (c *Converter) render(src []byte, n ast.Node) HTML {
	return c.renderAs(src, n, "", false)
}

// renderAs is render for the handout when solutions is a SolutionsX, or
// for the page itself when it is "". With spans, it notes where each
// block's HTML is, for block.
func (c *Converter) renderAs(src []byte, n ast.Node, solutions string, spans bool) HTML {
	w := writerPool.Get().(*editionWriter)
	w.Reset()
	w.cuts, w.depth, w.solutions, w.spans, w.loc = w.cuts[:0], 0, solutions, spans, c.loc
	c.renderer.Render(w, src, n)
	if w.depth > 0 {
		// Never expected (every block entered is left); hide rather than leak.
		w.cuts = append(w.cuts, w.start, w.Len())
	}
	h := HTML{b: bytes.Clone(w.Bytes())}
	if len(w.cuts) > 0 {
		h.cuts = slices.Clone(w.cuts)
	}
	writerPool.Put(w)
	return h
}

// block is block d's HTML on its own, for the pages that show it apart
// from its module: the bytes of the page's HTML it was rendered into,
// shared rather than rendered again.
func (c *Converter) block(doc *Doc, src []byte, d *Div) HTML {
	if !d.rendered {
		return c.render(src, d)
	}
	return doc.HTML.slice(d.from, d.to)
}

// collect gathers headings, quotes, worksheets and segments in order.
func (c *Converter) collect(doc *Doc, root ast.Node, src []byte, bodyLine int) {
	var words wordCounter
	// stretch counts the words since the last timed segment; timed counts
	// the timed blocks open around the node, whose words are theirs.
	stretch, timed := 0, 0
	var offs []int // each segment's fence
	isTimed := func(n ast.Node) bool {
		v, ok := n.(*Div)
		return ok && v.Block != nil && v.Block.Segment && v.IntAttr("minutes") > 0
	}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if isTimed(n) {
				timed--
			}
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			words.inWord = false
		}
		switch v := n.(type) {
		case *ast.Heading:
			if v.Level == 2 || v.Level == 3 {
				id, _ := v.AttributeString("id")
				idb, _ := id.([]byte)
				doc.Headings = append(doc.Headings, Heading{Level: v.Level, ID: string(idb), Text: plainText(v, src), InFacilitator: inFacilitator(v)})
			}
		case *ast.Text:
			if !inFacilitator(v) {
				w := words.count(v.Value(src))
				doc.Words += w
				if timed == 0 {
					stretch += w
				}
				if v.SoftLineBreak() || v.HardLineBreak() {
					words.inWord = false
				}
			}
		case *Div:
			if v.Block == nil {
				return ast.WalkContinue, nil
			}
			fac := v.InFacilitator || facilitatorBlockName(v.Name)
			var html *HTML // the block rendered, for the deck (deck.go)
			switch v.Name {
			case "quote":
				doc.Quotes = append(doc.Quotes, Quote{ID: v.ElementID(), By: v.Attr("by"), Where: v.Attr("where"),
					HTML: c.block(doc, src, v), InFacilitator: fac})
				html = &doc.Quotes[len(doc.Quotes)-1].HTML
			case "keypoints", "solution":
				c.gather(doc, v, src, fac) // gather.go
			case "worksheet":
				w := Worksheet{ID: v.ElementID(), Title: v.Attr("title"), Minutes: v.IntAttr("minutes"),
					HTML: c.block(doc, src, v), InFacilitator: fac, Off: v.Off}
				ast.Walk(v, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
					if d, ok := x.(*Div); ok && entering && d.Name == "answer" {
						w.Answers++
					}
					if _, ok := x.(*CellInput); ok && entering {
						w.Answers++
					}
					return ast.WalkContinue, nil
				})
				if w.Title == "" {
					w.Title = c.loc.T("worksheet")
				}
				doc.Worksheets = append(doc.Worksheets, w)
				html = &w.HTML
			case "selfcheck":
				if !inWorksheet(v) {
					doc.Selfchecks = append(doc.Selfchecks, Selfcheck{ID: v.ElementID(), Title: v.Attr("title"),
						HTML: c.block(doc, src, v), InFacilitator: fac, Off: v.Off})
				}
			}
			c.shown(doc, v, src, fac, html)
			if isTimed(v) {
				doc.Segments = append(doc.Segments, Segment{Kind: v.Name, Title: v.Attr("title"), Minutes: v.IntAttr("minutes"),
					ID: v.ElementID(), At: v.IntAttr("at"), Pinned: v.Attr("at") != "", WordsBefore: stretch})
				offs = append(offs, v.Off)
				stretch = 0
				timed++
			}
		}
		return ast.WalkContinue, nil
	})
	doc.WordsAfter = stretch
	if len(offs) > 0 {
		pos := diag.NewLines(src)
		for i, off := range offs {
			sg := &doc.Segments[i]
			sg.Line, sg.Col = pos.Position(off)
			sg.Line += bodyLine - 1
		}
	}
}

// inWorksheet reports whether n is inside a worksheet block.
func inWorksheet(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if d, ok := p.(*Div); ok && d.Name == "worksheet" {
			return true
		}
	}
	return false
}

// wordCounter counts words across text nodes: inline parsing splits text
// at punctuation ("it's" is "it", a quote and "s"; a sentence's final "." is
// a node of its own), so a word is a run that starts at a letter or digit
// and ends at a space, a line break or a block boundary.
type wordCounter struct{ inWord bool }

func (w *wordCounter) count(b []byte) int {
	n := 0
	for _, r := range string(b) {
		switch {
		case unicode.IsSpace(r):
			w.inWord = false
		case !w.inWord && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			w.inWord = true
			n++
		}
	}
	return n
}

func inFacilitator(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if d, ok := p.(*Div); ok && (facilitatorBlockName(d.Name) || d.InFacilitator) {
			return true
		}
		if _, ok := p.(*facilitatorOnlyNode); ok {
			return true
		}
	}
	return false
}

// maxIndent bounds the run of nesting characters (spaces, tabs, ">" and list
// markers) that may start a line: far beyond any real kit, well below what
// makes goldmark slow.
const maxIndent = 400

// tooDeep finds the first line whose leading nesting is longer than maxIndent.
func tooDeep(src []byte) (line, col int, found bool) {
	line = 1
	run, counting := 0, true
	for _, b := range src {
		if b == '\n' {
			line++
			run, counting = 0, true
			continue
		}
		if !counting {
			continue
		}
		switch b {
		case ' ', '\t', '>', '-', '*', '+', '.', ')', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			run++
			if run > maxIndent {
				return line, 1, true
			}
		default:
			counting = false
		}
	}
	return 0, 0, false
}

// maxLinkWork bounds, for one line, its count of link addresses ("](")
// times its length: what goldmark may read for that line's links. A line of
// prose with a hundred links, or an image as a megabyte data address, is far
// below it.
const maxLinkWork = 1 << 28

// tooManyLinks finds the first line whose links could cost more than
// maxLinkWork: its 1-based number, its count of links and its length.
func tooManyLinks(src []byte) (line, links, n int, found bool) {
	line = 1
	for len(src) > 0 {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if len(l) > 1<<14 {
			if c := bytes.Count(l, []byte("](")); c*len(l) > maxLinkWork {
				return line, c, len(l), true
			}
		}
		line++
	}
	return 0, 0, 0, false
}

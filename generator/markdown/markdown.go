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
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lectern/generator/diag"
)

// Options configure a Converter; they come from site.toml.
type Options struct {
	Unsafe  bool              // let raw HTML through
	Aliases map[string]string // other tools' block names -> ours
}

// Converter is safe for concurrent use.
type Converter struct {
	parser   parser.Parser
	renderer renderer.Renderer // the facilitator edition; see render
	blocks   map[string]*Block
}

// New builds a Converter.
func New(o Options) *Converter {
	c := &Converter{blocks: builtinBlocks()}
	dp := &divParser{blocks: c.blocks, aliases: o.Aliases}
	htmlOpts := []renderer.Option{html.WithXHTML()}
	htmlOpts = htmlOpts[:0]
	if o.Unsafe {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	nodeRenderers := []util.PrioritizedValue{
		util.Prioritized(&Renderer{}, 100),
		util.Prioritized(codeRenderer{}, 100),
	}
	if !o.Unsafe {
		nodeRenderers = append(nodeRenderers, util.Prioritized(escapedHTML{}, 100))
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithBlockParsers(util.Prioritized(dp, 90)),
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100), util.Prioritized(tableAlign{}, 100)),
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
}

// Doc is a converted document.
type Doc struct {
	HTML       HTML
	Headings   []Heading
	Quotes     []Quote
	Worksheets []Worksheet
	Segments   []Segment
	Links      []Link
	// Words counts the attendee text, for reading time and empty modules.
	Words int
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
	Answers       int // answer blocks inside
}

// Segment is a timed block on the run-sheet.
type Segment struct {
	Kind, Title string
	Minutes     int
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
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	if s.Resolve != nil {
		pc.Set(resolverKey, s.Resolve)
	}
	root := c.parser.Parse(text.NewReader(s.Body), parser.WithContext(pc))
	hideFacilitatorFootnotes(root) // footnotes.go
	doc := &Doc{HTML: c.render(s.Body, root)}
	doc.Links, _ = pc.Get(linksKey).([]Link)
	c.collect(doc, root, s.Body)

	var errs diag.List
	if ps, ok := pc.Get(problemsKey).(*[]problem); ok {
		pos := newPositions(s.Body)
		for _, p := range *ps {
			line, col := pos.at(p.off)
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

// positions turns byte offsets into lines and columns as diag.Position
// does, but finds the line by binary search: hostile input can produce a
// problem on every line, and a scan from the start for each would be
// quadratic.
type positions struct {
	src    []byte
	starts []int // offset of each line's first byte
}

func newPositions(src []byte) positions {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return positions{src, starts}
}

func (p positions) at(off int) (line, col int) {
	off = min(max(off, 0), len(p.src))
	// The last line starting at or before off.
	i := sort.SearchInts(p.starts, off+1) - 1
	return i + 1, utf8.RuneCount(p.src[p.starts[i]:off]) + 1
}

// render renders n for both editions in one pass: the facilitator edition,
// with the ranges the blocks marked facilitator-only, which the attendee
// edition leaves out (the editions differ nowhere else).
func (c *Converter) render(src []byte, n ast.Node) HTML {
	w := writerPool.Get().(*editionWriter)
	w.Reset()
	w.cuts, w.depth = w.cuts[:0], 0
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

// collect gathers headings, quotes, worksheets and segments in order.
func (c *Converter) collect(doc *Doc, root ast.Node, src []byte) {
	var words wordCounter
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
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
				doc.Words += words.count(v.Value(src))
				if v.SoftLineBreak() || v.HardLineBreak() {
					words.inWord = false
				}
			}
		case *Div:
			if v.Block == nil {
				return ast.WalkContinue, nil
			}
			fac := v.InFacilitator || v.Name == "facilitator"
			switch v.Name {
			case "quote":
				doc.Quotes = append(doc.Quotes, Quote{ID: v.ID, By: v.Attr("by"), Where: v.Attr("where"),
					HTML: c.render(src, v), InFacilitator: fac})
			case "worksheet":
				w := Worksheet{ID: v.ID, Title: v.Attr("title"), Minutes: v.IntAttr("minutes"),
					HTML: c.render(src, v), InFacilitator: fac}
				ast.Walk(v, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
					if d, ok := x.(*Div); ok && entering && d.Name == "answer" {
						w.Answers++
					}
					return ast.WalkContinue, nil
				})
				if w.Title == "" {
					w.Title = "Worksheet"
				}
				doc.Worksheets = append(doc.Worksheets, w)
			}
			if v.Block.Segment && v.IntAttr("minutes") > 0 {
				doc.Segments = append(doc.Segments, Segment{Kind: v.Name, Title: v.Attr("title"), Minutes: v.IntAttr("minutes")})
			}
		}
		return ast.WalkContinue, nil
	})
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
		if d, ok := p.(*Div); ok && (d.Name == "facilitator" || d.InFacilitator) {
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

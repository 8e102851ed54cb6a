package markdown

import (
	"slices"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Footnotes gather at the end of a page, away from the blocks that cite
// them. goldmark's nodes and renderer are kept; the parsing is Lectern's, for
// two reasons. A footnote is scoped like the text it stands in: one defined
// inside a facilitator block is facilitator text, which attendee text cannot
// cite (the citation stays plain text, with a warning), and one that only
// facilitator text cites is facilitator text too; attendee footnotes are
// numbered on their own, so the attendee edition shows 1, 2, 3 with no gap.
// And it takes linear time: goldmark looks each citation up by walking the
// list and sorts the list by insertion, both quadratic in the number of
// footnotes.

var kindFacilitatorOnly = ast.NewNodeKind("FacilitatorOnly")

// facilitatorOnlyNode holds output only the facilitator edition has. It
// writes nothing of its own.
type facilitatorOnlyNode struct{ ast.BaseBlock }

func (n *facilitatorOnlyNode) Kind() ast.NodeKind { return kindFacilitatorOnly }

func (n *facilitatorOnlyNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (r *Renderer) renderFacilitatorOnly(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	facilitatorOnly(w, entering)
	return ast.WalkContinue, nil
}

// footnotes is the extension: goldmark's footnotes with Lectern's parsing.
type footnotes struct{}

func (footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(footnoteDefParser{extension.NewFootnoteBlockParser()}, 999)),
		parser.WithInlineParsers(util.Prioritized(footnoteRefParser{}, 101)),
		parser.WithASTTransformers(util.Prioritized(footnoteTransformer{}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500)))
}

var footnotesKey = parser.NewContextKey()

// footnoteState is one document's footnotes while it is parsed.
type footnoteState struct {
	list  *east.FootnoteList
	byRef map[string]*east.Footnote // the first definition of each label
	fac   map[*east.Footnote]bool   // defined inside a facilitator block
	links []*east.FootnoteLink      // citations, in the order parsed
	count int                       // footnotes cited so far
}

func footnotesOf(pc parser.Context) *footnoteState {
	s, _ := pc.Get(footnotesKey).(*footnoteState)
	if s == nil {
		s = &footnoteState{byRef: map[string]*east.Footnote{}, fac: map[*east.Footnote]bool{}}
		pc.Set(footnotesKey, s)
	}
	return s
}

// facilitatorAt reports whether n is a facilitator block or inside one (or
// inside facilitator-only output).
func facilitatorAt(n ast.Node) bool {
	if d, ok := n.(*Div); ok && (d.Name == "facilitator" || d.InFacilitator) {
		return true
	}
	if _, ok := n.(*facilitatorOnlyNode); ok {
		return true
	}
	return n != nil && inFacilitator(n)
}

// footnoteDefParser is goldmark's definition parser; only where a closed
// definition goes differs.
type footnoteDefParser struct{ parser.BlockParser }

func (p footnoteDefParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	n, st := p.BlockParser.Open(parent, reader, pc)
	if fn, ok := n.(*east.Footnote); ok && facilitatorAt(parent) {
		footnotesOf(pc).fac[fn] = true
	}
	return n, st
}

// Close moves the definition into the document's list. The list is the
// document's first child while the page is parsed (so the definitions' text
// is parsed, and is not inside whatever block the first one stood in); a
// facilitator definition goes in wrapped, so what it cites and links is
// facilitator text too.
func (p footnoteDefParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	s := footnotesOf(pc)
	fn := node.(*east.Footnote)
	parent := node.Parent()
	if s.list == nil {
		s.list = east.NewFootnoteList()
		doc := parent
		for doc.Parent() != nil {
			doc = doc.Parent()
		}
		doc.InsertBefore(doc, doc.FirstChild(), s.list)
	}
	parent.RemoveChild(parent, node)
	if s.fac[fn] {
		wrap := &facilitatorOnlyNode{}
		wrap.AppendChild(wrap, fn)
		s.list.AppendChild(s.list, wrap)
	} else {
		s.list.AppendChild(s.list, fn)
	}
	if _, ok := s.byRef[string(fn.Ref)]; !ok {
		s.byRef[string(fn.Ref)] = fn
	}
}

// footnoteRefParser parses a citation, [^label].
type footnoteRefParser struct{}

func (footnoteRefParser) Trigger() []byte { return []byte{'!', '['} }

func (footnoteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos+1 >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	closure := util.FindClosure(line[pos:min(len(line), pos+footnoteLabelLimit)], '[', ']', false, false) //nolint:staticcheck
	if closure < 0 {
		return nil
	}
	label := block.Value(text.NewSegment(segment.Start+pos, segment.Start+pos+closure))
	s, _ := pc.Get(footnotesKey).(*footnoteState)
	if s == nil {
		return nil
	}
	fn := s.byRef[string(label)]
	if fn == nil {
		return nil
	}
	if s.fac[fn] && !facilitatorAt(parent) {
		report(pc, segment.Start+pos-2, warning, "the footnote [^%s] is defined inside a facilitator block, so attendee text cannot cite it: it shows as plain text (move the definition out of the block)", label)
		return nil
	}
	block.Advance(pos + closure + 1)
	if fn.Index < 0 {
		s.count++
		fn.Index = s.count
	}
	link := east.NewFootnoteLink(fn.Index)
	s.links = append(s.links, link)
	if line[0] == '!' {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return link
}

// footnoteLabelLimit is goldmark's bound on a label's length.
const footnoteLabelLimit = 1000

// footnoteTransformer numbers the footnotes, attendees' first, adds the
// back links, hides facilitator footnotes and moves the list to the end.
type footnoteTransformer struct{}

func (footnoteTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	s, _ := pc.Get(footnotesKey).(*footnoteState)
	pc.Set(footnotesKey, nil)
	if s == nil || s.list == nil {
		return
	}
	list := s.list
	// The footnotes, by the number their first citation gave them.
	byIndex := make([]*east.Footnote, s.count+1)
	for c := list.FirstChild(); c != nil; c = c.NextSibling() {
		if fn := footnoteIn(c); fn != nil && fn.Index > 0 {
			byIndex[fn.Index] = fn
		}
	}
	// Attendees' footnotes are those cited where attendees read, and what
	// those cite in turn; one pass over the citations, then a walk from
	// each attendee footnote to the ones its text cites.
	// Facilitators' are those defined in facilitator blocks, and those that
	// only facilitator text (or their footnotes) cites. Any other (cited
	// only by itself, say) is attendees'.
	cites := make([][]int, s.count+1) // footnote -> footnotes its text cites
	att, byFac := make([]bool, s.count+1), make([]bool, s.count+1)
	var attQ, facQ []int
	for _, l := range s.links {
		from := 0
		for p := l.Parent(); p != nil; p = p.Parent() {
			if fn, ok := p.(*east.Footnote); ok {
				from = fn.Index
				break
			}
		}
		switch {
		case from > 0:
			cites[from] = append(cites[from], l.Index)
		case inFacilitator(l):
			facQ = append(facQ, l.Index)
		default:
			attQ = append(attQ, l.Index)
		}
	}
	spread := func(reached []bool, queue []int, skip func(int) bool) {
		for len(queue) > 0 {
			i := queue[0]
			queue = queue[1:]
			if reached[i] || skip(i) {
				continue
			}
			reached[i] = true
			queue = append(queue, cites[i]...)
		}
	}
	spread(att, attQ, func(i int) bool { return s.fac[byIndex[i]] })
	spread(byFac, facQ, func(i int) bool { return att[i] })
	for i := 1; i <= s.count; i++ {
		att[i] = !s.fac[byIndex[i]] && !byFac[i]
	}
	// New numbers: attendees' footnotes first, in the order of their first
	// citation, then the facilitators'.
	renumber := make([]int, s.count+1)
	n := 0
	for pass := range 2 {
		for i := 1; i <= s.count; i++ {
			if att[i] == (pass == 0) {
				n++
				renumber[i] = n
			}
		}
	}
	refs := make([]int, n+1)
	for _, l := range s.links {
		l.Index = renumber[l.Index]
		refs[l.Index]++
	}
	seen := make([]int, n+1)
	for _, l := range s.links {
		l.RefCount, l.RefIndex = refs[l.Index], seen[l.Index]
		seen[l.Index]++
	}
	// The list in its new order, with back links; footnotes nothing cites
	// are left out, as goldmark leaves them.
	items := make([]ast.Node, n+1)
	for c := list.FirstChild(); c != nil; {
		next := c.NextSibling()
		list.RemoveChild(list, c)
		if fn := footnoteIn(c); fn != nil && fn.Index > 0 && items[renumber[fn.Index]] == nil {
			old := fn.Index
			fn.Index = renumber[old]
			var container ast.Node = fn
			if last := fn.LastChild(); last != nil && ast.IsParagraph(last) {
				container = last
			}
			for i := range refs[fn.Index] {
				b := east.NewFootnoteBacklink(fn.Index)
				b.RefCount, b.RefIndex = refs[fn.Index], i
				container.AppendChild(container, b)
			}
			if !att[old] && c == ast.Node(fn) {
				wrap := &facilitatorOnlyNode{}
				wrap.AppendChild(wrap, fn)
				c = wrap
			}
			items[fn.Index] = c
		}
		c = next
	}
	list.Parent().RemoveChild(list.Parent(), list)
	items = slices.DeleteFunc(items, func(x ast.Node) bool { return x == nil })
	if len(items) == 0 {
		return
	}
	for _, it := range items {
		list.AppendChild(list, it)
	}
	list.Count = len(items)
	if !slices.Contains(att, true) {
		wrap := &facilitatorOnlyNode{}
		wrap.AppendChild(wrap, list)
		doc.AppendChild(doc, wrap)
		return
	}
	doc.AppendChild(doc, list)
}

// footnoteIn is the footnote a list item is, or holds when wrapped.
func footnoteIn(c ast.Node) *east.Footnote {
	if w, ok := c.(*facilitatorOnlyNode); ok {
		c = w.FirstChild()
	}
	fn, _ := c.(*east.Footnote)
	return fn
}

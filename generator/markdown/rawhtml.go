package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Raw HTML goes through htmlFilter (sanitize.go) once, when the page is
// parsed: the parsers note each HTML block and inline tag, a transformer
// replaces each with what it publishes, and the renderer writes that. A page
// without raw HTML costs nothing more.

// rawHTML is the extension: Unsafe is [markdown] unsafe.
type rawHTML struct{ Unsafe bool }

func (e rawHTML) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(rawHTMLTransformer(e), 70)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer{}, 100)))
}

// rawHTMLKey holds the raw HTML nodes of a document, as parsed.
var rawHTMLKey = parser.NewContextKey()

func noteRawHTML(pc parser.Context, n ast.Node) {
	ns, _ := pc.Get(rawHTMLKey).([]ast.Node)
	pc.Set(rawHTMLKey, append(ns, n))
}

// rawHTMLParser is goldmark's inline raw HTML parser, noting what it finds.
// A `<!--` that does not end in its paragraph is, to goldmark, text; to the
// author it is a comment: it takes the rest of the paragraph, which is left
// out with a warning (sanitize.go).
type rawHTMLParser struct{ parser.InlineParser }

func newRawHTMLParser() parser.InlineParser { return rawHTMLParser{parser.NewRawHTMLParser()} }

func (p rawHTMLParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n := p.InlineParser.Parse(parent, block, pc)
	if n == nil {
		line, _ := block.PeekLine()
		if !bytes.HasPrefix(line, []byte("<!--")) {
			return nil
		}
		r := ast.NewRawHTML()
		for {
			line, seg := block.PeekLine()
			if line == nil {
				break
			}
			r.Segments.Append(seg)
			block.AdvanceLine()
		}
		n = r
	}
	noteRawHTML(pc, n)
	return n
}

// rawHTMLTransformer replaces the raw HTML nodes noted while parsing.
type rawHTMLTransformer rawHTML

func (t rawHTMLTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	nodes, _ := pc.Get(rawHTMLKey).([]ast.Node)
	if len(nodes) == 0 {
		return
	}
	src := reader.Source()
	// Blocks are noted before inline tags: put them in document order.
	slices.SortStableFunc(nodes, func(a, b ast.Node) int { return rawStart(a) - rawStart(b) })
	h := &htmlFilter{unsafe: t.Unsafe, report: func(off int, sev severity, format string, args ...any) {
		report(pc, off, sev, format, args...)
	}}
	for _, n := range nodes {
		if !attached(n, doc) {
			continue // taken out of the tree since (a heading become a block's title)
		}
		var f fragment
		parent := n.Parent()
		switch v := n.(type) {
		case *ast.HTMLBlock:
			lines := v.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				f.add(s.Value(src), s.Start)
			}
			if v.HasClosure() {
				f.add(v.ClosureLine.Value(src), v.ClosureLine.Start)
			}
			out, elements, comment := h.filter(&f, h.scope(parent, false))
			if !elements && !t.Unsafe && len(bytes.TrimSpace(out)) > 0 {
				// Text alone (what was shown as text) reads as a paragraph.
				out = append(append([]byte("<p>"), out...), "</p>"...)
			}
			if len(out) > 0 && out[len(out)-1] != '\n' {
				out = append(out, '\n')
			}
			if len(bytes.TrimSpace(out)) == 0 {
				out = nil
			}
			parent.ReplaceChild(parent, n, &htmlBlockOut{HTML: out})
			if v.HTMLBlockType != ast.HTMLBlockType2 && !runsToBlank(v) && !v.HasClosure() && !htmlEnded(v, src) {
				// <pre>, <script>, <?…, <!X…, <![CDATA[ to the end of the
				// page or container: fences and all.
				h.report(rawStart(v), warning, "this HTML block is not ended (%s), so it runs on to the end of its container or page, any ::: line included", endOf(v, src))
				if h.unended == nil {
					h.unended = map[int]bool{}
				}
				h.unended[rawStart(v)] = true
			}
			if comment {
				h.afterComment(src, rawEnd(v, src), false)
			}
		case *ast.RawHTML:
			for i := 0; i < v.Segments.Len(); i++ {
				s := v.Segments.At(i)
				f.add(s.Value(src), s.Start)
			}
			out, _, comment := h.filter(&f, h.scope(blockOf(n), true))
			parent.ReplaceChild(parent, n, &htmlInlineOut{HTML: out})
			if comment {
				h.afterComment(src, v.Segments.At(v.Segments.Len()-1).Stop, !commentClosed(f.b))
			}
		}
	}
	h.closeScopes()
}

// afterComment warns about a --> after a comment, in the text that follows
// up to the next comment (and a blank line, unless the comment was not
// closed in its paragraph): comments do not nest, so an inner --> ended the
// comment early, and the text before the outer one is published.
func (h *htmlFilter) afterComment(src []byte, end int, unclosed bool) {
	if end < 0 || end > len(src) {
		return
	}
	rest := src[end:]
	if i := bytes.Index(rest, []byte("<!--")); i >= 0 {
		rest = rest[:i]
	}
	if !unclosed {
		if i := blankLine(rest); i >= 0 {
			rest = rest[:i]
		}
	}
	if i := bytes.Index(rest, []byte("-->")); i >= 0 {
		h.report(end+i, warning, "this --> ends no comment, so the text before it is shown: HTML comments do not nest, nor go on after a blank line inside a paragraph")
	}
}

// blankLine is the offset of the first blank line in b, or -1.
func blankLine(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r') {
			j++
		}
		if j < len(b) && b[j] == '\n' {
			return i
		}
	}
	return -1
}

// closeScopes closes, at the end of each block, the elements raw HTML left
// open in it.
func (h *htmlFilter) closeScopes() {
	for _, sc := range h.order {
		var closing []byte
		for i := len(sc.open) - 1; i >= 0; i-- {
			t := sc.open[i]
			if htmlOptionalEnd[t.name] {
				continue
			}
			closing = append(closing, "</"+t.name+">"...)
			if h.unended[t.off] {
				continue
			}
			if _, doc := sc.node.(*ast.Document); doc {
				h.report(t.off, warning, "<%s> is not closed: Lectern closes it at the end of the page", t.name)
			} else {
				h.report(t.off, warning, "<%s> is not closed in its block: Lectern closes it at the block's end", t.name)
			}
		}
		if len(closing) == 0 {
			continue
		}
		if sc.inline {
			sc.node.AppendChild(sc.node, &htmlInlineOut{HTML: closing})
		} else {
			sc.node.AppendChild(sc.node, &htmlBlockOut{HTML: append(closing, '\n')})
		}
	}
}

// endOf says how an HTML block of type 1, 3, 4 or 5 ends.
func endOf(b *ast.HTMLBlock, src []byte) string {
	switch b.HTMLBlockType {
	case ast.HTMLBlockType1:
		first := b.Lines().At(0)
		if m := htmlStart1.FindSubmatch(first.Value(src)); m != nil {
			return "end it with </" + strings.ToLower(string(m[1])) + ">"
		}
	case ast.HTMLBlockType3:
		return "end it with ?>"
	case ast.HTMLBlockType4:
		return "end it with >"
	case ast.HTMLBlockType5:
		return "end it with ]]>"
	}
	return "end it with its closing tag"
}

var htmlStart1 = regexp.MustCompile(`(?i)^ {0,3}<(script|pre|style|textarea)`)

func rawStart(n ast.Node) int {
	switch v := n.(type) {
	case *ast.HTMLBlock:
		if v.Lines().Len() > 0 {
			return v.Lines().At(0).Start
		}
	case *ast.RawHTML:
		if v.Segments.Len() > 0 {
			return v.Segments.At(0).Start
		}
	}
	return 0
}

func rawEnd(b *ast.HTMLBlock, src []byte) int {
	if b.HasClosure() {
		return b.ClosureLine.Stop
	}
	if n := b.Lines().Len(); n > 0 {
		return b.Lines().At(n - 1).Stop
	}
	return len(src)
}

// attached reports whether n is still in the tree of doc.
func attached(n ast.Node, doc *ast.Document) bool {
	for p := n; p != nil; p = p.Parent() {
		if p == ast.Node(doc) {
			return true
		}
	}
	return false
}

// blockOf is the block an inline node is in.
func blockOf(n ast.Node) ast.Node {
	p := n.Parent()
	for p != nil && p.Type() != ast.TypeBlock {
		p = p.Parent()
	}
	return p
}

// The node kinds of raw HTML as published.
var (
	kindHTMLBlockOut  = ast.NewNodeKind("HTMLBlockOut")
	kindHTMLInlineOut = ast.NewNodeKind("HTMLInlineOut")
)

// htmlBlockOut is an HTML block as published.
type htmlBlockOut struct {
	ast.BaseBlock
	HTML []byte
}

func (n *htmlBlockOut) Kind() ast.NodeKind { return kindHTMLBlockOut }
func (n *htmlBlockOut) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.HTML)}, nil)
}

// htmlInlineOut is an inline tag as published.
type htmlInlineOut struct {
	ast.BaseInline
	HTML []byte
}

func (n *htmlInlineOut) Kind() ast.NodeKind { return kindHTMLInlineOut }
func (n *htmlInlineOut) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.HTML)}, nil)
}

// rawHTMLRenderer writes raw HTML as published. Raw HTML the transformer
// did not see (none is expected) is shown as text: never published unread.
type rawHTMLRenderer struct{}

func (rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindHTMLBlockOut, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(n.(*htmlBlockOut).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindHTMLInlineOut, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(n.(*htmlInlineOut).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				s := segs.At(i)
				w.Write(util.EscapeHTML(s.Value(src)))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		w.WriteString("<p>")
		lines := b.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			w.Write(util.EscapeHTML(s.Value(src)))
		}
		if b.HasClosure() {
			w.Write(util.EscapeHTML(b.ClosureLine.Value(src)))
		}
		w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}

package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A span is Pandoc's `[text]{#id .class}`: text with an id to link to (a
// glossary's terms) or classes. goldmark leaves the brackets of `[text]`
// that is no link as text, so spans are found after inline parsing, in the
// text nodes, and the nodes between the brackets move into a Span.

// KindSpan is the node kind of a span.
var KindSpan = ast.NewNodeKind("Span")

// Span is an inline span with the author's id and classes.
type Span struct {
	ast.BaseInline
	ID      string
	Classes []string
}

// Kind implements ast.Node.
func (s *Span) Kind() ast.NodeKind { return KindSpan }

// Dump implements ast.Node.
func (s *Span) Dump(src []byte, level int) {
	ast.DumpHelper(s, src, level, map[string]string{"ID": s.ID, "Classes": strings.Join(s.Classes, " ")}, nil)
}

// spans is the extension: the transformer and the renderer.
type spans struct{}

func (spans) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(spanTransformer{}, 60)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(spanRenderer{}, 100)))
}

// spanTransformer makes the spans of a document.
type spanTransformer struct{}

func (spanTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("]{")) {
		return // no span can close: most pages
	}
	var parents []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindRawHTML, ast.KindAutoLink, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			parents = append(parents, n)
		}
		return ast.WalkContinue, nil
	})
	for _, p := range parents {
		makeSpans(p, src, pc)
	}
}

type spanOpener struct {
	t   *ast.Text
	off int // the '[' in the source
}

// makeSpans finds the spans among parent's children: brackets pair up as
// they nest, and a `]` right before a well-formed `{…}` closes a span.
func makeSpans(parent ast.Node, src []byte, pc parser.Context) {
	var open []spanOpener
	from := 0
	for c := parent.FirstChild(); c != nil; {
		t, ok := c.(*ast.Text)
		if !ok {
			c = c.NextSibling()
			continue
		}
		seg := t.Segment
		next := c.NextSibling()
		for i := max(from, seg.Start); i < seg.Stop; i++ {
			if (src[i] != '[' && src[i] != ']') || escaped(src, i) {
				continue
			}
			if src[i] == '[' {
				open = append(open, spanOpener{t, i})
				continue
			}
			if len(open) == 0 {
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if i+1 >= len(src) || src[i+1] != '{' {
				continue
			}
			eol := bytes.IndexByte(src[i+1:], '\n')
			if eol < 0 {
				eol = len(src) - i - 1
			}
			attrs, n, err := parseAttrs(string(src[i+1 : i+1+eol]))
			if err != nil {
				continue
			}
			rest := makeSpan(parent, o, t, i, i+1+n, attrs, src, pc)
			if rest == nil {
				return
			}
			next, from = rest, i+1+n
			break
		}
		c = next
	}
}

// makeSpan turns the children from the '[' at o to the ']' at close (in t)
// into a Span, and removes the attributes up to end. It returns the node
// to read on from, or nil when nothing follows.
func makeSpan(parent ast.Node, o spanOpener, t *ast.Text, close, end int, attrs []Attr, src []byte, pc parser.Context) ast.Node {
	bracket := splitText(o.t, o.off)
	inner := splitText(bracket, o.off+1)
	if t == o.t {
		t = inner
	}
	attrText := splitText(t, close)
	// The attributes may span several nodes (smart quotes are nodes of
	// their own): drop every node up to the one that holds end.
	var rest ast.Node
	for n := ast.Node(attrText); n != nil; {
		nx := n.NextSibling()
		x, ok := n.(*ast.Text)
		if !ok {
			parent.RemoveChild(parent, n) // a smart quote inside the attributes
			n = nx
			continue
		}
		if x.Segment.Start >= end {
			rest = x
			break
		}
		if x.Segment.Stop > end {
			rest = splitText(x, end)
			parent.RemoveChild(parent, x)
			break
		}
		if x.SoftLineBreak() || x.HardLineBreak() {
			// The line break after the attributes stays.
			x.Segment = text.NewSegment(end, end)
			rest = x
			break
		}
		parent.RemoveChild(parent, x)
		if x.Segment.Stop == end {
			rest = nx
			break
		}
		n = nx
	}
	s := &Span{}
	s.ID, s.Classes = pandocAttrs(attrs, close+1, "span", pc)
	parent.InsertBefore(parent, bracket, s)
	parent.RemoveChild(parent, bracket)
	for n := ast.Node(inner); n != nil; {
		nx := n.NextSibling()
		s.AppendChild(s, n)
		if n == ast.Node(t) {
			break
		}
		n = nx
	}
	dropEmpty(parent, o.t)
	for _, x := range []*ast.Text{inner, t} {
		dropEmpty(s, x)
	}
	return rest
}

// splitText splits t at the source offset at: t keeps what is before, a new
// text node after it takes the rest, with t's line break.
func splitText(t *ast.Text, at int) *ast.Text {
	at = min(max(at, t.Segment.Start), t.Segment.Stop)
	r := ast.NewTextSegment(text.NewSegment(at, t.Segment.Stop))
	r.SetSoftLineBreak(t.SoftLineBreak())
	r.SetHardLineBreak(t.HardLineBreak())
	r.SetRaw(t.IsRaw())
	t.Segment = t.Segment.WithStop(at)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	t.Parent().InsertAfter(t.Parent(), t, r)
	return r
}

func dropEmpty(parent ast.Node, t *ast.Text) {
	if t.Parent() == parent && t.Segment.Len() == 0 && !t.SoftLineBreak() && !t.HardLineBreak() {
		parent.RemoveChild(parent, t)
	}
}

// escaped reports whether the byte at i follows an odd run of backslashes.
func escaped(src []byte, i int) bool {
	n := 0
	for i-n-1 >= 0 && src[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// spanRenderer writes spans.
type spanRenderer struct{}

func (spanRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSpan, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			w.WriteString("</span>")
			return ast.WalkContinue, nil
		}
		s := n.(*Span)
		w.WriteString("<span")
		if s.ID != "" {
			attr(w, "id", s.ID)
		}
		if len(s.Classes) > 0 {
			attr(w, "class", strings.Join(s.Classes, " "))
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}

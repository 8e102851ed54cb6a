package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// An image alone in its paragraph is a figure: the paragraph becomes a
// <figure> with the image's title, or else its alternative text, as the
// caption, as Pandoc's implicit figures do. A caption that repeats the alt
// text is hidden from screen readers, which read the alt text already.

// KindFigure is the node kind of an implicit figure.
var KindFigure = ast.NewNodeKind("Figure")

// Figure holds one image and its caption.
type Figure struct {
	ast.BaseBlock
	Caption string
	// FromAlt is set when the caption is the image's alt text.
	FromAlt bool
}

// Kind implements ast.Node.
func (f *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (f *Figure) Dump(src []byte, level int) {
	ast.DumpHelper(f, src, level, map[string]string{"Caption": f.Caption}, nil)
}

// figureTransformer turns the paragraphs that hold only an image into figures.
type figureTransformer struct{}

func (figureTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var paras []*ast.Paragraph
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			paras = append(paras, p)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		img := aloneImage(p, src)
		if img == nil {
			continue
		}
		f := &Figure{Caption: string(img.Title)}
		if f.Caption == "" {
			f.Caption, f.FromAlt = plainText(img, src), true
		}
		if f.Caption == "" {
			continue // nothing to caption: the image stays as it is
		}
		parent := p.Parent()
		parent.ReplaceChild(parent, p, f)
		for c := p.FirstChild(); c != nil; {
			next := c.NextSibling()
			f.AppendChild(f, c)
			c = next
		}
	}
}

// aloneImage is the image that is a paragraph's only content (blank text
// around it aside), or nil.
func aloneImage(p *ast.Paragraph, src []byte) *ast.Image {
	var img *ast.Image
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Image:
			if img != nil {
				return nil
			}
			img = v
		case *ast.Text:
			if len(bytes.TrimSpace(v.Value(src))) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	return img
}

// figureRenderer writes a Figure around the image goldmark renders.
type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString("<figure class=\"figure\">\n")
			return ast.WalkContinue, nil
		}
		f := n.(*Figure)
		w.WriteString("\n<figcaption")
		if f.FromAlt {
			w.WriteString(` aria-hidden="true"`)
		}
		w.WriteString(">")
		escText(w, f.Caption)
		w.WriteString("</figcaption>\n</figure>\n")
		return ast.WalkContinue, nil
	})
}

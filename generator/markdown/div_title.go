package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A block that takes a title but has none, and starts with a heading, takes
// the heading as its title, as lessons in the Carpentries' style write it:
//
//	::: challenge
//	## Challenge 1: Can you do it?
//
// The heading leaves the block's content (it would say the title twice),
// and its id goes to the block's element, unless the author gave the block
// one, so links to the heading still arrive.

// titleKey holds the blocks that may take their first heading as title.
var titleKey = parser.NewContextKey()

// noteHeadingTitle runs as block d closes: the heading is parsed, its text
// not yet (that is done once the whole document is parsed).
func noteHeadingTitle(d *Div, pc parser.Context) {
	if d.Block == nil || d.Attr("title") != "" {
		return
	}
	if _, ok := d.Block.Attrs["title"]; !ok {
		return
	}
	if _, ok := d.FirstChild().(*ast.Heading); !ok {
		return
	}
	ds, _ := pc.Get(titleKey).([]*Div)
	pc.Set(titleKey, append(ds, d))
}

// headingTitles gives the blocks noted their titles. It is an extension:
// it runs after inline parsing, before the other transformers.
type headingTitles struct{}

func (t headingTitles) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(t, 50)))
}

func (headingTitles) Transform(_ *ast.Document, reader text.Reader, pc parser.Context) {
	ds, _ := pc.Get(titleKey).([]*Div)
	for _, d := range ds {
		h, ok := d.FirstChild().(*ast.Heading)
		if !ok {
			continue
		}
		title := plainText(h, reader.Source())
		if title == "" {
			continue
		}
		d.Attrs = append(d.Attrs, Attr{Key: "title", Value: title, Off: h.Pos()})
		if id, ok := h.AttributeString("id"); ok && d.OwnID == "" {
			if b, ok := id.([]byte); ok {
				d.OwnID = string(b)
			}
		}
		d.RemoveChild(d, h)
	}
}

package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// quoteBlock is a quotation card; every quote is also gathered on the quote
// wall and the projector view.
var quoteBlock = &Block{
	Name:  "quote",
	Attrs: map[string]AttrSpec{"by": {}, "where": {}},
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if entering {
			w.WriteString(`<figure`)
			blockAttrs(w, d, "quote", true)
			w.WriteString(">\n<blockquote>\n")
			return ast.WalkContinue
		}
		w.WriteString("</blockquote>\n")
		QuoteCaption(w, d.Attr("by"), d.Attr("where"))
		w.WriteString("</figure>\n")
		return ast.WalkContinue
	},
}

// QuoteCaption writes a quote's attribution; the quote wall uses it too.
func QuoteCaption(w util.BufWriter, by, where string) {
	if by == "" && where == "" {
		return
	}
	w.WriteString(`<figcaption>`)
	if by != "" {
		w.WriteString(`<span class="quote-by">`)
		escText(w, by)
		w.WriteString(`</span>`)
	}
	if where != "" {
		if by != "" {
			w.WriteString(", ")
		}
		w.WriteString(`<cite>`)
		escText(w, where)
		w.WriteString(`</cite>`)
	}
	w.WriteString("</figcaption>\n")
}

package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// calloutBlock makes note, tip and warning: a labelled aside, so the kind is
// read out and printed, not told by colour alone.
func calloutBlock(name string) *Block {
	return &Block{
		Name:  name,
		Attrs: map[string]AttrSpec{"title": {}},
		Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
			if !entering {
				w.WriteString("</aside>\n")
				return ast.WalkContinue
			}
			w.WriteString(`<aside`)
			blockAttrs(w, d, "callout callout-"+name, false)
			label := word(w, name)
			w.WriteString(` role="note" aria-label="` + label + `">` + "\n")
			w.WriteString(`<p class="block-label"><span class="callout-icon" aria-hidden="true"></span>` + label)
			if t := d.Attr("title"); t != "" {
				w.WriteString(": ")
				escText(w, t)
			}
			w.WriteString("</p>\n")
			return ast.WalkContinue
		},
	}
}

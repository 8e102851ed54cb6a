package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// keypointsBlock sums a module up, usually in a short list at its end.
// Every module's key points are also gathered, in module order, on the key
// points page and at the end of the handout (Doc.KeyPoints).
var keypointsBlock = &Block{
	Name:  "keypoints",
	Attrs: map[string]AttrSpec{"title": {}},
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if !entering {
			w.WriteString("</aside>\n")
			return ast.WalkContinue
		}
		w.WriteString(`<aside`)
		blockAttrs(w, d, "keypoints", true)
		w.WriteString(` role="note" aria-label="Key points">` + "\n")
		w.WriteString(`<p class="block-label">Key points`)
		if t := d.Attr("title"); t != "" {
			w.WriteString(": ")
			escText(w, t)
		}
		w.WriteString("</p>\n")
		return ast.WalkContinue
	},
}

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
		label := word(w, "key_points")
		w.WriteString(` role="note" aria-label="` + label + `">` + "\n")
		w.WriteString(`<p class="block-label">` + label)
		if t := d.Attr("title"); t != "" {
			w.WriteString(": ")
			escText(w, t)
		}
		w.WriteString("</p>\n")
		return ast.WalkContinue
	},
}

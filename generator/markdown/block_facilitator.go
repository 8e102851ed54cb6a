package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// facilitatorBlock holds notes for whoever runs the workshop. It is
// facilitator-only output, so the attendee edition drops it with everything
// inside: quotes, worksheets, anything.
var facilitatorBlock = &Block{
	Name:  "facilitator",
	Attrs: map[string]AttrSpec{"title": {}},
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if entering {
			facilitatorOnly(w, true)
			w.WriteString(`<aside`)
			blockAttrs(w, d, "facilitator-note", false)
			label := word(w, "facilitator_note")
			w.WriteString(` role="note" aria-label="` + label + `">` + "\n")
			w.WriteString(`<p class="block-label">`)
			w.WriteString(label)
			if t := d.Attr("title"); t != "" {
				w.WriteString(": ")
				escText(w, t)
			}
			w.WriteString("</p>\n")
		} else {
			w.WriteString("</aside>\n")
			facilitatorOnly(w, false)
		}
		return ast.WalkContinue
	},
}

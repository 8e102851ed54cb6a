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
			w.WriteString(` role="note" aria-label="Facilitator note">` + "\n")
			w.WriteString(`<p class="block-label">`)
			if t := d.Attr("title"); t != "" {
				w.WriteString("Facilitator note: ")
				escText(w, t)
			} else {
				w.WriteString("Facilitator note")
			}
			w.WriteString("</p>\n")
		} else {
			w.WriteString("</aside>\n")
			facilitatorOnly(w, false)
		}
		return ast.WalkContinue
	},
}

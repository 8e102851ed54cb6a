package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// slideBlock is content meant for the screen: the facilitator's deck
// (facilitator/present/) shows it as a slide of its own, where it stands
// in the module. The facilitator edition shows it as a plain section, so
// the notes say what the room sees; attendees never get it.
var slideBlock = &Block{
	Name:  "slide",
	Attrs: map[string]AttrSpec{"title": {}},
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if !entering {
			w.WriteString("</section>\n")
			facilitatorOnly(w, false)
			return ast.WalkContinue
		}
		facilitatorOnly(w, true)
		w.WriteString(`<section`)
		blockAttrs(w, d, "slide-block", true)
		w.WriteString(` aria-label="` + word(w, "slide") + `">` + "\n")
		w.WriteString(`<p class="block-label">` + word(w, "slide"))
		if t := d.Attr("title"); t != "" {
			w.WriteString(": ")
			escText(w, t)
		}
		w.WriteString("</p>\n")
		return ast.WalkContinue
	},
}

// facilitatorBlockName reports whether a block of that name holds what only
// the facilitator edition has, with everything inside it.
func facilitatorBlockName(name string) bool {
	return name == "facilitator" || name == "slide"
}

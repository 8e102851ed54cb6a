package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// segmentBlock makes activity and discussion: timed segments of a module,
// placed on the run-sheet. The facilitator edition adds a timer.
func segmentBlock(name string) *Block {
	return &Block{
		Name:    name,
		Segment: true,
		Attrs:   map[string]AttrSpec{"minutes": minutes, "at": at, "title": {}},
		close:   checkAt,
		Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
			if !entering {
				w.WriteString("</section>\n")
				return ast.WalkContinue
			}
			w.WriteString(`<section`)
			blockAttrs(w, d, "segment segment-"+name, true)
			w.WriteString(">\n")
			segmentHeader(w, d, word(w, name))
			return ast.WalkContinue
		},
	}
}

// at pins a timed block's start, in minutes from the module's start; without
// it the run-sheet places the block where it stands in the module.
var at = AttrSpec{Int: true, Min: 0, Max: 600}

// checkAt warns about at on a block that takes no time: it has no place on
// the run-sheet to pin.
func checkAt(d *Div, _ []byte, pc parser.Context) {
	if d.Attr("at") == "" || d.IntAttr("minutes") > 0 {
		return
	}
	for _, a := range d.Attrs {
		if a.Key == "at" {
			report(pc, a.Off, warning, "at is ignored without minutes: add minutes=… to place the %s on the run-sheet", d.Name)
		}
	}
}

// segmentHeader writes the label, title, minutes and (for facilitators) a
// timer shared by every timed block.
func segmentHeader(w util.BufWriter, d *Div, label string) {
	w.WriteString(`<p class="segment-head"><span class="block-label">` + label + `</span>`)
	if t := d.Attr("title"); t != "" && d.Name != "worksheet" {
		w.WriteString(` <span class="segment-title">`)
		escText(w, t)
		w.WriteString(`</span>`)
	}
	if m := d.IntAttr("minutes"); m > 0 {
		w.WriteString(` <span class="minutes">` + word(w, "dur_min", m) + `</span>`)
	}
	w.WriteString("</p>\n")
	if m := d.IntAttr("minutes"); m > 0 {
		facilitatorOnly(w, true)
		w.WriteString(`<div class="timer" data-seconds="` + strconv.Itoa(m*60) + `" hidden></div>` + "\n")
		facilitatorOnly(w, false)
	}
}

package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// worksheetBlock is a printable exercise: it starts a new printed page and
// is gathered in the worksheet pack. With minutes it is a timed segment.
var worksheetBlock = &Block{
	Name:    "worksheet",
	Segment: true,
	Attrs:   map[string]AttrSpec{"title": {}, "minutes": minutes},
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if !entering {
			w.WriteString("</section>\n")
			return ast.WalkContinue
		}
		w.WriteString(`<section class="worksheet"`)
		attr(w, "id", d.ID)
		w.WriteString(">\n")
		title := d.Attr("title")
		if title == "" {
			title = "Worksheet"
		}
		w.WriteString(`<h2 class="worksheet-title">`)
		escText(w, title)
		w.WriteString("</h2>\n")
		segmentHeader(w, d, "Worksheet")
		return ast.WalkContinue
	},
}

// answerBlock is writing space: a text box on screen, ruled lines on paper.
// Its id names where the browser keeps the text, so every page showing the
// same block shares it. Content inside the block is its prompt.
var answerBlock = &Block{
	Name:  "answer",
	Attrs: map[string]AttrSpec{"lines": {Int: true, Min: 1, Max: 40}, "label": {}},
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if entering {
			w.WriteString(`<div class="answer">` + "\n")
			return ast.WalkContinue
		}
		lines := d.IntAttr("lines")
		if lines == 0 {
			lines = 4
		}
		label := d.Attr("label")
		if label == "" {
			label = "Your answer"
		}
		n := strconv.Itoa(lines)
		w.WriteString(`<textarea class="answer-box" rows="` + n + `" style="--lines:` + n + `"`)
		attr(w, "id", d.ID)
		attr(w, "data-answer", d.ID)
		attr(w, "aria-label", label)
		w.WriteString(`></textarea>`)
		w.WriteString(`<div class="answer-print" aria-hidden="true" style="--lines:` + n + `"></div>`)
		w.WriteString("</div>\n")
		return ast.WalkContinue
	},
}

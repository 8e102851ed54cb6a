package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// worksheetBlock is a printable exercise, gathered in the worksheet pack,
// where it starts a sheet of its own. With minutes it is a timed segment.
// The empty cells of its tables are writing space too (cells.go).
var worksheetBlock = &Block{
	Name:    "worksheet",
	Segment: true,
	Attrs:   map[string]AttrSpec{"title": {}, "minutes": minutes, "at": at},
	close:   checkAt,
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if !entering {
			w.WriteString("</section>\n")
			return ast.WalkContinue
		}
		w.WriteString(`<section`)
		blockAttrs(w, d, "worksheet", true)
		w.WriteString(">\n")
		title := d.Attr("title")
		w.WriteString(`<h2 class="worksheet-title">`)
		if title == "" {
			w.WriteString(word(w, "worksheet"))
		} else {
			escText(w, title)
		}
		w.WriteString("</h2>\n")
		segmentHeader(w, d, word(w, "worksheet"))
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
			w.WriteString(`<div`)
			blockClass(w, d, "answer") // the id is the text box's, below
			w.WriteString(">\n")
			return ast.WalkContinue
		}
		lines := d.IntAttr("lines")
		if lines == 0 {
			lines = 4
		}
		label := d.Attr("label")
		if label == "" {
			label = wordText(w, "your_answer")
		}
		n := strconv.Itoa(lines)
		w.WriteString(`<textarea class="answer-box" rows="` + n + `" style="--lines:` + n + `"`)
		attr(w, "id", d.ElementID())
		attr(w, "data-answer", d.ID)
		attr(w, "aria-label", label)
		w.WriteString(`></textarea>`)
		// On paper: one ruled line per line of writing, drawn as elements
		// (a background would print soft, and unevenly), and what was typed
		// on screen, which the page's script copies into answer-text.
		w.WriteString(`<div class="answer-print" aria-hidden="true" style="--lines:` + n + `"><span class="answer-text"></span>`)
		for range lines {
			w.WriteString(`<span class="answer-rule"></span>`)
		}
		w.WriteString(`</div>`)
		w.WriteString("</div>\n")
		return ast.WalkContinue
	},
}

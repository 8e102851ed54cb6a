package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"lectern/generator/i18n"
)

// Edition is who a page is for.
type Edition int

const (
	Attendee Edition = iota
	Facilitator
)

func (e Edition) String() string {
	if e == Facilitator {
		return "facilitator"
	}
	return "attendee"
}

// Renderer renders kit blocks as the facilitator edition, marking what only
// facilitators get (facilitatorOnly): a Converter renders once and cuts
// those ranges out for attendees. It holds no per-document state, so one
// Renderer serves every goroutine.
type Renderer struct{}

// editionWriter is what a Converter renders into: the output, and the
// ranges of it that only the facilitator edition has. goldmark gives its
// renderers no per-render state, but it hands them this writer. Being a
// util.BufWriter itself, it also spares goldmark a bufio.Writer per call.
type editionWriter struct {
	bytes.Buffer
	cuts  []int // start and end offsets of facilitator-only output, in pairs
	depth int   // ranges open: a timer can be inside a facilitator block
	start int   // where the outermost open range began
	// solutions is how the handout prints solution blocks, or "" when
	// rendering a page itself (block_reveal.go).
	solutions string
	// spans says to note where each block's HTML is (Div.from, Div.to):
	// set while a page itself is rendered.
	spans bool
	// loc is the language the blocks' labels are in (words.go).
	loc *i18n.Locale
}

func (w *editionWriter) Buffered() int { return 0 }
func (w *editionWriter) Flush() error  { return nil }

// facilitatorOnly marks output only the facilitator edition has: call it
// with true before writing that output and with false after. Nested ranges
// fall inside the outermost, which is the one cut.
func facilitatorOnly(w util.BufWriter, begin bool) {
	ew, ok := w.(*editionWriter)
	if !ok {
		return
	}
	if begin {
		if ew.depth == 0 {
			ew.start = ew.Len()
		}
		ew.depth++
		return
	}
	ew.depth--
	if ew.depth == 0 {
		ew.cuts = append(ew.cuts, ew.start, ew.Len())
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *Renderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDiv, r.renderDiv)
	reg.Register(KindQuestion, r.renderQuestion)
	reg.Register(kindFacilitatorOnly, r.renderFacilitatorOnly)
}

func (r *Renderer) renderDiv(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := n.(*Div)
	if d.Block == nil {
		// An unknown block was reported; keep its content readable.
		if entering {
			w.WriteString("<div")
			blockAttrs(w, d, "", false)
			w.WriteString(">\n")
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	}
	ew, spans := w.(*editionWriter)
	spans = spans && ew.spans
	if spans && entering {
		d.from = ew.Len()
	}
	status := d.Block.Render(w, d, entering)
	if spans && !entering {
		d.to, d.rendered = ew.Len(), true
	}
	return status, nil
}

// attr writes ` name="value"` with the value escaped.
func attr(w util.BufWriter, name, value string) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	w.Write(util.EscapeHTML([]byte(value)))
	w.WriteByte('"')
}

func escText(w util.BufWriter, s string) { w.Write(util.EscapeHTML([]byte(s))) }

// blockAttrs writes a block element's class (the block's own, then the
// author's {.class}es) and its id: with withID always, else only the
// author's {#id}.
func blockAttrs(w util.BufWriter, d *Div, class string, withID bool) {
	blockClass(w, d, class)
	if withID || d.OwnID != "" {
		attr(w, "id", d.ElementID())
	}
}

// blockClass writes the class attribute of a block's element: the block's
// own class, then the author's.
func blockClass(w util.BufWriter, d *Div, class string) {
	if len(d.Classes) > 0 {
		class = strings.TrimSpace(class + " " + strings.Join(d.Classes, " "))
	}
	if class != "" {
		attr(w, "class", class)
	}
}

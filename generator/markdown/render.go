package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
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

// Renderer renders kit blocks for one edition. It holds no per-document
// state, so one Renderer serves every goroutine.
type Renderer struct {
	Edition Edition
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *Renderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDiv, r.renderDiv)
	reg.Register(KindQuestion, r.renderQuestion)
}

func (r *Renderer) renderDiv(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := n.(*Div)
	if d.Block == nil {
		// An unknown block was reported; keep its content readable.
		if entering {
			w.WriteString("<div>\n")
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	}
	return d.Block.Render(w, d, entering, r), nil
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

package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A worksheet's table with empty body cells ("| Activity | T or P? |" with
// the second column blank) asks to be filled in: each empty cell gets a
// text input on screen, kept in the browser as an answer is, and is a box
// to write in on paper (the print styles size it; the input prints as the
// text typed into it).

// KindCellInput is the input of an empty worksheet table cell.
var KindCellInput = ast.NewNodeKind("CellInput")

// CellInput is the one child of an empty body cell of a table in a
// worksheet.
type CellInput struct {
	ast.BaseInline
	// ID names where the browser keeps the text, as an answer's id does:
	// the worksheet's id, the table's number in it and the cell's row and
	// column ("worksheet-1-t1-r2c2").
	ID string
	// Label says which cell it is, from the column's heading and the row's
	// first cell ("T or P?: Approving holiday requests").
	Label string
}

func (c *CellInput) Kind() ast.NodeKind { return KindCellInput }

func (c *CellInput) Dump(src []byte, level int) {
	ast.DumpHelper(c, src, level, map[string]string{"ID": c.ID, "Label": c.Label}, nil)
}

// worksheetCells gives the empty body cells of worksheets' tables their
// inputs. It runs after parsing, when blocks have their ids.
type worksheetCells struct{}

func (worksheetCells) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		d, ok := n.(*Div)
		if !ok || !entering || d.Name != "worksheet" {
			return ast.WalkContinue, nil
		}
		tables := 0
		ast.Walk(d, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := n.(*east.Table); ok && entering {
				tables++
				cellInputs(t, d.ID+"-t"+strconv.Itoa(tables), src)
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
		// A worksheet holds no other worksheet (check reports one).
		return ast.WalkSkipChildren, nil
	})
}

// cellInputs puts an input in each empty body cell of t, its id starting
// with prefix.
func cellInputs(t *east.Table, prefix string, src []byte) {
	var heads []string
	row := 0
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		if _, ok := r.(*east.TableHeader); ok {
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				heads = append(heads, strings.TrimSpace(plainText(c, src)))
			}
			continue
		}
		row++
		first := ""
		col := 0
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			col++
			if col == 1 {
				first = strings.TrimSpace(plainText(c, src))
			}
			if c.HasChildren() {
				continue
			}
			var label []string
			if col <= len(heads) && heads[col-1] != "" {
				label = append(label, heads[col-1])
			}
			if col > 1 && first != "" {
				label = append(label, first)
			}
			if len(label) == 0 {
				label = append(label, "Row "+strconv.Itoa(row)+", column "+strconv.Itoa(col))
			}
			c.SetAttributeString("class", []byte("cell-answer"))
			c.AppendChild(c, &CellInput{ID: prefix + "-r" + strconv.Itoa(row) + "c" + strconv.Itoa(col), Label: strings.Join(label, ": ")})
		}
	}
}

// cellRenderer renders CellInput.
type cellRenderer struct{}

func (cellRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCellInput, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			c := n.(*CellInput)
			w.WriteString(`<input type="text" class="cell-input" autocomplete="off"`)
			attr(w, "data-answer", c.ID)
			attr(w, "aria-label", c.Label)
			w.WriteString(`>`)
		}
		return ast.WalkContinue, nil
	})
}

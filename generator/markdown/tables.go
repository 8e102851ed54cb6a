package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tableAlign sets a table cell's alignment as its style once, at parse
// time. goldmark's table renderer would otherwise append it to the node's
// style on every render, and Lectern renders each tree more than once (both
// editions, the quote wall, the worksheet pack): the second rendering came
// out as style="text-align:right;text-align:right". The renderer is told to
// leave alignment alone (extension.TableCellAlignNone).
type tableAlign struct{}

func (tableAlign) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*east.TableCell); ok && entering && c.Alignment != east.AlignNone {
			c.SetAttributeString("style", []byte("text-align:"+c.Alignment.String()))
		}
		return ast.WalkContinue, nil
	})
}

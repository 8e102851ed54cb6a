package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// Footnotes gather at the end of a page, away from the blocks that cite
// them: goldmark moves every definition into one list. A footnote that only
// facilitator blocks cite (directly, or through footnotes they cite) is
// facilitator text, so its list item goes into a facilitatorOnlyNode, and
// so does the whole list when nothing in it is for attendees.

var kindFacilitatorOnly = ast.NewNodeKind("FacilitatorOnly")

// facilitatorOnlyNode holds output only the facilitator edition has. It
// writes nothing of its own.
type facilitatorOnlyNode struct{ ast.BaseBlock }

func (n *facilitatorOnlyNode) Kind() ast.NodeKind { return kindFacilitatorOnly }

func (n *facilitatorOnlyNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (r *Renderer) renderFacilitatorOnly(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	facilitatorOnly(w, entering)
	return ast.WalkContinue, nil
}

// hideFacilitatorFootnotes wraps the footnotes of doc that attendees do not
// cite.
func hideFacilitatorFootnotes(doc ast.Node) {
	var list *east.FootnoteList
	for c := doc.LastChild(); c != nil && list == nil; c = c.PreviousSibling() {
		list, _ = c.(*east.FootnoteList)
	}
	if list == nil {
		return
	}
	// Cited where attendees read: outside facilitator blocks and the list,
	// then inside the footnotes found so far, until no more turn up.
	cited := map[int]bool{}
	citations := func(n ast.Node) (more bool) {
		ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
			if x == list && n != list {
				return ast.WalkSkipChildren, nil
			}
			if l, ok := x.(*east.FootnoteLink); ok && entering && !cited[l.Index] && !inFacilitator(l) {
				cited[l.Index], more = true, true
			}
			return ast.WalkContinue, nil
		})
		return more
	}
	citations(doc)
	for more := true; more; {
		more = false
		for c := list.FirstChild(); c != nil; c = c.NextSibling() {
			if fn, ok := c.(*east.Footnote); ok && cited[fn.Index] && citations(fn) {
				more = true
			}
		}
	}
	hidden := 0
	for c := list.FirstChild(); c != nil; {
		next := c.NextSibling()
		if fn, ok := c.(*east.Footnote); ok && !cited[fn.Index] {
			wrap := &facilitatorOnlyNode{}
			list.ReplaceChild(list, fn, wrap)
			wrap.AppendChild(wrap, fn)
			hidden++
		}
		c = next
	}
	if hidden > 0 && hidden == list.ChildCount() {
		wrap := &facilitatorOnlyNode{}
		doc.ReplaceChild(doc, list, wrap)
		wrap.AppendChild(wrap, list)
	}
}

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

// hideFacilitatorFootnotes wraps the footnotes of doc that only
// facilitator text cites.
func hideFacilitatorFootnotes(doc ast.Node) {
	var list *east.FootnoteList
	for c := doc.LastChild(); c != nil && list == nil; c = c.PreviousSibling() {
		list, _ = c.(*east.FootnoteList)
	}
	if list == nil {
		return
	}
	// Footnotes cited where attendees read (outside facilitator blocks and
	// the list) are theirs, and so is what those cite. Footnotes cited from
	// facilitator blocks are facilitators' unless attendees' already, and
	// so is what those cite. Any other (cited only by itself, say) stays.
	att, fac := map[int]bool{}, map[int]bool{}
	ast.Walk(doc, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if x == list {
			return ast.WalkSkipChildren, nil
		}
		if l, ok := x.(*east.FootnoteLink); ok && entering {
			if inFacilitator(l) {
				fac[l.Index] = true
			} else {
				att[l.Index] = true
			}
		}
		return ast.WalkContinue, nil
	})
	spread := func(from map[int]bool, skip map[int]bool) {
		for more := true; more; {
			more = false
			for c := list.FirstChild(); c != nil; c = c.NextSibling() {
				fn, ok := c.(*east.Footnote)
				if !ok || !from[fn.Index] {
					continue
				}
				ast.Walk(fn, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
					if l, ok := x.(*east.FootnoteLink); ok && entering && !from[l.Index] && !skip[l.Index] {
						from[l.Index], more = true, true
					}
					return ast.WalkContinue, nil
				})
			}
		}
	}
	spread(att, nil)
	for i := range att {
		delete(fac, i)
	}
	spread(fac, att)
	hidden := 0
	for c := list.FirstChild(); c != nil; {
		next := c.NextSibling()
		if fn, ok := c.(*east.Footnote); ok && fac[fn.Index] {
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

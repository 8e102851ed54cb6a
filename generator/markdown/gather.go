package markdown

import "github.com/yuin/goldmark/ast"

// Gathered is a block that pages other than its module's show too: key
// points on the key points page and at the end of the handout, a solution
// after its module in the handout. HTML is the whole block, rendered for
// each edition.
type Gathered struct {
	ID, Title     string
	HTML          HTML
	InFacilitator bool
}

// gather keeps a key points or solution block d for the aggregate pages.
func (c *Converter) gather(doc *Doc, d *Div, src []byte, fac bool) {
	g := Gathered{ID: d.ElementID(), Title: d.Attr("title"), HTML: c.block(doc, src, d), InFacilitator: fac}
	if d.Name == "keypoints" {
		doc.KeyPoints = append(doc.KeyPoints, g)
	} else {
		doc.Solutions = append(doc.Solutions, g)
	}
}

// handout renders the page again for the handout when its solutions print
// elsewhere than where they stand (Options.PrintSolutions).
func (c *Converter) handout(doc *Doc, root ast.Node, src []byte) {
	if len(doc.Solutions) == 0 || c.solutions == SolutionsInline {
		return
	}
	h := c.renderAs(src, root, c.solutions, false)
	doc.Handout = &h
}

package markdown

// Shown is a block the facilitator's deck puts on the screen, in the
// module's order: an activity, discussion or worksheet (its prompt and a
// timer), a quote, or a slide block.
type Shown struct {
	Kind, ID, Title string
	Minutes         int
	By, Where       string // a quote's attribution
	// HTML is the whole block; the deck shows its attendee edition, except
	// for a slide block, which is the facilitator's only.
	HTML          HTML
	InFacilitator bool
}

// Notes is a facilitator block, for the presenter window.
type Notes struct {
	Title string
	HTML  HTML
}

// shown keeps block d for the deck, and a facilitator block for the
// presenter's notes; html is d rendered, when collect rendered it already.
func (c *Converter) shown(doc *Doc, d *Div, src []byte, fac bool, html *HTML) {
	switch d.Name {
	case "facilitator":
		if !d.InFacilitator {
			doc.Notes = append(doc.Notes, Notes{Title: d.Attr("title"), HTML: c.block(doc, src, d)})
		}
		return
	case "activity", "discussion", "worksheet", "quote", "slide":
	default:
		return
	}
	s := Shown{Kind: d.Name, ID: d.ElementID(), Title: d.Attr("title"), Minutes: d.IntAttr("minutes"),
		By: d.Attr("by"), Where: d.Attr("where"), InFacilitator: fac}
	if html != nil {
		s.HTML = *html
	} else {
		s.HTML = c.block(doc, src, d)
	}
	doc.Shown = append(doc.Shown, s)
}

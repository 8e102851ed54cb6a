package check

import (
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// facilitatorLink warns about a link, in text attendees read, to a page
// only the facilitator edition has (audience = "facilitator"): in the
// attendee edition it leads nowhere.
func (c *checker) facilitatorLink(p *kit.Page, l markdown.Link, target string, line, col int, what string) {
	if l.InFacilitator || l.Image {
		return
	}
	var from, to *kit.Module
	for _, m := range c.s.Kit.Modules {
		if &m.Page == p {
			from = m
		}
		if m.Source == target || m.BundleDir != "" && m.BundleDir == target {
			to = m
		}
	}
	if to == nil || !to.FacilitatorOnly || from != nil && from.FacilitatorOnly {
		return
	}
	c.errs.Warnf(p.Source, line, col, "%s: %s is for facilitators only (audience = \"facilitator\"), so the attendee edition has no such page: move the link into a ::: facilitator block", what, to.Source)
}

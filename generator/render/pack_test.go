package render_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestWorksheetPack checks the sheets of the pack: the worksheets and the
// self-checks, in the kit's order, each a sheet whose title is the head of
// a layout table (repeated on paper on each page of a long one) and whose
// name line is for paper only.
func TestWorksheetPack(t *testing.T) {
	out := buildKit(t, testKits["partskit"])
	ps := &pages{t: t, out: out, seen: map[string]*page{}}
	for _, c := range []struct {
		rel  string
		want []string
	}{
		{"worksheets/index.html", []string{"worksheet Before we start", "selfcheck Feedback habits", "worksheet My feedback plan"}},
		{"facilitator/worksheets/index.html", []string{"worksheet Before we start", "selfcheck Feedback habits", "worksheet My feedback plan", "worksheet Facilitator checklist"}},
	} {
		var got []string
		walk(ps.get(c.rel).doc, func(n *html.Node) {
			class, _ := attr(n, "class")
			if n.Data != "section" || !strings.Contains(" "+class+" ", " worksheet-page ") {
				return
			}
			kind := strings.TrimSuffix(strings.Fields(class)[1], "-page")
			var title string
			var sheet, head, name, selfcheck bool
			walk(n, func(c *html.Node) {
				cl, _ := attr(c, "class")
				switch {
				case c.Data == "table" && cl == "worksheet-sheet":
					role, _ := attr(c, "role")
					sheet = role == "presentation"
				case c.Data == "h2" && cl == "worksheet-page-title":
					title = text(c)
					head = c.Parent != nil && c.Parent.Parent != nil && c.Parent.Parent.Parent != nil && c.Parent.Parent.Parent.Data == "thead"
				case cl == "name-line print-only":
					name = true
				case strings.HasPrefix(cl, "selfcheck") && c.Data == "section":
					selfcheck = true
				}
			})
			if !sheet || !head || !name {
				t.Errorf("%s: the sheet %q: layout table %v, title in its head %v, name line for print only %v", c.rel, title, sheet, head, name)
			}
			if selfcheck != (kind == "selfcheck") {
				t.Errorf("%s: the %s sheet %q holds a self-check: %v", c.rel, kind, title, selfcheck)
			}
			got = append(got, kind+" "+title)
		})
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: sheets\n%s\nwant\n%s", c.rel, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

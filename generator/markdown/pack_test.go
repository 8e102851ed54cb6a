package markdown

import (
	"strings"
	"testing"
)

// The worksheet pack gathers self-checks beside worksheets: those outside
// worksheets, in order, with their place in the source to sort them by.
func TestSelfchecksGathered(t *testing.T) {
	body := `::: selfcheck {title="First" left="No" right="Yes"}
- One?
:::

:::: worksheet {title="Sheet"}
::: selfcheck {left="No" right="Yes"}
- Inside?
:::
::::

::: facilitator
::: selfcheck {left="No" right="Yes"}
- Hidden?
:::
:::
`
	doc := convert(t, Options{}, body)
	if len(doc.Selfchecks) != 2 {
		t.Fatalf("%d self-checks gathered, want 2 (the one in the worksheet is the worksheet's): %+v", len(doc.Selfchecks), doc.Selfchecks)
	}
	first, hidden := doc.Selfchecks[0], doc.Selfchecks[1]
	if first.Title != "First" || first.InFacilitator || first.Off != 0 {
		t.Errorf("first: %+v", first)
	}
	if !hidden.InFacilitator || hidden.Off <= doc.Worksheets[0].Off {
		t.Errorf("the facilitator's self-check: %+v, after the worksheet at %d", hidden, doc.Worksheets[0].Off)
	}
	if h := string(first.HTML.Bytes(Attendee)); !strings.HasPrefix(h, `<section class="selfcheck"`) || !strings.Contains(h, "One?") {
		t.Errorf("first's HTML: %s", h)
	}
}

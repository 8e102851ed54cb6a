package markdown

import (
	"strings"
	"testing"
)

// TestFenceAfterIndentedCode checks that a closing ::: right after an
// indented code block closes the block around it, blank line or not.
func TestFenceAfterIndentedCode(t *testing.T) {
	for _, md := range []string{
		"::: note\n    code\n:::\n",
		"::: note\n    code\n\n:::\n",
		"::: note\ntext\n\n    code\n:::\nafter\n",
		"::: note\n    code\n\n        ::: still code\n:::\n",
	} {
		d, ds := New(Options{}).Convert(Source{Path: "content/x.md", Body: []byte(md), BodyLine: 1})
		if len(ds) > 0 {
			t.Errorf("%q: unexpected diagnostics:\n%v", md, ds.Error())
		}
		if h := string(d.HTML.Bytes(Attendee)); strings.Contains(h, "<p>:::") {
			t.Errorf("%q: a fence is shown as text:\n%s", md, h)
		}
	}
}

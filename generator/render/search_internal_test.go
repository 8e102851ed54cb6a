package render

import (
	"strings"
	"testing"
)

// TestCollapse checks collapse against the words-and-join it replaces.
func TestCollapse(t *testing.T) {
	for _, s := range []string{"", " ", "a", "  a  b\t\nc ", "é\u00a0è\u0085x", "\xffa \xfe", "a\u2003b\u3000", "x\u200by"} {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

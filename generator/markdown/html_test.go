package markdown

import (
	"bytes"
	"testing"
)

// TestHTMLEditions checks the attendee edition made from the facilitator
// bytes and the cuts, whatever the cuts: none, at either end, side by side,
// covering everything.
func TestHTMLEditions(t *testing.T) {
	const b = "<p>a</p><aside>n</aside><p>b</p><div>t</div>"
	for _, tc := range []struct {
		cuts []int
		want string
	}{
		{nil, b},
		{[]int{8, 24}, "<p>a</p><p>b</p><div>t</div>"},
		{[]int{8, 24, 32, 44}, "<p>a</p><p>b</p>"},
		{[]int{0, 8}, "<aside>n</aside><p>b</p><div>t</div>"},
		{[]int{0, 8, 8, 24}, "<p>b</p><div>t</div>"},
		{[]int{0, len(b)}, ""},
	} {
		h := HTML{b: []byte(b), cuts: tc.cuts}
		var pieces [][]byte
		for p := range h.Pieces(Attendee) {
			if len(p) == 0 {
				t.Errorf("%v: an empty piece", tc.cuts)
			}
			pieces = append(pieces, p)
		}
		got := bytes.Join(pieces, nil)
		if string(got) != tc.want || string(h.Bytes(Attendee)) != tc.want || string(h.AppendTo([]byte("x"), Attendee)) != "x"+tc.want || h.Len(Attendee) != len(tc.want) {
			t.Errorf("%v: pieces %q, bytes %q, length %d; want %q", tc.cuts, got, h.Bytes(Attendee), h.Len(Attendee), tc.want)
		}
		if string(h.Bytes(Facilitator)) != b || h.Len(Facilitator) != len(b) {
			t.Errorf("%v: the facilitator edition changed: %q", tc.cuts, h.Bytes(Facilitator))
		}
	}
}

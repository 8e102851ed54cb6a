package markdown

import (
	"strings"
	"testing"
)

// TestFacilitatorFootnotes checks that a footnote only facilitator blocks
// cite, directly or through another such footnote, is in the facilitator
// edition alone, list and all when it is the only one, while a footnote
// attendees cite (from their text, or from a footnote they can read) stays
// in both editions.
func TestFacilitatorFootnotes(t *testing.T) {
	for _, tc := range []struct {
		name, md      string
		attendee, not []string
	}{
		{
			name: "only facilitators cite it",
			md:   "Intro.\n\n::: facilitator\nSecret note[^s].\n\n[^s]: The answer is 42.\n:::\n",
			not:  []string{"42", "footnotes", "fn:"},
		},
		{
			name:     "one of each",
			md:       "Open[^a].\n\n::: facilitator\nNote[^b].\n:::\n\n[^a]: Public source.\n[^b]: Private aside.\n",
			attendee: []string{"Public source", `class="footnotes"`},
			not:      []string{"Private aside"},
		},
		{
			name:     "both cite it",
			md:       "Open[^a].\n\n::: facilitator\nAgain[^a].\n:::\n\n[^a]: Shared source.\n",
			attendee: []string{"Shared source"},
		},
		{
			name:     "a footnote attendees read cites it",
			md:       "Open[^a].\n\n[^a]: See also[^b].\n[^b]: The deeper source.\n",
			attendee: []string{"The deeper source"},
		},
		{
			name:     "only itself cites it",
			md:       "[^a]: Itself[^a].\n",
			attendee: []string{"Itself", `class="footnotes"`},
		},
		{
			name: "a facilitator footnote cites it",
			md:   "Open.\n\n::: facilitator\nNote[^a].\n:::\n\n[^a]: See[^b].\n[^b]: Hidden too.\n",
			not:  []string{"Hidden too", "footnotes"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := convert(t, Options{}, tc.md)
			att, fac := string(d.HTML.Bytes(Attendee)), string(d.HTML.Bytes(Facilitator))
			for _, s := range tc.attendee {
				if !strings.Contains(att, s) {
					t.Errorf("attendee edition lacks %q:\n%s", s, att)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(att, s) {
					t.Errorf("attendee edition shows %q:\n%s", s, att)
				}
			}
			if !strings.Contains(fac, `class="footnotes"`) {
				t.Errorf("facilitator edition lost its footnotes:\n%s", fac)
			}
		})
	}
}

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
		{
			name:     "attendee footnotes are numbered on their own",
			md:       "::: facilitator\nFirst[^f].\n:::\n\nThen[^a].\n\n[^f]: Private.\n[^a]: Public.\n",
			attendee: []string{`<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>`, `<li id="fn:1">`, "Public"},
			not:      []string{"Private", "fn:2"},
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

// TestFacilitatorFootnoteScope checks that attendee text cannot cite a
// footnote defined inside a facilitator block: the citation stays text,
// with a warning, and the note is in the facilitator edition alone.
func TestFacilitatorFootnoteScope(t *testing.T) {
	md := "Open[^a] and[^k].\n\n::: facilitator\nNote[^k].\n\n[^k]: The answer key.\n:::\n\n[^a]: Public.\n"
	d, ds := New(Options{}).Convert(Source{Path: "content/x.md", Body: []byte(md), BodyLine: 1})
	att, fac := string(d.HTML.Bytes(Attendee)), string(d.HTML.Bytes(Facilitator))
	for _, s := range []string{"Public", "and[^k]", `<li id="fn:1">`} {
		if !strings.Contains(att, s) {
			t.Errorf("attendee edition lacks %q:\n%s", s, att)
		}
	}
	for _, s := range []string{"answer key", "fn:2"} {
		if strings.Contains(att, s) {
			t.Errorf("attendee edition shows %q:\n%s", s, att)
		}
	}
	if !strings.Contains(fac, "The answer key") {
		t.Errorf("facilitator edition lost the note:\n%s", fac)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].String(), "content/x.md:1:13: warning: the footnote [^k] is defined inside a facilitator block") {
		t.Errorf("want one warning at 1:13, have:\n%v", ds.Error())
	}
}

// TestFacilitatorReferenceScope checks that attendee text cannot use a link
// reference defined inside a facilitator block: its address and title are
// not published, the link text stays, with a warning.
func TestFacilitatorReferenceScope(t *testing.T) {
	md := "See [the key][k] and [open][o].\n\n::: facilitator\nUse [the key][k].\n\n[k]: https://example.com/secret \"Secret title\"\n:::\n\n[o]: https://example.com/open\n"
	d, ds := New(Options{}).Convert(Source{Path: "content/x.md", Body: []byte(md), BodyLine: 1})
	att, fac := string(d.HTML.Bytes(Attendee)), string(d.HTML.Bytes(Facilitator))
	for _, s := range []string{"See the key and", `href="https://example.com/open"`} {
		if !strings.Contains(att, s) {
			t.Errorf("attendee edition lacks %q:\n%s", s, att)
		}
	}
	for _, s := range []string{"secret", "Secret title"} {
		if strings.Contains(att, s) {
			t.Errorf("attendee edition shows %q:\n%s", s, att)
		}
	}
	if !strings.Contains(fac, `href="https://example.com/secret"`) {
		t.Errorf("facilitator edition lost the link:\n%s", fac)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].String(), "content/x.md:1:5: warning: the link reference [k] is defined inside a facilitator block") {
		t.Errorf("want one warning at 1:5, have:\n%v", ds.Error())
	}
}

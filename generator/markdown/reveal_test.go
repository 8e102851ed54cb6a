package markdown

import (
	"strings"
	"testing"
)

const revealDoc = `Try it first.

::: solution
FIRST-ANSWER
:::

::: hint
A-HINT
:::

::: facilitator
::: solution {title="Facilitators"}
SECRET-ANSWER
:::
:::

::: keypoints
- POINT-ONE
:::

::: solution
THIRD-ANSWER
:::
`

// TestHandoutSolutions: each way of printing solutions gives the handout
// its own rendering of the page, and the solutions and key points are
// gathered in order with their numbers.
func TestHandoutSolutions(t *testing.T) {
	for _, tc := range []struct {
		mode string
		// in the handout's rendering of the page (attendee edition)
		want, notWant []string
	}{
		{SolutionsEnd,
			[]string{`<p class="reveal-stub"><a href="#solution-1">Solution 1</a> is at the end of this module.</p>`,
				`<a href="#solution-3">Solution 3</a>`, "A-HINT"},
			[]string{"FIRST-ANSWER", "THIRD-ANSWER", "SECRET", "solution-2"}},
		{SolutionsOmit, []string{"A-HINT", "POINT-ONE"}, []string{"ANSWER", "reveal-stub", "SECRET"}},
	} {
		doc := convert(t, Options{PrintSolutions: tc.mode}, revealDoc)
		if doc.Handout == nil {
			t.Fatalf("%s: no handout rendering", tc.mode)
		}
		att := string(doc.Handout.Bytes(Attendee))
		for _, w := range tc.want {
			if !strings.Contains(att, w) {
				t.Errorf("%s: the handout's attendee page lacks %q:\n%s", tc.mode, w, att)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(att, w) {
				t.Errorf("%s: the handout's attendee page has %q:\n%s", tc.mode, w, att)
			}
		}
		fac := string(doc.Handout.Bytes(Facilitator))
		if tc.mode == SolutionsEnd && !strings.Contains(fac, `<a href="#solution-2">Solution 2</a>`) {
			t.Errorf("%s: the facilitators' handout lacks the stub of their solution:\n%s", tc.mode, fac)
		}
		// The page itself keeps every solution where it stands.
		if page := string(doc.HTML.Bytes(Attendee)); !strings.Contains(page, "FIRST-ANSWER") || strings.Contains(page, "reveal-stub") {
			t.Errorf("%s: the page itself changed:\n%s", tc.mode, page)
		}
	}

	doc := convert(t, Options{PrintSolutions: SolutionsInline}, revealDoc)
	if doc.Handout != nil {
		t.Errorf("inline: the handout has a rendering of its own; it prints the page as it is")
	}
	var ids []string
	for _, s := range doc.Solutions {
		ids = append(ids, s.ID+"/"+s.Title+"/"+map[bool]string{true: "fac"}[s.InFacilitator])
	}
	if got := strings.Join(ids, " "); got != "solution-1// solution-2/Facilitators/fac solution-3//" {
		t.Errorf("solutions gathered: %s", got)
	}
	sol := string(doc.Solutions[2].HTML.Bytes(Attendee))
	if !strings.HasPrefix(sol, `<details class="reveal reveal-solution" id="solution-3">`) || !strings.Contains(sol, "THIRD-ANSWER") {
		t.Errorf("a gathered solution is not the whole block:\n%s", sol)
	}
	if len(doc.KeyPoints) != 1 || !strings.Contains(string(doc.KeyPoints[0].HTML.Bytes(Attendee)), "POINT-ONE") {
		t.Errorf("key points gathered: %+v", doc.KeyPoints)
	}

	// A page without solutions needs no second rendering.
	if doc := convert(t, Options{}, "Text.\n\n::: hint\nH\n:::\n"); doc.Handout != nil || len(doc.Solutions) != 0 {
		t.Errorf("a page with only a hint has a handout rendering or solutions")
	}
}

func TestRevealLabel(t *testing.T) {
	for id, want := range map[string]string{"solution-1": "Solution 1", "solution-12": "Solution 12", "hint-3": "Hint"} {
		if got := RevealLabel(id, ""); got != want {
			t.Errorf("RevealLabel(%q) = %q, want %q", id, got, want)
		}
	}
	if got := RevealLabel("solution-2", "Sorting"); got != "Solution 2: Sorting" {
		t.Errorf("with a title: %q", got)
	}
}

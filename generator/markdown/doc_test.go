package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func convert(t *testing.T, o Options, body string) *Doc {
	t.Helper()
	doc, ds := New(o).Convert(Source{Path: "content/x.md", Body: []byte(body), BodyLine: 1})
	if len(ds) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", ds.Error())
	}
	return doc
}

const facilitatorDoc = `## Open

Everyone reads this.

::: facilitator {title="Before you start"}
SECRET-NOTE with several hidden words.

### SECRET-HEADING

::: quote {by="SECRET-BY" where="SECRET-WHERE"}
SECRET-QUOTE
:::

::: worksheet {title="SECRET-SHEET" minutes=7}
SECRET-PROMPT

::: answer {label="SECRET-LABEL"}
:::
:::

::: discussion {minutes=4 title="SECRET-DEBRIEF"}
SECRET-DISCUSSION
:::
:::

::: quote {by="Public Person"}
Public quote.
:::

::: activity {minutes=10 title="Pairs"}
Talk.
:::

::: worksheet {minutes=15}
::: answer {lines=3}
:::

::: answer
:::
:::

::: discussion {minutes=5}
Share.
:::

::: activity
Untimed, not on the run-sheet.
:::
`

// TestFacilitatorContentStaysOut: whatever a facilitator block holds is in
// the facilitator edition and nowhere in the attendee one.
func TestFacilitatorContentStaysOut(t *testing.T) {
	doc := convert(t, Options{}, facilitatorDoc)
	att, fac := string(doc.HTML.Bytes(Attendee)), string(doc.HTML.Bytes(Facilitator))
	for _, secret := range []string{"SECRET-NOTE", "SECRET-HEADING", "SECRET-QUOTE", "SECRET-BY", "SECRET-WHERE",
		"SECRET-SHEET", "SECRET-PROMPT", "SECRET-LABEL", "SECRET-DEBRIEF", "SECRET-DISCUSSION", "Before you start",
		"facilitator-note", `id="quote-1"`, `id="worksheet-1"`, `id="answer-1"`, `id="discussion-1"`} {
		if strings.Contains(att, secret) {
			t.Errorf("attendee HTML contains %q", secret)
		}
		if !strings.Contains(fac, secret) {
			t.Errorf("facilitator HTML lacks %q", secret)
		}
	}
	for _, public := range []string{"Everyone reads this", "Public quote", `id="quote-2"`, `id="worksheet-2"`, `id="activity-1"`} {
		if !strings.Contains(att, public) || !strings.Contains(fac, public) {
			t.Errorf("%q is not in both editions", public)
		}
	}
	// Nothing is in the attendee edition that the facilitator one lacks:
	// every attendee line appears in the facilitator HTML, in order.
	rest := fac
	for _, line := range strings.Split(strings.TrimSpace(att), "\n") {
		i := strings.Index(rest, line)
		if i < 0 {
			t.Fatalf("attendee line %q is not in the facilitator HTML (in order)", line)
		}
		rest = rest[i+len(line):]
	}
}

func TestDocCollects(t *testing.T) {
	doc := convert(t, Options{}, facilitatorDoc)

	type q struct {
		ID, By, Where string
		InFacilitator bool
	}
	var quotes []q
	for _, x := range doc.Quotes {
		quotes = append(quotes, q{x.ID, x.By, x.Where, x.InFacilitator})
		for e := Attendee; e <= Facilitator; e++ {
			// A quote in a facilitator block is cut from the attendee
			// edition whole, on its own as in its page.
			if e == Attendee && x.InFacilitator {
				if x.HTML.Len(e) != 0 {
					t.Errorf("quote %s in a facilitator block has attendee HTML: %s", x.ID, x.HTML.Bytes(e))
				}
				continue
			}
			if !bytes.HasPrefix(x.HTML.Bytes(e), []byte(`<figure class="quote" id="`+x.ID+`">`)) {
				t.Errorf("quote %s %v HTML: %s", x.ID, e, x.HTML.Bytes(e))
			}
		}
	}
	wantQuotes := []q{{"quote-1", "SECRET-BY", "SECRET-WHERE", true}, {"quote-2", "Public Person", "", false}}
	if !reflect.DeepEqual(quotes, wantQuotes) {
		t.Errorf("Quotes:\n got %+v\nwant %+v", quotes, wantQuotes)
	}

	type w struct {
		ID, Title     string
		Minutes       int
		InFacilitator bool
		Answers       int
	}
	var sheets []w
	for _, x := range doc.Worksheets {
		sheets = append(sheets, w{x.ID, x.Title, x.Minutes, x.InFacilitator, x.Answers})
		if !bytes.Contains(x.HTML.Bytes(Facilitator), []byte(`class="timer"`)) || bytes.Contains(x.HTML.Bytes(Attendee), []byte(`class="timer"`)) {
			t.Errorf("worksheet %s: the timer belongs to the facilitator HTML only", x.ID)
		}
	}
	wantSheets := []w{{"worksheet-1", "SECRET-SHEET", 7, true, 1}, {"worksheet-2", "Worksheet", 15, false, 2}}
	if !reflect.DeepEqual(sheets, wantSheets) {
		t.Errorf("Worksheets:\n got %+v\nwant %+v", sheets, wantSheets)
	}

	// Timed blocks in document order; a facilitator-only segment still takes
	// time in the session, so it is on the run-sheet. An activity without
	// minutes is not. Each counts the attendee words since the one before
	// (facilitator notes are not read out), and knows its fence's line.
	wantSegs := []Segment{
		{Kind: "worksheet", Title: "SECRET-SHEET", Minutes: 7, ID: "worksheet-1", WordsBefore: 4, Line: 14, Col: 1},
		{Kind: "discussion", Title: "SECRET-DEBRIEF", Minutes: 4, ID: "discussion-1", Line: 21, Col: 1},
		{Kind: "activity", Title: "Pairs", Minutes: 10, ID: "activity-1", WordsBefore: 2, Line: 30, Col: 1},
		{Kind: "worksheet", Minutes: 15, ID: "worksheet-2", Line: 34, Col: 1},
		{Kind: "discussion", Minutes: 5, ID: "discussion-2", Line: 42, Col: 1},
	}
	if !reflect.DeepEqual(doc.Segments, wantSegs) {
		t.Errorf("Segments:\n got %+v\nwant %+v", doc.Segments, wantSegs)
	}
	if doc.WordsAfter != 5 { // "Untimed, not on the run-sheet."
		t.Errorf("WordsAfter = %d, want 5", doc.WordsAfter)
	}

	wantHeads := []Heading{
		{Level: 2, ID: "open", Text: "Open"},
		{Level: 3, ID: "secret-heading", Text: "SECRET-HEADING", InFacilitator: true},
	}
	if !reflect.DeepEqual(doc.Headings, wantHeads) {
		t.Errorf("Headings:\n got %+v\nwant %+v", doc.Headings, wantHeads)
	}

	// Words count attendee text only.
	if doc.Words != 13 {
		t.Errorf("Words = %d, want 13 (Open, Everyone reads this., Public quote., Talk., Share., Untimed, not on the run-sheet.)", doc.Words)
	}
}

func TestHeadings(t *testing.T) {
	doc := convert(t, Options{}, "# Title\n\n## Café Übung\n\n## Café Übung\n\n### With `code` and *emphasis*\n\n#### Too deep\n\nSetext two\n----------\n")
	want := []Heading{
		{Level: 2, ID: "café-übung", Text: "Café Übung"},
		{Level: 2, ID: "café-übung-1", Text: "Café Übung"},
		{Level: 3, ID: "with-code-and-emphasis", Text: "With code and emphasis"},
		{Level: 2, ID: "setext-two", Text: "Setext two"},
	}
	if !reflect.DeepEqual(doc.Headings, want) {
		t.Errorf("Headings:\n got %+v\nwant %+v", doc.Headings, want)
	}
}

// TestHeadingIDsPerDocument: ids are unique within a document and start
// afresh in the next, even on the same Converter.
func TestHeadingIDsPerDocument(t *testing.T) {
	c := New(Options{})
	for range 2 {
		doc, _ := c.Convert(Source{Body: []byte("## Plan\n\n## Plan\n")})
		if got := string(doc.HTML.Bytes(Attendee)); got != "<h2 id=\"plan\">Plan</h2>\n<h2 id=\"plan-1\">Plan</h2>\n" {
			t.Errorf("got %q", got)
		}
	}
}

func TestLinks(t *testing.T) {
	var asked []string
	var mu sync.Mutex
	resolve := func(dest string) (string, bool) {
		mu.Lock()
		asked = append(asked, dest)
		mu.Unlock()
		switch dest {
		case "02-x.md#a":
			return "lectern-page:x/index.html#a", true
		case "diagram.png":
			return "lectern-file:x/diagram.png", true
		case "../03-y.md":
			return "", true // known, left as written
		}
		return "", false
	}
	body := "See [the next module](02-x.md#a), [a missing one](99-gone.md), [up](../03-y.md),\n" +
		"[the web](https://example.com/page), [mail](mailto:a@example.com), [top](#top) and <https://auto.example>.\n\n" +
		"![A *bold* diagram](diagram.png) ![](missing.png)\n"
	doc, ds := New(Options{}).Convert(Source{Path: "content/01-a.md", Body: []byte(body), Resolve: resolve})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	html := string(doc.HTML.Bytes(Attendee))
	for _, want := range []string{
		`<a href="lectern-page:x/index.html#a">the next module</a>`,
		`<a href="99-gone.md">a missing one</a>`,
		`<a href="../03-y.md">up</a>`,
		`<a href="https://example.com/page" data-short="example.com/page">the web</a>`,
		`<a href="#top">top</a>`,
		`<img src="lectern-file:x/diagram.png" alt="A bold diagram">`,
		`<img src="missing.png" alt="">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s\n%s", want, html)
		}
	}
	if !bytes.Equal(doc.HTML.Bytes(Attendee), doc.HTML.Bytes(Facilitator)) {
		t.Errorf("links differ between editions")
	}
	wantAsked := []string{"02-x.md#a", "99-gone.md", "../03-y.md", "diagram.png", "missing.png"}
	if !reflect.DeepEqual(asked, wantAsked) {
		t.Errorf("resolver asked about %q, want %q", asked, wantAsked)
	}

	type l struct {
		Dest     string
		At       string // the source text at Off
		Image    bool
		Resolved bool
		Alt      string
	}
	var got []l
	for _, x := range doc.Links {
		got = append(got, l{x.Dest, body[x.Off:min(x.Off+3, len(body))], x.Image, x.Resolved, x.Alt})
	}
	want := []l{
		{"02-x.md#a", "[th", false, true, ""},
		{"99-gone.md", "[a ", false, false, ""},
		{"../03-y.md", "[up", false, true, ""},
		{"https://example.com/page", "[th", false, true, ""},
		{"mailto:a@example.com", "[ma", false, true, ""},
		{"#top", "[to", false, true, ""},
		{"https://auto.example", "<ht", false, true, ""},
		{"diagram.png", "![A", true, true, "A bold diagram"},
		{"missing.png", "![]", true, false, ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Links:\n got %+v\nwant %+v", got, want)
	}
}

// TestLinksWithoutResolver: every link is taken as it is.
func TestLinksWithoutResolver(t *testing.T) {
	doc := convert(t, Options{}, "[a](02-x.md)\n")
	if len(doc.Links) != 1 || !doc.Links[0].Resolved || doc.Links[0].Dest != "02-x.md" {
		t.Errorf("Links = %+v", doc.Links)
	}
	if !strings.Contains(string(doc.HTML.Bytes(Attendee)), `href="02-x.md"`) {
		t.Errorf("HTML = %s", doc.HTML.Bytes(Attendee))
	}
}

// TestJavascriptLinksUnsafe: with raw HTML allowed the author can write any
// link anyway, so goldmark keeps the destination; a safe kit never does.
func TestJavascriptLinks(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		doc := convert(t, Options{Unsafe: unsafe}, "[x](javascript:alert(1)) [y](JavaScript:alert(1)) [z](vbscript:x) ![i](data:image/png;base64,AAAA)\n")
		html := string(doc.HTML.Bytes(Attendee))
		if !unsafe {
			if strings.Contains(strings.ToLower(html), "script:") {
				t.Errorf("safe: a script link survives: %s", html)
			}
			if !strings.Contains(html, `src="data:image/png;base64,AAAA"`) {
				t.Errorf("safe: a data: image is dropped: %s", html)
			}
		}
	}
}

// TestSelfcheckDoubleHyphen: smart punctuation turns "--" into a dash in the
// text, but the poles come from the source, so they are found all the same.
func TestSelfcheckDoubleHyphen(t *testing.T) {
	doc := convert(t, Options{}, "::: selfcheck\n- Do I *tell* people -- or do I **ask** them?\n- Do I decide alone --- or together?\n:::\n")
	html := string(doc.HTML.Bytes(Attendee))
	for _, want := range []string{
		`Do I <em>tell</em> people &ndash; or do I <strong>ask</strong> them?`,
		`<span class="pole pole-left">Do I tell people</span>`,
		`<span class="pole pole-right">Do I ask them</span>`,
		`Do I decide alone &mdash; or together?`,
		`<span class="pole pole-left">Decide alone</span>`,
		`<span class="pole pole-right">Together</span>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s\n%s", want, html)
		}
	}
	if strings.Contains(html, "Not at all") {
		t.Errorf("a question fell back to the default poles:\n%s", html)
	}
}

func TestWords(t *testing.T) {
	for _, tt := range []struct {
		md   string
		want int
	}{
		{"", 0},
		{"One.", 1},
		{"It's a test.", 3},
		{"Don't stop -- now...", 3},
		{"Hello *world*, **bo**ld and `code span`.", 6},
		{"one\ntwo\nthree", 3},
		{"hard  \nbreak", 2},
		{"para\n\npara", 2},
		{"- item\n- item", 2},
		{"[a link](x.md) ![an image](y.png)", 4}, // alt text counts
		{"3.5 apples — “quoted”", 3},
		{"Café Übung", 2},
		{"```\ncode is not counted\n```", 0},
		{"Seen.\n\n::: facilitator\nNot counted here.\n:::\n\nSeen.", 2},
		{"::: activity {title=\"Not words\"}\nWords.\n:::", 1},
	} {
		doc := convert(t, Options{}, tt.md)
		if doc.Words != tt.want {
			t.Errorf("%q: Words = %d, want %d", tt.md, doc.Words, tt.want)
		}
	}
}

// TestConcurrent: one Converter, many goroutines, each document converted
// as it is alone. Run with -race.
func TestConcurrent(t *testing.T) {
	c := New(Options{Aliases: map[string]string{"challenge": "activity"}})
	docs := make([]string, 8)
	for i := range docs {
		docs[i] = fmt.Sprintf("## Module %d\n\n::: challenge {minutes=%d}\n```go\nfunc f%d() {}\n```\n:::\n\n"+
			"::: facilitator\n::: quote {by=\"P%d\"}\nQ\n:::\n:::\n\n::: selfcheck\n- A%d -- or B?\n:::\n\n"+
			"::: worksheet {minutes=%d}\n::: answer\n:::\n:::\n\n[next](0%d-x.md)\n\n```output\n%d\n```\n\n::: mystery%d\n:::\n",
			i, i+1, i, i, i, i+2, i, i, i)
	}
	resolve := func(d string) (string, bool) { return "resolved/" + d, true }
	want := make([]*Doc, len(docs))
	wantDiags := make([]string, len(docs))
	for i, d := range docs {
		doc, ds := c.Convert(Source{Path: "x.md", Body: []byte(d), Resolve: resolve})
		want[i], wantDiags[i] = doc, ds.Error()
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*20)
	for g := range 8 {
		wg.Go(func() {
			for n := range 20 {
				i := (g + n) % len(docs)
				doc, ds := c.Convert(Source{Path: "x.md", Body: []byte(docs[i]), Resolve: resolve})
				if !reflect.DeepEqual(doc, want[i]) || ds.Error() != wantDiags[i] {
					errs <- fmt.Sprintf("goroutine %d: document %d converted differently", g, i)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if len(want[3].Segments) != 2 || want[3].Segments[0].Minutes != 4 || !strings.Contains(wantDiags[3], "mystery3") {
		t.Errorf("document 3: %+v %s", want[3].Segments, wantDiags[3])
	}
}

// TestDeepNesting: hostile nesting must finish without exhausting the stack.
func TestDeepNesting(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	c := New(Options{})

	t.Run("10000 fences", func(t *testing.T) {
		const n = 10000
		src := strings.Repeat(":::: note\n", n) + strings.Repeat("::::\n", n)
		start := time.Now()
		doc, ds := c.Convert(Source{Path: "x.md", Body: []byte(src), BodyLine: 1})
		t.Logf("%v, %d diagnostics", time.Since(start), len(ds))
		errs, warns := ds.Count()
		// One error for the page, not one per refused fence.
		if errs != 1 || warns != 0 {
			t.Errorf("got %d errors and %d warnings, want 1 error", errs, warns)
		}
		if got := strings.Count(string(doc.HTML.Bytes(Attendee)), "<aside"); got != maxDepth {
			t.Errorf("%d callouts rendered, want %d", got, maxDepth)
		}
	})

	t.Run("fences in lists in fences", func(t *testing.T) {
		// Containers between the blocks do not hide the depth from the cap.
		var b strings.Builder
		for i := range 200 {
			ind := strings.Repeat("  ", i)
			fmt.Fprintf(&b, "%s- item\n\n%s  ::: note\n", ind, ind)
		}
		_, ds := c.Convert(Source{Path: "x.md", Body: []byte(b.String())})
		if !strings.Contains(ds.Error(), "nested more than") {
			t.Errorf("no nesting error:\n%.300s", ds.Error())
		}
	})

	t.Run("100000 blockquotes", func(t *testing.T) {
		// goldmark spends time growing with the square of a line's nesting, so
		// a line nested past maxIndent is refused with an error at once.
		src := "# Title\n\n" + strings.Repeat(">", 100000) + " deep\n"
		doc, ds := c.Convert(Source{Path: "x.md", Body: []byte(src), BodyLine: 3})
		want := fmt.Sprintf("x.md:5:1: error: this line is nested more than %d levels deep (lists, quotes or indentation): the page is not converted", maxIndent)
		if ds.Error() != want {
			t.Errorf("got %q, want %q", ds.Error(), want)
		}
		if len(doc.HTML.Bytes(Attendee)) != 0 {
			t.Error("a refused page should have no HTML")
		}
		// Just under the limit still converts.
		n := maxIndent - 1
		doc, ds = c.Convert(Source{Path: "x.md", Body: []byte(strings.Repeat(">", n) + " deep\n")})
		if len(ds) > 0 || strings.Count(string(doc.HTML.Bytes(Attendee)), "<blockquote>") != n {
			t.Errorf("got %d diagnostics and %d blockquotes", len(ds), strings.Count(string(doc.HTML.Bytes(Attendee)), "<blockquote>"))
		}
	})
}

// TestSegmentPins: at= pins a timed block's start; it is a whole number of
// minutes from 0, and is meaningless (so warned about) without minutes.
// Words inside a timed block are the block's, not a stretch's, and the
// words of a block nested in it count from the outer block's start.
func TestSegmentPins(t *testing.T) {
	body := "Read these five words first.\n\n" +
		"::: activity {minutes=10 at=0 title=\"Start\"}\nSix words inside the timed block.\n\n" +
		"::: worksheet {minutes=5}\nNested.\n:::\n:::\n\n" +
		"Two words.\n\n" +
		"::: discussion {at=25 minutes=5}\nTalk.\n:::\n\n" +
		"::: worksheet {at=15 title=\"Loose\"}\nNo minutes.\n:::\n\n" +
		"::: activity {minutes=5 at=-1}\nx\n:::\n\n" +
		"::: discussion {minutes=5 at=601}\nx\n:::\n\nEnd.\n"
	doc, ds := New(Options{}).Convert(Source{Path: "content/x.md", Body: []byte(body), BodyLine: 5})
	ds.Sort()
	want := []string{
		`content/x.md:21:16: warning: at is ignored without minutes: add minutes=… to place the worksheet on the run-sheet`,
		`content/x.md:25:25: error: at must be a whole number from 0 to 600, not "-1"`,
		`content/x.md:29:27: error: at must be a whole number from 0 to 600, not "601"`,
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	type seg struct {
		Kind        string
		Minutes, At int
		Pinned      bool
		Words, Line int
	}
	var segs []seg
	for _, s := range doc.Segments {
		segs = append(segs, seg{s.Kind, s.Minutes, s.At, s.Pinned, s.WordsBefore, s.Line})
	}
	wantSegs := []seg{
		{"activity", 10, 0, true, 5, 7},
		{"worksheet", 5, 0, false, 0, 10},
		{"discussion", 5, 25, true, 2, 17},
		{"activity", 5, 0, false, 2, 25}, // the bad at is dropped; "No minutes." is untimed text
		{"discussion", 5, 0, false, 0, 29},
	}
	if !reflect.DeepEqual(segs, wantSegs) {
		t.Errorf("segments:\n got %+v\nwant %+v", segs, wantSegs)
	}
	if doc.WordsAfter != 1 {
		t.Errorf("WordsAfter = %d, want 1", doc.WordsAfter)
	}
}

package markdown

import (
	"bytes"
	"maps"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Run the fuzzers with, for example,
//
//	go test -run='^$' -fuzz=FuzzConvert -fuzztime=3m ./generator/markdown/
//	go test -run='^$' -fuzz=FuzzParseAttrs -fuzztime=3m ./generator/markdown/
//
// Crashers land in testdata/fuzz/<Fuzz name>/ and then run with every
// `go test` as regression cases: keep them.

// timerDiv is the one thing a timed block adds for facilitators only.
var timerDiv = regexp.MustCompile(`<div class="timer" data-seconds="[0-9]+" hidden></div>\n`)

// fuzzSeeds is every Markdown case of these golden files plus a few
// hostile shapes.
func fuzzSeeds(f *testing.F) []string {
	var seeds []string
	for _, file := range []string{"testdata/blocks.txt", "testdata/rawhtml.txt", "testdata/attributes.txt"} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, chunk := range strings.Split(string(data), caseSep+"\n") {
			parts := strings.Split(chunk, sectionSep+"\n")
			if len(parts) >= 2 {
				seeds = append(seeds, strings.ReplaceAll(parts[1], "→", "\t"))
			}
		}
	}
	return append(seeds,
		"",
		":::",
		"::: note",
		"::: {",
		"::: {.",
		"::: note {title=\"",
		"::: selfcheck\n- a -- or\n- -- or b\n- — or —\n:::",
		"::: selfcheck\n-\n- \n  ::: note\n  :::\n:::",
		"> ::: note\n> > ::: tip\n> > :::\n:::",
		"- ::: note\n  - ::: tip\n    :::\n  :::",
		"::: worksheet\n```\n:::\n",
		"::: worksheet {minutes=5}\n<pre>\n:::\n</pre>\n:::\n",
		"Term\n: ::: note\n  x\n  :::\n",
		"::: note\r\nx\r\n:::\r\n",
		"::: note\n[^1]\n\n[^1]: ::: tip\n    x\n    :::\n:::\n",
		strings.Repeat("::: note\n", 40)+strings.Repeat(":::\n", 40),
		strings.Repeat("> ", 200)+"::: activity {minutes=3}\n",
		"\xff\xfe::: note {title=\"\xff\"}\n\x00\n:::",
		// Worksheets where a text scan would miscount: in code, in quotes
		// and list items, after a tab a container took part of.
		"```\n::: worksheet\n```\n> ::: {.worksheet}\n> :::\n",
		"~~~~\n```\n::: worksheet\n~~~~\n    ::: worksheet\n::: worksheet\n:::\n",
		"> - ::: worksheet {title=\"a\"}\n>   :::\n\n1. x\n   > ::: {.worksheet}\n   > :::\n",
		">\t::: worksheet {title=\"x\"}\n>\t:::\n\n- a\n\n\t::: worksheet\n\t:::\n",
	)
}

func FuzzConvert(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, false)
	}
	f.Add("<div>\n::: note\n</div>\n:::\n", true)
	// Footnotes and link references scoped to facilitator blocks.
	f.Add("A[^k] B[^a] [x][k]\n\n::: facilitator\nC[^k] [y][k]\n\n[^k]: secret\n[k]: /secret \"t\"\n:::\n\n[^a]: open[^b]\n[^b]: deeper\n", false)
	f.Add("::: facilitator\nF[^f]\n:::\n\nA[^a]\n\n[^f]: x[^a]\n[^a]: y[^f]\n", false)
	f.Add("::: facilitator\n> [^q]: in a quote\n:::\n[^q]\n", false)
	// Aliases that would replace built-in blocks are not taken.
	f.Add("::: facilitator\nnote\n:::\n::: note\nx\n:::\n::: challenge {minutes=3}\n:::\n", false)
	// Block nesting at and past its limit.
	f.Add(strings.Repeat("::: facilitator\n", 40)+"x\n"+strings.Repeat(":::\n", 40), false)
	// Fences after indented code.
	f.Add("::: note\n    code\n:::\n", false)
	aliases := maps.Clone(goldenAliases)
	aliases["facilitator"], aliases["note"], aliases["slide"] = "note", "tip", "note"
	convs := [2]*Converter{
		New(Options{Aliases: aliases}),
		New(Options{Aliases: aliases, Unsafe: true}),
	}
	f.Fuzz(func(t *testing.T, md string, unsafe bool) {
		if len(md) > 1<<16 {
			t.Skip("long inputs only slow the fuzzer down")
		}
		c := convs[0]
		if unsafe {
			c = convs[1]
		}
		body := []byte(md)
		doc, ds := c.Convert(Source{Path: "x.md", Body: body, BodyLine: 3})
		if !bytes.Equal(body, []byte(md)) {
			t.Fatal("Convert changed its input")
		}

		att, fac := doc.HTML.Bytes(Attendee), doc.HTML.Bytes(Facilitator)
		if !strings.Contains(md, "facilitator") {
			// Without a facilitator block the editions differ only by the
			// timers of timed blocks.
			if !bytes.Equal(att, timerDiv.ReplaceAll(fac, nil)) {
				t.Errorf("no facilitator block, yet the editions differ:\nattendee:\n%s\nfacilitator:\n%s", att, fac)
			}
			for _, q := range doc.Quotes {
				if q.InFacilitator {
					t.Errorf("quote %s is marked InFacilitator", q.ID)
				}
			}
			for _, w := range doc.Worksheets {
				if w.InFacilitator {
					t.Errorf("worksheet %s is marked InFacilitator", w.ID)
				}
			}
		}
		if !unsafe && !strings.Contains(md, "facilitator-note") && bytes.Contains(att, []byte("facilitator-note")) {
			t.Errorf("a facilitator note reached the attendee edition:\n%s", att)
		}
		// Attendee footnotes are numbered 1, 2, 3 with no gap, and every
		// citation attendees see leads to a note they see.
		notes := attNote.FindAllSubmatch(att, -1)
		for i, m := range notes {
			if string(m[1]) != strconv.Itoa(i+1) {
				t.Errorf("attendee footnote %d is numbered %s:\n%s", i+1, m[1], att)
				break
			}
		}
		for _, m := range attCite.FindAllSubmatch(att, -1) {
			if n, _ := strconv.Atoi(string(m[1])); n < 1 || n > len(notes) {
				t.Errorf("attendee text cites footnote %s, which attendees do not see:\n%s", m[1], att)
			}
		}
		if bytes.Contains(att, []byte(`class="timer"`)) && !strings.Contains(md, "timer") {
			t.Errorf("a timer reached the attendee edition:\n%s", att)
		}
		if !unsafe && bytes.Contains(bytes.ToLower(fac), []byte("<script")) {
			t.Errorf("raw HTML got through:\n%s", fac)
		}
		if !unsafe {
			if p := unsafeHTML(fac); p != "" { // leak_test.go
				t.Errorf("the facilitator edition publishes %s:\n%s", p, fac)
			}
		}

		// A quote or worksheet rendered alone for an aggregate page is the
		// same HTML as on its own page: rendering does not change the tree.
		for _, x := range doc.Quotes {
			checkPart(t, doc, x.ID, x.HTML, x.InFacilitator)
		}
		for _, x := range doc.Worksheets {
			checkPart(t, doc, x.ID, x.HTML, x.InFacilitator)
		}

		lines := bytes.Count(body, []byte("\n")) + 1
		for _, d := range ds {
			if d.Path != "x.md" || d.Line < 3 || d.Line > lines+2 || d.Col < 1 || d.Message == "" {
				t.Errorf("bad diagnostic %+v for %d lines", d, lines)
			}
		}
		for _, s := range doc.Segments {
			if s.Minutes < 1 || s.Minutes > 600 {
				t.Errorf("segment %+v has minutes out of range", s)
			}
		}
		for _, l := range doc.Links {
			if l.Off < 0 || l.Off > len(body) {
				t.Errorf("link %+v: offset outside the document", l)
			}
		}
		// A worksheet's offset is its opening fence's first colon, in
		// document order: check points at it.
		prev := -1
		for _, w := range doc.Worksheets {
			if w.Off <= prev || w.Off+3 > len(body) || string(body[w.Off:w.Off+3]) != ":::" || (w.Off > 0 && body[w.Off-1] == ':') {
				t.Errorf("worksheet %s: offset %d is not at its opening fence (the one before is at %d)", w.ID, w.Off, prev)
			}
			prev = w.Off
		}
	})
}

var (
	attNote = regexp.MustCompile(`<li id="fn:(\d+)">`)
	attCite = regexp.MustCompile(`<a href="#fn:(\d+)" class="footnote-ref"`)
)

func checkPart(t *testing.T, doc *Doc, id string, html HTML, inFac bool) {
	t.Helper()
	for _, e := range []Edition{Facilitator, Attendee} {
		if e == Attendee && inFac {
			continue
		}
		part, page := html.Bytes(e), doc.HTML.Bytes(e)
		if !bytes.Contains(page, part) {
			t.Errorf("%s: its %s HTML is not in the page:\n%s\npage:\n%s", id, e, part, page)
		}
		if len(part) != html.Len(e) || !bytes.Equal(html.AppendTo(nil, e), part) {
			t.Errorf("%s: %s: Len, AppendTo and Bytes disagree", id, e)
		}
	}
}

func FuzzParseAttrs(f *testing.F) {
	for _, s := range []string{
		"", "{", "}", "{}", "{ }", `{key="v"}`, `{.name key="v"}`, `{#id .a .b k=v}`,
		`{title='It\'s' by="A \"B\" \\ C"}`, `{a=1 a=2}`, `{a="1"b}`, `{a=}`, `{a}`, `{.}`,
		`{key="v`, `{key='v\'}`, `{k=a"b}`, "{é=1}", "{“title”=1}", "{k=\xff}", "{\t.x\tk=1\t}",
		`{minutes=10 title="Pairs"} trailing`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		attrs, n, err := parseAttrs(s)
		if n < 0 || n > len(s) {
			t.Fatalf("n = %d for %d bytes", n, len(s))
		}
		if err != nil {
			if attrs != nil || n != 0 {
				t.Errorf("an error with results: %v %d", attrs, n)
			}
			if err.Off < 0 || err.Off > len(s) || err.Msg == "" {
				t.Errorf("error %+v outside the input of %d bytes", err, len(s))
			}
			return
		}
		if n < 2 || s[0] != '{' || s[n-1] != '}' {
			t.Fatalf("consumed %q, want {…}", s[:n])
		}
		keys := map[string]bool{}
		for _, a := range attrs {
			if a.Off < 1 || a.Off >= n {
				t.Errorf("attribute %+v outside %q", a, s[:n])
			}
			if a.Key != "." && a.Key != "#" {
				if keys[a.Key] {
					t.Errorf("attribute %q twice", a.Key)
				}
				keys[a.Key] = true
			}
		}
		// The list alone parses the same.
		again, n2, err2 := parseAttrs(s[:n])
		if err2 != nil || n2 != n || len(again) != len(attrs) {
			t.Errorf("re-parsing %q: %v %d %v", s[:n], again, n2, err2)
		}
	})
}

package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// readCase reads html as a page titled "Title" with the given cuts, and
// returns each edition's sections as "id|heading|text".
func readCase(html string, cuts []int) (att, fac []string, words [2][]string) {
	src := &searchSource{title: "Title"}
	d := newSearchDict()
	pw := newPageWords(d)
	a, f := newPageReader(pw, false), newPageReader(pw, true)
	pw.intro(src, []*pageReader{a, f})
	scanPage([]byte(html), cuts, pw, []*pageReader{a, f})
	show := func(r *pageRead) []string {
		var out []string
		for _, s := range r.sections {
			out = append(out, s.ID+"|"+s.Heading+"|"+string(s.text))
		}
		return out
	}
	list := func(r *pageRead) []string {
		var out []string
		for _, w := range r.words {
			out = append(out, fmt.Sprintf("%s %d %d", d.words[w.id], w.section(), w.flags()))
		}
		return out
	}
	return show(a.out), show(f.out), [2][]string{list(a.out), list(f.out)}
}

// searchReadCases are the HTML shapes the reader must get right: raw HTML
// (a kit with [markdown] unsafe = true), entities, comments, raw-text
// elements, hidden text, blocks and headings.
var searchReadCases = []struct {
	html string
	want []string // both editions: no cuts
}{
	{"<p>a &amp; b &#39;c&#x27; d&nbsp;e &lt;f&gt;</p>", []string{"||a & b 'c' d\u00a0e <f>"}},
	{"<p>a<!-- <h2>no</h2> -->b</p><!--> c<!-- x --!> d", []string{"||ab\nc d"}},
	{`<p>x</p><script>if (a<b) { s = "</p><h2>no</h2>" }</script><style>p<a{}</style><p>y</p>`, []string{"||x\ny"}},
	{"<textarea>no</textarea><select><option>no</select><button>Check</button>ok", []string{"||Check\nok"}},
	{"<div hidden>z</div><span class=visually-hidden>heard</span> keep", []string{"||heard keep"}},
	{"<p>a<br/>b<img src=x>c<a href=/>d</a></p>", []string{"||a\nb\ncd"}},
	{"<h2 id=a>A <em>b</em></h2><p>a</p><h3 id=b>B</h3><p>b</p>", []string{"||", "a|A b|a", "b|B|b"}},
	{`<h2 id="a&amp;b">H</h2>`, []string{"||", "a&b|H|"}},
	// A heading without an id titles a block of its section.
	{"<p>x</p><h3 class=selfcheck-title>Quiz</h3><p>q</p>", []string{"||x\nQuiz\nq"}},
	// Or it opens a section at its block's id.
	{"<p>x</p><section id=sc><h3>Quiz</h3><p>q</p></section>", []string{"||x", "sc|Quiz|q"}},
	{"<blockquote class=quote><p>They pressure me.</p><footer class=quote-by>Staff member</footer></blockquote>", []string{"||They pressure me.\nStaff member"}},
	{"</p></div>stray <p>x</span> y</p>", []string{"||stray\nx y"}},
	{"<p>x<script>never closed</p>", []string{"||x"}},
	// A solution's summary is on the page; its body opens only when asked
	// for, and the attendee edition's results would show it unasked.
	{`<details class="reveal reveal-solution"><summary><span>solution 1</span>: One way</summary><div class="reveal-body"><p>Answer</p></div></details>`,
		[]string{"||solution 1: One way"}},
	{"<p>x <", []string{"||x <"}},
}

func TestSearchRead(t *testing.T) {
	for _, c := range searchReadCases {
		att, fac, _ := readCase(c.html, nil)
		if strings.Contains(c.html, "reveal-solution") {
			// The facilitator edition has the solution's body too.
			if want := []string{"||solution 1: One way\nAnswer"}; !slices.Equal(fac, want) {
				t.Errorf("%q: facilitator %q, want %q", c.html, fac, want)
			}
			fac = c.want
		}
		if !slices.Equal(att, c.want) || !slices.Equal(fac, c.want) {
			t.Errorf("%q:\n attendee    %q\n facilitator %q\n want        %q", c.html, att, fac, c.want)
		}
	}
}

// TestSearchReadCuts reads a page with facilitator blocks: their text,
// and their headings' sections, are the facilitator edition's only.
func TestSearchReadCuts(t *testing.T) {
	note := `<aside class="facilitator-note"><h3 id=n>Secret</h3><p>clandestine words</p></aside>`
	html := `<h2 id=a>Open</h2><p>shown</p>` + note + `<p>after</p>`
	at := strings.Index(html, note)
	att, fac, words := readCase(html, []int{at, at + len(note)})
	if want := []string{"||", "a|Open|shown\nafter"}; !slices.Equal(att, want) {
		t.Errorf("attendee %q, want %q", att, want)
	}
	// The note is a section of its own, at its heading; its section goes
	// on after it.
	if want := []string{"||", "a|Open|shown", "n|Facilitator note: Secret|clandestine words", "a|Open|after"}; !slices.Equal(fac, want) {
		t.Errorf("facilitator %q, want %q", fac, want)
	}
	for _, w := range words[0] {
		if strings.HasPrefix(w, "clandestine ") || strings.HasPrefix(w, "secret ") {
			t.Errorf("the attendee edition has the word %q", w)
		}
	}
	has := func(ws []string, word string, sec uint32, flags uint8) bool {
		return slices.Contains(ws, fmt.Sprintf("%s %d %d", word, sec, flags))
	}
	for _, c := range []struct {
		ed    int
		word  string
		sec   uint32
		flags uint8
	}{
		{0, "title", 0, inTitle}, {0, "open", 1, inHeading}, {0, "shown", 1, 0}, {0, "after", 1, 0},
		{1, "secret", 2, inHeading}, {1, "clandestine", 2, 0}, {1, "after", 3, 0},
	} {
		if !has(words[c.ed], c.word, c.sec, c.flags) {
			t.Errorf("edition %d lacks %q in section %d with flags %d: %v", c.ed, c.word, c.sec, c.flags, words[c.ed])
		}
	}
}

// TestSearchWords folds and splits words as search.js does (the browser
// test holds the two together on whole kits).
func TestSearchWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Résumé de l'ÉQUIPE", []string{"resume", "de", "l", "equipe"}},
		{"e\u0301te\u0301 naïve Ångström", []string{"ete", "naive", "angstrom"}},
		{"ΟΔΟΣ οδός", []string{"οδοσ", "οδοσ"}},
		{"한국 Straße", []string{"\u1112\u1161\u11ab\u1100\u116e\u11a8", "strasse"}},
		{"well-being, 2026; x²", []string{"well", "being", "2026", "x²"}},
		// Compatibility forms stay: NFD is not NFKD.
		{"Ǆemal ﬁne", []string{"ǆemal", "ﬁne"}},
	} {
		if got := SearchWords(c.in); !slices.Equal(got, c.want) {
			t.Errorf("SearchWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// A word runs on across inline elements.
	_, fac, words := readCase("<p>lead<em>ers</em> and <b>man</b>agers</p>", nil)
	var got []string
	for _, w := range words[1] {
		got = append(got, strings.Fields(w)[0])
	}
	if want := []string{"title", "leaders", "and", "managers"}; !slices.Equal(got, want) {
		t.Errorf("words %q, want %q (text %q)", got, want, fac)
	}
}

// TestSearchVarint writes postings' numbers as search.js reads them.
func TestSearchVarint(t *testing.T) {
	for _, c := range []struct {
		v    uint64
		want string
	}{{0, "A"}, {31, "f"}, {32, "gB"}, {33, "hB"}, {1 << 10, "ggB"}} {
		if got := string(appendVarint(nil, c.v)); got != c.want {
			t.Errorf("appendVarint(%d) = %q, want %q", c.v, got, c.want)
		}
	}
}

// FuzzSearchRead checks that any input, with any cut, ends without a
// panic: every token moves the scanner on.
func FuzzSearchRead(f *testing.F) {
	for _, c := range searchReadCases {
		f.Add([]byte(c.html), uint16(0), uint16(0))
	}
	f.Add([]byte(`<p>a</p><aside><h2 id=x>zq</h2>zq</aside><p>b`), uint16(8), uint16(38))
	f.Fuzz(func(t *testing.T, b []byte, from, to uint16) {
		z := htmlScanner{src: b}
		for pos := -1; z.next() != eofToken; pos = z.pos {
			if z.pos <= pos || z.pos > len(b) {
				t.Fatalf("the scanner went from %d to %d of %d bytes", pos, z.pos, len(b))
			}
		}
		lo, hi := min(int(from), len(b)), min(int(to), len(b))
		if lo > hi {
			lo, hi = hi, lo
		}
		readCase(string(b), []int{lo, hi})
	})
}

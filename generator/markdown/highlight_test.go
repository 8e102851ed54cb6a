package markdown

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
)

// TestHighlightRemembered checks that code highlighted before is given back
// only for the same language and text: a language name holding what could
// separate it from the code must not make two blocks one.
func TestHighlightRemembered(t *testing.T) {
	blocks := []struct{ md, lang string }{
		{"```go\x00x\nprint(1)\n```\n", "go\x00x"},
		{"```go\nx\x00print(1)\n```\n", "go"},
		{"```go\nfunc main() {}\n```\n", "go"},
		{"```python\nfunc main() {}\n```\n", "python"},
		{"```go\nfunc main() {}\n```\n", "go"}, // remembered
	}
	h := new(Highlights)
	for round := range 2 { // the second round finds every block remembered
		for _, b := range blocks {
			html := string(convert(t, Options{Highlights: h}, b.md).HTML.Bytes(Attendee))
			lang := strings.ReplaceAll(b.lang, "\x00", "\ufffd")
			if !strings.Contains(html, `data-lang="`+lang+`"`) && !strings.Contains(html, `data-lang="`+b.lang+`"`) {
				t.Errorf("round %d: %q gave %s", round, b.md, html)
			}
		}
		if len(h.html) != 4 {
			t.Errorf("round %d: %d blocks remembered, want 4", round, len(h.html))
		}
	}
}

// TestHighlightsKept checks that code highlighted by one build is taken from
// what it saved by the next, keyed by language and text, and that a saved
// file that another chroma wrote, or that is cut short, is not used at all.
func TestHighlightsKept(t *testing.T) {
	const md = "```go\nx := 1\n```\n\n```python\nprint(1)\n```\n"
	built := new(Highlights)
	first := string(convert(t, Options{Highlights: built}, md).HTML.Bytes(Facilitator))
	var saved bytes.Buffer
	if err := built.Save(&saved); err != nil {
		t.Fatal(err)
	}
	next := new(Highlights)
	next.Load(bytes.NewReader(saved.Bytes()))
	if len(next.html) != 2 {
		t.Errorf("%d blocks read back, want 2", len(next.html))
	}
	if again := string(convert(t, Options{Highlights: next}, md).HTML.Bytes(Facilitator)); again != first {
		t.Errorf("from the saved file:\n%s\nwant\n%s", again, first)
	}

	// A file that holds other HTML for the Go block shows where it came from.
	entry := func(parts ...string) string {
		var b []byte
		for _, p := range parts {
			b = binary.AppendUvarint(b, uint64(len(p)))
			b = append(b, p...)
		}
		return string(b)
	}
	planted := entry("go", "x := 1\n", "<pre>planted</pre>\n") + entry("text", "y\n", "<pre>y</pre>\n")
	for _, tc := range []struct {
		name, file string
		used       bool
	}{
		{"same chroma", highlightVersion() + planted, true},
		{"another format or chroma", strings.Replace(highlightVersion(), highlightFormat, "lectern-highlight 1", 1) + planted, false},
		{"cut short", highlightVersion() + planted[:len(planted)-3], false},
		{"no header", planted, false},
		{"huge length", highlightVersion() + string(binary.AppendUvarint(nil, 1<<40)), false},
	} {
		h := new(Highlights)
		h.Load(strings.NewReader(tc.file))
		got := string(convert(t, Options{Highlights: h}, md).HTML.Bytes(Facilitator))
		if used := strings.Contains(got, "planted"); used != tc.used {
			t.Errorf("%s: planted HTML used %v, want %v:\n%s", tc.name, used, tc.used, got)
		}
		if !tc.used && got != first {
			t.Errorf("%s: output differs from highlighting afresh:\n%s", tc.name, got)
		}
		// What one build loaded is its own: a converter given no memory
		// highlights afresh.
		if other := string(convert(t, Options{}, md).HTML.Bytes(Facilitator)); other != first {
			t.Errorf("%s: a converter without the loaded memory gave\n%s", tc.name, other)
		}
	}
}

// FuzzLoadHighlights: whatever the saved file holds, loading it neither
// panics nor keeps more than the cache's bound.
func FuzzLoadHighlights(f *testing.F) {
	f.Add([]byte(highlightVersion() + "\x02go\x07x := 1\n\x05<pre>"))
	f.Add([]byte(highlightVersion()))
	f.Fuzz(func(t *testing.T, b []byte) {
		h := new(Highlights)
		h.Load(bytes.NewReader(append([]byte(highlightVersion()), b...)))
		if h.size > 2*highlightedMax {
			t.Fatalf("%d bytes kept", h.size)
		}
	})
}

// TestHighlightTimeless checks that a match taking longer than chroma's
// deadline per match (250 ms) still matches: a build on a loaded machine
// must highlight code as an idle one does, not as error tokens.
func TestHighlightTimeless(t *testing.T) {
	// (x*)*y backtracks exponentially on x…x with no y before x+z
	// matches: 23 x's take seconds here, far over the deadline anywhere.
	l := chroma.MustNewLexer(&chroma.Config{Name: "slow"}, func() chroma.Rules {
		return chroma.Rules{"root": {
			{Pattern: `(x*)*y|x+z`, Type: chroma.Keyword},
			{Pattern: `\n`, Type: chroma.Text},
		}}
	})
	code := strings.Repeat("x", 23) + "z\n"
	start := time.Now()
	it, err := l.Tokenise(nil, code)
	if err != nil {
		t.Fatal(err)
	}
	toks := it.Tokens()
	took := time.Since(start)
	for _, tok := range toks {
		if tok.Type == chroma.Error {
			t.Fatalf("after %v: error token %q: the match was cut off by a deadline", took, tok.Value)
		}
	}
	if len(toks) == 0 || toks[0].Type != chroma.Keyword || toks[0].Value != strings.TrimSuffix(code, "\n") {
		t.Fatalf("tokens %v", toks)
	}
	if took < 260*time.Millisecond {
		t.Fatalf("the match took %v: too fast to show that no deadline applies", took)
	}
}

package markdown

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
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
	for round := range 2 { // the second round finds every block remembered
		for _, b := range blocks {
			html := string(convert(t, Options{}, b.md).HTML.Bytes(Attendee))
			lang := strings.ReplaceAll(b.lang, "\x00", "\ufffd")
			if !strings.Contains(html, `data-lang="`+lang+`"`) && !strings.Contains(html, `data-lang="`+b.lang+`"`) {
				t.Errorf("round %d: %q gave %s", round, b.md, html)
			}
		}
	}
}

// forgetHighlights empties the cache in memory, as a new process has it.
func forgetHighlights() {
	highlighted.Lock()
	highlighted.html, highlighted.size = nil, 0
	highlighted.Unlock()
}

// TestHighlightsKept checks that code highlighted by one build is taken from
// what it saved by the next, keyed by language and text, and that a saved
// file that another chroma wrote, or that is cut short, is not used at all.
func TestHighlightsKept(t *testing.T) {
	const md = "```go\nx := 1\n```\n\n```python\nprint(1)\n```\n"
	forgetHighlights()
	first := string(convert(t, Options{}, md).HTML.Bytes(Facilitator))
	var saved bytes.Buffer
	if err := SaveHighlights(&saved); err != nil {
		t.Fatal(err)
	}
	forgetHighlights()
	LoadHighlights(bytes.NewReader(saved.Bytes()))
	if again := string(convert(t, Options{}, md).HTML.Bytes(Facilitator)); again != first {
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
		{"another format or chroma", strings.Replace(highlightVersion(), "highlight 1", "highlight 0", 1) + planted, false},
		{"cut short", highlightVersion() + planted[:len(planted)-3], false},
		{"no header", planted, false},
		{"huge length", highlightVersion() + string(binary.AppendUvarint(nil, 1<<40)), false},
	} {
		forgetHighlights()
		LoadHighlights(strings.NewReader(tc.file))
		got := string(convert(t, Options{}, md).HTML.Bytes(Facilitator))
		if used := strings.Contains(got, "planted"); used != tc.used {
			t.Errorf("%s: planted HTML used %v, want %v:\n%s", tc.name, used, tc.used, got)
		}
		if !tc.used && got != first {
			t.Errorf("%s: output differs from highlighting afresh:\n%s", tc.name, got)
		}
	}
	forgetHighlights()
}

// FuzzLoadHighlights: whatever the saved file holds, loading it neither
// panics nor keeps more than the cache's bound.
func FuzzLoadHighlights(f *testing.F) {
	f.Add([]byte(highlightVersion() + "\x02go\x07x := 1\n\x05<pre>"))
	f.Add([]byte(highlightVersion()))
	f.Fuzz(func(t *testing.T, b []byte) {
		forgetHighlights()
		LoadHighlights(bytes.NewReader(append([]byte(highlightVersion()), b...)))
		highlighted.Lock()
		size := highlighted.size
		highlighted.Unlock()
		if size > 2*highlightedMax {
			t.Fatalf("%d bytes kept", size)
		}
	})
}

package markdown

import (
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
			html := string(convert(t, Options{}, b.md).HTML[Attendee])
			lang := strings.ReplaceAll(b.lang, "\x00", "\ufffd")
			if !strings.Contains(html, `data-lang="`+lang+`"`) && !strings.Contains(html, `data-lang="`+b.lang+`"`) {
				t.Errorf("round %d: %q gave %s", round, b.md, html)
			}
		}
	}
}

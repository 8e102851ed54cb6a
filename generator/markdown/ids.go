package markdown

import (
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids makes heading ids that keep non-ASCII words ("Café Übung" becomes
// "café-übung"); goldmark's default drops them. One per document.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	b := make([]rune, 0, len(value))
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-':
			dash = true
		}
	}
	id := string(b)
	if id == "" {
		id = "section"
	}
	base := id
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

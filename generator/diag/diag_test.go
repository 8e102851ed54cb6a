package diag

import (
	"math/rand"
	"strings"
	"testing"
)

// TestLines checks the line index against Position, which it stands in for
// where a source has many offsets to place.
func TestLines(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []string{"a", " ", "\n", "\r\n", "é", "日", "\t", ":"}
	for range 200 {
		var b strings.Builder
		for range r.Intn(60) {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		src := []byte(b.String())
		l := NewLines(src)
		for off := -1; off <= len(src)+1; off++ {
			if off >= 0 && off < len(src) && src[off]&0xC0 == 0x80 {
				continue // offsets come from parsers: never inside a character
			}
			l1, c1 := Position(src, off)
			l2, c2 := l.Position(off)
			if l1 != l2 || c1 != c2 {
				t.Fatalf("%q at %d: Lines says %d:%d, Position says %d:%d", src, off, l2, c2, l1, c1)
			}
		}
	}
}

package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// The inputs below once took time with the square of their size. Each
// benchmark doubles its input twice: the time per run should roughly double
// with it (go test -bench Linear ./generator/markdown/).

func benchLinear(b *testing.B, sizes []int, make func(n int) string) {
	c := New(Options{})
	for _, n := range sizes {
		src := []byte(make(n))
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				c.Convert(Source{Path: "content/x.md", Body: src, BodyLine: 1})
			}
		})
	}
}

// BenchmarkLinearSameHeadings: thousands of equal headings, each given the
// next free id.
func BenchmarkLinearSameHeadings(b *testing.B) {
	benchLinear(b, []int{7500, 15000, 30000}, func(n int) string { return strings.Repeat("## A\n\n", n) })
}

// BenchmarkLinearImageOpeners: "![a](" over and over, never closed.
func BenchmarkLinearImageOpeners(b *testing.B) {
	benchLinear(b, []int{25000, 50000, 100000}, func(n int) string { return strings.Repeat("![a](", n) + "\n" })
}

// BenchmarkLinearFootnotes: a citation and a definition for each footnote.
func BenchmarkLinearFootnotes(b *testing.B) {
	benchLinear(b, []int{12500, 25000, 50000}, func(n int) string {
		var s strings.Builder
		for i := range n {
			fmt.Fprintf(&s, "Text[^%d].\n\n", i)
		}
		for i := range n {
			fmt.Fprintf(&s, "[^%d]: Note %d.\n", i, i)
		}
		return s.String()
	})
}

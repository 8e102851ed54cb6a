package markdown_test

import (
	"strconv"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// BenchmarkConvert converts generated modules (~4 KB of Markdown each, with
// lists, tables, quotes, code and kit blocks) into both editions, one
// goroutine, the way render.New converts each page.
func BenchmarkConvert(b *testing.B) {
	const n = 200
	dir := b.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: n, Parts: n / 25, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	k, errs := kit.Load(dir, kit.Options{})
	if errs.HasErrors() {
		b.Fatal(errs.Error())
	}
	c := markdown.New(markdown.Options{})
	resolve := func(string) (string, bool) { return "lectern-page:x/index.html", true }
	var bytes int64
	for _, m := range k.Modules {
		bytes += int64(len(m.Body))
	}
	b.Run("modules="+strconv.Itoa(n), func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(bytes)
		for b.Loop() {
			for _, m := range k.Modules {
				c.Convert(markdown.Source{Path: m.Source, Body: m.Body, BodyLine: m.BodyLine, Resolve: resolve})
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/module")
	})
}

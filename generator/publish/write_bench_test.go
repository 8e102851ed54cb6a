package publish

import (
	"path/filepath"
	"strconv"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/site"
)

// BenchmarkWrite renders and writes a loaded kit again and again into the
// same output folder, as a rebuild does: staging folder, carried-over
// files, swap and removal of the previous output.
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run("modules="+strconv.Itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			if err := kitgen.Write(dir, kitgen.Options{Modules: n, Parts: n / 25, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			s, errs := site.Load(site.Options{Source: dir})
			if s == nil {
				b.Fatal(errs.Error())
			}
			out := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Write(s, out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/module")
		})
	}
}

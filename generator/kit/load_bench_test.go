package kit_test

import (
	"strconv"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
)

// BenchmarkLoad reads a generated kit: site.toml, every front matter and
// body. The numbers are for comparing changes; no test asserts a time.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run("modules="+strconv.Itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			if err := kitgen.Write(dir, kitgen.Options{Modules: n, Parts: n / 25, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, errs := kit.Load(dir, kit.Options{}); errs.HasErrors() {
					b.Fatal(errs.Error())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/module")
		})
	}
}

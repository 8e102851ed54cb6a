package publish

import (
	"path/filepath"
	"testing"

	"lectern/generator/internal/kitgen"
)

// BenchmarkBuild builds a generated kit of 2,000 modules in 80 parts, every
// output included, the way `lectern build` does.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{2000} {
		dir := b.TempDir()
		if err := kitgen.Write(dir, kitgen.Options{Modules: n, Parts: n / 25, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(b.TempDir(), "public")
		b.Run(filepath.Base(dir), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, errs, err := Build(Options{Source: dir, Out: out}); err != nil {
					b.Fatal(errs.Error(), err)
				}
			}
			b.ReportMetric(float64(n), "modules")
		})
	}
}

package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"lectern/generator/internal/kitgen"
)

// BenchmarkBuild builds a generated kit of 2,000 modules in 80 parts, every
// output included, the way `lectern build` does: "rebuild" into the output
// of the build before, "empty" into a folder that holds nothing yet (the
// first build of a kit, or a build after `rm -rf public`).
func BenchmarkBuild(b *testing.B) {
	const n = 2000
	dir := b.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: n, Parts: n / 25, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"rebuild", "empty"} {
		b.Run(mode, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			build := func() {
				if _, errs, err := Build(Options{Source: dir, Out: out}); err != nil {
					b.Fatal(errs.Error(), err)
				}
			}
			if mode == "rebuild" {
				build() // the output before
				build() // and the one before that, kept as a spare
			}
			// Old outputs are moved aside, not removed: ext4 without a
			// journal scans past inodes freed in the last 30 s on every
			// file it creates (see cmd/lectern-bench).
			trash, moved := b.TempDir(), 0
			b.ReportAllocs()
			for b.Loop() {
				if mode == "empty" {
					b.StopTimer()
					for _, p := range []string{out, spareName(out)} {
						moved++
						if err := os.Rename(p, filepath.Join(trash, strconv.Itoa(moved))); err != nil && !errors.Is(err, fs.ErrNotExist) {
							b.Fatal(err)
						}
					}
					b.StartTimer()
				}
				build()
			}
			b.ReportMetric(float64(n), "modules")
		})
	}
}

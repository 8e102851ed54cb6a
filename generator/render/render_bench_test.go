package render_test

import (
	"io"
	"strconv"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/generator/markdown"
	"lectern/generator/render"
	"lectern/themes"
)

func loadKit(b testing.TB, n int) (*kit.Kit, *render.Theme) {
	b.Helper()
	dir := b.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: n, Parts: n / 25, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	k, errs := kit.Load(dir, kit.Options{})
	if errs.HasErrors() {
		b.Fatal(errs.Error())
	}
	th, errs := render.LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
	if errs.HasErrors() {
		b.Fatal(errs.Error())
	}
	return k, th
}

// BenchmarkNew converts every page of a generated kit on all cores.
func BenchmarkNew(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run("modules="+strconv.Itoa(n), func(b *testing.B) {
			k, th := loadKit(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, errs := render.New(k, th, render.Options{}); errs.HasErrors() {
					b.Fatal(errs.Error())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/module")
		})
	}
}

// BenchmarkRender renders every page of both editions (aggregates included)
// into io.Discard, one goroutine, so the figure is the templates' and the
// page data's cost alone.
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run("modules="+strconv.Itoa(n), func(b *testing.B) {
			k, th := loadKit(b, n)
			s, errs := render.New(k, th, render.Options{})
			if errs.HasErrors() {
				b.Fatal(errs.Error())
			}
			pages := s.Pages()
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					if err := s.Render(io.Discard, p); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/module")
		})
	}
}

// BenchmarkSearchIndex builds each edition's search index of a generated
// kit from its converted pages.
func BenchmarkSearchIndex(b *testing.B) {
	k, th := loadKit(b, 2000)
	s, errs := render.New(k, th, render.Options{})
	if errs.HasErrors() {
		b.Fatal(errs.Error())
	}
	for _, e := range []markdown.Edition{markdown.Attendee, markdown.Facilitator} {
		b.Run(e.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.SearchIndex(e)
			}
		})
	}
}

// BenchmarkAggregates renders each aggregate page of a 2,000-module kit
// alone: they are the longest jobs of a build, which publish starts first.
func BenchmarkAggregates(b *testing.B) {
	k, th := loadKit(b, 2000)
	s, errs := render.New(k, th, render.Options{})
	if errs.HasErrors() {
		b.Fatal(errs.Error())
	}
	for _, p := range s.Pages() {
		if !p.Heavy() {
			continue
		}
		b.Run(p.Path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := s.Render(io.Discard, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

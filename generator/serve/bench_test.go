package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"lectern/generator/internal/kitgen"
)

// BenchmarkRebuildModule times what the server does between a save to one
// module of a 2,000-module kit and telling the tab: the incremental rebuild
// and the rendering of that module's page.
func BenchmarkRebuildModule(b *testing.B) {
	dir := b.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: 2000, Parts: 20, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	bl := newBuilder(dir)
	first := bl.full()
	if first.Site == nil {
		b.Fatal(first.Diags)
	}
	m := first.Site.Kit.Modules[1000]
	src, page := m.Source, m.URL()
	file := filepath.Join(dir, filepath.FromSlash(src))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	srv := NewServer(dir)
	var ch batch
	ch.add(src)
	for i := 0; b.Loop(); i++ {
		os.WriteFile(file, fmt.Appendf(append([]byte(nil), orig...), "\nMarker %d.\n", i), 0o644)
		out, _ := bl.apply(ch)
		if out.Site == nil {
			b.Fatal(out.Diags)
		}
		srv.Publish(out)
		srv.cur.Load().page(page)
	}
}

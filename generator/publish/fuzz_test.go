package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/generator/render"
	"lectern/generator/site"
	"lectern/themes"
)

// Seeds are in testdata/fuzz/<FuzzName>/; run a target for longer with
// go test -run '^$' -fuzz FuzzSafeJoin -fuzztime 3m ./generator/publish/

// FuzzSafeJoin: whatever name content chose, a path safeJoin accepts is
// strictly inside the output folder and has no control characters (the
// manifest keeps one name a line).
func FuzzSafeJoin(f *testing.F) {
	for _, s := range []string{"index.html", "a/b/index.html", "../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a/./b",
		`a\..\..\b`, "a\x00b", "a\nCNAME", "..", ".", "", "…/x", "a/..", "C:/x", "%2e%2e/x", ".lectern-manifest"} {
		f.Add(s)
	}
	root := filepath.Join(f.TempDir(), "out")
	f.Fuzz(func(t *testing.T, rel string) {
		p, err := safeJoin(root, rel)
		if err != nil {
			return
		}
		if !strings.HasPrefix(p, root+string(filepath.Separator)) || !within(p, root) || p == root {
			t.Fatalf("safeJoin(%q) = %q, outside %q", rel, p, root)
		}
		if strings.ContainsFunc(rel, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("safeJoin accepted %q, with a control character", rel)
		}
		if r, _ := filepath.Rel(root, p); filepath.ToSlash(r) != rel {
			t.Fatalf("safeJoin(%q) writes %q instead", rel, r)
		}
	})
}

// FuzzContentPaths makes a kit with a module file, a bundle file and a
// static file named by the fuzzer, and a slug it chose: when the kit loads
// without errors and passes site.Verify, every page and file it would
// publish lands inside the output folder.
func FuzzContentPaths(f *testing.F) {
	f.Add("02-talk.md", "", "photo.png", "logo.svg")
	f.Add("02-x.md", "../../etc", "../up.png", "a/../../b")
	f.Add("..md", "a/b", "index.html", "index.html")
	f.Add("02-café übung.md", "café", "Q&A #2.png", "facilitator/index.html")
	f.Add("02-x.md", "%2e%2e", "sub/dir/f.txt", "assets/style.css")
	f.Add("02-x.md", "", "x\\y.png", "a\nb")
	base := f.TempDir()
	th, errs := render.LoadTheme(themes.Default(), base, "")
	if errs.HasErrors() {
		f.Fatal(errs)
	}
	n := 0
	f.Fuzz(func(t *testing.T, module, slug, bundleFile, staticFile string) {
		n++
		dir := filepath.Join(base, "kit", strings.Repeat("k", n%7+1))
		os.RemoveAll(dir)
		defer os.RemoveAll(dir)
		must := func(rel, data string) bool {
			p := filepath.Join(dir, rel)
			if !strings.HasPrefix(filepath.Clean(p), dir+string(filepath.Separator)) {
				return false // the fuzzer's name would leave the kit on disk already
			}
			if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
				return false
			}
			return os.WriteFile(p, []byte(data), 0o644) == nil
		}
		front := "+++\ntitle = \"M\"\nduration = 5\n"
		if slug != "" {
			front += "slug = " + kitgen.TOMLString(slug) + "\n"
		}
		front += "+++\ntext\n"
		if !must("site.toml", "title = \"K\"\n") || !must("content/_index.md", "+++\ntitle = \"H\"\n+++\n") ||
			!must(filepath.Join("content", module), front) ||
			!must(filepath.Join("content", "03-b", "index.md"), "+++\ntitle = \"B\"\nduration = 5\n+++\n") ||
			!must(filepath.Join("content", "03-b", bundleFile), "b") ||
			!must(filepath.Join("static", staticFile), "s") {
			return
		}
		k, errs := kit.Load(dir, kit.Options{})
		if errs.HasErrors() {
			return
		}
		s, serrs := render.New(k, th, render.Options{})
		if serrs.HasErrors() {
			return
		}
		if site.Verify(s).HasErrors() {
			return
		}
		out := filepath.Join(base, "out")
		for _, p := range s.Pages() {
			if _, err := safeJoin(out, p.Path); err != nil {
				t.Fatalf("page %q: %v", p.Path, err)
			}
		}
		for _, fl := range s.Files() {
			if _, err := safeJoin(out, fl.Path); err != nil {
				t.Fatalf("file %q: %v", fl.Path, err)
			}
		}
	})
}

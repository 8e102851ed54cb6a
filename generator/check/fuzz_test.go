package check

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"lectern/generator/internal/kitgen"
)

// Seeds are in testdata/fuzz/<FuzzName>/; run a target for longer with
// go test -run '^$' -fuzz FuzzCheckPage -fuzztime 3m ./generator/check/

// FuzzCheckPage checks a kit whose one module is the fuzzer's Markdown:
// nothing panics, nothing is written, every message points inside the file,
// and the report is the same when run again.
func FuzzCheckPage(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/kits/*/content/*.md")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil && len(b) < 4096 {
			f.Add(b)
		}
	}
	f.Add([]byte("+++\ntitle = \"x\"\n+++\n[a](#b) ![](c.png) [d](01-intro.md#e)\n\n::: worksheet\n:::\n"))
	dir := f.TempDir()
	if err := kitgen.WriteFiles(dir, map[string]string{
		"site.toml":                 "title = \"Fuzz\"\n[workshop]\nstart = \"09:00\"\nend = \"09:30\"\n",
		"content/_index.md":         "+++\ntitle = \"Home\"\n+++\n[x](02-fuzz.md#y)\n",
		"content/01-intro/index.md": "+++\ntitle = \"Intro\"\nduration = 5\n+++\n## E\n![a](a.png)\n",
		"content/01-intro/a.png":    "png",
	}); err != nil {
		f.Fatal(err)
	}
	page := filepath.Join(dir, "content", "02-fuzz.md")
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(page, src, 0o644); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir)
		l := Run(Options{Source: dir})
		if diff := compare(before, snapshot(t, dir)); diff != "" {
			t.Fatalf("check changed files:\n%s", diff)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range l {
			if d.Path == "content/02-fuzz.md" && (d.Line < 0 || d.Line > lines+1 || d.Col < 0) {
				t.Fatalf("%s points outside a file of %d lines", d, lines)
			}
		}
		if again := Run(Options{Source: dir}); again.Error() != l.Error() {
			t.Fatalf("two runs differ:\n%s\n---\n%s", l.Error(), again.Error())
		}
		var b bytes.Buffer
		if err := JSON(&b, l); err != nil {
			t.Fatal(err)
		}
	})
}

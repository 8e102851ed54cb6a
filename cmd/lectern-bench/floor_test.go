//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFloor(t *testing.T) {
	kit := t.TempDir()
	files := map[string]string{
		"content/intro.md":        "+++\ntitle = \"Tasks & people\"\n+++\n\n# Why\n\n```go\nfunc main() {}\n```\n",
		"content/day-1/_index.md": "+++\ntitle = \"Day 1\"\n+++\n\nThe first day.\n",
		"content/day-1/listen.md": "+++\ntitle = \"Listen\"\nweight = 2\n+++\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	}
	for name, text := range files {
		p := filepath.Join(kit, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := floor(kit, out); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"intro/index.html":        {"<title>Tasks &amp; people</title>", `<h1 id="why">Why</h1>`, `<span class="kd">func</span>`},
		"day-1/_index/index.html": {"<title>Day 1</title>", "<p>The first day.</p>"},
		"day-1/listen/index.html": {"<title>Listen</title>", "<td>2</td>"},
	}
	for rel, parts := range want {
		b, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range parts {
			if !strings.Contains(string(b), s) {
				t.Errorf("%s lacks %q:\n%s", rel, s, b)
			}
		}
	}

	// Every bad page is reported, by path.
	for _, name := range []string{"content/bad.md", "content/day-1/worse.md"} {
		if err := os.WriteFile(filepath.Join(kit, name), []byte("+++\ntitle = \n+++\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := floor(kit, out)
	if err == nil {
		t.Fatal("front matter that is not TOML gave no error")
	}
	for _, name := range []string{"bad.md", "worse.md"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("the error does not name %s: %v", name, err)
		}
	}
}

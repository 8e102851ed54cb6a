package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewKit: `lectern new kit DIR` makes a kit that builds and checks clean,
// and refuses a folder that is not empty.
func TestNewKit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-kit")
	code, out, stderr := run(t, "new", "kit", dir)
	if code != 0 {
		t.Fatalf("new kit: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(out, "site.toml") || !strings.Contains(out, "lectern build --source") {
		t.Errorf("new kit says:\n%s", out)
	}
	code, out, stderr = run(t, "build", "--source", dir, "--out", filepath.Join(t.TempDir(), "public"))
	if code != 0 || strings.Contains(out+stderr, "warning") || stderr != "" {
		t.Errorf("build of the new kit: exit %d\n%s%s", code, out, stderr)
	}
	if find("check").run != nil {
		if code, out, stderr := run(t, "check", "--source", dir, "--strict"); code != 0 {
			t.Errorf("check --strict of the new kit: exit %d\n%s%s", code, out, stderr)
		}
	}

	before := snapshot(t, dir)
	code, _, stderr = run(t, "new", "kit", dir)
	if code != exitUsage || !strings.Contains(stderr, "not empty") {
		t.Errorf("new kit over a kit: exit %d, want %d and a message\n%s", code, exitUsage, stderr)
	}
	if after := snapshot(t, dir); len(after) != len(before) {
		t.Error("new kit changed a folder that was not empty")
	}
}

func TestNewModuleCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "k")
	if code, _, stderr := run(t, "new", "kit", dir); code != 0 {
		t.Fatal(stderr)
	}
	// Flags after the title, as people type them; an unquoted title.
	code, out, stderr := run(t, "new", "module", "Café", "à", "deux", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	p := filepath.Join(dir, "content", "02-café-à-deux.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, key := range []string{"title = \"Café à deux\"", "weight = 20", "duration = ", "summary = ", "objectives = ", "materials = ", "# slug = ", "draft = "} {
		if !strings.Contains(string(b), "\n"+key) {
			t.Errorf("front matter lacks %q:\n%s", key, b)
		}
	}
	if !strings.Contains(out, "02-café-à-deux.md") {
		t.Errorf("output does not name the file: %q", out)
	}

	code, _, stderr = run(t, "new", "module", "--part", "day-2", "--source", dir, "Giving feedback")
	if code != 0 {
		t.Fatalf("--part: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"content/03-day-2/_index.md", "content/03-day-2/01-giving-feedback.md"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Error(err)
		}
	}
	if code, out, stderr := run(t, "build", "--source", dir, "--drafts", "--out", filepath.Join(t.TempDir(), "o")); code != 0 || stderr != "" {
		t.Errorf("build with the new modules: exit %d\n%s%s", code, out, stderr)
	}

	// Refusals are usage errors with a message.
	for _, args := range [][]string{
		{"new"},
		{"new", "module"},
		{"new", "module", "Giving feedback", "--part", "day-2", "--source", dir}, // exists
		{"new", "module", "Quotes", "--source", dir},                             // reserved
		{"new", "module", "X", "--source", t.TempDir()},                          // no kit
		{"new", "kit"},
		{"new", "kit", "a", "b"},
		{"new", "kit", "x", "--part", "p"},
		{"new", "thing", "x"},
		{"new", "module", "X", "--bogus"},
	} {
		code, _, stderr := run(t, args...)
		if code != exitUsage || !strings.HasPrefix(stderr, "lectern new: ") {
			t.Errorf("%q: exit %d, want %d with a message\n%s", args, code, exitUsage, stderr)
		}
	}
}

// TestHelp: every command's help lists its flags, one a line with what it
// is for, and an example; `lectern --help` shows them all.
func TestHelp(t *testing.T) {
	code, all, _ := run(t, "--help")
	if code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	for _, c := range commands {
		if c.run == nil {
			continue // not available in this version yet
		}
		code, out, stderr := run(t, "help", c.name)
		if code != 0 {
			t.Errorf("help %s: exit %d\n%s", c.name, code, stderr)
		}
		if c.example == "" || !strings.Contains(out, "Example:\n  lectern "+c.name) {
			t.Errorf("help %s has no example:\n%s", c.name, out)
		}
		if !strings.Contains(all, "lectern "+c.name) {
			t.Errorf("--help does not show %s", c.name)
		}
		for _, l := range flagLines(c) {
			name, usage, _ := strings.Cut(strings.TrimSpace(l), "  ")
			if !strings.HasPrefix(name, "--") || strings.TrimSpace(usage) == "" {
				t.Errorf("help %s: flag line %q has no explanation", c.name, l)
			}
			if !strings.Contains(out, l) || !strings.Contains(all, l) {
				t.Errorf("help %s or --help lacks the line %q", c.name, l)
			}
		}
		if c.flags != nil {
			code, out2, _ := run(t, c.name, "--help")
			if code != 0 || out2 != out {
				t.Errorf("%s --help (exit %d) differs from help %s", c.name, code, c.name)
			}
		}
	}
	if _, out, _ := run(t, "help", "new"); !strings.Contains(out, "--part PART") || !strings.Contains(out, "lectern new module") {
		t.Errorf("help new:\n%s", out)
	}
}

// TestNewKitLanguage: `lectern new kit DIR --language es` writes a kit whose
// pages speak Spanish around its English sample text, says so, and
// refuses a tag that is not one.
func TestNewKitLanguage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mi-kit")
	code, out, stderr := run(t, "new", "kit", dir, "--language", "es")
	if code != 0 {
		t.Fatalf("new kit --language es: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(out, "Spanish") || !strings.Contains(out, "sample text") {
		t.Errorf("new kit --language es does not say what speaks Spanish:\n%s", out)
	}
	site, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil || !strings.Contains(string(site), "\nlanguage = \"es\"\n") {
		t.Fatalf("site.toml lacks language = \"es\" (%v)", err)
	}
	pub := filepath.Join(t.TempDir(), "public")
	if code, out, stderr := run(t, "build", "--source", dir, "--out", pub); code != 0 || strings.Contains(out+stderr, "warning") {
		t.Fatalf("build: exit %d\n%s%s", code, out, stderr)
	}
	page, err := os.ReadFile(filepath.Join(pub, "welcome", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`lang="es" dir="ltr"`, ">Índice<", "Saltar al contenido"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the module page lacks %s", want)
		}
	}
	if code, _, stderr := run(t, "new", "kit", filepath.Join(t.TempDir(), "x"), "--language", "not a tag"); code != exitUsage || !strings.Contains(stderr, "language tag") {
		t.Errorf("a bad tag: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, "new", "module", "Hola", "--source", dir, "--language", "es"); code != exitUsage {
		t.Errorf("new module --language: exit %d\n%s", code, stderr)
	}
}

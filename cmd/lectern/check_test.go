package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckSampleKit: the sample kit in the repository checks clean.
func TestCheckSampleKit(t *testing.T) {
	code, stdout, stderr := run(t, "check", "--source", "../..", "--strict")
	if code != 0 || stdout != "no problems\n" {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestCheckCommand(t *testing.T) {
	src := copyKit(t, "basic")
	before := snapshot(t, filepath.Dir(src))

	// Warnings only: exit 0, or 1 with --strict.
	write(t, src, "content/03-extra.md", "+++\ntitle = \"Extra\"\nduration = 5\n+++\n![](nothing.png)\n")
	code, stdout, _ := run(t, "check", "--source", src)
	wantLines := []string{
		`content/03-extra.md:5:1: warning: image "nothing.png" has no alt text: describe it between the brackets, ![like this](nothing.png)`,
		`content/03-extra.md:5:1: warning: link to "nothing.png" points nowhere`,
		"0 errors, ",
	}
	for _, w := range wantLines {
		if !strings.Contains(stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, stdout)
		}
	}
	if code != 0 {
		t.Errorf("warnings only: exit %d, want 0", code)
	}
	if code, _, _ := run(t, "check", "--source", src, "--strict"); code != 1 {
		t.Errorf("--strict with warnings: exit %d, want 1", code)
	}

	// An error: exit 1; JSON lists it with its position.
	write(t, src, "content/04-bad.md", "+++\ntitle = \"Bad\"\nduration = 5\n+++\n::: sidebar\nx\n:::\n")
	code, stdout, _ = run(t, "check", "--source", src, "--format", "json")
	if code != 1 {
		t.Errorf("an error: exit %d, want 1", code)
	}
	var rep struct {
		Problems []struct {
			Path     string `json:"path"`
			Line     int    `json:"line"`
			Col      int    `json:"col"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"problems"`
		Errors   int    `json:"errors"`
		Warnings int    `json:"warnings"`
		Summary  string `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	found := false
	for _, p := range rep.Problems {
		if p.Path == "content/04-bad.md" && p.Line == 5 && p.Col == 5 && p.Severity == "error" && strings.HasPrefix(p.Message, `unknown block "sidebar"`) {
			found = true
		}
	}
	if !found || rep.Errors != 1 || rep.Summary != fmt.Sprintf("1 error, %d warnings", rep.Warnings) {
		t.Errorf("JSON report:\n%s", stdout)
	}

	// Usage errors: exit 2.
	for _, args := range [][]string{{"check", "--format", "xml"}, {"check", "--nope"}, {"check", "extra"}} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, stdout, _ := run(t, "help", "check"); code != 0 || !strings.Contains(stdout, "--strict") || !strings.Contains(stdout, "Example") {
		t.Errorf("help check: %d\n%s", code, stdout)
	}

	// check wrote nothing: only the two files this test added are new.
	after := snapshot(t, filepath.Dir(src))
	for k := range before {
		if before[k] != after[k] {
			t.Errorf("check changed %s", k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok && !strings.HasSuffix(k, "03-extra.md") && !strings.HasSuffix(k, "04-bad.md") {
			t.Errorf("check wrote %s", k)
		}
	}
}

// TestCheckNoKit: a folder with no site.toml is an error, not a crash.
func TestCheckNoKit(t *testing.T) {
	dir := t.TempDir()
	code, stdout, _ := run(t, "check", "--source", dir)
	if code != 1 || !strings.HasPrefix(stdout, "site.toml: error: no site.toml in ") || !strings.HasSuffix(stdout, "\n1 error, 0 warnings\n") {
		t.Errorf("exit %d\n%s", code, stdout)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("check wrote into the folder: %v", entries)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testLesson = "../../generator/carpentries/testdata/lesson"

// TestImportCommand: `lectern import carpentries` writes a kit that checks
// without errors, prints the lesson's warnings with their positions, and
// refuses a kit folder that is not empty; wrong usage is exit 2.
func TestImportCommand(t *testing.T) {
	kit := filepath.Join(t.TempDir(), "kit")
	// The flag after the words, as people type it.
	code, out, stderr := run(t, "import", "carpentries", testLesson, "--out", kit)
	if code != exitOK {
		t.Fatalf("import: exit %d\n%s%s", code, out, stderr)
	}
	if !strings.Contains(out, "imported 3 modules, 4 pages and 1 break, 12 warnings") {
		t.Errorf("import says:\n%s", out)
	}
	if !strings.Contains(stderr, testLesson+`/episodes/listening.md:108:1: warning: block "sidebar" has no Lectern counterpart`) {
		t.Errorf("import warnings lack the unknown block:\n%s", stderr)
	}
	if code, out, stderr := run(t, "check", "--source", kit); code != exitOK {
		t.Errorf("check of the imported kit: exit %d\n%s%s", code, out, stderr)
	}

	before := snapshot(t, kit)
	code, _, stderr = run(t, "import", "carpentries", testLesson, "--out", kit)
	if code != exitUsage || !strings.Contains(stderr, "not empty") {
		t.Errorf("import over a kit: exit %d, want %d and a message\n%s", code, exitUsage, stderr)
	}
	if after := snapshot(t, kit); len(after) != len(before) {
		t.Error("import changed a folder that was not empty")
	}

	for _, args := range [][]string{
		{"import"},
		{"import", "hugo", testLesson},
		{"import", "carpentries"},
		{"import", "carpentries", "a", "b"},
		{"import", "carpentries", testLesson, "--bogus"},
	} {
		if code, _, stderr := run(t, args...); code != exitUsage || !strings.Contains(stderr, "usage: lectern import") {
			t.Errorf("%q: exit %d, want %d with usage\n%s", args, code, exitUsage, stderr)
		}
	}

	// Without --out the kit goes beside the lesson, named after it.
	parent := t.TempDir()
	lesson := filepath.Join(parent, "my-lesson")
	os.MkdirAll(filepath.Join(lesson, "episodes"), 0o755)
	os.WriteFile(filepath.Join(lesson, "config.yaml"), []byte("title: Mine\nepisodes:\n- a.md\n"), 0o644)
	os.WriteFile(filepath.Join(lesson, "episodes", "a.md"), []byte("---\ntitle: A\nteaching: 5\n---\n\nText.\n"), 0o644)
	if code, out, stderr := run(t, "import", "carpentries", lesson); code != exitOK || stderr != "" {
		t.Errorf("import without --out: exit %d\n%s%s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(parent, "my-lesson-kit", "content", "01-a.md")); err != nil {
		t.Errorf("import without --out: %v", err)
	}

	// A lesson without config.yaml is an error in the lesson: exit 1.
	empty := t.TempDir()
	os.MkdirAll(filepath.Join(empty, "episodes"), 0o755)
	code, _, stderr = run(t, "import", "carpentries", empty, "--out", filepath.Join(t.TempDir(), "k"))
	if code != exitKit || !strings.Contains(stderr, "config.yaml: error:") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("import of a folder without config.yaml: exit %d\n%s", code, stderr)
	}
}

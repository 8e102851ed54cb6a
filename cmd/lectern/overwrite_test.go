package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A first build into a folder holding the user's index.html stops with
// exit 3, naming the file and --overwrite, and leaves it; --overwrite
// builds, and the user's other files stay.
func TestBuildOverwrite(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := copyKit(t, "basic")
	out := filepath.Join(t.TempDir(), "out")
	write(t, out, "index.html", "mine\n")
	write(t, out, "notes.txt", "notes\n")
	code, _, stderr := run(t, "build", "--source", src, "--out", out)
	want := "lectern: " + filepath.Join(out, "index.html") + ": Lectern did not write this, and the build writes here: move it away, or build with --overwrite to replace it\n"
	if code != exitEnv || !strings.HasSuffix(stderr, "\n"+want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and\n%s", code, stderr, exitEnv, want)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "mine\n" {
		t.Errorf("index.html holds %q after the refused build", b)
	}
	if code, _, stderr := run(t, "build", "--source", src, "--out", out, "--overwrite"); code != 0 {
		t.Fatalf("--overwrite: exit %d\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) == "mine\n" || !strings.Contains(string(b), "<html") {
		t.Errorf("index.html after --overwrite: %.60q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(b) != "notes\n" {
		t.Errorf("notes.txt after --overwrite: %q", b)
	}
	if code, _, stderr := run(t, "build", "--source", src, "--out", out); code != 0 {
		t.Errorf("the build after: exit %d\n%s", code, stderr)
	}
}

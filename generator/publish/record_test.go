package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRecord checks that files recorded after a build (the PDFs) are
// removed by the next build, while a user's files in the output survive.
func TestRecord(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	o := Options{Source: "../render/testdata/partskit", Out: out}
	if _, _, err := Build(o); err != nil {
		t.Fatal(err)
	}
	if err := Record(out, "pdf/handout.pdf", "pdf/worksheets.pdf"); err != nil {
		t.Fatal(err)
	}
	if err := Record(out, "pdf/handout.pdf"); err != nil { // twice is once
		t.Fatal(err)
	}
	m, err := os.ReadFile(filepath.Join(out, Manifest))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(m), "pdf/handout.pdf\n"); n != 1 {
		t.Errorf("the manifest lists pdf/handout.pdf %d times", n)
	}
	for _, f := range []string{"pdf/handout.pdf", "pdf/worksheets.pdf", "pdf/notes.txt", "CNAME"} {
		p := filepath.Join(out, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := Build(o); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"pdf/handout.pdf", "pdf/worksheets.pdf"} {
		if _, err := os.Stat(filepath.Join(out, f)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived a build (%v)", f, err)
		}
	}
	for _, f := range []string{"pdf/notes.txt", "CNAME"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the user's %s is gone: %v", f, err)
		}
	}
	if err := Record(out, "../outside.pdf"); err == nil {
		t.Errorf("Record accepted a path outside the output")
	}
}

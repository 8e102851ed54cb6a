package pdf

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/internal/chromiumtest"
	"lectern/generator/publish"
)

// TestLockedGuideBeside: a kit that locks its facilitator edition gets
// its attendee PDFs in the output, and its facilitator guide beside it,
// printed from the unlocked page; nothing is left of the scratch folder.
func TestLockedGuideBeside(t *testing.T) {
	exe := chromiumtest.Need(t)
	needTool(t, "pdftotext")
	kit := copyKit(t, partsKit, "")
	f, err := os.OpenFile(filepath.Join(kit, "site.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n[facilitator]\nlock = true\n")
	f.Close()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	res, diags, err := Build(context.Background(), publish.Options{Source: kit, Out: out,
		Passphrase: func() (string, error) { return "ladder orbit tulip gravel noon", nil }}, exe)
	if err != nil {
		t.Fatalf("%v\n%v", err, diags)
	}
	if !res.Build.Locked {
		t.Fatal("the build is not locked")
	}
	if got := strings.Join(res.Files, " "); got != "pdf/handout.pdf" && got != "pdf/handout.pdf pdf/worksheets.pdf" {
		t.Errorf("Files = %q: the guide is not among them", got)
	}
	if _, err := os.Stat(filepath.Join(out, "pdf", "facilitator-guide.pdf")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the guide's PDF is in the locked output: %v", err)
	}
	want := filepath.Join(parent, "facilitator-guide.pdf")
	if res.Beside != want {
		t.Fatalf("Beside = %q, want %q", res.Beside, want)
	}
	if text := flat(run(t, "pdftotext", want, "-")); !strings.Contains(text, "Secret welcome note: greet everyone by name.") {
		t.Errorf("the guide printed beside the output lacks the facilitator notes:\n%.500s", text)
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != "facilitator-guide.pdf" {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

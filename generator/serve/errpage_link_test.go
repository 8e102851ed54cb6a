package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/diag"
)

// TestErrorPageNoOutsideLines checks that the error page shows the lines
// of a kit file, but never those of a file outside the kit that a kit file
// links to (site.toml as a link to a credentials file).
func TestErrorPageNoOutsideLines(t *testing.T) {
	tmp := t.TempDir()
	kit := filepath.Join(tmp, "kit")
	os.MkdirAll(filepath.Join(kit, "content"), 0o755)
	os.WriteFile(filepath.Join(tmp, "secrets.toml"), []byte("password = \"hunter2\"\n"), 0o644)
	os.WriteFile(filepath.Join(kit, "content", "a.md"), []byte("first line shown\n"), 0o644)
	if err := os.Symlink(filepath.Join(tmp, "secrets.toml"), filepath.Join(kit, "site.toml")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	var l diag.List
	l.Errorf("site.toml", 1, 1, "bad")
	l.Errorf("content/a.md", 1, 1, "bad")
	page := string(errorPage(kit, nil, l))
	if strings.Contains(page, "hunter2") {
		t.Errorf("the error page shows a line of a file outside the kit:\n%s", page)
	}
	if !strings.Contains(page, "irst line shown") { // its first character is marked
		t.Errorf("the error page lacks the kit file's line:\n%s", page)
	}
}

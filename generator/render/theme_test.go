package render

import (
	"path/filepath"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/themes"
)

// A kit's theme overrides the built-in one file by file, and editors' swap
// and backup files beside those files are not published.
func TestThemeOverrideSkipsEditorFiles(t *testing.T) {
	kitDir := t.TempDir()
	dir := filepath.Join(kitDir, "themes", "mine")
	if err := kitgen.WriteFiles(dir, map[string]string{
		"assets/style.css":      "body{color:red}",
		"assets/.style.css.swp": "swap",
		"assets/style.css~":     "backup",
		"assets/extra.css":      "p{}",
	}); err != nil {
		t.Fatal(err)
	}
	th, errs := LoadTheme(themes.Default(), kitDir, dir)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if got := string(th.Assets["style.css"]); got != "body{color:red}" {
		t.Errorf("style.css = %q, want the kit's own", got)
	}
	if _, ok := th.Assets["extra.css"]; !ok {
		t.Error("a new asset in the kit's theme is missing")
	}
	for _, name := range []string{".style.css.swp", "style.css~"} {
		if _, ok := th.Assets[name]; ok {
			t.Errorf("%s was taken as a theme file", name)
		}
	}
	if len(th.Assets["lectern.js"]) == 0 {
		t.Error("lectern.js should still come from the built-in theme")
	}
}

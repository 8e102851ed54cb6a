package site

import (
	"os"
	"path/filepath"
	"strings"

	"lectern/generator/diag"
	"lectern/generator/render"
)

// Verify reports what would make the site's pages and files unwritable or
// ambiguous: a path that is not a plain path inside the output (PlainPath),
// or two outputs at one path (a static/index.html over the home page, a
// bundle's index.html over its module's page). Convert runs it.
func Verify(s *render.Site) diag.List {
	var errs diag.List
	owner := map[string]string{} // output path -> kit file that makes it, "" for Lectern
	for _, p := range s.Pages() {
		owner[p.Path] = ""
	}
	for _, f := range s.Files() {
		from := kitSource(s, f)
		if !PlainPath(f.Path) {
			errs.Errorf(from, 0, 0, "cannot be published as %q: rename it", f.Path)
			continue
		}
		other, taken := owner[f.Path]
		switch {
		case !taken:
			owner[f.Path] = from
		case from == "" && other == "":
			errs.Errorf("", 0, 0, "Lectern writes %s twice", f.Path)
		case from == "" || other == "":
			if from == "" {
				from = other
			}
			errs.Errorf(from, 0, 0, "would be published as %s, which Lectern writes itself: rename or move it", f.Path)
		default:
			errs.Errorf(from, 0, 0, "would be published as %s, like %s: rename or move one of them", f.Path, other)
		}
	}
	return errs
}

// PlainPath reports whether rel, a slash path, names a file inside the
// output folder on every system, whatever names content chose: not empty,
// not absolute, no empty, "." or ".." segment, no backslash and no control
// character (a newline would also split publish's manifest, which has one
// name a line).
func PlainPath(rel string) bool {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || strings.ContainsFunc(rel, isControl) {
		return false
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// kitSource names the kit file a published file comes from, relative to the
// kit, or "" when Lectern makes it (the built-in theme, generated files).
func kitSource(s *render.Site, f render.File) string {
	src := f.Src
	if src == "" && s.Kit.ThemeDir != "" {
		if p := filepath.Join(s.Kit.ThemeDir, filepath.FromSlash(f.Path)); fileExists(p) {
			src = p
		}
	}
	if src == "" {
		return ""
	}
	if r, err := filepath.Rel(s.Kit.Dir, src); err == nil {
		return filepath.ToSlash(r)
	}
	return src
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

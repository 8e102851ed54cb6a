package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// themeFile names a theme file in messages: its path in the kit, or the
// built-in theme's file when p, where it was read, is "".
func themeFile(kitDir, p, name string) string {
	if p == "" {
		return "(built-in theme) " + name
	}
	if r, err := filepath.Rel(kitDir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}

// TemplateError places an error from Render, such as
// `template: module:12:3: executing "main" at <.Nope>: …`: the theme file
// it comes from (the kit's own, or the built-in one), the line, and the
// message after the position. An error of another shape comes back whole,
// with no file.
func (s *Site) TemplateError(err error) (file string, line int, msg string) {
	str := err.Error()
	rest, ok := strings.CutPrefix(str, "template: ")
	if !ok {
		return "", 0, str
	}
	parts := strings.SplitN(rest, ":", 4)
	if len(parts) < 4 {
		return "", 0, str
	}
	// The error names the file the failing template was parsed from:
	// "module" is templates/module.html, and whatever partials.html
	// defines is "partials".
	name := "templates/" + parts[0] + ".html"
	fmt.Sscanf(parts[1], "%d", &line)
	own := ""
	if td := s.Kit.ThemeDir; td != "" {
		p := filepath.Join(td, filepath.FromSlash(name))
		if _, err := os.Stat(p); err == nil {
			own = p
		}
	}
	return themeFile(s.Kit.Dir, own, name), line, strings.TrimSpace(parts[3])
}

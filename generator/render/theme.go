package render

import (
	"errors"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"lectern/generator/diag"
	"lectern/generator/kit"
)

// Theme is the parsed templates and the assets of the built-in theme with a
// kit's own theme files laid over it, file by file.
type Theme struct {
	pages  map[string]*template.Template // by template name (pages.go)
	Assets map[string][]byte             // assets/… by path under assets/
}

// themeFS lays dir (a kit's theme folder) over base: a file in dir wins.
type themeFS struct {
	base fs.FS
	dir  string
}

func (t themeFS) ReadFile(name string) ([]byte, string, error) {
	if t.dir != "" {
		p := filepath.Join(t.dir, filepath.FromSlash(name))
		if b, err := os.ReadFile(p); err == nil {
			return b, p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, p, err
		}
	}
	b, err := fs.ReadFile(t.base, name)
	return b, "", err
}

// LoadTheme parses the theme. kitDir is the kit folder (for messages) and
// dir the kit's theme folder, or "".
func LoadTheme(base fs.FS, kitDir, dir string) (*Theme, diag.List) {
	var errs diag.List
	tfs := themeFS{base: base, dir: dir}
	th := &Theme{pages: map[string]*template.Template{}, Assets: map[string][]byte{}}
	rel := func(p, name string) string { return themeFile(kitDir, p, name) } // template_error.go
	read := func(name string) (string, string, bool) {
		b, p, err := tfs.ReadFile(name)
		if err != nil {
			errs.Errorf(rel(p, name), 0, 0, "cannot read theme file: %v", err)
			return "", p, false
		}
		return string(b), p, true
	}
	baseSrc, basePath, ok := read("templates/base.html")
	if !ok {
		return th, errs
	}
	root := template.New("base").Funcs(funcs)
	if _, err := root.Parse(baseSrc); err != nil {
		errs.Errorf(rel(basePath, "templates/base.html"), templateLine(err), 0, "%s", templateMsg(err))
		return th, errs
	}
	if src, p, ok := read("templates/partials.html"); ok {
		if _, err := root.New("partials").Parse(src); err != nil {
			errs.Errorf(rel(p, "templates/partials.html"), templateLine(err), 0, "%s", templateMsg(err))
			return th, errs
		}
	}
	// The page templates (pages.go), each defining "main" (and optionally
	// "head") for the shared layout in base.html.
	for _, tmpl := range templateNames() {
		name := "templates/" + tmpl + ".html"
		src, p, ok := read(name)
		if !ok {
			continue
		}
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(tmpl).Parse(src)
		}
		if err != nil {
			errs.Errorf(rel(p, name), templateLine(err), 0, "%s", templateMsg(err))
			continue
		}
		th.pages[tmpl] = t
	}
	// Assets: the built-in ones, then the kit's (new files or overrides).
	fs.WalkDir(base, "assets", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _, err := tfs.ReadFile(p)
			if err != nil {
				errs.Errorf(rel("", p), 0, 0, "cannot read theme file: %v", err)
				return nil
			}
			th.Assets[strings.TrimPrefix(p, "assets/")] = b
		}
		return nil
	})
	if dir != "" {
		ad := filepath.Join(dir, "assets")
		filepath.WalkDir(ad, func(p string, d fs.DirEntry, err error) error {
			if err == nil && kit.Ignored(d.Name()) && p != ad {
				// Editors' swap and backup files are not theme files.
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if err == nil && !d.IsDir() {
				r, _ := filepath.Rel(ad, p)
				if b, err := os.ReadFile(p); err == nil {
					th.Assets[filepath.ToSlash(r)] = b
				}
			}
			return nil
		})
	}
	return th, errs
}

// templateLine pulls the line number out of a template error
// ("template: x:12: …").
func templateLine(err error) int {
	s := err.Error()
	parts := strings.SplitN(s, ":", 4)
	if len(parts) >= 3 {
		n := 0
		for _, c := range parts[2] {
			if c < '0' || c > '9' {
				return 0
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	return 0
}

func templateMsg(err error) string {
	s := err.Error()
	parts := strings.SplitN(s, ":", 4)
	if len(parts) == 4 {
		return strings.TrimSpace(parts[3])
	}
	return s
}

var funcs = template.FuncMap{
	"cached":   cached,
	"clock":    Clock,
	"clockTag": clockTag,
	"longDate": longDate,
	"minutes":  Minutes,
	"base":     path.Base,
	"add":      func(a, b int) int { return a + b },
	"sub":      func(a, b int) int { return a - b },
	"join":     func(s []string) string { return strings.Join(s, ", ") },
	// count says how many of a thing: "1 sheet", "3 sheets".
	"count": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
	"total": func(ms []ModuleData) int {
		n := 0
		for _, m := range ms {
			n += m.Minutes
		}
		return n
	},
}

// clockTag is a time of day as the facilitator edition shows it: day is the
// run-sheet's day number and min the planned minutes after midnight, and
// est marks a start that is an estimate ("≈09:05"). lectern.js moves every
// such time by the shift the facilitator set for that day: a page needs
// nothing else to follow a day that runs late.
func clockTag(day, min int, est bool) template.HTML {
	var b strings.Builder
	b.WriteString(`<time class="clock" data-day="`)
	b.WriteString(strconv.Itoa(day))
	b.WriteString(`" data-min="`)
	b.WriteString(strconv.Itoa(min))
	if est {
		b.WriteString(`" data-est>≈`)
	} else {
		b.WriteString(`">`)
	}
	b.WriteString(Clock(min))
	b.WriteString(`</time>`)
	return template.HTML(b.String())
}

// longDate writes a day for people, in the theme's English:
// "Thursday 10 December 2026"; "" for no date.
func longDate(d kit.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Weekday().String() + " " + strconv.Itoa(d.Day) + " " + d.Month.String() + " " + strconv.Itoa(d.Year)
}

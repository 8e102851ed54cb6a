package render

import (
	"errors"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"lectern/generator/diag"
	"lectern/generator/kit"
)

// Theme is the parsed templates and the assets of the built-in theme with a
// kit's own theme files laid over it, file by file.
type Theme struct {
	pages  map[string]*template.Template // by page kind
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

// pageKinds are the templates a theme provides, each defining "main" (and
// optionally "head") for the shared layout in base.html.
var pageKinds = []string{"home", "module", "part", "handout", "worksheets", "quotes", "present", "agenda", "materials"}

// LoadTheme parses the theme. kitDir is the kit folder (for messages) and
// dir the kit's theme folder, or "".
func LoadTheme(base fs.FS, kitDir, dir string) (*Theme, diag.List) {
	var errs diag.List
	tfs := themeFS{base: base, dir: dir}
	th := &Theme{pages: map[string]*template.Template{}, Assets: map[string][]byte{}}
	rel := func(p string, name string) string {
		if p == "" {
			return "(built-in theme) " + name
		}
		if r, err := filepath.Rel(kitDir, p); err == nil {
			return filepath.ToSlash(r)
		}
		return p
	}
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
	for _, kind := range pageKinds {
		name := "templates/" + kind + ".html"
		src, p, ok := read(name)
		if !ok {
			continue
		}
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(kind).Parse(src)
		}
		if err != nil {
			errs.Errorf(rel(p, name), templateLine(err), 0, "%s", templateMsg(err))
			continue
		}
		th.pages[kind] = t
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
	"cached":  cached,
	"clock":   Clock,
	"minutes": Minutes,
	"base":    path.Base,
	"add":     func(a, b int) int { return a + b },
	"sub":     func(a, b int) int { return a - b },
	"join":    func(s []string) string { return strings.Join(s, ", ") },
	"total": func(ms []ModuleData) int {
		n := 0
		for _, m := range ms {
			n += m.Minutes
		}
		return n
	},
}

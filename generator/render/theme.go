package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"lectern/generator/diag"
	"lectern/generator/i18n"
	"lectern/generator/kit"
)

// Theme is the parsed templates and the assets of the built-in theme with a
// kit's own theme files laid over it, file by file.
type Theme struct {
	pages  map[string]*template.Template // by template name (pages.go)
	Assets map[string][]byte             // assets/… by path under assets/

	// The templates' sources, parsed again for each language a site
	// speaks: their functions (t, clock, …) say things in that language.
	base, partials string
	srcs           map[string]string // page template sources by name
	mu             sync.Mutex
	byLocale       map[string]map[string]*template.Template
	locale         *i18n.Locale // the language pages was parsed for
}

// defaultLocale is English, which LoadTheme parses the templates for.
var defaultLocale = func() *i18n.Locale {
	l, _ := i18n.New("en", "", nil)
	return l
}()

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
	th := &Theme{pages: map[string]*template.Template{}, Assets: map[string][]byte{}, srcs: map[string]string{}, locale: defaultLocale}
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
	root := template.New("base").Funcs(funcsFor(defaultLocale))
	if _, err := root.Parse(baseSrc); err != nil {
		errs.Errorf(rel(basePath, "templates/base.html"), templateLine(err), 0, "%s", templateMsg(err))
		return th, errs
	}
	th.base = baseSrc
	if src, p, ok := read("templates/partials.html"); ok {
		if _, err := root.New("partials").Parse(src); err != nil {
			errs.Errorf(rel(p, "templates/partials.html"), templateLine(err), 0, "%s", templateMsg(err))
			return th, errs
		}
		th.partials = src
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
		th.srcs[tmpl] = src
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

// counterStyles are CSS's counter styles for the digits a language may
// write numbers in, by their zero.
var counterStyles = map[rune]string{'٠': "arabic-indic", '۰': "persian"}

// funcsFor are the templates' functions, speaking the language of loc:
// t and tn give the catalogue's strings (tn counting), clock, clockTag,
// longDate and minutes write times, days and durations as the language
// does, and num a number in its digits.
func funcsFor(loc *i18n.Locale) template.FuncMap {
	return template.FuncMap{
		"cached":   cached,
		"clock":    loc.Clock,
		"clockTag": func(day, min int, est bool) template.HTML { return clockTag(loc, day, min, est) },
		"longDate": func(d kit.Date) string { return longDate(loc, d) },
		"minutes":  loc.Duration,
		// num writes a number in the language's digits: "12", "١٢".
		"num": loc.Num,
		// counterStyle is the CSS counter style of the language's digits,
		// for the page numbers of print: "" for 0 to 9.
		"counterStyle": func() string { return counterStyles[loc.Zero] },
		"t":            loc.T,
		"tn":           loc.N,
		// th is t for strings that hold HTML, such as a clockTag: the
		// string is escaped, the HTML arguments are not.
		"th":       func(key string, args ...any) template.HTML { return tHTML(loc, key, args) },
		"dir":      loc.Dir,
		"segKind":  segKinds(loc),
		"material": func(m kit.Material) string { return materialText(loc, m) },
		// strings is what the theme's scripts read from the page: the
		// language, its clock and its strings, as JSON.
		"strings": func() template.JS { return template.JS(loc.ScriptJSON()) },
		"base":    path.Base,
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b int) int { return a - b },
		"join":    func(s []string) string { return strings.Join(s, ", ") },
		// count says how many of a thing: "1 sheet", "3 sheets" (English
		// only: a theme that speaks other languages uses tn).
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
}

// pagesFor is the page templates speaking loc's language: those LoadTheme
// parsed when loc says things as they do, else the same sources parsed
// again with loc's functions, once per language and theme.
func (th *Theme) pagesFor(loc *i18n.Locale) map[string]*template.Template {
	if loc == nil || loc.Key() == th.locale.Key() || th.base == "" {
		return th.pages
	}
	th.mu.Lock()
	defer th.mu.Unlock()
	if p, ok := th.byLocale[loc.Key()]; ok {
		return p
	}
	out := map[string]*template.Template{}
	root, err := template.New("base").Funcs(funcsFor(loc)).Parse(th.base)
	if err == nil && th.partials != "" {
		_, err = root.New("partials").Parse(th.partials)
	}
	if err != nil {
		return th.pages // parsed without error before: cannot happen
	}
	for name, src := range th.srcs {
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(name).Parse(src)
		}
		if err == nil {
			out[name] = t
		}
	}
	if th.byLocale == nil {
		th.byLocale = map[string]map[string]*template.Template{}
	}
	th.byLocale[loc.Key()] = out
	return out
}

// materialText is a module's material as its page lists it: "Sticky
// notes (4 per person)" (kit.Material.String) in loc's language.
func materialText(loc *i18n.Locale, m kit.Material) string {
	switch {
	case m.Count == 0, m.Per == "workshop" && m.Count == 1:
		return m.Item
	case m.Per == "workshop":
		return loc.T("material_count", m.Item, m.Count)
	}
	per := m.Per
	if per == "person" || per == "group" {
		per = loc.T("unit_" + per)
	}
	return loc.T("material_per", m.Item, m.Count, per)
}

// segKinds names a segment's kind (its block's name) in the language.
func segKinds(loc *i18n.Locale) func(string) string {
	names := map[string]string{}
	for _, k := range []string{"activity", "discussion", "worksheet"} {
		names[k] = loc.T("seg_" + k)
	}
	return func(kind string) string {
		if n, ok := names[kind]; ok {
			return n
		}
		return kind
	}
}

func tHTML(loc *i18n.Locale, key string, args []any) template.HTML {
	for i, a := range args {
		switch a := a.(type) {
		case template.HTML:
		case int:
			args[i] = loc.Num(a)
		default:
			args[i] = template.HTMLEscapeString(fmt.Sprint(a))
		}
	}
	return template.HTML(i18n.Fill(template.HTMLEscapeString(loc.T(key)), args...))
}

// clockTag is a time of day as the facilitator edition shows it: day is the
// run-sheet's day number and min the planned minutes after midnight, and
// est marks a start that is an estimate ("≈09:05"). lectern.js moves every
// such time by the shift the facilitator set for that day: a page needs
// nothing else to follow a day that runs late.
func clockTag(loc *i18n.Locale, day, min int, est bool) template.HTML {
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
	if loc.H12 {
		b.WriteString(template.HTMLEscapeString(loc.Clock(min))) // AM and PM come from a catalogue
	} else {
		b.WriteString(loc.Clock(min))
	}
	b.WriteString(`</time>`)
	return template.HTML(b.String())
}

// longDate writes a day for people in the site's language: "Thursday 10
// December 2026"; "" for no date.
func longDate(loc *i18n.Locale, d kit.Date) string {
	if d.IsZero() {
		return ""
	}
	return loc.LongDate(d.Year, d.Month, d.Day)
}

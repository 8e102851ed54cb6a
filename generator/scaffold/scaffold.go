// Package scaffold starts kits and modules for authors: NewKit writes a
// working kit (site.toml with every setting explained, a home page and one
// module that shows every block) into a new folder, and NewModule adds a
// module to a kit with the next weight and file number, a slug made from its
// title and front matter with every key. They back `lectern new kit DIR`
// and `lectern new module TITLE`.
//
// The files of a new kit are embedded from kit/; site.toml and the pages are
// text/template files that receive the kit's title.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"unicode"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"lectern/generator/kit"
	"lectern/generator/render"
)

//go:embed all:kit
var kitFiles embed.FS

// UsageError is a request that scaffold refuses because of what was asked:
// a folder that is not empty, a title with no letters, a module that is
// there already. Other errors come from the file system.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// NewKit writes a new kit into dir and returns the files it wrote, slash
// paths relative to dir. dir may be missing or empty (a .git folder alone is
// allowed, for a freshly initialised repository); anything else is a
// *UsageError and nothing is written. The kit's title comes from the
// folder's name: "team-days" becomes "Team days".
func NewKit(dir string) ([]string, error) { return NewKitIn(dir, "en") }

// NewKitIn is NewKit for a kit in lang, a BCP 47 tag ("es", "pt-BR"): its
// site.toml says language = lang, so the pages' own words (menus, the
// run-sheet, buttons) are in that language; the sample text and the
// comments stay in English. A tag that is not one is a *UsageError.
func NewKitIn(dir, lang string) ([]string, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, usagef("--language %q is not a language tag: use one like es, fr or pt-BR", lang)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if entries, err := os.ReadDir(abs); err == nil {
		for _, e := range entries {
			if e.Name() != ".git" {
				return nil, usagef("%s is not empty: choose a new folder, so that nothing in it is overwritten", dir)
			}
		}
	} else if st, serr := os.Stat(abs); serr == nil && !st.IsDir() {
		return nil, usagef("%s is a file, not a folder", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	data := struct{ Title, Language string }{Title: TitleFromName(filepath.Base(abs)), Language: tag.String()}

	var wrote []string
	err = fs.WalkDir(kitFiles, "kit", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, "kit/")
		src, err := kitFiles.ReadFile(p)
		if err != nil {
			return err
		}
		if path.Ext(rel) == ".toml" || path.Ext(rel) == ".md" {
			t, err := template.New(rel).Funcs(template.FuncMap{"toml": TOMLString}).Parse(string(src))
			if err != nil {
				return fmt.Errorf("scaffold template %s: %w", rel, err)
			}
			var b bytes.Buffer
			if err := t.Execute(&b, data); err != nil {
				return fmt.Errorf("scaffold template %s: %w", rel, err)
			}
			src = b.Bytes()
		}
		dst := filepath.Join(abs, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := writeNew(dst, src); err != nil {
			return err
		}
		wrote = append(wrote, rel)
		return nil
	})
	return wrote, err
}

// TitleFromName turns a folder name into a title: "team-days_2" becomes
// "Team days 2".
func TitleFromName(name string) string {
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' {
			return ' '
		}
		return r
	}, name))
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "My workshop"
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// ModuleOptions say where a new module goes.
type ModuleOptions struct {
	Kit   string // the kit folder (the one with site.toml)
	Title string
	// Part is the part to put the module in, by slug ("day-2") or folder
	// name ("02-day-2"); a part that does not exist yet is created with an
	// _index.md. "" puts the module at the top level of content/.
	Part string
}

// ModuleResult says what NewModule wrote.
type ModuleResult struct {
	Path     string // the module file, slash path relative to the kit
	PartPath string // the new part's _index.md, when NewModule made one
	Slug     string
	Weight   int
}

var numPrefix = regexp.MustCompile(`^([0-9]+)-`)

// NewModule writes a module file named NN-slug.md into content/ (or the
// part's folder): NN is one more than the highest number there, the weight
// 10 more than the highest weight, and the slug comes from the title (see
// Slug). The front matter lists every key. The module starts as a draft.
func NewModule(o ModuleOptions) (*ModuleResult, error) {
	title := strings.TrimSpace(o.Title)
	if title == "" {
		return nil, usagef("the module needs a title, such as \"Giving feedback\"")
	}
	slug := Slug(title)
	if slug == "" {
		return nil, usagef("cannot make a file name from %q: use a title with letters or digits", title)
	}
	if _, err := os.Stat(filepath.Join(o.Kit, "site.toml")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("no site.toml in %s: run this in a kit folder or pass --source (lectern new kit DIR makes one)", o.Kit)
		}
		return nil, err
	}
	content := filepath.Join(o.Kit, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		return nil, err
	}
	res := &ModuleResult{Slug: slug}
	dir := "content"
	if o.Part != "" {
		partDir, made, err := ensurePart(o.Kit, o.Part)
		if err != nil {
			return nil, err
		}
		dir = partDir
		res.PartPath = made
	} else {
		for _, r := range render.Reserved() {
			if strings.EqualFold(slug, r) {
				return nil, usagef("the address %q is used by Lectern's own pages: choose another title", slug)
			}
		}
	}
	entries, err := readEntries(filepath.Join(o.Kit, filepath.FromSlash(dir)))
	if err != nil {
		return nil, err
	}
	maxNum, width, maxWeight := 0, 2, 0
	for _, e := range entries {
		if strings.EqualFold(e.slug, slug) {
			return nil, usagef("%s/%s has the slug %q already: choose another title", dir, e.name, slug)
		}
		maxNum = max(maxNum, e.num)
		width = max(width, e.width)
		maxWeight = max(maxWeight, e.weight)
	}
	res.Weight = maxWeight + 10
	name := fmt.Sprintf("%0*d-%s.md", width, maxNum+1, slug)
	res.Path = dir + "/" + name
	src := moduleSource(title, slug, res.Weight)
	if err := writeNew(filepath.Join(o.Kit, filepath.FromSlash(res.Path)), src); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, usagef("%s exists already", res.Path)
		}
		return nil, err
	}
	return res, nil
}

// ensurePart finds the part folder for part (by slug or folder name) or
// creates it; it returns the folder as a slash path relative to the kit and
// the _index.md it made, if any.
func ensurePart(kitDir, part string) (dir, made string, err error) {
	want := Slug(strings.TrimSpace(numPrefix.ReplaceAllString(strings.TrimSpace(part), "")))
	if want == "" {
		return "", "", usagef("cannot make a folder name from the part %q", part)
	}
	entries, err := readEntries(filepath.Join(kitDir, "content"))
	if err != nil {
		return "", "", err
	}
	maxNum, width, maxWeight := 0, 2, 0
	for _, e := range entries {
		if e.isPart && (e.name == part || strings.EqualFold(e.slug, want)) {
			return "content/" + e.name, "", nil
		}
		if !e.isPart && strings.EqualFold(e.slug, want) {
			return "", "", usagef("content/%s is a module, not a part", e.name)
		}
		maxNum = max(maxNum, e.num)
		width = max(width, e.width)
		maxWeight = max(maxWeight, e.weight)
	}
	for _, r := range render.Reserved() {
		if strings.EqualFold(want, r) {
			return "", "", usagef("the address %q is used by Lectern's own pages: choose another part name", want)
		}
	}
	name := fmt.Sprintf("%0*d-%s", width, maxNum+1, want)
	dir = "content/" + name
	if err := os.Mkdir(filepath.Join(kitDir, filepath.FromSlash(dir)), 0o755); err != nil {
		return "", "", err
	}
	made = dir + "/_index.md"
	title := strings.TrimSpace(part)
	if title == want {
		title = TitleFromName(want)
	}
	src := fmt.Sprintf(`+++
title = %s
# Order among the top-level modules and parts.
weight = %d
summary = ""
# A part with start (and end) begins a new day on the run-sheet.
# start = "09:00"
# end = "12:30"
+++
`, TOMLString(title), maxWeight+10)
	if err := writeNew(filepath.Join(kitDir, filepath.FromSlash(made)), []byte(src)); err != nil {
		return "", "", err
	}
	return dir, made, nil
}

// entry is a module file, bundle or part in a content folder.
type entry struct {
	name, slug       string
	num, width       int // the NN- prefix and its digits (0 when none)
	weight           int
	isModule, isPart bool
}

// readEntries lists the modules and parts in dir with their numbers and
// weights. Front matter that cannot be read counts as weight 0: the kit's
// own checks report it.
func readEntries(dir string) ([]entry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []entry
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") || name == "_index.md" {
			continue
		}
		var front string
		e := entry{name: name}
		switch {
		case de.IsDir():
			p := filepath.Join(dir, name)
			if _, err := os.Stat(filepath.Join(p, "_index.md")); err == nil {
				e.isPart, front = true, filepath.Join(p, "_index.md")
			} else if _, err := os.Stat(filepath.Join(p, "index.md")); err == nil {
				e.isModule, front = true, filepath.Join(p, "index.md")
			} else {
				continue
			}
		case strings.HasSuffix(name, ".md"):
			e.isModule, front = true, filepath.Join(dir, name)
		default:
			continue
		}
		base := strings.TrimSuffix(name, ".md")
		if m := numPrefix.FindStringSubmatch(base); m != nil {
			e.num, _ = strconv.Atoi(m[1])
			e.width = len(m[1])
		}
		e.slug = numPrefix.ReplaceAllString(base, "")
		var f struct {
			Weight int    `toml:"weight"`
			Slug   string `toml:"slug"`
		}
		if src, err := os.ReadFile(front); err == nil {
			if fm, _, _, ok, closed := kit.SplitFront(src); ok && closed {
				toml.Decode(string(fm), &f) // unknown keys are the loader's business
			}
		}
		e.weight = f.Weight
		if f.Slug != "" && e.isModule {
			e.slug = f.Slug
		}
		out = append(out, e)
	}
	return out, nil
}

// Slug makes a file name from a title, keeping accented letters readable:
// "Café à deux" becomes "café-à-deux", "Don't panic!" becomes "dont-panic".
// Letters and digits are kept (lower case), apostrophes dropped, and every
// other run of characters becomes one hyphen.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r) && b.Len() > 0 && !dash:
			b.WriteRune(r) // a combining accent stays on its letter
		case r == '\'' || r == '’' || r == 'ʼ':
			// "don't" is one word
		default:
			dash = true
		}
	}
	s := b.String()
	// Keep names short enough for every file system, on a rune boundary.
	for len(s) > 80 {
		i := strings.LastIndexByte(s[:80], '-')
		if i <= 0 {
			r := []rune(s)
			s = string(r[:len(r)-1])
			continue
		}
		s = s[:i]
	}
	return s
}

// moduleSource is a new module's file: front matter with every key, then a
// start of a body.
func moduleSource(title, slug string, weight int) []byte {
	return fmt.Appendf(nil, `+++
title = %s
# Order among the modules (then the file name).
weight = %d
# Minutes on the run-sheet; 0 adds up the timed blocks (activity,
# discussion, worksheet with minutes).
duration = 0
# One sentence under the title and in the lists of modules.
summary = ""
# What attendees will be able to do, one line each.
objectives = []
# Everything to bring, for the facilitator's materials list.
materials = []
# The page address; the file name gives it without this line.
# slug = %s
# true keeps the module out of builds (lectern build --drafts shows it).
draft = true
# false makes a reference page (setup, glossary): not on the run-sheet,
# listed after the modules.
schedule = true
# "facilitator" keeps the whole page out of the attendee edition.
audience = "everyone"
+++

Write the module here.

::: facilitator
Notes for the facilitator only: timings, debrief questions.
:::
`, TOMLString(title), weight, TOMLString(slug))
}

// TOMLString quotes s as a TOML basic string.
func TOMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writeNew writes a file that must not exist yet.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

package kit

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"lectern/generator/i18n"
)

// StringFile is one of a kit's catalogues: i18n/<tag>.toml.
type StringFile struct {
	Path string // slash path relative to the kit
	Tag  string
	// Lines are the keys it sets, with the line of each.
	Lines map[string]int
}

// language checks the kit's language and clock, and reads its own
// catalogues, i18n/<tag>.toml: strings that override or add to the
// theme's for that language.
func (l *loader) language(src []byte) {
	c := &l.k.Config
	if c.Language == "" {
		c.Language = "en" // site.toml did not decode: its error is reported
	}
	if _, err := language.Parse(c.Language); err != nil {
		line, col := keyPos(src, []string{"language"}, 0)
		l.errs.Errorf("site.toml", line, col, "language %q is not a language tag: write one like \"en\", \"es\" or \"pt-BR\" (BCP 47)", c.Language)
		c.Language = "en"
	}
	switch c.Workshop.Clock {
	case "", "24h", "12h":
	default:
		line, col := keyPos(src, []string{"workshop", "clock"}, 0)
		l.errs.Errorf("site.toml", line, col, "workshop.clock must be \"24h\" or \"12h\", not %q", c.Workshop.Clock)
		c.Workshop.Clock = ""
	}
	if l.leavesKit("i18n") {
		return
	}
	dir := filepath.Join(l.k.Dir, "i18n")
	ents, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.errs.Errorf("i18n", 0, 0, "cannot read: %v", unwrapPath(err))
		}
		return
	}
	for _, e := range ents {
		name := e.Name()
		if ignored(name) || e.IsDir() {
			continue
		}
		rel := "i18n/" + name
		tag, ok := strings.CutSuffix(name, ".toml")
		if !ok {
			l.errs.Warnf(rel, 0, 0, "not a catalogue: name a kit's strings i18n/<language>.toml, like i18n/es.toml")
			continue
		}
		t, err := language.Parse(tag)
		if err != nil {
			l.errs.Errorf(rel, 0, 0, "%q is not a language tag: name the file after one, like es.toml or pt-BR.toml", tag)
			continue
		}
		tag = t.String()
		b, err := readAtMost(filepath.Join(dir, name), MaxConfig)
		if err != nil {
			l.errs.Errorf(rel, 0, 0, "cannot read: %v", unwrapPath(err))
			continue
		}
		if !utf8.Valid(b) {
			l.errs.Errorf(rel, 0, 0, "the file is not UTF-8 text: save it as UTF-8")
			continue
		}
		var raw map[string]any
		if _, err := toml.Decode(string(b), &raw); err != nil {
			tomlError(err, rel, 0, l.errs)
			continue
		}
		f := StringFile{Path: rel, Tag: tag, Lines: map[string]int{}}
		cat := i18n.Catalogue{}
		keys := make([]string, 0, len(raw))
		for k := range raw {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			line, col := keyPos(b, []string{k}, 0)
			m, err := i18n.MessageOf(raw[k])
			if err != nil {
				l.errs.Errorf(rel, line, col, "%s: %v", k, err)
				continue
			}
			cat[k] = m
			f.Lines[k] = line
		}
		if l.k.Strings == nil {
			l.k.Strings = i18n.Overrides{}
		}
		for k, m := range cat { // es.toml and es-ES.toml… stay apart; two names of one tag merge
			if l.k.Strings[tag] == nil {
				l.k.Strings[tag] = i18n.Catalogue{}
			}
			l.k.Strings[tag][k] = m
		}
		l.k.StringFiles = append(l.k.StringFiles, f)
	}
}

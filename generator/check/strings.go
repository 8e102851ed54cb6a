package check

import (
	"sort"
	"strings"

	"golang.org/x/text/language"

	"lectern/generator/i18n"
)

// strings warns about a kit's own catalogues (i18n/<tag>.toml): a key the
// theme has no string for does nothing, and a language without a built-in
// catalogue shows the keys the kit does not give in English.
func (c *checker) strings() {
	k := c.s.Kit
	for _, f := range k.StringFiles {
		keys := make([]string, 0, len(f.Lines))
		for key := range f.Lines {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			if !i18n.Known(key) {
				c.errs.Warnf(f.Path, f.Lines[key], 1, "%q is not one of the theme's strings, so it changes nothing: the keys are those of the built-in English catalogue (README: Languages)", key)
			}
		}
	}
	missing := i18n.Missing(k.Config.Language, k.Strings)
	if len(missing) == 0 {
		return
	}
	line, col := k.Config.KeyPos("language")
	tag, _ := language.Parse(k.Config.Language)
	base, _ := tag.Base()
	const show = 12
	list := strings.Join(missing[:min(show, len(missing))], ", ")
	if len(missing) > show {
		list += ", …"
	}
	c.errs.Warnf("site.toml", line, col, "language %q has no built-in catalogue, and the kit's i18n/%s.toml lacks %d of the theme's strings, which the pages show in English: %s",
		k.Config.Language, base.String(), len(missing), list)
}

package markdown

import (
	"html"

	"github.com/yuin/goldmark/util"

	"lectern/generator/i18n"
)

// english speaks for a Converter given no Locale.
var english = func() *i18n.Locale {
	l, _ := i18n.New("en", "", nil)
	return l
}()

// word is the label key in the language of the rendering under way (the
// Converter's Locale, which renderAs gives the writer), escaped for HTML:
// "Facilitator note", "Nota de facilitación".
func word(w util.BufWriter, key string, args ...any) string {
	loc := english
	if ew, ok := w.(*editionWriter); ok && ew.loc != nil {
		loc = ew.loc
	}
	return html.EscapeString(loc.T(key, args...))
}

// wordText is word unescaped, for writers that escape it themselves.
func wordText(w util.BufWriter, key string, args ...any) string {
	loc := english
	if ew, ok := w.(*editionWriter); ok && ew.loc != nil {
		loc = ew.loc
	}
	return loc.T(key, args...)
}

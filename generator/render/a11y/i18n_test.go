package a11y_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"lectern/generator/i18n"
	"lectern/generator/internal/chromiumtest"
)

// i18nKit copies the render package's placeholder-text kit into a new
// folder in language lang: any English on its pages is the theme's.
func i18nKit(t *testing.T, lang string) string {
	t.Helper()
	files := map[string]string{}
	src := filepath.Join("..", "testdata", "i18nkit")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "golden-") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(src, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files["site.toml"] = strings.Replace(files["site.toml"], `language = "en"`, `language = "`+lang+`"`, 1)
	return writeFiles(t, files)
}

// i18nPages are the pages TestAxeInEveryLanguage opens in each language:
// every kind whose words differ, in both editions.
var i18nPages = []string{"index.html", "primum/index.html", "secundum/index.html", "worksheets/index.html",
	"facilitator/index.html", "facilitator/primum/index.html", "facilitator/agenda/index.html",
	"facilitator/guide/index.html", "facilitator/materials/index.html", "facilitator/present/index.html",
	"search/index.html", "facilitator/search/index.html"}

// TestAxeInEveryLanguage opens the pages of a kit in each built-in
// language after their scripts ran: the html element has the kit's lang
// and its direction (rtl for Arabic), axe finds nothing, and the text the
// scripts wrote (timers, the run-sheet's buttons and status, the answers'
// download) holds no English word the language's catalogue lacks. Arabic
// is checked in dark mode too.
func TestAxeInEveryLanguage(t *testing.T) {
	axe := chromiumtest.Axe(t)
	ctx := browser(t)
	words := regexp.MustCompile(`\p{L}+`)
	english := i18n.Words("en")
	for _, lang := range i18n.Builtin {
		res := build(t, i18nKit(t, lang), false)
		own := i18n.Words(lang)
		wantDir := "ltr"
		schemes := []string{"light"}
		if lang == "ar" {
			wantDir = "rtl"
			schemes = append(schemes, "dark")
		}
		for _, scheme := range schemes {
			for _, p := range i18nPages {
				t.Run(lang+"/"+scheme+"/"+p, func(t *testing.T) {
					ctx := pageCtx(t, ctx)
					chromiumtest.ColorScheme(t, ctx, scheme)
					open(t, ctx, fileURL(res.Out, p))
					if got := chromiumtest.Eval[string](t, ctx, `document.documentElement.lang + " " + document.documentElement.dir`); got != lang+" "+wantDir {
						t.Errorf("lang and dir: %q, want %q", got, lang+" "+wantDir)
					}
					reportAxe(t, lang+"/"+p, runAxe(t, ctx, axe))
					if lang == "en" {
						return
					}
					// What the reader sees and hears: the text, and the
					// labels the scripts set.
					text := chromiumtest.Eval[string](t, ctx, `document.body.innerText + " " + Array.from(document.querySelectorAll("[aria-label],[title],[placeholder]")).map(e => [e.getAttribute("aria-label"), e.getAttribute("title"), e.getAttribute("placeholder")].join(" ")).join(" ")`)
					var left []string
					for _, w := range words.FindAllString(text, -1) {
						lw := strings.ToLower(w)
						if len([]rune(lw)) >= 4 && english[lw] && !own[lw] {
							left = append(left, lw)
						}
					}
					if len(left) > 0 {
						sort.Strings(left)
						t.Errorf("%s shows English: %s", p, strings.Join(left, ", "))
					}
				})
			}
		}
	}
}

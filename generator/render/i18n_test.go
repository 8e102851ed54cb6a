package render_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"lectern/generator/i18n"
	"lectern/generator/internal/kitgen"
	"lectern/themes"
)

var updateI18n = flag.Bool("update-i18n", false, "rewrite testdata/i18nkit/golden-*.txt")

// i18nKit copies testdata/i18nkit (Latin placeholder text, so that any
// English on its pages is the theme's) into a new folder, in language lang
// and with extra settings after the first line of site.toml.
func i18nKit(t *testing.T, lang, extra string) string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir("testdata/i18nkit", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "golden-") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel("testdata/i18nkit", p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files["site.toml"] = strings.Replace(files["site.toml"], `language = "en"`, `language = "`+lang+`"`+extra, 1)
	dir := t.TempDir()
	if err := kitgen.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// blockTags end a line of a page's text in the golden files.
var blockTags = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "li": true, "dt": true,
	"dd": true, "caption": true, "tr": true, "summary": true, "th": true, "figcaption": true, "label": true, "button": true}

// pageText is what a page shows, a line per block, with the labels a
// screen reader reads (aria-label, aria-roledescription, placeholder) in
// brackets, and the html element's lang and dir first.
func pageText(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var line strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(line.String()), " "); s != "" {
			b.WriteString(s + "\n")
		}
		line.Reset()
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "head":
				return
			case "html":
				l, _ := attr(n, "lang")
				d, _ := attr(n, "dir")
				b.WriteString("lang=" + l + " dir=" + d + "\n")
			}
			for _, a := range []string{"aria-label", "aria-roledescription", "placeholder", "title"} {
				if v, ok := attr(n, a); ok && v != "" {
					line.WriteString(" [" + v + "] ")
				}
			}
		}
		if n.Type == html.TextNode {
			line.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if n.Type == html.ElementNode && blockTags[n.Data] {
			flush()
		}
	}
	visit(doc)
	flush()
	return b.String()
}

// TestLocalizedPagesGolden renders a module page, the run-sheet and the
// facilitator guide in Spanish, American English (a 12-hour clock, the
// month before the day) and Arabic (right to left, six plural forms), and
// compares what they show with golden files.
func TestLocalizedPagesGolden(t *testing.T) {
	for _, lang := range []string{"es", "en-US", "ar"} {
		t.Run(lang, func(t *testing.T) {
			out := buildKit(t, i18nKit(t, lang, ""))
			var b strings.Builder
			for _, p := range []string{"facilitator/primum/index.html", "facilitator/agenda/index.html", "facilitator/guide/index.html"} {
				b.WriteString("==== " + p + "\n" + pageText(t, filepath.Join(out, filepath.FromSlash(p))))
			}
			got := b.String()
			golden := filepath.Join("testdata", "i18nkit", "golden-"+lang+".txt")
			if *updateI18n {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run with -update-i18n after checking):\n%s", lang, golden, got)
			}
		})
	}
}

// TestNoEnglishLeft builds the kit in each built-in language but English
// and reads every page, the search pages too: no word of the English catalogue that the
// language's own catalogue lacks may show, in the text or in a label a
// screen reader reads, nor in the strings the scripts are given.
func TestNoEnglishLeft(t *testing.T) {
	words := regexp.MustCompile(`\p{L}+`)
	for _, lang := range i18n.Builtin[1:] {
		t.Run(lang, func(t *testing.T) {
			english := i18n.Words("en")
			own := i18n.Words(lang)
			out := buildKit(t, i18nKit(t, lang, ""))
			pages, searchPages := 0, 0
			err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
					return err
				}
				rel, _ := filepath.Rel(out, p)
				if strings.HasSuffix(filepath.ToSlash(rel), "search/index.html") {
					searchPages++
				}
				pages++
				text := pageText(t, p)
				b, _ := os.ReadFile(p)
				if m := regexp.MustCompile(`(?s)<script type="application/json" id="lectern-strings">(.*?)</script>`).FindSubmatch(b); m != nil {
					var given struct{ Strings map[string]any }
					if err := json.Unmarshal(m[1], &given); err != nil {
						t.Errorf("%s: the scripts' strings: %v", rel, err)
					}
					for _, v := range given.Strings {
						text += fmt.Sprint(v) + "\n"
					}
				} else {
					t.Errorf("%s gives its scripts no strings", rel)
				}
				var left []string
				for _, w := range words.FindAllString(text, -1) {
					lw := strings.ToLower(w)
					if len([]rune(lw)) >= 4 && english[lw] && !own[lw] && unicode.IsLetter([]rune(lw)[0]) {
						left = append(left, lw)
					}
				}
				if len(left) > 0 {
					sort.Strings(left)
					t.Errorf("%s shows English: %s", rel, strings.Join(slicesCompact(left), ", "))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if pages < 15 {
				t.Errorf("read %d pages, want every page of the kit", pages)
			}
			if searchPages != 2 {
				t.Errorf("read %d search pages, want both editions'", searchPages)
			}
		})
	}
}

func slicesCompact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// TestScriptStringsGiven: every string lectern.js and search.js ask for (tr("key"),
// lang.t, lang.n) is among those each page gives it, and the script writes
// no English sentence of its own.
func TestScriptStringsGiven(t *testing.T) {
	out := buildKit(t, i18nKit(t, "es", ""))
	b, err := os.ReadFile(filepath.Join(out, "primum", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)<script type="application/json" id="lectern-strings">(.*?)</script>`).FindSubmatch(b)
	if m == nil {
		t.Fatal("the page gives its scripts no strings")
	}
	var given struct {
		Lang    string
		Strings map[string]any
	}
	if err := json.Unmarshal(m[1], &given); err != nil || given.Lang != "es" {
		t.Fatalf("the scripts' strings: %v (lang %q)", err, given.Lang)
	}
	for _, c := range []struct {
		script string
		least  int
	}{{"lectern.js", 60}, {"search.js", 8}} {
		js, err := fs.ReadFile(themes.Default(), "assets/"+c.script)
		if err != nil {
			t.Fatal(err)
		}
		// Comments name strings in English to explain them; code is what runs.
		js = regexp.MustCompile(`(?s:/\*.*?\*/)|(?m:^\s*//[^\n]*)`).ReplaceAll(js, nil)
		scriptAsks(t, c.script, string(js), given.Strings, c.least)
	}
}

// scriptAsks checks the strings a script asks for against those the page
// gives it (given), and that it shows no sentence of its own.
func scriptAsks(t *testing.T, name, js string, given map[string]any, least int) {
	t.Helper()
	asked := 0
	for _, k := range regexp.MustCompile(`(?:tr|lang\.[tn])\(\s*(?:[^"()]*\?\s*)?"([a-z_0-9]+)"(?:\s*:\s*(?:[^"()]*\?\s*)?"([a-z_0-9]+)")*`).FindAllStringSubmatch(string(js), -1) {
		for _, key := range k[1:] {
			if key == "" || key == "weekday_" || key == "month_" {
				continue
			}
			asked++
			if _, ok := given[key]; !ok {
				t.Errorf("%s asks for %q, which the page does not give it", name, key)
			}
		}
	}
	if asked < least {
		t.Errorf("found %d strings %s asks for: the pattern no longer reads the script", asked, name)
	}
	// A sentence in quotes that starts with a capital and has a space is
	// a message, which must come from the page.
	for _, s := range regexp.MustCompile(`"([A-Z][a-z]+ [a-z][^"]*)"`).FindAllStringSubmatch(string(js), -1) {
		t.Errorf("%s shows its own words: %q", name, s[1])
	}
}

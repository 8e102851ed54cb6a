package serve

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"lectern/generator/diag"
	"lectern/generator/i18n"
)

// TestErrorPageWords writes the error page and the "not found" page in
// every built-in language: the html element has the language and its
// direction; the title, heading and hint are the catalogue's; no English
// word the language's catalogue lacks is left outside the problems, which
// are marked as the English the terminal prints.
func TestErrorPageWords(t *testing.T) {
	var l diag.List
	l.Errorf("content/a.md", 3, 1, "unknown block \"x\"")
	l.Errorf("content/b.md", 4, 1, "unknown block \"y\"")
	l.Warnf("content/c.md", 5, 1, "a warning")
	english := i18n.Words("en")
	words := regexp.MustCompile(`\p{L}+`)
	problems := regexp.MustCompile(`(?s)<li class="[a-z]+" lang="en" dir="ltr">.*?</li>`)
	tags := regexp.MustCompile(`(?s)<style>.*?</style>|<[^>]*>`)
	for _, lang := range i18n.Builtin {
		loc, err := i18n.New(lang, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		for name, page := range map[string]string{
			"error":     string(errorPage(t.TempDir(), loc, l)),
			"not found": string(notFoundPage(loc, "nope/")),
		} {
			head := fmt.Sprintf(`<html lang="%s" dir="%s"`, lang, loc.Dir())
			if !strings.Contains(page, head) {
				t.Errorf("%s %s page: lacks %s:\n%s", lang, name, head, page)
			}
			var want []string
			if name == "error" {
				want = []string{"<title>Lectern: " + loc.N("serve_errors_title", 2) + "</title>",
					"<h1>" + loc.N("serve_errors", 2) + "</h1>"}
				if n := len(problems.FindAllString(page, -1)); n != 3 {
					t.Errorf("%s: %d problems marked as English, want 3", lang, n)
				}
			} else {
				want = []string{"<h1>" + loc.T("serve_not_found") + "</h1>", `<code dir="ltr">/nope/</code>`}
			}
			for _, w := range want {
				if !strings.Contains(page, htmlEscape(w)) && !strings.Contains(page, w) {
					t.Errorf("%s %s page lacks %q:\n%s", lang, name, w, page)
				}
			}
			if lang == "en" {
				continue
			}
			own := i18n.Words(lang)
			text := tags.ReplaceAllString(problems.ReplaceAllString(page, ""), " ")
			var left []string
			for _, w := range words.FindAllString(text, -1) {
				if lw := strings.ToLower(w); len([]rune(lw)) >= 4 && english[lw] && !own[lw] {
					left = append(left, lw)
				}
			}
			if len(left) > 0 {
				t.Errorf("%s %s page shows English: %v", lang, name, left)
			}
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("'", "&#39;", "\"", "&#34;").Replace(s)
}

// TestErrorPageInKitLanguage runs the server on a Spanish kit: a broken
// module shows the error page in Spanish, and so does a broken site.toml
// that still names the language; the address of no page says so in
// Spanish; an Arabic kit's error page reads right to left.
func TestErrorPageInKitLanguage(t *testing.T) {
	dir := sampleKit(t)
	editFile(t, dir, "site.toml", `language = "en"`, `language = "es"`)
	url, _ := startServer(t, dir, Options{})
	get := httpGetter(url)
	if code, b := get("/nope/"); code != 404 || !strings.Contains(string(b), `<html lang="es" dir="ltr">`) || !strings.Contains(string(b), "<h1>Página no encontrada</h1>") {
		t.Errorf("not found: %d\n%s", code, b)
	}
	wait := func(what, want string) string {
		t.Helper()
		var page string
		eventually(t, what, 10*time.Second, func() string {
			code, b := get("/task-vs-people/")
			page = string(b)
			if code != 500 || !strings.Contains(page, want) {
				return fmt.Sprintf("%d\n%s", code, page)
			}
			return ""
		})
		return page
	}
	editFile(t, dir, modTask, "## Two kinds of work\n", "## Two kinds of work\n\n:::\tnosuchblock\nText.\n:::\n")
	page := wait("Spanish error page", "<h1>El kit tiene 1 error</h1>")
	for _, s := range []string{`<html lang="es" dir="ltr" data-lectern-serve-error>`, "<title>Lectern: 1 error</title>",
		"Lectern sigue atento", `lang="en" dir="ltr">`, "unknown block"} {
		if !strings.Contains(page, s) {
			t.Errorf("the error page lacks %q:\n%s", s, page)
		}
	}
	editFile(t, dir, modTask, ":::\tnosuchblock", "::: note")
	editFile(t, dir, "site.toml", `language = "es"`, "language = \"ar\"\ncolour = \"red\"")
	page = wait("Arabic error page of a broken site.toml", `<html lang="ar" dir="rtl" data-lectern-serve-error>`)
	if !strings.Contains(page, "<h1>في الحقيبة خطأ واحد</h1>") {
		t.Errorf("the Arabic error page's heading:\n%s", page)
	}
}

package a11y_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"lectern/generator/i18n"
	"lectern/generator/internal/chromiumtest"
)

// manyKit is a kit in language lang of twelve modules that all say
// "lorem" (more results than the search box lists) and one that says
// "unicum".
func manyKit(t *testing.T, lang string) string {
	files := map[string]string{
		"site.toml":            "title = \"Lorem\"\nlanguage = \"" + lang + "\"\n",
		"content/_index.md":    "+++\ntitle = \"Lorem\"\n+++\n\nIpsum.\n",
		"content/99-unicum.md": "+++\ntitle = \"Unicum\"\n+++\n\nUnicum dolor.\n",
	}
	for i := 1; i <= 12; i++ {
		files[fmt.Sprintf("content/%02d-m%d.md", i, i)] = fmt.Sprintf("+++\ntitle = \"Modulus %d\"\n+++\n\nLorem ipsum %d.\n", i, i)
	}
	return writeFiles(t, files)
}

// englishIn lists the words of text that are English words the
// catalogue of lang lacks.
func englishIn(text, lang string) []string {
	english, own := i18n.Words("en"), i18n.Words(lang)
	var left []string
	for _, w := range regexp.MustCompile(`\p{L}+`).FindAllString(text, -1) {
		lw := strings.ToLower(w)
		if len([]rune(lw)) >= 4 && english[lw] && !own[lw] {
			left = append(left, lw)
		}
	}
	sort.Strings(left)
	return left
}

// shownText is what the page shows and says: its text, the labels, and
// the search box's status line (visually hidden, read by screen readers).
const shownText = `document.body.innerText + " " + (document.getElementById("search-status") || {}).textContent + " " +
	Array.from(document.querySelectorAll("[aria-label],[title],[placeholder]")).map(e => [e.getAttribute("aria-label"), e.getAttribute("title"), e.getAttribute("placeholder")].join(" ")).join(" ")`

// TestSearchSpeaksTheLanguage uses search in every built-in language: the
// box's status line with one result, with more than it lists, and with
// none; and the search page without a query, with one too short, with
// results and with none. What the page shows and its status lines say is
// the language's (for Spanish, word for word), never English.
func TestSearchSpeaksTheLanguage(t *testing.T) {
	bctx := browser(t)
	status := `document.getElementById("search-status").textContent`
	for _, lang := range i18n.Builtin {
		t.Run(lang, func(t *testing.T) {
			loc, err := i18n.New(lang, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			out := build(t, manyKit(t, lang), false).Out
			ctx := pageCtx(t, bctx)
			open(t, ctx, fileURL(out, "index.html"))
			var seen []string
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s: %q, want %q", what, got, want)
				}
				seen = append(seen, chromiumtest.Eval[string](t, ctx, shownText))
			}

			// The status line speaks 0.4 s after the last key: wait for
			// what it should say, then read it.
			say := func(what, q, want string) {
				t.Helper()
				typeQuery(t, ctx, q)
				chromiumtest.WaitFor(t, ctx, status+` === `+jsString(want))
				check(what, chromiumtest.Eval[string](t, ctx, status), want)
			}
			say("one result", "unicum", loc.N("search_found", 1))
			say("thirteen results", "lorem", loc.N("search_found_more", 13, 10))
			typeQuery(t, ctx, "zzyzx")
			chromiumtest.WaitFor(t, ctx, status+` === `+jsString(loc.T("search_none")))
			check("none", chromiumtest.Eval[string](t, ctx, `document.querySelector(".search-none").textContent`), loc.T("search_none"))

			page := func(q string) string {
				open(t, ctx, fileURL(out, "search/index.html")+q)
				chromiumtest.WaitFor(t, ctx, `(s => s !== "" && s !== `+jsString(loc.T("search_searching"))+`)(document.querySelector(".search-page-status").textContent)`)
				return chromiumtest.Eval[string](t, ctx, `document.querySelector(".search-page-status").textContent`)
			}
			check("no query", page(""), loc.T("search_hint"))
			check("one letter", page("?q=l"), loc.T("search_short"))
			check("none", page("?q=zzyzx"), loc.T("search_page_none", "zzyzx"))
			check("thirteen", page("?q=lorem"), loc.N("search_page_found", 13, "lorem"))
			chromiumtest.WaitFor(t, ctx, `document.querySelectorAll(".search-page-results li").length === 13`)
			if h1 := chromiumtest.Eval[string](t, ctx, `document.querySelector("h1").textContent + " | " + document.querySelector(".search-page-go").textContent + " | " + document.querySelector(".search-page-more").textContent`); h1 != loc.T("search_title")+" | "+loc.T("search_go")+" | "+loc.T("search_more") {
				t.Errorf("the search page's heading and buttons: %q", h1)
			}
			if lang == "es" {
				// The catalogue's own words, checked against it by hand.
				for what, c := range map[string][2]string{
					"box":  {loc.N("search_found_more", 13, 10), "13 resultados, se muestran los primeros 10; Intro los muestra todos. Usa las flechas para elegir uno."},
					"page": {loc.N("search_page_found", 13, "lorem"), "13 resultados para «lorem»."},
					"one":  {loc.N("search_found", 1), "1 resultado. Usa las flechas para elegirlo."},
				} {
					if c[0] != c[1] {
						t.Errorf("Spanish %s: %q, want %q", what, c[0], c[1])
					}
				}
			}
			if lang == "en" {
				return
			}
			for i, text := range seen {
				if left := englishIn(text, lang); len(left) > 0 {
					t.Errorf("step %d shows English: %s", i+1, strings.Join(left, ", "))
				}
			}
		})
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestScriptFillAgrees runs lectern.js's fill, which puts the arguments
// into a string, on the cases where a word agrees with a number ("a la
// 1:00", "a las 3:00"), and compares it with i18n.Fill, which writes the
// same strings into the pages.
func TestScriptFillAgrees(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "themes", "default", "assets", "lectern.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)\n    // digits writes .*?\n    function firstNumber\(a\) \{.*?\n    \}\n`).Find(src)
	if m == nil {
		t.Fatal("lectern.js has no digits, fill and firstNumber functions")
	}
	es, _ := i18n.New("es", "12h", nil)
	type tc struct {
		S    string `json:"s"`
		Args []any  `json:"args"`
	}
	var cases []tc
	for _, s := range []string{"a {1|la|las} {1}", "{1|all’|alle }{1}", "{1|à|às} {1}", "{2} {2|día|días}", "{1|a|b}", "{1|a}", "{1} of {2} {x} {"} {
		for _, a := range []any{"1:00", "01:30", "13:00", es.Clock(13*60 + 5), es.Clock(15 * 60), "00:30", "١:٠٠", "١٣:٠٠", 1, 21} {
			cases = append(cases, tc{s, []any{a, a}})
		}
	}
	cs, _ := json.Marshal(cases)
	ctx := pageCtx(t, browser(t))
	open(t, ctx, "about:blank")
	// The page of a kit in 0 to 9 gives the script no digits of its own.
	got := chromiumtest.Eval[[]string](t, ctx, `(() => { var data = {};`+string(m)+`; return `+string(cs)+`.map(c => fill(c.s, c.args)); })()`)
	for i, c := range cases {
		if want := i18n.Fill(c.S, c.Args...); got[i] != want {
			t.Errorf("fill(%q, %q): lectern.js %q, i18n.Fill %q", c.S, c.Args, got[i], want)
		}
	}
}

// TestArabicDigits opens the pages of the Arabic kit after their scripts
// ran: no digit 0 to 9 shows (the kit's own text has none), as CLDR's
// default numbering system for ar is Arabic-Indic; and every time of day
// the run-sheet, the dashboard and present mode show reads the same
// before the scripts run (as built) and after (as lectern.js rewrites it).
func TestArabicDigits(t *testing.T) {
	bctx := browser(t)
	res := build(t, i18nKit(t, "ar"), false)
	latin := regexp.MustCompile(`[0-9]+`)
	clocks := `Array.from(document.querySelectorAll("time.clock")).map(e => e.textContent)`
	for _, p := range i18nPages {
		t.Run(p, func(t *testing.T) {
			ctx := pageCtx(t, bctx)
			chromiumtest.NoScript(t, ctx, true)
			open(t, ctx, fileURL(res.Out, p))
			built := chromiumtest.Eval[[]string](t, ctx, clocks)
			chromiumtest.NoScript(t, ctx, false)
			open(t, ctx, fileURL(res.Out, p))
			text := chromiumtest.Eval[string](t, ctx, shownText)
			if m := latin.FindAllString(text, -1); len(m) > 0 {
				t.Errorf("shows digits 0 to 9: %q in\n%s", m, text)
			}
			if shown := chromiumtest.Eval[[]string](t, ctx, clocks); !slices.Equal(shown, built) {
				t.Errorf("lectern.js writes the times %q, the build %q", shown, built)
			}
		})
	}
}

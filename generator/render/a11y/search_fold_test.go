package a11y_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"testing"

	"lectern/generator/internal/chromiumtest"
	"lectern/generator/render"
)

// foldWords are words the built-in languages write two ways (German ß,
// Dutch ij, French œ, Arabic's tatweel, harakat, alef forms, alef maksura,
// teh marbuta and digits, Greek accents), each pair on two pages of a kit.
var foldWords = [][2]string{
	{"Straße", "Strasse"}, {"GROẞE", "grosse"}, {"ĳsberg", "ijsberg"}, {"Ĳssel", "IJssel"},
	{"œuvre", "oeuvre"}, {"Æsop", "aesop"}, {"كتـــاب", "كتاب"}, {"كِتَابٌ", "كتاب"},
	{"أحمد", "احمد"}, {"إدارة", "اداره"}, {"آمال", "امال"}, {"ٱلكتاب", "الكتاب"},
	{"مستشفى", "مستشفي"}, {"٢٠٢٦", "2026"}, {"۲۰۲۶", "2026"}, {"Ἀθῆναι", "αθηναι"},
	{"ΟΔΟΣ", "οδός"}, {"Coördinatie", "coordinatie"},
}

// TestSearchFoldsLetters builds a kit with a page for each way of writing
// each word of foldWords and searches in the browser for each way: both
// pages of its pair are found (and any other page with the same word once
// folded), whichever way the query writes it. search.js also splits and
// folds every one of the words as the build does.
func TestSearchFoldsLetters(t *testing.T) {
	bctx := browser(t)
	files := map[string]string{
		"site.toml":         "title = \"Plicae\"\nlanguage = \"de\"\n",
		"content/_index.md": "+++\ntitle = \"Plicae\"\n+++\n\nIndex.\n",
	}
	var words []string
	for _, p := range foldWords {
		for _, w := range p {
			words = append(words, w)
			n := len(words)
			files[fmt.Sprintf("content/%02d-p%d.md", n, n)] = fmt.Sprintf("+++\ntitle = \"P%d\"\n+++\n\nVerbum %s hic.\n", n, w)
		}
	}
	res := build(t, writeFiles(t, files), false)
	nums := pageNumbers(t, res.Out, "")
	page := func(i int) int {
		n, ok := nums[fmt.Sprintf("p%d/index.html", i+1)]
		if !ok {
			t.Fatalf("page p%d is not in the index: %v", i+1, nums)
		}
		return n
	}
	ctx := pageCtx(t, bctx)
	open(t, ctx, fileURL(res.Out, "index.html"))

	// The browser reads each word as the build does.
	b, _ := json.Marshal(words)
	js := chromiumtest.Eval[[][]string](t, ctx, string(b)+`.map(w => lecternSearch.words(w))`)
	for i, w := range words {
		if goWords := render.SearchWords(w); !slices.Equal(js[i], goWords) {
			t.Errorf("%q: search.js reads %q, the build %q", w, js[i], goWords)
		}
	}

	var queries []string
	for _, w := range words {
		queries = append(queries, w+" ")
	}
	found := findAll(t, ctx, queries)
	for i, w := range words {
		folded := render.SearchWords(w)[0]
		var want []int
		for j, o := range words {
			if render.SearchWords(o)[0] == folded {
				want = append(want, page(j))
			}
		}
		got := slices.Clone(found[i])
		sort.Ints(got)
		sort.Ints(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q finds pages %v, want %v (every page with %q)", w, got, want, folded)
		}
		if len(want) < 2 {
			t.Errorf("%q: its pair does not fold to the same word", w)
		}
	}
}

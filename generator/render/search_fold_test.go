package render_test

import (
	"slices"
	"testing"

	"lectern/generator/render"
)

// foldPairs are words the built-in languages write two ways, which search
// reads as one: each pair folds to the same word.
var foldPairs = [][2]string{
	{"Straße", "Strasse"},          // German ß
	{"GROẞE", "grosse"},            // German capital ß
	{"ĳsberg", "ijsberg"},          // Dutch ij, one letter or two
	{"Ĳssel", "IJssel"},            // … capital
	{"œuvre", "oeuvre"},            // French œ
	{"Æsop", "aesop"},              // æ
	{"كتـــاب", "كتاب"},            // Arabic tatweel
	{"كِتَابٌ", "كتاب"},            // Arabic harakat
	{"أحمد", "احمد"},               // alef with hamza above
	{"إدارة", "اداره"},             // alef with hamza below, teh marbuta
	{"آمال", "امال"},               // alef with madda
	{"ٱلكتاب", "الكتاب"},           // alef wasla
	{"مستشفى", "مستشفي"},           // alef maksura
	{"٢٠٢٦", "2026"},               // Arabic-Indic digits
	{"۲۰۲۶", "2026"},               // Extended Arabic-Indic digits
	{"Ἀθῆναι", "αθηναι"},           // Greek accents and breathings
	{"ΟΔΟΣ", "οδός"},               // final sigma
	{"Coördinatie", "coordinatie"}, // Dutch diaeresis
}

// TestSearchFoldsLanguagesLetters: each pair of foldPairs is one word to
// the index, and a word with a tatweel inside stays one word.
func TestSearchFoldsLanguagesLetters(t *testing.T) {
	for _, p := range foldPairs {
		a, b := render.SearchWords(p[0]), render.SearchWords(p[1])
		if len(a) != 1 || !slices.Equal(a, b) {
			t.Errorf("%q reads %q and %q reads %q: want one word, the same", p[0], a, p[1], b)
		}
	}
	if got := render.SearchWords("Die Straße ist groß; ـ"); !slices.Equal(got, []string{"die", "strasse", "ist", "gross"}) {
		t.Errorf("SearchWords: %q", got)
	}
}

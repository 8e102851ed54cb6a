package render

import (
	"unicode"
	"unicode/utf8"
)

// The words of the search index, read the way search.js reads a query: a
// word is a run of letters and digits once the text is folded, and folding
// is NFD with the combining marks removed, then lower case, then the
// letters that languages write two ways made one (letterFolds: a final
// sigma as any other sigma, since String.prototype.toLowerCase makes one
// only at a word's end; German ß as ss; the ligatures ĳ, œ and æ as their
// letters; Arabic's stretching tatweel dropped, its alef wasla, alef
// maksura and teh marbuta as alef, yeh and heh, as search engines fold
// Arabic, its hamza-carrying alefs being folded by NFD already; and
// Arabic-Indic digits as 0 to 9). search.js does the same with
// String.normalize, the same table and \p{L}\p{N}; the browser tests
// (a11y: TestSearchFoldsLetters, TestSearchFindsEveryWord) hold the two
// together. The
// index keeps words as written (folded); English endings (leader, leaders;
// manage, managing) are matched in the browser, which compares the stems
// of the words a query loads.

// wordReader splits text into folded words. A word may run across pieces
// of text (an inline element inside a word), so it ends only at a
// character that is no part of a word, or at end.
type wordReader struct {
	word []byte // the word being read, folded
	emit func(w []byte)
}

// write reads text, emitting each word it completes.
func (r *wordReader) write(text []byte) {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				r.word = append(r.word, c)
			case 'A' <= c && c <= 'Z':
				r.word = append(r.word, c+'a'-'A')
			default:
				r.end()
			}
			continue
		}
		ru, n := utf8.DecodeRune(text[i:])
		i += n
		r.rune(ru)
	}
}

// rune reads one non-ASCII character.
func (r *wordReader) rune(ru rune) {
	if unicode.Is(unicode.M, ru) {
		return // folding removes it: the letters around it join
	}
	if s, ok := foldTable[ru]; ok {
		for _, c := range s {
			r.folded(c)
		}
		return
	}
	if 0xAC00 <= ru && ru <= 0xD7A3 { // Hangul syllable: NFD by rule
		s := ru - 0xAC00
		r.folded(0x1100 + s/588)
		r.folded(0x1161 + s%588/28)
		if t := s % 28; t != 0 {
			r.folded(0x11A7 + t)
		}
		return
	}
	r.folded(ru)
}

// folded reads a character NFD leaves as it is.
func (r *wordReader) folded(c rune) {
	if unicode.Is(unicode.M, c) {
		return
	}
	if !unicode.IsLetter(c) && !unicode.IsNumber(c) {
		r.end()
		return
	}
	c = unicode.ToLower(c)
	switch {
	case c < 'ß' || c > '۹': // none of the letters below
	case '٠' <= c && c <= '٩': // Arabic-Indic digits
		c = '0' + c - '٠'
	case '۰' <= c && c <= '۹': // Extended Arabic-Indic digits
		c = '0' + c - '۰'
	default:
		if f, ok := letterFolds[c]; ok {
			r.word = append(r.word, f...)
			return
		}
	}
	r.word = utf8.AppendRune(r.word, c)
}

// letterFolds are the letters, lower case, that search reads as others
// (besides Arabic-Indic digits, read as 0 to 9): the same list as
// search.js's letterFolds.
var letterFolds = map[rune]string{
	'ς':      "σ", // final sigma
	'ß':      "ss",
	'ĳ':      "ij",
	'œ':      "oe",
	'æ':      "ae",
	'\u0640': "",       // tatweel
	'\u0671': "\u0627", // alef wasla → alef
	'\u0649': "\u064a", // alef maksura → yeh
	'\u0629': "\u0647", // teh marbuta → heh
}

// end completes the word being read, if any.
func (r *wordReader) end() {
	if len(r.word) > 0 {
		r.emit(r.word)
		r.word = r.word[:0]
	}
}

// SearchWords are the words of text as the search index holds them, in
// order, repeats included.
func SearchWords(text string) []string {
	var out []string
	r := wordReader{emit: func(w []byte) { out = append(out, string(w)) }}
	r.write([]byte(text))
	r.end()
	return out
}

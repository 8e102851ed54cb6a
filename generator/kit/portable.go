package kit

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Names published as folders and files must survive the offline ZIP
// unpacked on Windows and macOS, and copying to other systems. portable
// says why a name does not, or "".
func portable(name string) string {
	base, _, _ := strings.Cut(name, ".")
	switch u := strings.ToUpper(strings.TrimRight(base, " ")); u {
	case "CON", "PRN", "AUX", "NUL":
		return fmt.Sprintf("%s is a device name on Windows, which cannot open or unpack it", u)
	default:
		if len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '0' && u[3] <= '9' {
			return fmt.Sprintf("%s is a device name on Windows, which cannot open or unpack it", u)
		}
	}
	if i := strings.IndexAny(name, `<>:"|?*`); i >= 0 {
		return fmt.Sprintf("%q cannot be in a file name on Windows", name[i:i+1])
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "Windows drops a final dot or space, so the name changes on the way"
	}
	for _, r := range name {
		switch {
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return fmt.Sprintf("it holds U+%04X, which reorders the text around it: the name reads other than it is", r)
		case r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff, r == 0x00ad:
			return fmt.Sprintf("it holds U+%04X, an invisible character: two names that look the same would differ", r)
		}
	}
	if decomposed(name) {
		return "a letter in it is decomposed (a letter, then its accent, as macOS writes names): the same name written precomposed is another file elsewhere"
	}
	return ""
}

// decomposed reports a Latin, Greek or Cyrillic letter followed by a
// combining accent (U+0300–U+036F): not in Unicode's composed form (NFC),
// which such a pair nearly always has. A full normaliser is not needed to
// tell the two spellings of "café" apart.
func decomposed(s string) bool {
	prevLetter := false
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if r >= 0x300 && r <= 0x36f && prevLetter {
			return true
		}
		prevLetter = r < 0x250 && (r|0x20 >= 'a' && r|0x20 <= 'z' || r >= 0xc0) || r >= 0x370 && r <= 0x4ff
	}
	return false
}

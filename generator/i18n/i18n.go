// Package i18n holds the words a site shows around its authors' text: the
// theme's labels, the run-sheet's headings, the scripts' messages. They
// come from message catalogues, one per language (catalog/<tag>.toml,
// English, Spanish, French, German, Portuguese, Dutch, Italian and Arabic
// built in), which a kit may override or extend in i18n/<tag>.toml.
//
// A kit's language is a BCP 47 tag (golang.org/x/text/language); plural
// forms follow CLDR's rules (golang.org/x/text/feature/plural). New
// resolves every string of a language once, into a Locale that pages read
// with one map lookup; it also knows the language's writing direction,
// clock and long date.
//
// Start with New.
package i18n

import (
	"embed"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

//go:embed catalog/*.toml
var catalogFS embed.FS

// Message is one string of a catalogue. A plain string has Other alone; a
// string that counts something has a form for each CLDR plural category
// its language uses ("one", "other"; Arabic has six). Placeholders are
// {1}, {2}, …: the count is {1}.
type Message struct {
	Forms map[string]string
}

// Catalogue is a language's strings by key.
type Catalogue map[string]Message

// Builtin are the tags of the built-in catalogues, English first.
var Builtin = []string{"en", "es", "fr", "de", "pt", "nl", "it", "ar"}

// builtins are the parsed built-in catalogues by tag, and the regional
// catalogues that change a few strings of a language (en-US: the date).
var builtins = func() map[string]Catalogue {
	out := map[string]Catalogue{}
	ents, _ := catalogFS.ReadDir("catalog")
	for _, e := range ents {
		b, _ := catalogFS.ReadFile("catalog/" + e.Name())
		c, err := Parse(b)
		if err != nil {
			panic("i18n: built-in catalogue " + e.Name() + ": " + err.Error())
		}
		out[strings.TrimSuffix(e.Name(), ".toml")] = c
	}
	return out
}()

// names are the built-in languages' names, in English, for messages.
var names = map[string]string{"en": "English", "es": "Spanish", "fr": "French", "de": "German",
	"pt": "Portuguese", "nl": "Dutch", "it": "Italian", "ar": "Arabic"}

// BuiltinName is the English name of lang's language when Lectern has a
// catalogue for it ("Spanish" for es-MX), else "".
func BuiltinName(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	base, _ := tag.Base()
	return names[base.String()]
}

// Keys lists every key of the English catalogue, which has them all.
func Keys() []string {
	var out []string
	for k := range builtins["en"] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Known reports whether key is a key of the theme's strings.
func Known(key string) bool {
	_, ok := builtins["en"][key]
	return ok
}

// BuiltinCatalogue returns the built-in catalogue of a tag, or nil.
func BuiltinCatalogue(tag string) Catalogue { return builtins[tag] }

// Parse reads a catalogue: key = "text", or key = { one = "…", other = "…" }.
func Parse(src []byte) (Catalogue, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, err
	}
	c := Catalogue{}
	for k, v := range raw {
		m, err := MessageOf(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", k, err)
		}
		c[k] = m
	}
	return c, nil
}

// Categories are the CLDR plural categories a form may be named by.
var Categories = []string{"zero", "one", "two", "few", "many", "other"}

// MessageOf is the Message of a decoded TOML value: a string, or a table
// of plural forms.
func MessageOf(v any) (Message, error) {
	switch v := v.(type) {
	case string:
		return Message{Forms: map[string]string{"other": v}}, nil
	case map[string]any:
		m := Message{Forms: map[string]string{}}
		for f, s := range v {
			str, ok := s.(string)
			if !ok || !slices.Contains(Categories, f) {
				return m, fmt.Errorf("a counted string has forms zero, one, two, few, many and other, each a string, not %q", f)
			}
			m.Forms[f] = str
		}
		if _, ok := m.Forms["other"]; !ok {
			return m, fmt.Errorf("a counted string needs its \"other\" form")
		}
		return m, nil
	}
	return Message{}, fmt.Errorf("a string is text in quotes, or a table of plural forms")
}

// Locale is a language's strings resolved for one site: the built-in
// catalogue of the language (or of its base language), then the region's,
// then the kit's own, over English for anything missing.
type Locale struct {
	Tag  language.Tag
	Lang string // the tag as the page's lang attribute writes it
	// RTL is set for languages written right to left.
	RTL bool
	// H12 is a 12-hour clock ("9:30 AM"), else 24-hour ("09:30").
	H12 bool
	// Zero is the digit zero of the language's numbering system, CLDR's
	// default for the tag (golang.org/x/text/number): '0', or '٠' for
	// Arabic, whose times, dates and counts are then written in
	// Arabic-Indic digits. A tag may choose: "ar-u-nu-latn" writes 0 to 9.
	Zero rune

	msgs  map[string]*resolved
	forms [6]string // plural.Form → category name
	key   string
}

// Key tells Locales apart: two with the same key say everything alike.
func (l *Locale) Key() string { return l.key }

type resolved struct {
	other  string
	forms  map[string]string // nil for a plain string
	script bool
}

// Overrides is what a kit sets: its catalogues by tag (i18n/<tag>.toml).
type Overrides map[string]Catalogue

// New resolves the strings of lang (a BCP 47 tag; "" is English). clock
// is "24h", "12h" or "" for the language's and region's own.
func New(lang string, clock string, kit Overrides) (*Locale, error) {
	if lang == "" {
		lang = "en"
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, fmt.Errorf("language %q is not a BCP 47 tag like \"es\" or \"pt-BR\"", lang)
	}
	l := &Locale{Tag: tag, Lang: tag.String(), msgs: map[string]*resolved{}}
	base, _ := tag.Base()
	region, conf := tag.Region()
	explicitRegion := conf == language.Exact
	l.RTL = rtl[base.String()]
	l.Zero = zeroOf(tag)
	switch clock {
	case "12h":
		l.H12 = true
	case "24h":
	default:
		if explicitRegion {
			l.H12 = h12Regions[region.String()]
		} else {
			l.H12 = h12Languages[base.String()]
		}
	}
	l.forms = [6]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many"}

	// Most general first: English, the base language, the region's, then
	// the kit's for the base language and for the whole tag.
	layers := []Catalogue{builtins["en"], builtins[base.String()]}
	if explicitRegion {
		layers = append(layers, builtins[base.String()+"-"+region.String()])
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%v|%c|", l.Lang, l.H12, l.Zero)
	for _, t := range kitTags(tag) {
		layers = append(layers, kit[t])
		keys := make([]string, 0, len(kit[t]))
		for k := range kit[t] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(h, "%s\x00%v\x00", k, kit[t][k].Forms)
		}
	}
	l.key = l.Lang + "/" + strconv.FormatUint(h.Sum64(), 36)
	for _, c := range layers {
		for k, m := range c {
			r := &resolved{other: m.Forms["other"]}
			if len(m.Forms) > 1 {
				r.forms = m.Forms
			}
			l.msgs[k] = r
		}
	}
	for _, k := range scriptKeys {
		if r := l.msgs[k]; r != nil {
			r.script = true
		}
	}
	return l, nil
}

// zeroOf is the digit zero of tag's default numbering system, as CLDR's
// data in golang.org/x/text writes the number 0 in it; '0' for a system
// that is not decimal digits.
func zeroOf(tag language.Tag) rune {
	for _, r := range message.NewPrinter(tag).Sprint(number.Decimal(0)) {
		if unicode.IsDigit(r) && digitValue(r) == 0 {
			return r
		}
		break
	}
	return '0'
}

// Native reports whether the language writes numbers in digits other than
// 0 to 9.
func (l *Locale) Native() bool { return l.Zero != 0 && l.Zero != '0' }

// Digits is s with its digits 0 to 9 written in the language's own.
func (l *Locale) Digits(s string) string {
	if !l.Native() {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if '0' <= r && r <= '9' {
			r = l.Zero + r - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Num writes n in the language's digits: "12", "١٢".
func (l *Locale) Num(n int) string { return l.Digits(strconv.Itoa(n)) }

// args are a string's arguments with each int written in the language's
// digits.
func (l *Locale) args(args []any) []any {
	if !l.Native() {
		return args
	}
	out := make([]any, len(args))
	for i, a := range args {
		if n, ok := a.(int); ok {
			a = l.Num(n)
		}
		out[i] = a
	}
	return out
}

// kitTags are the tags of a kit's catalogues that apply to tag, most
// general first: "pt" then "pt-BR".
func kitTags(tag language.Tag) []string {
	base, _ := tag.Base()
	out := []string{base.String()}
	if s := tag.String(); s != base.String() {
		out = append(out, s)
	}
	return out
}

// Missing lists the keys of English that the built-in and kit catalogues
// of lang lack, which the site shows in English.
func Missing(lang string, kit Overrides) []string {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil
	}
	base, _ := tag.Base()
	var out []string
	for _, k := range Keys() {
		if _, ok := builtins[base.String()][k]; ok {
			continue
		}
		found := false
		for _, t := range kitTags(tag) {
			if _, ok := kit[t][k]; ok {
				found = true
			}
		}
		if !found {
			out = append(out, k)
		}
	}
	return out
}

// rtl are the languages written right to left.
var rtl = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "ps": true, "yi": true, "dv": true, "ckb": true, "sd": true, "ug": true}

// h12Languages use a 12-hour clock when the kit names no region (CLDR's
// preferred hour cycle of the language's main region), except English:
// without a region it keeps the 24-hour clock of international English.
var h12Languages = map[string]bool{"ar": true, "hi": true, "ur": true, "bn": true, "ko": true, "fil": true}

// h12Regions use a 12-hour clock (CLDR's preferred hour cycle).
var h12Regions = map[string]bool{
	"US": true, "CA": true, "AU": true, "NZ": true, "IN": true, "PH": true, "PK": true, "BD": true,
	"EG": true, "SA": true, "AE": true, "JO": true, "KW": true, "QA": true, "BH": true, "OM": true,
	"IQ": true, "SY": true, "LB": true, "YE": true, "SD": true, "LY": true,
	"MX": true, "CO": true, "VE": true, "PR": true, "SV": true, "HN": true, "NI": true, "PA": true,
	"DO": true, "GT": true, "KR": true, "TW": true, "MY": true,
}

// Dir is the writing direction: "rtl" or "ltr".
func (l *Locale) Dir() string {
	if l.RTL {
		return "rtl"
	}
	return "ltr"
}

// T is the string of key with {1}, {2}, … replaced by args; the key
// itself when no catalogue has it, so that a mistake shows on the page.
func (l *Locale) T(key string, args ...any) string {
	r := l.msgs[key]
	if r == nil {
		return key
	}
	if len(args) == 0 {
		return r.other
	}
	return fill(r.other, l.args(args))
}

// N is the form of key for the count n, with n as {1} and args as {2}, ….
func (l *Locale) N(key string, n int, args ...any) string {
	r := l.msgs[key]
	if r == nil {
		return key
	}
	s := r.other
	if r.forms != nil {
		if f, ok := r.forms[l.Plural(n)]; ok {
			s = f
		}
	}
	return fill(s, l.args(append([]any{n}, args...)))
}

// Plural is the CLDR plural category of the count n in the language.
func (l *Locale) Plural(n int) string {
	if n < 0 {
		n = -n
	}
	return l.forms[plural.Cardinal.MatchPlural(l.Tag, n, 0, 0, 0, 0)]
}

// Fill replaces {1}, {2}, … in s by args, and {1|a|b} by a when the
// first number in the first argument is 1, else by b.
func Fill(s string, args ...any) string { return fill(s, args) }

// A catalogue string may choose between two words by a number its
// argument holds: "a {1|la|las} {1}" is Spanish's "a la 1:00" and "a las
// 3:00", the article agreeing with the hour of the time in {1}; Italian's
// "{1|all’|alle }{1}" and Portuguese's "{1|à|às} {1}" likewise. The
// choice reads the first number in the argument (an int, or the first run
// of digits of a string, "01:30" and "1:30 p. m." both 1); the theme's
// scripts fill strings the same way (lectern.js).
func fill(s string, args []any) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		if i+2 < len(s) && s[i+1] >= '1' && s[i+1] <= '9' && s[i+2] == '|' {
			if one, other, n, ok := choice(s[i+3:]); ok {
				b.WriteString(s[:i])
				if k := int(s[i+1] - '1'); k < len(args) && firstNumber(args[k]) == 1 {
					b.WriteString(one)
				} else {
					b.WriteString(other)
				}
				s = s[i+3+n:]
				continue
			}
		}
		if i+2 >= len(s) || s[i+2] != '}' || s[i+1] < '1' || s[i+1] > '9' {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		if n := int(s[i+1] - '1'); n < len(args) {
			switch a := args[n].(type) {
			case string:
				b.WriteString(a)
			case int:
				b.WriteString(strconv.Itoa(a))
			default:
				fmt.Fprint(&b, a)
			}
		}
		s = s[i+3:]
	}
}

// choice reads "a|b}" at the start of s: the two words, and the length
// read; ok is false when s does not start so.
func choice(s string) (one, other string, n int, ok bool) {
	bar := strings.IndexAny(s, "|{}")
	if bar < 0 || s[bar] != '|' {
		return "", "", 0, false
	}
	end := strings.IndexAny(s[bar+1:], "|{}")
	if end < 0 || s[bar+1+end] != '}' {
		return "", "", 0, false
	}
	return s[:bar], s[bar+1 : bar+1+end], bar + 1 + end + 1, true
}

// firstNumber is the first number an argument holds: an int itself, the
// first run of digits of a string (Western or Arabic-Indic), else -1.
func firstNumber(a any) int {
	switch a := a.(type) {
	case int:
		return a
	case string:
		n, seen := 0, false
		for _, r := range a {
			d := digitValue(r)
			if d < 0 {
				if seen {
					break
				}
				continue
			}
			n, seen = n*10+d, true
		}
		if seen {
			return n
		}
	}
	return -1
}

// digitValue is the value of a decimal digit of the scripts the built-in
// languages write numbers in, or -1.
func digitValue(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case 0x0660 <= r && r <= 0x0669: // Arabic-Indic
		return int(r - 0x0660)
	case 0x06F0 <= r && r <= 0x06F9: // Extended Arabic-Indic (Persian, Urdu)
		return int(r - 0x06F0)
	}
	return -1
}

// Words are the words of the built-in catalogue of tag, lower case: a page
// in another language that shows an English word that language's own
// strings lack has a string the catalogues miss.
func Words(tag string) map[string]bool {
	out := map[string]bool{}
	for _, m := range builtins[tag] {
		for _, s := range m.Forms {
			for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
				out[w] = true
			}
		}
	}
	return out
}

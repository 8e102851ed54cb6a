package render

// htmlScanner is the part of an HTML tokenizer that pageSections needs.
// x/net/html's Tokenizer did the job but took a tenth of a build's time: it
// copies its input and lower-cases, unescapes and allocates for every tag
// and attribute. This one reads the page's bytes in place and decodes only
// text and the attributes asked for. It splits the input where the
// Tokenizer does (text runs, tags, comments, raw-text elements), so the
// index stays the same. Entities go through html.UnescapeString, which
// differs from the Tokenizer only on malformed references ("&#x;") and in
// attributes, where the Tokenizer keeps "&copyx" and "&copy=" as written:
// only raw HTML holds those.

import (
	"bytes"
	"html"
	"slices"

	"golang.org/x/net/html/atom"
)

type tokenKind uint8

const (
	eofToken   tokenKind = iota // the end, or a tag the end cuts off
	textToken                   // text holds it, decoded
	startToken                  // tag, attrs and selfClosing describe it
	endToken                    // tag names it
)

type htmlScanner struct {
	src []byte
	pos int
	raw atom.Atom // an element just opened whose content is text up to its end tag

	text        []byte
	tag         atom.Atom // 0 for a name HTML does not define
	selfClosing bool
	attrs       []htmlAttr // as written, in order, repeats included
	lower       []byte     // room to lower-case a tag's name
}

type htmlAttr struct{ key, val []byte }

// next reads a token, passing over comments, doctypes and the like.
func (z *htmlScanner) next() tokenKind {
	b := z.src
	for z.pos < len(b) {
		if z.raw != 0 && z.rawText() {
			return textToken
		}
		// Text runs up to a '<' that opens a tag, comment or declaration.
		start, i := z.pos, z.pos
		for {
			j := bytes.IndexByte(b[i:], '<')
			if j < 0 {
				i = len(b)
				break
			}
			i += j
			if i+1 < len(b) && (asciiLetter(b[i+1]) || b[i+1] == '/' || b[i+1] == '!' || b[i+1] == '?') {
				break
			}
			i++
		}
		if i > start {
			z.pos = i
			z.text = decodeText(b[start:i], false, false)
			return textToken
		}
		switch c := b[i+1]; {
		case asciiLetter(c):
			if !z.readTag(i + 1) {
				return eofToken
			}
			switch z.tag {
			case atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext,
				atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp:
				z.raw = z.tag // even after "/>", as the Tokenizer does
			}
			return startToken
		case c == '/':
			switch {
			case i+2 == len(b): // a "</" at the end is text
				z.pos = len(b)
				z.text = b[i:]
				return textToken
			case asciiLetter(b[i+2]):
				if !z.readTag(i + 2) {
					return eofToken
				}
				return endToken
			default: // "</>" and "</ …>" are nothing
				z.pos = closeAngle(b, i+2)
			}
		case c == '?':
			z.pos = closeAngle(b, i+2)
		case len(b)-i < 4: // "<!" and at most one more byte
			z.pos = len(b)
		case b[i+2] == '-' && b[i+3] == '-':
			z.pos = commentEnd(b, i+4)
		default: // <!DOCTYPE …> or a bogus comment
			z.pos = closeAngle(b, i+2)
		}
	}
	return eofToken
}

// readTag reads the tag whose name starts at b[i], up to its '>'. It
// reports false if the input ends first: the Tokenizer then stops.
func (z *htmlScanner) readTag(i int) bool {
	b := z.src
	n := i
	for n < len(b) && !htmlSpace(b[n]) && b[n] != '/' && b[n] != '>' {
		n++
	}
	z.lower = append(z.lower[:0], b[i:n]...)
	for k, c := range z.lower {
		z.lower[k] = asciiLower(c)
	}
	z.tag = atom.Lookup(z.lower)
	z.attrs = z.attrs[:0]
	valToEnd := false // the last attribute is unquoted and runs up to '>'
	for i = n; ; {
		i = skipSpace(b, i)
		if i == len(b) {
			return false
		}
		if b[i] == '>' {
			break
		}
		if b[i] == '/' {
			i++
			continue
		}
		k := i
		i++ // the first byte is the name's, even '='
		for i < len(b) && !htmlSpace(b[i]) && b[i] != '/' && b[i] != '>' && b[i] != '=' {
			i++
		}
		a := htmlAttr{key: b[k:i]}
		valToEnd = false
		if i = skipSpace(b, i); i == len(b) {
			return false
		}
		switch b[i] {
		case '/':
			i++
		case '=':
			if i = skipSpace(b, i+1); i == len(b) {
				return false
			}
			switch q := b[i]; q {
			case '>':
			case '"', '\'':
				j := bytes.IndexByte(b[i+1:], q)
				if j < 0 {
					return false
				}
				a.val = b[i+1 : i+1+j]
				i += j + 2
			default:
				j := i
				for j < len(b) && !htmlSpace(b[j]) && b[j] != '>' {
					j++
				}
				if j == len(b) {
					return false
				}
				a.val, i, valToEnd = b[i:j], j, b[j] == '>'
			}
		}
		z.attrs = append(z.attrs, a)
	}
	z.pos = i + 1
	// "<br/>" closes itself but "<a href=/>" does not: its '/' is the
	// value's. The Tokenizer keeps only an attribute's first instance, so
	// a repeated one does not count.
	z.selfClosing = b[i-1] == '/'
	if z.selfClosing && valToEnd {
		last := string(z.attrs[len(z.attrs)-1].key)
		z.selfClosing = slices.ContainsFunc(z.attrs[:len(z.attrs)-1], func(a htmlAttr) bool { return equalFold(a.key, last) })
	}
	return true
}

// attr returns the value, as written, of the tag's first attribute named
// key (in lower case); the Tokenizer ignores repeats.
func (z *htmlScanner) attr(key string) ([]byte, bool) {
	for _, a := range z.attrs {
		if equalFold(a.key, key) {
			return a.val, true
		}
	}
	return nil, false
}

// rawText reads the content of the raw-text element just opened, and
// reports false if it is empty.
func (z *htmlScanner) rawText() bool {
	tag := z.raw
	z.raw = 0
	b := z.src[z.pos:]
	n := len(b) // plaintext runs to the end
	switch tag {
	case atom.Script:
		n = scriptEnd(b)
	case atom.Plaintext:
	default:
		for i := 0; ; i += 2 {
			j := bytes.Index(b[i:], []byte("</"))
			if j < 0 {
				break
			}
			if i += j; endTagAt(b, i, tag.String()) {
				n = i
				break
			}
		}
	}
	if n == 0 {
		return false
	}
	z.pos += n
	// Only title and textarea hold entities.
	z.text = decodeText(b[:n], tag != atom.Title && tag != atom.Textarea, true)
	return true
}

// scriptEnd returns where a script's text ends: at its end tag or the end
// of b. It follows the Tokenizer's script states, in which a "</script>"
// after "<!--<script>" does not end the script until "-->".
func scriptEnd(b []byte) int {
	const (
		data    = iota
		escaped // after "<!--"
		double  // after "<!--<script>"
	)
	state, dashes := data, 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if state == data {
			switch {
			case c != '<':
			case endTagAt(b, i, "script"):
				return i
			case bytes.HasPrefix(b[i+1:], []byte("!--")):
				state, dashes = escaped, 2
				i += 3
			}
			continue
		}
		switch {
		case c == '-':
			dashes++
			continue
		case c == '>' && dashes >= 2:
			state = data
		case c != '<':
		case state == escaped && endTagAt(b, i, "script"):
			return i
		case state == escaped && i+1 < len(b) && asciiLetter(b[i+1]):
			if i+7 < len(b) && equalFold(b[i+1:i+7], "script") && isTagEnd(b[i+7]) {
				state = double
				i += 7
			}
		case state == escaped && i+1 < len(b) && b[i+1] != '/':
			state = data // the Tokenizer's quirk: the spec stays escaped
		case state == double && endTagAt(b, i, "script"):
			state = escaped
			i += 8
		}
		dashes = 0
	}
	return len(b)
}

// commentEnd returns where the comment whose text starts at b[i] ends:
// after "-->" or "--!>", or after the '>' of "<!-->" or "<!--->".
func commentEnd(b []byte, i int) int {
	dashes, first := 0, true
	for ; i < len(b); i++ {
		switch b[i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || first {
				return i + 1
			}
		case '!':
			if dashes >= 2 && i+1 < len(b) && b[i+1] == '>' {
				return i + 2
			}
		}
		dashes, first = 0, false
	}
	return len(b)
}

// endTagAt reports whether b[i:] starts with the end tag of name.
func endTagAt(b []byte, i int, name string) bool {
	j := i + 2 + len(name)
	return j < len(b) && b[i] == '<' && b[i+1] == '/' && equalFold(b[i+2:j], name) && isTagEnd(b[j])
}

// closeAngle returns the position after the next '>', or the end.
func closeAngle(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '>'); j >= 0 {
		return i + j + 1
	}
	return len(b)
}

// decodeText does to text what the Tokenizer does: "\r\n" and "\r" become
// "\n", NUL becomes U+FFFD if nul, and entities are decoded unless raw.
func decodeText(b []byte, raw, nul bool) []byte {
	if bytes.IndexByte(b, '\r') >= 0 {
		b = bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	if nul && bytes.IndexByte(b, 0) >= 0 {
		b = bytes.ReplaceAll(b, []byte{0}, []byte("\uFFFD"))
	}
	if !raw && bytes.IndexByte(b, '&') >= 0 {
		b = []byte(html.UnescapeString(string(b)))
	}
	return b
}

// equalFold compares ASCII letters case-insensitively, as the Tokenizer
// does (bytes.EqualFold would also match "ſ" with "s").
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		if asciiLower(b[i]) != asciiLower(s[i]) {
			return false
		}
	}
	return true
}

func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func asciiLetter(c byte) bool { return 'a' <= asciiLower(c) && asciiLower(c) <= 'z' }

func htmlSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

// isTagEnd reports whether c ends a tag's name where a raw-text element's
// end tag is looked for.
func isTagEnd(c byte) bool { return htmlSpace(c) || c == '/' || c == '>' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && htmlSpace(b[i]) {
		i++
	}
	return i
}

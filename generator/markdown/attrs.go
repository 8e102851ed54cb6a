package markdown

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Attr is one attribute of a block's opening fence. Off is its byte offset
// in the document, for messages.
type Attr struct {
	Key, Value string
	Off        int
}

// attrError is a malformed attribute list; Off is relative to the list start.
type attrError struct {
	Off int
	Msg string
}

func (e *attrError) Error() string { return e.Msg }

// parseAttrs parses Pandoc's attribute list `{.class #id key="value" k=v}`.
// s starts at '{'. It returns the attributes (classes as key ".", the id as
// "#"), the length consumed including '}', or an error with an offset.
func parseAttrs(s string) (attrs []Attr, n int, err *attrError) {
	if s == "" || s[0] != '{' {
		return nil, 0, &attrError{0, "attributes must start with {"}
	}
	i := 1
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return nil, 0, &attrError{i, "attributes are not closed: add } at the end"}
		}
		c := s[i]
		switch {
		case c == '}':
			return attrs, i + 1, nil
		case c == '.' || c == '#':
			j := i + 1
			for j < len(s) && isNameByte(s[j]) {
				j++
			}
			if j == i+1 {
				return nil, 0, &attrError{i, fmt.Sprintf("expected a name after %q", c)}
			}
			attrs = append(attrs, Attr{Key: string(c), Value: s[i+1 : j], Off: i})
			i = j
		case isNameByte(c):
			start := i
			for i < len(s) && isNameByte(s[i]) {
				i++
			}
			key := s[start:i]
			if i >= len(s) || s[i] != '=' {
				return nil, 0, &attrError{start, fmt.Sprintf("attribute %q needs a value: write %s=\"…\"", key, key)}
			}
			i++
			if i >= len(s) {
				return nil, 0, &attrError{i, fmt.Sprintf("attribute %q needs a value", key)}
			}
			var val string
			if q := s[i]; q == '"' || q == '\'' {
				var b strings.Builder
				j := i + 1
				closed := false
				for j < len(s) {
					if s[j] == '\\' && j+1 < len(s) && (s[j+1] == q || s[j+1] == '\\') {
						b.WriteByte(s[j+1])
						j += 2
						continue
					}
					if s[j] == q {
						closed = true
						break
					}
					b.WriteByte(s[j])
					j++
				}
				if !closed {
					return nil, 0, &attrError{i, fmt.Sprintf("the value of %q has no closing %c", key, q)}
				}
				val = b.String()
				i = j + 1
			} else {
				j := i
				for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '}' {
					if s[j] == '"' || s[j] == '\'' || s[j] == '=' || s[j] == '{' {
						return nil, 0, &attrError{j, fmt.Sprintf("unexpected %q in the value of %q: put the value in double quotes", s[j], key)}
					}
					j++
				}
				if j == i {
					return nil, 0, &attrError{i, fmt.Sprintf("attribute %q needs a value", key)}
				}
				val = s[i:j]
				i = j
			}
			for _, a := range attrs {
				if a.Key == key {
					return nil, 0, &attrError{start, fmt.Sprintf("attribute %q is given twice", key)}
				}
			}
			attrs = append(attrs, Attr{Key: key, Value: val, Off: start})
			if i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '}' {
				return nil, 0, &attrError{i, "put a space between attributes"}
			}
		default:
			r, _ := utf8.DecodeRuneInString(s[i:]) // show "é", not its first byte
			return nil, 0, &attrError{i, fmt.Sprintf("unexpected %q in attributes", r)}
		}
	}
}

func isNameByte(c byte) bool {
	return c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

package markdown

import (
	"bytes"
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// ids makes heading ids that keep non-ASCII words ("Café Übung" becomes
// "café-übung"); goldmark's default drops them. One per document.
type ids struct {
	used map[string]bool
	// next is the suffix to try first for a base: counting from 1 again
	// for each of thousands of equal headings would take quadratic time.
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	if bytes.Contains(value, []byte("<!--")) || bytes.Contains(value, []byte("]{")) {
		value = headingText(value)
	}
	b := make([]rune, 0, len(value))
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-':
			dash = true
		}
	}
	id := string(b)
	if id == "" {
		id = "section"
	}
	base := id
	if s.used[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// claimID marks an id the author gave (on a heading, a block or a span) as
// used on the page, so no heading is given it, and warns when it is taken.
func claimID(pc parser.Context, off int, id string) {
	s, ok := pc.IDs().(*ids)
	if !ok {
		return
	}
	if s.used[id] {
		report(pc, off, warning, "the id %q is used twice on this page: links to #%s go to the first", id, id)
	}
	s.used[id] = true
}

// headingText is a heading's source without its HTML comments, which are
// never published, not even in an id, and without its spans' attributes
// (`[term]{#id}`); code spans are left as they are.
func headingText(v []byte) []byte {
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); {
		switch {
		case v[i] == '`':
			// A code span: up to a run of as many backticks, or the end.
			n := 0
			for i+n < len(v) && v[i+n] == '`' {
				n++
			}
			fence := v[i : i+n]
			end := bytes.Index(v[i+n:], fence)
			if end < 0 {
				out = append(out, v[i:i+n]...)
				i += n
				continue
			}
			out = append(out, v[i:i+n+end+n]...)
			i += n + end + n
		case v[i] == ']' && i+1 < len(v) && v[i+1] == '{':
			if _, n, err := parseAttrs(string(v[i+1:])); err == nil {
				out = append(out, ']')
				i += 1 + n
				continue
			}
			out = append(out, v[i])
			i++
		case bytes.HasPrefix(v[i:], []byte("<!--")):
			rest := v[i+4:]
			switch end := bytes.Index(rest, []byte("-->")); {
			case bytes.HasPrefix(rest, []byte(">")): // <!-->
				i += 5
			case bytes.HasPrefix(rest, []byte("->")): // <!--->
				i += 6
			case end < 0:
				return out // not closed: the rest is the comment
			default:
				i += 4 + end + 3
			}
		default:
			out = append(out, v[i])
			i++
		}
	}
	return out
}

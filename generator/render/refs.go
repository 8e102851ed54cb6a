package render

import (
	"bytes"
	"strings"

	"lectern/generator/markdown"
)

// Markers the Markdown stage writes for addresses inside the kit. Bodies are
// rendered once; each page then makes them relative to where it sits, and
// aggregate pages turn links to their own modules into anchors.
const (
	pageMarker = "lectern-page:" // relative to the edition root
	fileMarker = "lectern-file:" // relative to the site root
)

// refRewriter rewrites one body for one page.
type refRewriter struct {
	root   string // prefix from the page to its edition root
	site   string // prefix from the page to the site root
	prefix string // id prefix on aggregate pages ("" on a module page)
	// local maps an edition path (e.g. "intro/index.html") to the id prefix of
	// that module on this aggregate page.
	local map[string]string
}

// writer is a strings.Builder or a bytes.Buffer.
type writer interface {
	Write([]byte) (int, error)
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// idAttrs hold ids that must be unique on a page. data-selfcheck,
// data-question and data-answer are not among them: they name where the
// browser keeps an attendee's answers (with the module's path), so they must
// be the same on the module page and on every aggregate page that shows the
// block, or the answers would not be shared.
var idAttrs = [][]byte{[]byte(` id="`), []byte(` name="`), []byte(` for="`), []byte(` aria-labelledby="`), []byte(` aria-describedby="`)}

// rewriteEdition rewrites edition e of a converted body into dst, piece by
// piece (markdown.HTML keeps the attendee edition as cuts).
func (r *refRewriter) rewriteEdition(dst writer, h markdown.HTML, e markdown.Edition) {
	for p := range h.Pieces(e) {
		r.rewrite(dst, p)
	}
}

// rewrite copies body to dst with markers resolved and, on aggregate pages,
// ids made unique by the module's prefix.
func (r *refRewriter) rewrite(dst writer, body []byte) {
	if r.prefix == "" && !bytes.Contains(body, []byte(`"lectern-`)) {
		dst.Write(body)
		return
	}
	for len(body) > 0 {
		i := bytes.IndexByte(body, '"')
		if i < 0 {
			dst.Write(body)
			return
		}
		// What precedes the quote decides what the value is.
		before := body[:i+1]
		dst.Write(before)
		body = body[i+1:]
		end := bytes.IndexByte(body, '"')
		if end < 0 {
			dst.Write(body)
			return
		}
		val := body[:end]
		switch {
		case bytes.HasPrefix(val, []byte(pageMarker)):
			dst.WriteString(r.page(string(val[len(pageMarker):])))
		case bytes.HasPrefix(val, []byte(fileMarker)):
			dst.WriteString(r.site)
			dst.Write(val[len(fileMarker):])
		case r.prefix != "" && bytes.HasSuffix(before, []byte(` href="`)) && bytes.HasPrefix(val, []byte("#")):
			dst.WriteString("#" + r.prefix)
			dst.Write(val[1:])
		case r.prefix != "" && isIDAttr(before):
			if bytes.HasSuffix(before, []byte(` aria-labelledby="`)) || bytes.HasSuffix(before, []byte(` aria-describedby="`)) {
				for j, f := range bytes.Fields(val) {
					if j > 0 {
						dst.WriteByte(' ')
					}
					dst.WriteString(r.prefix)
					dst.Write(f)
				}
			} else {
				dst.WriteString(r.prefix)
				dst.Write(val)
			}
		default:
			dst.Write(val)
		}
		dst.WriteByte('"')
		body = body[end+1:]
	}
}

func isIDAttr(before []byte) bool {
	for _, a := range idAttrs {
		if bytes.HasSuffix(before, a) {
			return true
		}
	}
	return false
}

// page resolves an edition path with an optional fragment.
func (r *refRewriter) page(target string) string {
	p, frag, _ := strings.Cut(target, "#")
	if pre, ok := r.local[p]; ok {
		if frag == "" {
			return "#" + strings.TrimSuffix(pre, "--")
		}
		return "#" + pre + frag
	}
	if frag != "" {
		return r.root + p + "#" + frag
	}
	return r.root + p
}

// upTo returns "../" repeated for each folder in path (a file path such as
// "a/b/index.html" is two folders deep).
func upTo(path string) string {
	return strings.Repeat("../", strings.Count(path, "/"))
}

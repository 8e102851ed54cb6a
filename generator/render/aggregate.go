package render

import (
	"bytes"
	"html/template"
	"strings"
)

// Helpers for the aggregate pages, which show modules' bodies, or pieces of
// them, side by side.

// shiftHeadingsIn moves every heading of a module body down by n levels (h2
// becomes h3 for n = 1; h6 stays h6), for aggregate pages: there a module's
// title (in the worksheet pack, a worksheet's) is itself a heading, and the
// body's headings belong under it, so the page's outline (and the PDF
// bookmarks Chromium makes from it) nests part › module › section instead of
// listing them all side by side.
//
// Bodies are goldmark output, where a literal "<h2" in text is escaped, so
// every "<hN" and "</hN" followed by a space or ">" is a heading tag.
// It works in place: only a digit changes.
func shiftHeadingsIn(b []byte, n int) {
	if n <= 0 {
		return
	}
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			return
		}
		b = b[i:]
		tag := 1
		if len(b) > 1 && b[1] == '/' {
			tag = 2
		}
		if len(b) > tag+2 && (b[tag] == 'h' || b[tag] == 'H') && b[tag+1] >= '1' && b[tag+1] <= '6' &&
			(b[tag+2] == ' ' || b[tag+2] == '>' || b[tag+2] == '\n') {
			b[tag] = 'h'
			b[tag+1] = byte('0' + min(int(b[tag+1]-'0')+n, 6))
			b = b[tag+2:]
			continue
		}
		b = b[1:]
	}
}

// outsideLinks fixes the in-page links of a piece of a module shown alone on
// an aggregate page (a worksheet in the pack, a quote on the wall): a link
// to an anchor of the module that is not in the piece goes to the module's
// own page instead. prefix is the id prefix the piece was given, and
// modulePage the module page's address from this page.
func outsideLinks(h template.HTML, prefix, modulePage string) template.HTML {
	s := string(h)
	const hrefAttr = ` href="#`
	if !strings.Contains(s, hrefAttr+prefix) {
		return h
	}
	ids := map[string]bool{}
	for rest := s; ; {
		i := strings.Index(rest, ` id="`)
		if i < 0 {
			break
		}
		rest = rest[i+5:]
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			ids[rest[:j]] = true
			rest = rest[j:]
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, hrefAttr)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i+len(hrefAttr)-1])
		s = s[i+len(hrefAttr)-1:] // at "#…"
		j := strings.IndexByte(s, '"')
		if j < 0 {
			b.WriteString(s)
			break
		}
		frag := s[1:j]
		if id, ok := strings.CutPrefix(frag, prefix); ok && !ids[frag] {
			b.WriteString(template.HTMLEscapeString(modulePage) + "#" + id)
		} else {
			b.WriteString(s[:j])
		}
		s = s[j:]
	}
	return template.HTML(b.String())
}

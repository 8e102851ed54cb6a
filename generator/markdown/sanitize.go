package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// htmlFilter decides what the raw HTML of one document publishes. It reads
// one fragment at a time (an HTML block, or one inline tag), in document
// order, with the tokenizer browsers' parsers are modelled on, so it sees a
// comment or a tag where a browser would:
//
//   - comments are never published, in either mode;
//   - with unsafe off, an element of htmlElements is published as
//     bluemonday writes it, without the attributes it refuses; anything
//     else is shown as text, so the author sees what was left out; every
//     such change is a warning. Elements are closed in the block that opens
//     them, so raw HTML cannot close Lectern's own elements or leave one of
//     its blocks open;
//   - with unsafe on, the rest is published as written, and what runs a
//     script or fetches from another site is a warning.
type htmlFilter struct {
	unsafe bool
	report func(off int, sev severity, format string, args ...any)
	// escaped holds the elements whose start tag was shown as text: their
	// end tags are too, without a warning of their own.
	escaped map[string]bool
	scopes  map[ast.Node]*htmlScope
	order   []*htmlScope // scopes in order of first use
	// foreign counts the open <svg> and <math> elements (unsafe only),
	// inside which CDATA is text; it carries over from one inline tag to
	// the next.
	foreign int
	// unended holds where HTML blocks start that run on unended (already
	// reported): their elements are not reported again as not closed.
	unended map[int]bool
}

// htmlScope is a node whose children raw HTML elements open and close in:
// an HTML block's parent, or an inline tag's paragraph (or heading, cell…).
type htmlScope struct {
	node   ast.Node
	inline bool
	open   []openTag
}

type openTag struct {
	name string
	off  int
}

// fragment is the bytes of one piece of raw HTML and where they come from.
type fragment struct {
	b      []byte
	starts []int // offset in b where each source piece starts
	srcs   []int // that piece's offset in the source
}

func (f *fragment) add(piece []byte, srcOff int) {
	f.starts = append(f.starts, len(f.b))
	f.srcs = append(f.srcs, srcOff)
	f.b = append(f.b, piece...)
}

// at maps an offset in b to the source.
func (f *fragment) at(i int) int {
	k := 0
	for k+1 < len(f.starts) && f.starts[k+1] <= i {
		k++
	}
	if len(f.srcs) == 0 {
		return 0
	}
	return f.srcs[k] + i - f.starts[k]
}

func (h *htmlFilter) scope(n ast.Node, inline bool) *htmlScope {
	if h.scopes == nil {
		h.scopes = map[ast.Node]*htmlScope{}
	}
	s := h.scopes[n]
	if s == nil {
		s = &htmlScope{node: n, inline: inline}
		h.scopes[n] = s
		h.order = append(h.order, s)
	}
	return s
}

// filter returns what fragment f publishes, whether that holds any element
// (an HTML block of text alone becomes a paragraph) and whether f held a
// comment.
func (h *htmlFilter) filter(f *fragment, sc *htmlScope) (out []byte, elements, comment bool) {
	z := html.NewTokenizer(bytes.NewReader(f.b))
	off := 0
	z.AllowCDATA(h.foreign > 0)
	for {
		tt := z.Next()
		raw := z.Raw()
		at := off
		off += len(raw)
		switch tt {
		case html.ErrorToken:
			if len(raw) > 0 {
				// A tag not finished by the end of the fragment.
				if h.unsafe {
					out = append(out, raw...)
				} else {
					out = appendEscaped(out, raw)
					h.report(f.at(at), warning, "%s is shown as text: the tag is not finished (add >)", shortTag(raw))
				}
			}
			return out, elements, comment
		case html.CommentToken:
			if h.unsafe || bytes.HasPrefix(raw, []byte("<!--")) {
				// Never published: an author's notes, or (as <?…> and
				// <!…>) what a browser takes for one.
				comment = true
				switch {
				case !bytes.HasPrefix(raw, []byte("<!--")) || commentClosed(raw):
				case sc.inline:
					h.report(f.at(at), warning, "this HTML comment is not closed in its paragraph, so the rest of the paragraph is left out: end it with --> before the paragraph ends")
				default:
					h.report(f.at(at), warning, "this HTML comment is not closed, so the rest of the page is left out: end it with -->")
				}
				continue
			}
			out = appendEscaped(out, raw)
			h.report(f.at(at), warning, "%s is shown as text: it is not an HTML element or comment", shortTag(raw))
		case html.DoctypeToken:
			if h.unsafe {
				out = append(out, raw...)
				continue
			}
			out = appendEscaped(out, raw)
			h.report(f.at(at), warning, "%s is shown as text: a page of a kit is not a whole HTML document", shortTag(raw))
		case html.TextToken:
			if i := bytes.Index(raw, []byte("-->")); i >= 0 && comment {
				h.report(f.at(at+i), warning, "this --> ends no comment, so the text before it is shown: HTML comments do not nest")
			}
			if h.unsafe {
				out = append(out, raw...)
			} else {
				out = append(out, html.EscapeString(string(z.Text()))...)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			raw = bytes.Clone(raw) // Token lower-cases names in place: keep what was written
			tok := z.Token()
			if h.unsafe {
				h.risks(f.at(at), tok)
				out = append(out, raw...)
				if (tok.Data == "svg" || tok.Data == "math") && tt == html.StartTagToken {
					h.foreign++
					z.AllowCDATA(true)
				}
				continue
			}
			clean, ok := h.startTag(f.at(at), tok, raw)
			if !ok {
				out = appendEscaped(out, raw)
				continue
			}
			out = append(out, clean...)
			elements = true
			if !htmlVoid[tok.Data] {
				sc.open = append(sc.open, openTag{tok.Data, f.at(at)})
			}
		case html.EndTagToken:
			raw = bytes.Clone(raw)
			tok := z.Token()
			if h.unsafe {
				out = append(out, raw...)
				if (tok.Data == "svg" || tok.Data == "math") && h.foreign > 0 {
					h.foreign--
					z.AllowCDATA(h.foreign > 0)
				}
				continue
			}
			name := tok.Data
			_, allowed := htmlElements[name]
			i := len(sc.open) - 1
			for i >= 0 && sc.open[i].name != name {
				i--
			}
			if i < 0 {
				out = appendEscaped(out, raw)
				switch {
				case h.escaped[name] || htmlVoid[name]:
					// Its start tag was shown as text, with a warning.
				case allowed:
					h.report(f.at(at), warning, "</%s> is shown as text: no <%s> is open before it in the same block (an element opened in a ::: block, list item or quote closes there)", name, name)
				default:
					h.report(f.at(at), warning, "%s is shown as text: %s", shortTag(raw), notAllowed(name))
				}
				continue
			}
			// Elements opened since close here too (as a browser would).
			for j := len(sc.open) - 1; j > i; j-- {
				if !htmlOptionalEnd[sc.open[j].name] {
					out = append(out, "</"+sc.open[j].name+">"...)
				}
			}
			sc.open = sc.open[:i]
			out = append(out, "</"+name+">"...)
			elements = true
		}
	}
}

// startTag returns the published form of an allowed start tag, or false
// when it is shown as text; every change is reported at off.
func (h *htmlFilter) startTag(off int, tok html.Token, raw []byte) ([]byte, bool) {
	name := tok.Data
	if _, ok := htmlElements[name]; !ok {
		h.escapedTag(name)
		h.report(off, warning, "%s is shown as text: %s", shortTag(raw), notAllowed(name))
		return nil, false
	}
	clean := htmlPolicy().SanitizeBytes([]byte(tok.String()))
	kept := map[string]bool{}
	if len(clean) > 0 {
		z := html.NewTokenizer(bytes.NewReader(clean))
		if tt := z.Next(); tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			for _, a := range z.Token().Attr {
				kept[a.Key] = true
			}
		}
	}
	if name == "img" && !kept["src"] {
		// An image with nothing to show: show the tag instead.
		h.escapedTag(name)
		src, has := attrValue(tok, "src")
		switch {
		case !has:
			h.report(off, warning, "<img> is shown as text: it has no src (or use ![description](file.png))")
		default:
			h.report(off, warning, "<img> is shown as text: its src %s", urlProblem(src))
		}
		return nil, false
	}
	if len(clean) == 0 {
		h.escapedTag(name)
		h.report(off, warning, "%s is shown as text", shortTag(raw))
		return nil, false
	}
	seen := map[string]bool{}
	for _, a := range tok.Attr {
		if kept[a.Key] && !seen[a.Key] {
			seen[a.Key] = true
			continue
		}
		h.report(off, warning, "%s is left out of <%s>: %s", a.Key, name, attrProblem(a))
	}
	return clean, true
}

func (h *htmlFilter) escapedTag(name string) {
	if h.escaped == nil {
		h.escaped = map[string]bool{}
	}
	h.escaped[name] = true
}

// risks reports, with unsafe on, what a published tag runs or fetches.
func (h *htmlFilter) risks(off int, tok html.Token) {
	const why = "([markdown] unsafe = true publishes raw HTML as written)"
	if tok.Data == "script" {
		h.report(off, warning, "<script> runs a script in the page %s", why)
	}
	for _, a := range tok.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			h.report(off, warning, "the %s attribute of <%s> runs a script %s", key, tok.Data, why)
		case urlAttr[key] && ScriptURL(a.Val):
			h.report(off, warning, "the %s of <%s> runs a script %s", key, tok.Data, why)
		case fetched(tok.Data, key) && remoteURL(a.Val):
			h.report(off, warning, "<%s %s=\"%s\"> is fetched from another site whenever the page is viewed, and is missing offline: copy it into the module's bundle", tok.Data, key, short(a.Val))
		case key == "style" && strings.Contains(strings.ToLower(a.Val), "url("):
			h.report(off, warning, "the style of <%s> may fetch from another site: use an image from the module's bundle", tok.Data)
		}
	}
}

// urlAttr are the attributes that hold an address.
var urlAttr = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "data": true,
	"poster": true, "background": true, "cite": true, "srcset": true,
}

// fetched reports whether the browser fetches what attribute key of element
// el points to as soon as the page is viewed (a link is fetched only when
// followed).
func fetched(el, key string) bool {
	switch key {
	case "src", "srcset", "poster", "data", "background", "xlink:href":
		return true
	case "href":
		switch el {
		case "link", "image", "use", "feimage", "base":
			return true
		}
	case "action", "formaction":
		return true
	}
	return false
}

// ScriptURL reports an address that runs a script when followed or loaded.
func ScriptURL(v string) bool {
	s := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, v))
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") || strings.HasPrefix(s, "data:text/html")
}

func remoteURL(v string) bool {
	s := strings.ToLower(strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	if strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "https:") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, `\\`) || strings.HasPrefix(s, `/\`) || strings.HasPrefix(s, `\/`) {
		return true
	}
	// srcset holds several addresses.
	return strings.Contains(s, ", http:") || strings.Contains(s, ", https:") || strings.Contains(s, ",http") || strings.Contains(s, ", //")
}

// notAllowed says why element name is shown as text.
func notAllowed(name string) string {
	switch name {
	case "script", "noscript":
		return "Lectern publishes no scripts"
	case "style":
		return "styles belong in a theme (themes/<name>/)"
	case "svg", "math":
		return "save the drawing as a file in the module's bundle and show it with ![description](file.svg)"
	case "iframe", "object", "embed", "frame", "frameset", "applet", "portal":
		return "Lectern publishes no embedded pages: link to the page instead"
	}
	return "it is not among the HTML elements Lectern publishes (see \"Raw HTML\" in the author guide)"
}

// attrProblem says why attribute a was left out.
func attrProblem(a html.Attribute) string {
	key := strings.ToLower(a.Key)
	switch {
	case strings.HasPrefix(key, "on"):
		return "Lectern publishes no scripts"
	case key == "style":
		return "give the element a class and style the class in a theme"
	case urlAttr[key]:
		return "its address " + urlProblem(a.Val)
	}
	return "it is not among the attributes Lectern keeps (see \"Raw HTML\" in the author guide)"
}

// urlProblem says what is wrong with an address in raw HTML, completing
// "its address …".
func urlProblem(v string) string {
	switch {
	case ScriptURL(v):
		return "would run a script, and Lectern publishes none"
	case remoteURL(v):
		return "is on another site, so it would be fetched whenever the page is viewed and be missing offline: copy the file into the module's bundle"
	case strings.HasPrefix(strings.TrimSpace(v), "/"):
		return "starts with /, so it breaks when the site is opened from disk: use a path relative to the page"
	}
	return "is not a path inside the kit"
}

func attrValue(tok html.Token, key string) (string, bool) {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// commentClosed reports whether a comment token ends as HTML ends one, not
// at the end of its input.
func commentClosed(raw []byte) bool {
	return bytes.HasSuffix(raw, []byte("-->")) || bytes.HasSuffix(raw, []byte("--!>")) ||
		string(raw) == "<!-->" || string(raw) == "<!--->"
}

func appendEscaped(out, b []byte) []byte {
	return append(out, html.EscapeString(string(b))...)
}

// shortTag is the start of a tag, for messages.
func shortTag(raw []byte) string {
	s := strings.Join(strings.Fields(string(raw)), " ")
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return s
}

// short keeps an address readable in a message.
func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

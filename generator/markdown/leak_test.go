package markdown

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestGoldenLeaks searches every golden case's output, both editions, for
// what must never be published: comment text (the golden files write
// SECRET in every comment, and nowhere else) and, unless the case lets raw
// HTML through, anything that runs or fetches (unsafeHTML).
func TestGoldenLeaks(t *testing.T) {
	for _, file := range goldenFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range parseGolden(t, string(data)) {
			got := convertCase(t, c)
			fac := got.facilitator
			if fac == sameAsAtt+"\n" {
				fac = got.attendee
			}
			for _, out := range []string{got.attendee, fac} {
				if strings.Contains(out, "SECRET") {
					t.Errorf("%s: case %q publishes comment text:\n%s", file, c.header[0], out)
				}
				if c.options(t).Unsafe {
					continue
				}
				if problem := unsafeHTML([]byte(out)); problem != "" {
					t.Errorf("%s: case %q publishes %s:\n%s", file, c.header[0], problem, out)
				}
			}
		}
	}
}

// unsafeHTML reads converted HTML as a browser would and names the first
// thing in it that a kit without [markdown] unsafe must not publish: a
// comment, an element that runs or embeds, an event handler, a style or a
// script address. (An image from another site may be a Markdown image the
// author wrote, which check warns about.) It returns "" for none.
func unsafeHTML(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.CommentToken:
			return "a comment " + string(z.Raw())
		case html.DoctypeToken:
			return "a doctype"
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "frame", "frameset", "svg", "math",
				"link", "meta", "base", "form", "noscript", "template", "audio", "video", "source":
				return "<" + tok.Data + ">"
			}
			if _, ok := htmlElements[tok.Data]; !ok && !lecternElements[tok.Data] {
				return "an element off the allowlist: <" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if key == "style" && lecternStyle.MatchString(a.Val) {
					continue // an answer box's height or a cell's alignment, from Lectern
				}
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcset" || key == "srcdoc" {
					return "the attribute " + key + " in <" + tok.Data + ">"
				}
				if urlAttr[key] && ScriptURL(a.Val) {
					return "a script address in <" + tok.Data + ">"
				}
			}
		}
	}
}

var lecternStyle = regexp.MustCompile(`^(?:--lines:[0-9]+|text-align:(?:left|center|right))$`)

// lecternElements are the elements Lectern's own blocks write, beside the
// raw HTML allowlist.
var lecternElements = map[string]bool{
	"aside": true, "section": true, "fieldset": true, "legend": true, "label": true,
	"input": true, "button": true, "textarea": true, "nav": true,
}

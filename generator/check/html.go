package check

import (
	"bytes"

	"golang.org/x/net/html"
)

// htmlIDs collects the id of every element in a converted body.
func htmlIDs(body []byte) map[string]bool {
	ids := map[string]bool{}
	eachAttr(body, func(key, val string) {
		if key == "id" {
			ids[val] = true
		}
	})
	return ids
}

// htmlRefs collects the src and href values in a converted body: raw HTML
// (in a kit with [markdown] unsafe) can use a bundle's files too.
func htmlRefs(body []byte) []string {
	var refs []string
	eachAttr(body, func(key, val string) {
		if key == "src" || key == "href" {
			refs = append(refs, val)
		}
	})
	return refs
}

func eachAttr(body []byte, f func(key, val string)) {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			_, more := z.TagName()
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				f(string(k), string(v))
			}
		}
	}
}

// hasContent reports whether a converted body shows anything: text, or an
// image or other media (raw HTML in a kit with [markdown] unsafe counts).
func hasContent(body []byte) bool {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.TextToken:
			if len(bytes.TrimSpace(z.Text())) > 0 {
				return true
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "img", "svg", "video", "audio", "iframe", "object", "embed", "canvas", "table", "textarea":
				return true
			}
		}
	}
}

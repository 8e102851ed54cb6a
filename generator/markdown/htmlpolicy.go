package markdown

import (
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// The raw HTML a kit may publish when [markdown] unsafe is off: the elements
// authors of real lessons use (keys, line breaks, collapsible notes,
// figures, tables), with attributes that neither run nor fetch anything.
// README's "Raw HTML" lists the same; keep them together.
//
// bluemonday has the last word on every tag that is published (rawhtml.go):
// this table only says which elements are tried and which attributes they
// may keep.

// htmlElements maps each allowed element to its own attributes (beside
// htmlGlobal, which every element may have).
var htmlElements = map[string][]htmlAttr{
	// Text
	"a":      {{"href", linkURL}, {"name", idValue}},
	"abbr":   nil,
	"b":      nil,
	"bdi":    nil,
	"bdo":    nil,
	"br":     nil,
	"cite":   nil,
	"code":   nil,
	"del":    {{"datetime", dateValue}},
	"dfn":    nil,
	"em":     nil,
	"i":      nil,
	"ins":    {{"datetime", dateValue}},
	"kbd":    nil,
	"mark":   nil,
	"q":      nil,
	"s":      nil,
	"samp":   nil,
	"small":  nil,
	"span":   nil,
	"strong": nil,
	"sub":    nil,
	"sup":    nil,
	"time":   {{"datetime", dateValue}},
	"u":      nil,
	"var":    nil,
	"wbr":    nil,
	// Blocks
	"blockquote": nil,
	"details":    {{"open", openValue}},
	"summary":    nil,
	"div":        {{"align", alignValue}},
	"p":          {{"align", alignValue}},
	"figure":     nil,
	"figcaption": nil,
	"hr":         nil,
	"pre":        nil,
	"h1":         {{"align", alignValue}},
	"h2":         {{"align", alignValue}},
	"h3":         {{"align", alignValue}},
	"h4":         {{"align", alignValue}},
	"h5":         {{"align", alignValue}},
	"h6":         {{"align", alignValue}},
	"ul":         nil,
	"ol":         {{"start", intValue}, {"reversed", emptyValue}, {"type", listType}},
	"li":         {{"value", intValue}},
	"dl":         nil,
	"dt":         nil,
	"dd":         nil,
	// Tables
	"table":    nil,
	"caption":  nil,
	"colgroup": {{"span", intValue}},
	"col":      {{"span", intValue}},
	"thead":    nil,
	"tbody":    nil,
	"tfoot":    nil,
	"tr":       nil,
	"th":       {{"colspan", intValue}, {"rowspan", intValue}, {"scope", scopeValue}, {"align", alignValue}},
	"td":       {{"colspan", intValue}, {"rowspan", intValue}, {"align", alignValue}},
	// Images from the kit: src is a path relative to the page.
	"img": {{"src", localURL}, {"alt", nil}, {"width", sizeValue}, {"height", sizeValue}},
}

// htmlGlobal are the attributes every allowed element may have.
var htmlGlobal = []htmlAttr{{"id", idValue}, {"class", classValue}, {"title", nil}, {"lang", langValue}, {"dir", dirValue}}

type htmlAttr struct {
	name  string
	value *regexp.Regexp // nil: any value
}

var (
	idValue    = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.:-]*$`)
	classValue = regexp.MustCompile(`^[A-Za-z0-9_ -]*$`)
	langValue  = regexp.MustCompile(`^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$`)
	dirValue   = regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)
	alignValue = regexp.MustCompile(`^(?i:left|center|right|justify)$`)
	dateValue  = regexp.MustCompile(`^[0-9TZ:.+ -]+$`)
	openValue  = regexp.MustCompile(`^(?i:|open)$`)
	emptyValue = regexp.MustCompile(`^(?i:|reversed)$`)
	intValue   = regexp.MustCompile(`^-?[0-9]{1,6}$`)
	sizeValue  = regexp.MustCompile(`^[0-9]{1,5}%?$`)
	listType   = regexp.MustCompile(`^[1aAiI]$`)
	scopeValue = regexp.MustCompile(`^(?i:row|col|rowgroup|colgroup)$`)
	// localURL is a path relative to the page: no scheme (so no colon at
	// all), not absolute, no backslash or control character (browsers read
	// `\\host` and `\x01//host` as another host).
	localURL = regexp.MustCompile(`^[^/\\:\x00-\x20\x7f"'<>][^\\:\x00-\x20\x7f"'<>]*$`)
	// linkURL is a page of the kit, an anchor, a web page or a mail address.
	linkURL = regexp.MustCompile(`^(?:(?i:https?://|mailto:)[^\\\x00-\x20\x7f"'<>]+|#[^\\\x00-\x20\x7f"'<>]*|[^/\\:\x00-\x20\x7f"'<>#][^\\:\x00-\x20\x7f"'<>]*)$`)
)

// htmlVoid are the allowed elements that have no end tag.
var htmlVoid = map[string]bool{"br": true, "hr": true, "img": true, "wbr": true, "col": true}

// htmlOptionalEnd are the allowed elements a browser closes by itself (a new
// <li> closes the last, </ul> closes both): Lectern does not close them or
// warn that they are not closed.
var htmlOptionalEnd = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true,
	"thead": true, "tbody": true, "tfoot": true, "colgroup": true, "caption": true,
}

// htmlPolicy is bluemonday's policy for the table above, built once; a
// policy is safe for concurrent use once built.
var htmlPolicy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	for _, a := range htmlGlobal {
		if a.value != nil {
			p.AllowAttrs(a.name).Matching(a.value).Globally()
		} else {
			p.AllowAttrs(a.name).Globally()
		}
	}
	for el, attrs := range htmlElements {
		p.AllowNoAttrs().OnElements(el)
		for _, a := range attrs {
			if a.value != nil {
				p.AllowAttrs(a.name).Matching(a.value).OnElements(el)
			} else {
				p.AllowAttrs(a.name).OnElements(el)
			}
		}
	}
	return p
})

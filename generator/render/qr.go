package render

import (
	"html/template"
	"strconv"
	"strings"

	"rsc.io/qr"
)

// QR codes on printed pages. rsc.io/qr gives the module matrix only; the SVG
// is written here as one path of unit squares (merged along each row), so it
// stays a few hundred bytes, prints crisp at any size, and needs no image
// file beside the page.

// qrQuiet is the white border around the code, in modules. The standard asks
// for four; the printed code sits on white paper, so two is enough to scan.
const qrQuiet = 2

// QRSVG returns an inline SVG QR code for text, labelled for screen readers
// with label, or "" when text is empty or too long to encode.
func QRSVG(text, label string) template.HTML {
	if text == "" {
		return ""
	}
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return ""
	}
	n := c.Size + 2*qrQuiet
	var b strings.Builder
	b.WriteString(`<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	b.WriteString(strconv.Itoa(n) + " " + strconv.Itoa(n))
	b.WriteString(`" shape-rendering="crispEdges" role="img" aria-label="`)
	b.WriteString(template.HTMLEscapeString(label))
	b.WriteString(`"><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="`)
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; {
			if !c.Black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < c.Size && c.Black(x+run, y) {
				run++
			}
			b.WriteString("M" + strconv.Itoa(x+qrQuiet) + " " + strconv.Itoa(y+qrQuiet) + "h" + strconv.Itoa(run) + "v1h-" + strconv.Itoa(run) + "z")
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String())
}

// onlineURL joins the kit's base_url and a path inside the attendee edition
// ("" for the home page, "task-vs-people/" for a module). It is "" when the
// kit has no base_url: the output must work without one.
func onlineURL(base, p string) string {
	base = strings.TrimSpace(base)
	if base == "" {
		return ""
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + p
}

// shortAddress is a URL as printed under its QR code: without the scheme and
// the trailing slash.
func shortAddress(u string) string {
	for _, s := range []string{"https://", "http://"} {
		u = strings.TrimPrefix(u, s)
	}
	return strings.TrimSuffix(u, "/")
}

package serve

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"lectern/generator/diag"
	"lectern/generator/i18n"
)

// The pages the server makes itself: the error page every address shows
// while the kit has errors, and "not found". Both are self-contained (no
// stylesheet to load) and get the reload script like any page, so the tab
// recovers by itself on the next good save. Their words are the kit's
// language's (the catalogue's serve_* strings), and they read right to left
// when it does; the problems themselves are Lectern's messages, in English
// as the terminal prints them, and marked so.

const pageStyle = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1b1b; --muted: #555; --err: #b00020; --warn: #8a5300; --hit: #ffe7e9; --at: #b00020; }
@media (prefers-color-scheme: dark) { :root { --bg: #161616; --fg: #eee; --muted: #aaa; --err: #ff8a8a; --warn: #f0b35a; --hit: #4a1d22; --at: #ff8a8a; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.4rem; color: var(--err); }
p.note { color: var(--muted); }
ol.diags { list-style: none; padding: 0; }
ol.diags li { margin: 0 0 1.5rem; }
.msg { font: 0.95rem/1.4 ui-monospace, monospace; margin: 0 0 0.4rem; overflow-wrap: anywhere; }
.error .sev { color: var(--err); font-weight: bold; }
.warning .sev { color: var(--warn); font-weight: bold; }
pre.src { margin: 0; padding: 0.5rem 0; border-inline-start: 3px solid var(--muted); font: 0.9rem/1.45 ui-monospace, monospace; tab-size: 4; overflow-x: auto; }
pre.src span { display: block; padding: 0 0.75rem; }
pre.src .hit { background: var(--hit); }
pre.src .ln { display: inline; padding: 0; color: var(--muted); user-select: none; }
pre.src .at { display: inline; padding: 0; outline: 2px solid var(--at); border-radius: 2px; }
pre.src .caret { color: var(--at); font-weight: bold; }
`

// english stands for the kit's language when it cannot be read.
var english, _ = i18n.New("en", "", nil)

// pageStart writes the head of a page the server makes, in loc's language
// and direction.
func pageStart(b *bytes.Buffer, loc *i18n.Locale, title string, attrs string) {
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\"%s>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n",
		html.EscapeString(loc.Lang), loc.Dir(), attrs, html.EscapeString(title), pageStyle)
}

// errorPage lists the problems, errors first, each with the source lines
// it points at, around words in loc's language (nil: English).
func errorPage(dir string, loc *i18n.Locale, diags diag.List) []byte {
	if loc == nil {
		loc = english
	}
	var errs, warns diag.List
	for _, d := range diags {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		} else {
			warns = append(warns, d)
		}
	}
	var b bytes.Buffer
	pageStart(&b, loc, "Lectern: "+loc.N("serve_errors_title", len(errs)), " data-lectern-serve-error")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"note\">%s</p>\n<ol class=\"diags\">\n",
		html.EscapeString(loc.N("serve_errors", len(errs))), html.EscapeString(loc.T("serve_watching")))
	for _, d := range append(errs, warns...) {
		// A problem reads as the terminal prints it: English, left to right.
		fmt.Fprintf(&b, "<li class=\"%s\" lang=\"en\" dir=\"ltr\">\n<p class=\"msg\">%s</p>\n%s</li>\n", d.Severity, message(d), excerpt(dir, d))
	}
	b.WriteString("</ol>\n</main>\n</body>\n</html>\n")
	return b.Bytes()
}

// message is the diagnostic as the terminal shows it, with its severity
// picked out.
func message(d diag.Diagnostic) string {
	s := html.EscapeString(d.String())
	sev := d.Severity.String() + ":"
	if i := strings.Index(s, sev); i >= 0 {
		s = s[:i] + `<span class="sev">` + sev + `</span>` + s[i+len(sev):]
	}
	return s
}

// excerpt shows the lines around the diagnostic's line, that line
// highlighted and its column marked, or "" when there is nothing to show.
func excerpt(dir string, d diag.Diagnostic) string {
	if d.Line <= 0 || d.Path == "" {
		return ""
	}
	p := filepath.Join(dir, filepath.FromSlash(d.Path))
	if relPath(dir, p) == "" {
		return "" // only files of the kit
	}
	// Nor a link out of it: its lines are not the kit's to show.
	if real, err := filepath.EvalSymlinks(p); err != nil {
		return ""
	} else if root, err := filepath.EvalSymlinks(dir); err != nil || relPath(root, real) == "" {
		return ""
	}
	st, err := os.Stat(p)
	if err != nil || !st.Mode().IsRegular() || st.Size() > 8<<20 {
		return ""
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	if d.Line > len(lines) {
		return ""
	}
	from, to := max(1, d.Line-2), min(len(lines), d.Line+2)
	width := len(fmt.Sprint(to))
	var b strings.Builder
	b.WriteString(`<pre class="src">`)
	for n := from; n <= to; n++ {
		line := lines[n-1]
		gutter := fmt.Sprintf(`<span class="ln">%*d │ </span>`, width, n)
		if n != d.Line {
			fmt.Fprintf(&b, "<span>%s%s</span>", gutter, html.EscapeString(line))
			continue
		}
		runes := []rune(line)
		col := d.Col
		if col < 1 || col > len(runes)+1 {
			fmt.Fprintf(&b, `<span class="hit">%s%s</span>`, gutter, html.EscapeString(line))
			continue
		}
		at := " " // the column may be just past the end of the line
		if col <= len(runes) {
			at = string(runes[col-1])
		}
		rest := ""
		if col < len(runes) {
			rest = string(runes[col:])
		}
		fmt.Fprintf(&b, `<span class="hit">%s%s<span class="at">%s</span>%s</span>`, gutter,
			html.EscapeString(string(runes[:col-1])), html.EscapeString(at), html.EscapeString(rest))
		// The caret keeps the line's tabs, so it lines up under the column.
		var pad strings.Builder
		for _, r := range runes[:col-1] {
			if r == '\t' {
				pad.WriteByte('\t')
			} else {
				pad.WriteByte(' ')
			}
		}
		fmt.Fprintf(&b, `<span class="caret" aria-hidden="true">%s%s^</span>`,
			fmt.Sprintf(`<span class="ln">%*s   </span>`, width, ""), pad.String())
	}
	b.WriteString("</pre>\n")
	return b.String()
}

// notFoundPage is served for an address the site does not have; it reloads
// by itself when a page appears there.
func notFoundPage(loc *i18n.Locale, p string) []byte {
	if loc == nil {
		loc = english
	}
	var b bytes.Buffer
	pageStart(&b, loc, loc.T("serve_not_found"), "")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p>%s <a href=\"/\">%s</a>.</p>\n</main>\n</body>\n</html>\n",
		html.EscapeString(loc.T("serve_not_found")),
		// The address is the kit's own, not words: it keeps its direction.
		i18n.Fill(html.EscapeString(loc.T("serve_no_page")), `<code dir="ltr">/`+html.EscapeString(p)+`</code>`),
		html.EscapeString(loc.T("serve_home")))
	return b.Bytes()
}

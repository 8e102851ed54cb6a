package serve

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"lectern/generator/diag"
)

// The pages the server makes itself: the error page every address shows
// while the kit has errors, and "not found". Both are self-contained (no
// stylesheet to load) and get the reload script like any page, so the tab
// recovers by itself on the next good save.

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
pre.src { margin: 0; padding: 0.5rem 0; border-left: 3px solid var(--muted); font: 0.9rem/1.45 ui-monospace, monospace; tab-size: 4; overflow-x: auto; }
pre.src span { display: block; padding: 0 0.75rem; }
pre.src .hit { background: var(--hit); }
pre.src .ln { display: inline; padding: 0; color: var(--muted); user-select: none; }
pre.src .at { display: inline; padding: 0; outline: 2px solid var(--at); border-radius: 2px; }
pre.src .caret { color: var(--at); font-weight: bold; }
`

// errorPage lists the problems, errors first, each with the source lines
// it points at.
func errorPage(dir string, diags diag.List) []byte {
	var errs, warns diag.List
	for _, d := range diags {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		} else {
			warns = append(warns, d)
		}
	}
	var b bytes.Buffer
	title := "1 error"
	if len(errs) != 1 {
		title = fmt.Sprintf("%d errors", len(errs))
	}
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\" data-lectern-serve-error>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Lectern: %s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", title, pageStyle)
	fmt.Fprintf(&b, "<h1>The kit has %s</h1>\n<p class=\"note\">Lectern is still watching: this page turns back into the kit's page by itself when you save a fix.</p>\n<ol class=\"diags\">\n", title)
	for _, d := range append(errs, warns...) {
		fmt.Fprintf(&b, "<li class=\"%s\">\n<p class=\"msg\">%s</p>\n%s</li>\n", d.Severity, message(d), excerpt(dir, d))
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
func notFoundPage(p string) []byte {
	return fmt.Appendf(nil, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>Not found</h1>\n<p>The kit has no page at <code>/%s</code>. <a href=\"/\">Go to the home page</a>.</p>\n</main>\n</body>\n</html>\n", pageStyle, html.EscapeString(p))
}

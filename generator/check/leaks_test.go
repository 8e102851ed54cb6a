package check

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// noCommentLeaks searches every file a build wrote (pages of both editions,
// search indexes, the offline ZIP's entries) for the text of any HTML
// comment in the kit's Markdown: comments are never published. The text is
// sought as written, HTML-escaped and JSON-escaped.
func noCommentLeaks(t *testing.T, out, kitDir string) {
	t.Helper()
	bodies := commentBodies(kitDir)
	if len(bodies) == 0 {
		return
	}
	var forms [][]byte
	for _, b := range bodies {
		j, _ := json.Marshal(b)
		forms = append(forms, []byte(b), []byte(html.EscapeString(b)), bytes.Trim(j, `"`))
	}
	search := func(name string, data []byte) {
		if ext := filepath.Ext(name); ext == ".css" || ext == ".js" && !strings.HasSuffix(name, "search-index.js") {
			return // the theme's files: their comments are the theme's
		}
		for _, f := range forms {
			if bytes.Contains(data, f) {
				t.Errorf("%s publishes comment text %q", name, f)
				return
			}
		}
	}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		search(rel, data)
		if strings.HasSuffix(p, ".zip") {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				return nil
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					continue
				}
				b, _ := io.ReadAll(rc)
				rc.Close()
				search(rel+":"+f.Name, b)
			}
		}
		return nil
	})
}

var (
	commentEnd  = regexp.MustCompile(`-->|--!>`)
	blankLineRe = regexp.MustCompile(`\n[ \t]*\n`)
	codeFenceRe = regexp.MustCompile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}(```|~~~)[ \t]*$")
	codeSpanRe  = regexp.MustCompile("`[^`\n]*`")
)

// commentBodies is the text of every comment in the kit's Markdown, outside
// code, long enough not to match by chance.
func commentBodies(kitDir string) []string {
	var bodies []string
	filepath.WalkDir(kitDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		b = codeFenceRe.ReplaceAll(b, nil)
		b = codeSpanRe.ReplaceAll(b, nil)
		// A comment runs to its end; one that never ends, to the end of
		// its paragraph (what follows a blank line is published).
		for rest := b; ; {
			i := bytes.Index(rest, []byte("<!--"))
			if i < 0 {
				break
			}
			rest = rest[i+4:]
			body := rest
			if e := commentEnd.FindIndex(rest); e != nil {
				body = rest[:e[0]]
			} else if e := blankLineRe.FindIndex(rest); e != nil {
				body = rest[:e[0]]
			}
			for _, piece := range strings.Split(string(body), "\n") {
				if s := strings.TrimSpace(piece); len(s) >= 6 {
					bodies = append(bodies, s)
				}
			}
		}
		return nil
	})
	return bodies
}

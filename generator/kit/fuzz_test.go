package kit

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"lectern/generator/diag"
)

// Seeds are in testdata/fuzz/<FuzzName>/; run a target for longer with
// go test -run '^$' -fuzz FuzzFront -fuzztime 3m ./generator/kit/

// FuzzFront splits and decodes front matter: it never panics, the body it
// returns is the end of the file, the body's line is the line it starts on,
// and every message points inside the file.
func FuzzFront(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"A\"\nweight = 2\n+++\nbody\n"))
	f.Add([]byte("+++"))
	f.Add([]byte("+++\r\ntitle = 'x'\r\n+++\r\n"))
	f.Add([]byte("\xef\xbb\xbf+++\ntitle = \"BOM\"\n+++\n"))
	f.Add([]byte("+++\ntitle = \"open\n+++\n"))
	f.Add([]byte("+++\n[meta\n+++\n"))
	f.Add([]byte("+++\ntitle = 3\nobjectives = \"a\"\n+++\n"))
	f.Add([]byte("+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n"))
	f.Add([]byte("no front matter\n"))
	f.Add([]byte("+++\nmaterials = [\"a\", { item = \"b\", per = \"x\" }, 3, '''c]''', \"\"\"d\\\"\"\"\"\"\"]\n+++\n"))
	f.Add([]byte("+++\n[[materials]]\nitem = 1\n[[materials]]\ncount = \"2\"\n+++\n"))
	f.Add([]byte("+++\ndate = 2026-12-10T10:00:00\n+++\n"))
	// Nesting near and past maxNesting, and brackets in strings and comments.
	f.Add([]byte("+++\nobjectives = " + strings.Repeat("[", maxNesting) + strings.Repeat("]", maxNesting) + "\n+++\n"))
	f.Add([]byte("+++\nx = " + strings.Repeat("{a=", maxNesting+1) + "1" + strings.Repeat("}", maxNesting+1) + "\n+++\n"))
	f.Add([]byte("+++\ntitle = \"[[[{\" # [[[\nsummary = '''\n[[['''\n+++\n"))
	f.Add([]byte("---\ntitle: x\n---\n"))
	f.Add([]byte("+++\ntitle = \"  \"\nduration = 9223372036854775807\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, bodyLine, ok, closed := SplitFront(src)
		if !ok {
			if closed || bodyLine != 1 {
				t.Fatalf("no front matter, but closed=%v bodyLine=%d", closed, bodyLine)
			}
		}
		if ok && closed {
			if !bytes.HasSuffix(src, body) {
				t.Fatalf("the body %q is not the end of the file", body)
			}
			start := len(src) - len(body)
			if want := bytes.Count(src[:start], []byte("\n")) + 1; len(body) > 0 && bodyLine != want {
				t.Fatalf("body starts on line %d, SplitFront says %d", want, bodyLine)
			}
			if !bytes.Contains(src, front) {
				t.Fatalf("the front matter %q is not in the file", front)
			}
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, v := range []any{&moduleFront{}, &partFront{}, &homeFront{}} {
			var errs diag.List
			fm, _, _, _ := decodeFront(src, "content/x.md", v, &errs)
			switch v := v.(type) {
			case *moduleFront: // materials are placed by scanning the TOML
				checkMaterials(v.Materials, fm, "content/x.md", &errs)
			case *partFront:
				_ = v.Date.problem("date")
			}
			for _, d := range errs {
				if d.Line < 0 || d.Line > lines+1 || d.Col < 0 {
					t.Fatalf("%s points outside a file of %d lines", d, lines)
				}
				if d.Severity == diag.Error && d.Message == "" {
					t.Fatal("an error without a message")
				}
			}
		}
	})
}

// FuzzConfig decodes site.toml: it never panics, and every message points
// inside the file.
func FuzzConfig(f *testing.F) {
	f.Add([]byte("title = \"Kit\"\n[workshop]\nstart = \"09:00\"\nend = \"12:30\"\n[[workshop.breaks]]\nafter = \"a\"\nminutes = 10\n"))
	f.Add([]byte("title = \"T\"\ntitel = \"typo\"\n[colours]\nmain = \"red\"\n"))
	f.Add([]byte("title = 3\n"))
	f.Add([]byte("[blocks.aliases]\nchallenge = \"activity\"\n\"callout-note\" = \"note\"\n"))
	f.Add([]byte("workshop = { start = \"9am\", nope = 1 }\n"))
	f.Add([]byte("[workshop\n"))
	f.Add([]byte("title = \"T\"\nx = " + strings.Repeat("[", maxNesting+1) + strings.Repeat("]", maxNesting+1) + "\n"))
	f.Add([]byte("[blocks.aliases]\nfacilitator = \"note\"\n\"\" = \"tip\"\n\"<b>x\" = \"tip\"\n"))
	f.Add([]byte("title = \"T\"\n[[workshop.breaks]]\nafter = \"a\"\nminutes = 99999\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs diag.List
		c := loadConfig(src, "site.toml", &errs)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range errs {
			if d.Line < 0 || d.Line > lines+1 || d.Col < 0 {
				t.Fatalf("%s points outside a file of %d lines", d, lines)
			}
		}
		if !errs.HasErrors() && c.Paper != "A4" && c.Paper != "Letter" {
			t.Fatalf("paper %q accepted", c.Paper)
		}
		for _, k := range []string{"title", "workshop.start", "blocks.aliases.x", "a.b.c"} {
			c.KeyLine(k)
		}
	})
}

// FuzzSlug maps file names and front matter slugs to page addresses: a name
// the loader accepts is one plain path segment, so a page's folder is always
// directly inside its edition (or its part's folder).
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"01-intro.md", "../../etc", "a/b", ".hidden", "..", "x\\y", "02-Café übung.md", "a\x00b", "%2e%2e", "con", "  ", "-", "01-", "handout"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, slug string) {
		s := slugOf(name)
		if slug != "" {
			s = slug
		}
		if !safeName(s) || !fileNameOK(name) {
			return
		}
		part := &Part{Slug: "day"}
		for _, m := range []*Module{{Slug: s}, {Slug: s, Part: part}} {
			dir := m.Dir()
			segs := strings.Split(strings.TrimSuffix(dir, "/"), "/")
			for _, seg := range segs {
				if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "/\\") {
					t.Fatalf("slug %q gives the folder %q", s, dir)
				}
			}
			if want := 1; m.Part != nil && len(segs) != 2 || m.Part == nil && len(segs) != want {
				t.Fatalf("slug %q gives the folder %q", s, dir)
			}
			if !utf8.ValidString(m.URL()) {
				t.Fatalf("slug %q gives an address that is not UTF-8", s)
			}
		}
	})
}

// TestBrokenFrontIsDeterministic: the TOML decoder fills fields in map
// order until a wrong type stops it, so what it had set differed from run
// to run (and with it the messages: a slug checked or not). Found by
// FuzzCheckPage; the loader now keeps nothing of a failed decode.
func TestBrokenFrontIsDeterministic(t *testing.T) {
	front := []byte("+++\ntitle =+5\nslug = \"%1871\"\nweight = 3\nduration = 9\nsummary = \"s\"\n+++\n")
	site := []byte("title = 5\ntheme = \"x\"\npaper = \"A5\"\nsubtitle = \"s\"\n")
	for i := range 50 {
		var f moduleFront
		var errs diag.List
		decodeFront(front, "content/x.md", &f, &errs)
		if f.Slug != "" || f.Weight != 0 || f.Duration != 0 || f.Summary != "" || len(errs) != 1 {
			t.Fatalf("run %d: kept %+v from a failed decode, %v", i, f, errs)
		}
		errs = nil
		c := loadConfig(site, "site.toml", &errs)
		if c.Theme != "" || c.Paper != "" || c.Subtitle != "" || len(errs) != 1 {
			t.Fatalf("run %d: kept %+v from a failed decode, %v", i, c, errs)
		}
	}
}

package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Golden files, in goldmark's style (extension/_test/*.txt). A file is a run
// of numbered cases; each case is
//
//	N: what the case shows
//	option: unsafe                      (optional lines: see caseOptions)
//	//- - - - - - - - -//
//	Markdown
//	//- - - - - - - - -//
//	attendee HTML
//	//- - - - - - - - -//
//	facilitator HTML, or the line "(same as attendee)"
//	//- - - - - - - - -//              (this part only when there are any)
//	diagnostics, one a line, as diag.Diagnostic.String() prints them
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
//
// Every case converts with Options.Aliases {"challenge": "activity",
// "callout-note": "note"} and Source.Path "x.md". A case without a
// diagnostics part must convert without any. The Markdown is taken byte for
// byte, each line ending in "\n"; a tab may be written as "→".
//
// Run `go test ./generator/markdown/ -run Golden -update` to rewrite the
// expected parts from the current output, then read the diff: the output must
// be right, not merely current.
var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txt golden files")

const (
	sectionSep = "//- - - - - - - - -//"
	caseSep    = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
	sameAsAtt  = "(same as attendee)"
)

var goldenAliases = map[string]string{"challenge": "activity", "callout-note": "note"}

type goldenCase struct {
	header      []string // "N: title" and option lines
	markdown    string
	attendee    string
	facilitator string
	diags       string
}

func (c goldenCase) name() string {
	n, title, _ := strings.Cut(c.header[0], ":")
	return n + "_" + strings.TrimSpace(title)
}

// caseOptions reads the option lines: "option: unsafe" lets raw HTML through.
func (c goldenCase) options(t *testing.T) Options {
	o := Options{Aliases: goldenAliases}
	for _, h := range c.header[1:] {
		switch strings.TrimSpace(h) {
		case "option: unsafe":
			o.Unsafe = true
		default:
			t.Fatalf("case %q: unknown header line %q", c.header[0], h)
		}
	}
	return o
}

func parseGolden(t *testing.T, data string) []goldenCase {
	t.Helper()
	var cases []goldenCase
	for _, chunk := range strings.Split(data, caseSep+"\n") {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		chunk = strings.TrimLeft(chunk, "\n")
		parts := strings.Split(chunk, sectionSep+"\n")
		if len(parts) < 4 || len(parts) > 5 {
			t.Fatalf("golden case starting %q has %d parts, want 4 or 5", firstLine(chunk), len(parts))
		}
		c := goldenCase{
			header:      strings.Split(strings.TrimRight(parts[0], "\n"), "\n"),
			markdown:    strings.ReplaceAll(parts[1], "→", "\t"),
			attendee:    parts[2],
			facilitator: parts[3],
		}
		if len(parts) == 5 {
			c.diags = parts[4]
		}
		if _, err := strconv.Atoi(strings.SplitN(c.header[0], ":", 2)[0]); err != nil {
			t.Fatalf("golden case header %q does not start with a number", c.header[0])
		}
		cases = append(cases, c)
	}
	return cases
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func formatGolden(cases []goldenCase) string {
	var b strings.Builder
	for _, c := range cases {
		b.WriteString(strings.Join(c.header, "\n") + "\n")
		b.WriteString(sectionSep + "\n")
		b.WriteString(strings.ReplaceAll(c.markdown, "\t", "→"))
		b.WriteString(sectionSep + "\n")
		b.WriteString(c.attendee)
		b.WriteString(sectionSep + "\n")
		b.WriteString(c.facilitator)
		if c.diags != "" {
			b.WriteString(sectionSep + "\n")
			b.WriteString(c.diags)
		}
		b.WriteString(caseSep + "\n\n\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// convertCase returns a case's actual output in the golden file's form.
func convertCase(t *testing.T, c goldenCase) goldenCase {
	conv := New(c.options(t))
	doc, diags := conv.Convert(Source{Path: "x.md", Body: []byte(c.markdown), BodyLine: 1})
	got := c
	got.attendee = string(doc.HTML.Bytes(Attendee))
	got.facilitator = string(doc.HTML.Bytes(Facilitator))
	if got.facilitator == got.attendee {
		got.facilitator = sameAsAtt + "\n"
	}
	got.diags = ""
	for _, d := range diags {
		got.diags += d.String() + "\n"
	}
	return got
}

func TestGolden(t *testing.T) {
	for _, file := range goldenFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cases := parseGolden(t, string(data))
		if len(cases) == 0 {
			t.Fatalf("%s: no cases", file)
		}
		seen := map[string]bool{}
		for i, c := range cases {
			n := firstLine(c.header[0])
			n, _, _ = strings.Cut(n, ":")
			if seen[n] {
				t.Errorf("%s: case number %s is used twice", file, n)
			}
			seen[n] = true
			got := convertCase(t, c)
			if *update {
				cases[i] = got
				continue
			}
			t.Run(c.name(), func(t *testing.T) {
				for _, p := range []struct{ what, got, want string }{
					{"attendee HTML", got.attendee, c.attendee},
					{"facilitator HTML", got.facilitator, c.facilitator},
					{"diagnostics", got.diags, c.diags},
				} {
					if p.got != p.want {
						t.Errorf("%s: %s differs\nMarkdown:\n%s\ngot:\n%s\nwant:\n%s\ndiff:\n%s", file, p.what, c.markdown, p.got, p.want, lineDiff(p.want, p.got))
					}
				}
			})
		}
		if *update {
			if err := os.WriteFile(file, []byte(formatGolden(cases)), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: rewrote %d cases", file, len(cases))
		}
	}
}

// goldenFiles are the golden files: every testdata/*.txt.
func goldenFiles(t *testing.T) []string {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files in testdata (%v)", err)
	}
	return files
}

// TestGoldenFormatRoundTrip keeps -update from mangling the files: parsing
// and formatting a golden file gives the file back.
func TestGoldenFormatRoundTrip(t *testing.T) {
	for _, file := range goldenFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := formatGolden(parseGolden(t, string(data))); got != string(data) {
			t.Errorf("%s: formatting the parsed golden file changes it:\n%s", file, lineDiff(string(data), got))
		}
	}
}

// lineDiff marks the first differing line of two texts, which is enough to
// find a change in a golden case.
func lineDiff(want, got string) string {
	w := strings.Split(want, "\n")
	g := strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			var b bytes.Buffer
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, wl, gl)
			return b.String()
		}
	}
	return "(no line differs)"
}

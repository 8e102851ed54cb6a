package render_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

var updateRunSheet = flag.Bool("update-runsheet", false, "rewrite testdata/twoday/runsheet.txt")

// TestRunSheetGolden renders the run-sheet of a two-day kit, with breaks,
// timed segments, a module timed by its segments and an overrun on day 2,
// and compares its text, row by row, with a golden file.
func TestRunSheetGolden(t *testing.T) {
	out := buildKit(t, "testdata/twoday")
	f, err := os.Open(filepath.Join(out, "facilitator", "agenda", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "caption":
			b.WriteString("\n" + text(n) + "\n")
		case "tr":
			if cls, _ := attr(n, "class"); cls != "" || inFoot(n) {
				var cells []string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.Data == "td" {
						cells = append(cells, cellText(c))
					}
				}
				if cls != "" {
					b.WriteString("[" + cls + "] ")
				}
				b.WriteString(strings.Join(cells, " | ") + "\n")
			}
		case "li":
			if start, ok := attr(n, "data-start"); ok && start != "" {
				b.WriteString("    · " + text(n) + "\n")
			}
		}
	})
	got := strings.TrimLeft(b.String(), "\n")
	golden := filepath.Join("testdata", "twoday", "runsheet.txt")
	if *updateRunSheet {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("run-sheet differs from %s (run with -update-runsheet after checking):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}

func inFoot(n *html.Node) bool {
	return n.Parent != nil && n.Parent.Data == "tfoot"
}

// cellText is a cell's own text without its list of segments.
func cellText(n *html.Node) string { return textBut(n, "ul") }

// text is n's text, white space collapsed.
func text(n *html.Node) string { return textBut(n, "") }

// textBut is n's text outside elements named skip, white space collapsed.
func textBut(n *html.Node, skip string) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == skip {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lectern/generator/internal/kitgen"
	"lectern/generator/pdf/printcheck"
)

// The print rules, as a reader leafing through the PDFs would check them
// (package printcheck reads them with poppler-utils):
//
//   - nothing is printed past the margins;
//   - no page but the last of a part, of a module of the guide, of a sheet
//     of the pack or of the document stops above half way;
//   - the handout starts a new page only for a part, the guide for each
//     module, the pack for each worksheet and self-check;
//   - the contents of the handout and the guide, on the cover or the page
//     after, give each module the page its heading is on, as the outline
//     does;
//   - a worksheet's writing space reaches the foot of each of its pages, in
//     solid rules at an even pitch;
//   - nothing meant for the screen is printed;
//   - the PDFs have a title, an author and a language, and are tagged.

// TestPrintRules prints the sample kit on Letter and a generated kit of 40
// modules in two parts on A4 and on Letter (TestPDFs prints the sample kit
// on A4), and holds them to the print rules.
func TestPrintRules(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfinfo", "pdftohtml"} {
		needTool(t, tool)
	}
	big := t.TempDir()
	if err := kitgen.Write(big, kitgen.Options{Modules: 40, Parts: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, kit, paper string }{
		{"sample kit on Letter", sampleKit, "Letter"},
		{"40 modules on A4", big, "A4"},
		{"40 modules on Letter", big, "Letter"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkPrint(t, printKit(t, copyKit(t, c.kit, `paper = "`+c.paper+`"`)))
		})
	}
}

// TestPrintLongBlocks prints a kit with a block too tall to keep whole
// (taller than a third of the page) after half a page of text, and a
// worksheet longer than a page, with a table to fill in.
func TestPrintLongBlocks(t *testing.T) {
	needTool(t, "pdftoppm")
	para := "Every team has a rhythm of its own, and a leader who listens for it hears what the plan leaves out. "
	text := strings.Repeat(strings.Repeat(para, 5)+"\n\n", 3) // under half a page
	note := strings.Repeat(strings.Repeat(para, 4)+"\n\n", 7)
	kit := t.TempDir()
	err := kitgen.WriteFiles(kit, map[string]string{
		"site.toml":         "title = \"Long blocks\"\nauthor = \"A. Tester\"\nlanguage = \"en\"\n",
		"content/_index.md": "+++\ntitle = \"Long blocks\"\n+++\n\nA kit to print.\n",
		"content/01-tall.md": "+++\ntitle = \"A tall note\"\nduration = 20\n+++\n\n" + text +
			"::: note\n" + note + ":::\n\n" + text,
		"content/02-long.md": "+++\ntitle = \"A long worksheet\"\nduration = 30\n+++\n\n" +
			"Some text before it.\n\n:::: worksheet {title=\"Everything I do\" minutes=20}\n" +
			"| Activity | T or P? | How long? |\n|---|---|---|\n| Weekly status meeting | | |\n| One-to-one | | |\n\n" +
			"**1. Everything you did last week:**\n\n::: answer {lines=30}\n:::\n\n" +
			"**2. What you would change:**\n\n::: answer {lines=20}\n:::\n::::\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	p := printKit(t, kit)
	checkPrint(t, p)

	// The empty cells are inputs on screen, kept under ids of their own.
	b, err := os.ReadFile(p.file("worksheets/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`data-answer="worksheet-1-t1-r1c2" aria-label="T or P?: Weekly status meeting"`,
		`data-answer="worksheet-1-t1-r2c3" aria-label="How long?: One-to-one"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the worksheet pack has no input with %s", want)
		}
	}

	d := readDoc(t, p.file("pdf/worksheets.pdf"))
	if len(d.Pages) < 2 {
		t.Fatalf("the long worksheet takes %d page, want more", len(d.Pages))
	}
	for _, pg := range d.Pages {
		if !d.Starts(pg.N, "Everything I do") {
			t.Errorf("page %d of the long worksheet does not start with its title: %q", pg.N, firstLines(pg))
		}
	}
	h := readDoc(t, p.file("pdf/handout.pdf"))
	if h.HeadingPage("A long worksheet") == h.HeadingPage("A tall note") {
		t.Fatalf("the kit is too short to test anything")
	}
}

func readDoc(t *testing.T, file string) *printcheck.Doc {
	t.Helper()
	d, err := printcheck.Read(file, printcheck.DefaultMargins)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func firstLines(p printcheck.Page) []string {
	var out []string
	for _, l := range p.Lines[:min(2, len(p.Lines))] {
		out = append(out, l.Text)
	}
	return out
}

// checkPrint holds a printed kit's three PDFs to the print rules.
func checkPrint(t *testing.T, p *printed) {
	t.Helper()
	cfg := p.kit.Config
	docs := map[string]*printcheck.Doc{}
	for _, f := range []string{"pdf/handout.pdf", "pdf/facilitator-guide.pdf", "pdf/worksheets.pdf"} {
		d := readDoc(t, p.file(f))
		docs[f] = d
		for _, pr := range d.PastMargins() {
			t.Errorf("%s: %s", f, pr)
		}
		if got := d.Info["Author"]; got != cfg.Author {
			t.Errorf("%s: author %q, want %q", f, got, cfg.Author)
		}
		if !strings.Contains(d.Info["Title"], cfg.Title) {
			t.Errorf("%s: title %q, want the kit's %q", f, d.Info["Title"], cfg.Title)
		}
		if d.Info["Tagged"] != "yes" {
			t.Errorf("%s is not tagged", f)
		}
		b, err := os.ReadFile(p.file(f))
		if err != nil {
			t.Fatal(err)
		}
		if pf, err := readPDF(b); err != nil {
			t.Errorf("%s: %v", f, err)
		} else if lang := pf.get(pf.catalog()["Lang"]); string(lang.(pdfString)) != cfg.Language {
			t.Errorf("%s: language %q, want %q", f, lang, cfg.Language)
		}
		var all strings.Builder
		for _, pg := range d.Pages {
			for _, l := range pg.Lines {
				all.WriteString(l.Text + "\n")
			}
		}
		for _, screen := range []string{"↩", "Skip to content", "Download my answers", "Clear my answers", "stay in this browser", "Search this workshop"} {
			if strings.Contains(all.String(), screen) {
				t.Errorf("%s prints %q, which is for the screen", f, screen)
			}
		}
	}
	handout, guide, pack := docs["pdf/handout.pdf"], docs["pdf/facilitator-guide.pdf"], docs["pdf/worksheets.pdf"]

	// The handout and the guide: where each module starts, and the contents.
	for _, book := range []struct {
		d    *printcheck.Doc
		page string
		// module: each module starts a new page, not only a part's first
		module bool
	}{{handout, "handout/index.html", false}, {guide, "facilitator/guide/index.html", true}} {
		d := book.d
		name := filepath.Base(d.File)
		forced := map[int]bool{} // pages that had to be new
		seen := map[string]int{}
		if n := pageOf(d, "Contents"); n < 1 || n > 2 {
			t.Errorf("%s: the contents are on page %d, want the cover or the page after", name, n)
		}
		secs, parts := sections(t, p.file(book.page))
		for _, part := range parts {
			// A part starts a new page, whether modules follow it or a
			// gathering of them does (the handout's key points).
			if n := d.HeadingPage(part); n == 0 || !d.Starts(n, part) {
				t.Errorf("%s: the part %q does not start a page (its heading is on page %d)", name, part, n)
			} else {
				forced[n] = true
			}
		}
		for _, sec := range secs {
			k := seen[sec.title]
			seen[sec.title]++
			heads, listed := d.HeadingPages(sec.title), d.ContentsPages(sec.title)
			if k >= len(heads) || k >= len(listed) {
				t.Errorf("%s: module %q: %d headings, %d contents entries", name, sec.title, len(heads), len(listed))
				continue
			}
			at := heads[k]
			if listed[k] != at {
				t.Errorf("%s: the contents put %q on page %d, its heading is on page %d", name, sec.title, listed[k], at)
			}
			if o := outlinePage(d, sec.title, k); o != at {
				t.Errorf("%s: the outline puts %q on page %d, its heading is on page %d", name, sec.title, o, at)
			}
			switch {
			case sec.part != "":
				if !d.Starts(at, sec.part) {
					t.Errorf("%s: the part %q does not start page %d: %q", name, sec.part, at, firstLines(d.Pages[at-1]))
				}
				forced[at] = true
			case book.module:
				if !d.Starts(at, sec.title) {
					t.Errorf("%s: the module %q does not start page %d: %q", name, sec.title, at, firstLines(d.Pages[at-1]))
				}
				forced[at] = true
			}
		}
		checkReach(t, d, forced)
	}

	// The pack: a sheet a page (or more), each filled to the foot.
	forced := map[int]bool{}
	filled := map[int]sheet{} // the pages of the worksheets with answers
	n := 1
	for i, sh := range sheets(t, p.file("worksheets/index.html")) {
		if !pack.Starts(n, sh.title) {
			t.Errorf("worksheets.pdf: page %d starts %q, want the sheet %q", n, firstLines(pack.Pages[n-1]), sh.title)
			break
		}
		forced[n] = i > 0
		if sh.table {
			// A table as wide as the text keeps its right border: one
			// drawn a fraction of a pixel past the text area is cut off.
			if mm, err := printcheck.RightEdge(pack.File, n, 150, printcheck.DefaultMargins); err != nil {
				t.Fatal(err)
			} else if mm < 15 {
				t.Errorf("worksheets.pdf: page %d: the table of %q has no right border (the longest line at the right edge of the text is %.0f mm)", n, sh.title, mm)
			}
		}
		for {
			if sh.answers > 0 {
				filled[n] = sh
			}
			if n+1 > len(pack.Pages) || !pack.Starts(n+1, sh.title) || named(pack.Pages[n]) {
				break
			}
			n++ // the title again, on the next page of a long sheet
		}
		n++
	}
	if n-1 != len(pack.Pages) {
		t.Errorf("worksheets.pdf has %d pages, the sheets take %d", len(pack.Pages), n-1)
	}
	checkReach(t, pack, forced)
	for page, sh := range filled {
		if r := pack.Pages[page-1].Reach; r < 0.93 {
			t.Errorf("worksheets.pdf: the writing space of %q stops %.0f%% of the way down page %d", sh.title, 100*r, page)
		}
		if sh.table {
			continue // table borders are lines across the page too
		}
		rules, err := printcheck.Rules(pack.File, page, 150, printcheck.DefaultMargins)
		if err != nil {
			t.Fatal(err)
		}
		checkRules(t, sh.title, page, rules)
	}
}

// named reports whether a page of the pack has a name line near its top:
// the first page of a sheet has, the next pages of a long one have not.
func named(p printcheck.Page) bool {
	for _, l := range p.Lines[:min(5, len(p.Lines))] {
		if printcheck.Flat(l.Text) == "Name" {
			return true
		}
	}
	return false
}

// pageOf is the first page with a line that reads text.
func pageOf(d *printcheck.Doc, text string) int {
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if printcheck.Flat(l.Text) == text {
				return p.N
			}
		}
	}
	return 0
}

// outlinePage is the page of the k-th outline item titled title, or 0.
func outlinePage(d *printcheck.Doc, title string, k int) int {
	for _, e := range d.Outline {
		if e.Title == printcheck.Flat(title) {
			if k == 0 {
				return e.Page
			}
			k--
		}
	}
	return 0
}

// checkReach checks that every page reaches half way down, but the last
// and those before a page that had to be new (forced).
func checkReach(t *testing.T, d *printcheck.Doc, forced map[int]bool) {
	t.Helper()
	for i, pg := range d.Pages {
		if i < len(d.Pages)-1 && !forced[pg.N+1] && pg.Reach < 0.5 {
			t.Errorf("%s: page %d stops %.0f%% of the way down; page %d starts %q", filepath.Base(d.File), pg.N, 100*pg.Reach, pg.N+1, firstLines(d.Pages[i+1]))
		}
	}
}

// checkRules checks the ruled lines of a page at 150 dpi: all the same
// solid grey, at most 3 pixels thick, and at an even pitch (within a
// pixel) inside each writing space.
func checkRules(t *testing.T, title string, page int, rules []printcheck.Rule) {
	t.Helper()
	if len(rules) < 6 {
		t.Errorf("%q, page %d: %d ruled lines found", title, page, len(rules))
		return
	}
	pitch := 0
	for i, r := range rules {
		if r.Rows > 3 || r.Gray > 150 || abs(r.Gray-rules[0].Gray) > 12 {
			t.Errorf("%q, page %d: the rule at row %d is %d rows of grey %d (the first: %d rows of grey %d)", title, page, r.Y, r.Rows, r.Gray, rules[0].Rows, rules[0].Gray)
		}
		if i == 0 {
			continue
		}
		gap := r.Y - rules[i-1].Y
		if pitch == 0 || gap < pitch {
			pitch = gap
		}
	}
	for i := 1; i < len(rules); i++ {
		if gap := rules[i].Y - rules[i-1].Y; gap < pitch*3/2 && gap > pitch+1 {
			t.Errorf("%q, page %d: rules %d rows apart, %d elsewhere", title, page, gap, pitch)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// section is a module of the handout or the guide, with the title of the
// part it starts, if it starts one.
type section struct{ title, part string }

// sections reads the modules of a handout or guide page in order, and
// the titles of its parts.
func sections(t *testing.T, page string) (out []section, parts []string) {
	t.Helper()
	part := ""
	walk(t, page, func(n *html.Node) bool {
		switch {
		case n.Data == "h2" && hasClass(n, "part-title"):
			part = strings.TrimSpace(text(n))
			parts = append(parts, part)
		case n.Data == "section" && hasClass(n, "module-section"):
			if h := find(n, "module-title"); h != nil {
				out = append(out, section{title: strings.TrimSpace(text(h)), part: part})
				part = ""
			}
			return false
		}
		return true
	})
	return out, parts
}

// sheet is a sheet of the worksheet pack.
type sheet struct {
	title   string
	answers int
	table   bool
}

func sheets(t *testing.T, page string) []sheet {
	t.Helper()
	var out []sheet
	walk(t, page, func(n *html.Node) bool {
		if n.Data != "section" || !hasClass(n, "worksheet-page") {
			return true
		}
		sh := sheet{}
		if h := find(n, "worksheet-page-title"); h != nil {
			sh.title = strings.TrimSpace(text(h))
		}
		var in func(*html.Node)
		in = func(c *html.Node) {
			if c.Type == html.ElementNode {
				if hasClass(c, "answer-print") {
					sh.answers++
				}
				if c.Data == "table" && !hasClass(c, "worksheet-sheet") {
					sh.table = true
				}
			}
			for k := c.FirstChild; k != nil; k = k.NextSibling {
				in(k)
			}
		}
		in(n)
		out = append(out, sh)
		return false
	})
	return out
}

// walk calls fn on the elements of an HTML file in order, and on their
// children while fn returns true.
func walk(t *testing.T, file string, fn func(*html.Node) bool) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var in func(*html.Node)
	in = func(n *html.Node) {
		if n.Type == html.ElementNode && !fn(n) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			in(c)
		}
	}
	in(doc)
}

// find is the first element under n with the class.
func find(n *html.Node, class string) *html.Node {
	if n.Type == html.ElementNode && hasClass(n, class) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, class); f != nil {
			return f
		}
	}
	return nil
}

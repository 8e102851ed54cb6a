package pdf

import (
	"fmt"
	"strings"
	"testing"

	"lectern/generator/i18n"
	"lectern/generator/internal/kitgen"
	"lectern/generator/pdf/printcheck"
)

// margins are the words of page n above and below the text area (the
// running head and foot), and the page's width.
func margins(t *testing.T, file string, n int) (head, foot []printcheck.Word, width float64) {
	t.Helper()
	pages, err := printcheck.Words(file, n)
	if err != nil || len(pages) != 1 {
		t.Fatalf("reading page %d of %s: %v", n, file, err)
	}
	const band = 18 * 72 / 25.4 // print.css's top and bottom margins
	pg := pages[0]
	for _, w := range pg.Words {
		switch mid := (w.YMin + w.YMax) / 2; {
		case mid < band:
			head = append(head, w)
		case mid > pg.Height-band:
			foot = append(foot, w)
		}
	}
	return head, foot, pg.Width
}

// TestRunningHeadsMirror prints a kit left to right (English) and right to
// left (Arabic): on the guide's and the handout's pages after the cover
// the title is at the start of the running head (left, or right in
// Arabic), the facilitator edition's label at its end, and the page
// number in the middle of the foot.
func TestRunningHeadsMirror(t *testing.T) {
	needTool(t, "pdftotext")
	para := strings.Repeat("Quisque leo dolor, vitae lacinia nunc tempor quis. ", 12)
	for _, c := range []struct {
		lang string
		rtl  bool
	}{{"en", false}, {"ar", true}} {
		t.Run(c.lang, func(t *testing.T) {
			body := strings.Repeat(para+"\n\n", 14) // more than a page
			kit := t.TempDir()
			err := kitgen.WriteFiles(kit, map[string]string{
				"site.toml":         "title = \"Quire\"\nlanguage = \"" + c.lang + "\"\n",
				"content/_index.md": "+++\ntitle = \"Quire\"\n+++\n\nA kit to print.\n",
				"content/01-one.md": "+++\ntitle = \"Unum\"\nduration = 20\n+++\n\n" + body,
			})
			if err != nil {
				t.Fatal(err)
			}
			p := printKit(t, kit)
			loc, _ := i18n.New(c.lang, "", nil)
			for _, f := range []struct {
				file  string
				label bool
			}{{"pdf/facilitator-guide.pdf", true}, {"pdf/handout.pdf", false}} {
				head, foot, width := margins(t, p.file(f.file), 2)
				var title, lab []printcheck.Word
				// Any word but the title's is the label's (pdftotext writes
				// Arabic words in the order of their glyphs).
				for _, w := range head {
					if w.Text == "Quire" {
						title = append(title, w)
					} else {
						lab = append(lab, w)
					}
				}
				// side is which half of the page the words are on.
				side := func(ws []printcheck.Word) string {
					left, right := false, false
					for _, w := range ws {
						left = left || w.XMax < width/2
						right = right || w.XMin > width/2
					}
					switch {
					case left && !right:
						return "left"
					case right && !left:
						return "right"
					}
					return fmt.Sprintf("%v", ws)
				}
				start, end := "left", "right"
				if c.rtl {
					start, end = end, start
				}
				if len(title) != 1 || side(title) != start {
					t.Errorf("%s: the title is at %s, want %s", f.file, side(title), start)
				}
				if f.label && (len(lab) == 0 || side(lab) != end) {
					t.Errorf("%s: the edition's label %q is at %s, want %s", f.file, loc.T("facilitator_edition"), side(lab), end)
				}
				if !f.label && len(lab) > 0 {
					t.Errorf("%s: the attendees' handout says %q", f.file, loc.T("facilitator_edition"))
				}
				if len(foot) == 0 {
					t.Fatalf("%s: page 2 has no number", f.file)
				}
				mid := (foot[0].XMin + foot[len(foot)-1].XMax) / 2
				if d := mid - width/2; d < -20 || d > 20 {
					t.Errorf("%s: the page number is %.0f pt from the middle", f.file, d)
				}
				// The cover has no running head.
				if head, _, _ := margins(t, p.file(f.file), 1); len(head) > 0 {
					t.Errorf("%s: the cover has a running head: %v", f.file, head)
				}
			}
		})
	}
}

package printcheck

import (
	"strings"
	"testing"
)

// page is a blank A4 page at dpi, with ink drawn by marks (millimetres:
// x, y, width, height).
func page(marks ...[4]float64) *gray {
	mm := dpi / 25.4
	w, h := int(210*mm), int(297*mm)
	img := &gray{w: w, h: h, pix: []byte(strings.Repeat("\xff", w*h))}
	for _, m := range marks {
		x0, y0 := int(m[0]*dpi/25.4), int(m[1]*dpi/25.4)
		x1, y1 := int((m[0]+m[2])*dpi/25.4), int((m[1]+m[3])*dpi/25.4)
		for y := y0; y <= y1 && y < h; y++ {
			for x := x0; x <= x1 && x < w; x++ {
				img.pix[y*w+x] = 0
			}
		}
	}
	return img
}

func TestMeasure(t *testing.T) {
	m := DefaultMargins // text area: 16–194 mm across, 18–279 mm down
	for _, c := range []struct {
		name       string
		marks      [][4]float64
		reach, top float64
		past       []string
	}{
		{"empty", nil, 0, 0, nil},
		{"half way", [][4]float64{{20, 18, 100, 4}, {20, 147, 100, 1}}, 0.5, 0, nil},
		{"to the foot", [][4]float64{{20, 100, 100, 178.5}}, 1, 0.31, nil},
		{"a running head and foot are not content", [][4]float64{{16, 12, 40, 3}, {100, 283, 10, 3}, {20, 50, 10, 1}}, 0.13, 0.12, nil},
		{"past the right margin", [][4]float64{{150, 60, 50, 2}}, 0.17, 0.16, []string{"right margin, 59 mm down"}},
		{"past the top and the left", [][4]float64{{5, 3, 30, 2}}, 0, 0, []string{"left margin, 2 mm down", "top margin, 14 mm across"}},
	} {
		p := measure(page(c.marks...), m, 1)
		if abs(p.Reach-c.reach) > 0.01 || abs(p.Top-c.top) > 0.01 || strings.Join(p.Past, "; ") != strings.Join(c.past, "; ") {
			t.Errorf("%s: reach %.3f top %.3f past %q, want %.2f %.2f %q", c.name, p.Reach, p.Top, p.Past, c.reach, c.top, c.past)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestLines(t *testing.T) {
	words := []Word{
		{XMin: 300, YMin: 100, XMax: 320, YMax: 112, Text: "3"},
		{XMin: 50, YMin: 99, XMax: 90, YMax: 112, Text: "Task"},
		{XMin: 95, YMin: 99.5, XMax: 120, YMax: 112, Text: "focus"},
		{XMin: 50, YMin: 60, XMax: 200, YMax: 80, Text: "Heading"},
		{XMin: 50, YMin: 113, XMax: 90, YMax: 125, Text: "next"},
	}
	ls := lines(words)
	var got []string
	for _, l := range ls {
		got = append(got, l.Text)
	}
	if strings.Join(got, "|") != "Heading|Task focus 3|next" {
		t.Errorf("lines %q", got)
	}
	if ls[0].Size != 20 {
		t.Errorf("the heading's size %.1f, want 20", ls[0].Size)
	}
}

// doc is a document of pages given as their reach and their lines; a line
// that starts with "# " is a heading.
func doc(pages ...[]string) *Doc {
	d := &Doc{BodySize: 10}
	for i, p := range pages {
		pg := Page{N: i + 1}
		for j, l := range p {
			if j == 0 {
				pg.Reach = map[string]float64{"full": 0.95, "short": 0.3}[l]
				continue
			}
			size := 10.0
			if rest, ok := strings.CutPrefix(l, "# "); ok {
				l, size = rest, 16
			}
			pg.Lines = append(pg.Lines, Line{Text: l, Size: size, words: wordsOf(l)})
		}
		d.Pages = append(d.Pages, pg)
	}
	return d
}

func wordsOf(s string) []Word {
	var out []Word
	for _, f := range strings.Fields(s) {
		out = append(out, Word{Text: f})
	}
	return out
}

func TestShortAndContents(t *testing.T) {
	d := doc(
		[]string{"short", "# Handout", "Contents", "First module 20 min 2", "Second module 3", "Day two", "Third module 25 min 4"},
		[]string{"short", "# First module", "text"},
		[]string{"short", "# Second module", "text"},
		[]string{"short", "# Day two", "# Third module", "text"},
		[]string{"short", "text", "# A sheet", "text"},
		[]string{"short", "# Unlisted heading", "text"},
		[]string{"short", "text"},
	)
	report := func(ps []Problem) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.String())
		}
		return strings.Join(s, "; ")
	}
	// A book: a page may end short before a module the contents list or a
	// part; not before another heading.
	if got, want := report(d.Short(0.5, false)), "page 4: the content stops 30% of the way down; page 5: the content stops 30% of the way down; page 6: the content stops 30% of the way down"; got != want {
		t.Errorf("book: %s\nwant %s", got, want)
	}
	// A handout flows: only a part excuses the page before it.
	if got, want := report(d.Short(0.5, true)), "page 1: the content stops 30% of the way down; page 2: the content stops 30% of the way down; page 4: the content stops 30% of the way down; page 5: the content stops 30% of the way down; page 6: the content stops 30% of the way down"; got != want {
		t.Errorf("flow: %s\nwant %s", got, want)
	}
	for title, want := range map[string]int{"First module": 2, "Second module": 3, "Third module": 4, "Day two": 0, "Second": 3, "module": 0} {
		if got := d.ContentsPage(title); got != want {
			t.Errorf("ContentsPage(%q) = %d, want %d", title, got, want)
		}
	}
	if !d.Starts(4, "Day two") || d.Starts(4, "Third module") || d.Starts(5, "A sheet") {
		t.Errorf("Starts is wrong about pages 4 and 5")
	}
	if got := d.HeadingPages("Third module"); len(got) != 1 || got[0] != 4 {
		t.Errorf("HeadingPages(Third module) = %v", got)
	}
	d.Outline = []Entry{{Title: "Handout", Page: 1}, {Title: "First module", Page: 2, Level: 1}, {Title: "Second module", Page: 2, Level: 1}}
	if got, want := report(d.CheckContents()), `page 3: the contents put "Second module" on page 3, the outline on page 2`; got != want {
		t.Errorf("CheckContents: %s\nwant %s", got, want)
	}
}

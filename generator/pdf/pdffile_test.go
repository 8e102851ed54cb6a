package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tinyPDF writes a PDF as Skia does: two pages under a nested page tree,
// named destinations in the catalog's Dests (one name #-escaped), an
// outline of two items and document information.
func tinyPDF() []byte {
	objs := []string{
		1:  `<</Title (Tiny \(test\)) /Producer (Skia/PDF m156)>>`,
		2:  `<</Type /Catalog /Pages 3 0 R /Dests 6 0 R /Outlines 7 0 R>>`,
		3:  `<</Type /Pages /Count 2 /Kids [4 0 R 10 0 R]>>`,
		4:  `<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842]>>`,
		5:  `<</Type /Page /Parent 10 0 R /MediaBox [0 0 595 842]>>`,
		6:  `<</main [4 0 R /XYZ 0 841.92 0] /caf#C3#A9 [5 0 R /XYZ 0 300.5 0] /lectern:end:1 [5 0 R /XYZ 0 120 0]>>`,
		7:  `<</Type /Outlines /First 8 0 R /Last 9 0 R /Count 2>>`,
		8:  `<</Title <FEFF00410041> /Parent 7 0 R /Next 9 0 R /Dest [4 0 R /XYZ 0 841.92 0]>>`,
		9:  `<</Title (Plain) /Parent 7 0 R /Prev 8 0 R /Dest [5 0 R /XYZ 0 300 0]>>`,
		10: `<</Type /Pages /Parent 3 0 R /Count 1 /Kids [5 0 R]>>`,
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i := 1; i < len(objs); i++ {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i, objs[i])
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs))
	for i := 1; i < len(objs); i++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offs[i])
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 2 0 R /Info 1 0 R>>\nstartxref\n%d\n%%%%EOF", len(objs), xref)
	return b.Bytes()
}

func TestReadPDF(t *testing.T) {
	f, err := readPDF(tinyPDF())
	if err != nil {
		t.Fatal(err)
	}
	if p := f.pages(); len(p) != 2 || p[0] != (ref{4, 0}) || p[1] != (ref{5, 0}) {
		t.Errorf("pages %v, want 4 0 R and 5 0 R", p)
	}
	d := f.dests()
	want := map[string]dest{"main": {0, 841.92}, "café": {1, 300.5}, "lectern:end:1": {1, 120}}
	if len(d) != len(want) {
		t.Errorf("dests %v, want %v", d, want)
	}
	for k, w := range want {
		if d[k] != w {
			t.Errorf("dest %q = %v, want %v", k, d[k], w)
		}
	}
	if info := f.dict(f.trailer["Info"]); string(info["Title"].(pdfString)) != "Tiny (test)" {
		t.Errorf("title %q", info["Title"])
	}
	for _, bad := range []string{"", "%PDF-1.4\nnothing", "startxref\n99999\n%%EOF"} {
		if _, err := readPDF([]byte(bad)); err == nil {
			t.Errorf("readPDF(%q) read it", bad)
		}
	}
}

func TestUpdatePDF(t *testing.T) {
	f, err := readPDF(tinyPDF())
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.update(patch{info: map[string]string{"Author": "Zoë Ångström", "Subject": ""}, lang: "en-GB",
		titles: map[string]string{"AA": "A"}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, tinyPDF()) {
		t.Fatal("the update rewrote bytes of the file; it should only add")
	}
	g, err := readPDF(out)
	if err != nil {
		t.Fatalf("reading the updated file: %v", err)
	}
	info := g.dict(g.trailer["Info"])
	if got := decodeText(info["Author"].(pdfString)); got != "Zoë Ångström" {
		t.Errorf("author %q", got)
	}
	if got := decodeText(info["Title"].(pdfString)); got != "Tiny (test)" {
		t.Errorf("the title became %q", got)
	}
	if _, ok := info["Subject"]; ok {
		t.Errorf("an empty entry was written")
	}
	if got := decodeText(g.catalog()["Lang"].(pdfString)); got != "en-GB" {
		t.Errorf("language %q", got)
	}
	var titles []string
	for _, title := range g.outlineItems() {
		titles = append(titles, title)
	}
	if strings.Join(titles, "|") != "A|Plain" {
		t.Errorf("outline %q, want A|Plain", titles)
	}
	if len(g.dests()) != 3 || len(g.pages()) != 2 {
		t.Errorf("after the update: %d dests, %d pages", len(g.dests()), len(g.pages()))
	}
	// A language the catalog has stays.
	h, _ := g.update(patch{lang: "fr"})
	if k, err := readPDF(h); err != nil || decodeText(k.catalog()["Lang"].(pdfString)) != "en-GB" {
		t.Errorf("a second update changed the language (%v)", err)
	}

	// poppler reads it too.
	if p, err := exec.LookPath("pdfinfo"); err == nil {
		file := filepath.Join(t.TempDir(), "tiny.pdf")
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := exec.Command(p, file).CombinedOutput()
		if err != nil || !strings.Contains(string(b), "Author:          Zoë Ångström") || strings.Contains(string(b), "Syntax") {
			t.Errorf("pdfinfo: %v\n%s", err, b)
		}
	}
}

func TestFill(t *testing.T) {
	g := geometry{paper: [2]float64{794, 1123}, margins: [4]float64{68, 60, 68, 60}}
	head := 842.0 // the destinations' height of the text area's top
	ans := func(id string, lines int) answerPlan {
		return answerPlan{ID: id, Lines: lines, Height: float64(lines) * 28, Next: id + "-next"}
	}
	p := &plan{Pitch: 28, Top: "top", Sheets: []sheetPlan{
		{End: "end1", Answers: []answerPlan{ans("a1", 3), ans("a2", 5), ans("a3", 2)}},
		{End: "end2", Answers: []answerPlan{ans("b1", 4), ans("b2", 4), ans("b3", 6)}},
		{End: "end3", Answers: []answerPlan{ans("c1", 4)}},
	}}
	foot := head - g.textHeight()*ptPerPx
	at := func(page int, pxAboveFoot float64) dest { return dest{page, foot + pxAboveFoot*ptPerPx} }
	dests := map[string]dest{
		"top": {0, head},
		// Sheet 1 ends 10 lines (and a bit) above the foot of page 0: its
		// answers share them 3:5:2.
		"end1": at(0, 10*28+fillSlack+5), "a1": at(0, 600), "a2": at(0, 500), "a3": at(0, 400),
		// Sheet 2 takes three pages. On page 1, b1 ends 2 lines above the
		// foot and what follows it is on page 2: b1 takes them. On page 2,
		// b2 is followed by something on the same page: it keeps its lines.
		// On page 3, b3 shares what is left below the sheet's end.
		"b1": at(1, 4*28+2*28+fillSlack), "b1-next": at(2, 900),
		"b2": at(2, 800), "b2-next": at(2, 400),
		"b3": at(3, 700), "end2": at(3, 3*28+fillSlack),
		// Sheet 3 is skipped.
		"end3": at(4, 500), "c1": at(4, 600),
	}
	got := fill(p, g, dests, map[int]bool{2: true})
	want := map[string]int{"a1": 3 + 3, "a2": 5 + 5, "a3": 2 + 2, "b1": 4 + 2, "b3": 6 + 3}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("fill = %v, want %v", got, want)
	}
	// With 7 lines to share 3:5:2 (2.1, 3.5, 1.4), the largest remainders
	// get the two left over after 2, 3 and 1.
	dests["end1"] = at(0, 7*28+fillSlack)
	got = fill(p, g, dests, map[int]bool{1: true, 2: true})
	if want := map[string]int{"a1": 3 + 2, "a2": 5 + 4, "a3": 2 + 1}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("fill = %v, want %v", got, want)
	}
}

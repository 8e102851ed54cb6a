package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// twoPages writes an A4 PDF of two pages: the first with a bar 12% of the
// way down its text area and a mark in its left margin, the second blank.
func twoPages(t *testing.T) string {
	t.Helper()
	draw := "0 0 0 rg 60 700 400 20 re f 5 400 10 10 re f"
	objs := []string{
		1: `<</Type /Catalog /Pages 2 0 R>>`,
		2: `<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R] /MediaBox [0 0 595.28 841.89]>>`,
		3: `<</Type /Page /Parent 2 0 R /Contents 5 0 R>>`,
		4: `<</Type /Page /Parent 2 0 R>>`,
		5: fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(draw), draw),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs), xref)
	file := filepath.Join(t.TempDir(), "two.pdf")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestRun(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfinfo", "pdftohtml"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " not found: install poppler-utils")
		}
	}
	file := twoPages(t)
	var out, errs bytes.Buffer
	if code := run([]string{file}, &out, &errs); code != 1 {
		t.Errorf("exit %d, want 1 for the problems\n%s%s", code, out.String(), errs.String())
	}
	for _, want := range []string{"2 pages, 210 x 297 mm", "   1    12%", "   2     0%",
		file + ": page 1: the content stops 12% of the way down",
		file + ": page 1: content in the left margin, 152 mm down"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"-q", "-min", "0.05", file}, &out, &errs); code != 1 || strings.Contains(out.String(), "pages,") || strings.Contains(out.String(), "stops") {
		t.Errorf("-q -min 0.05: exit %d\n%s", code, out.String())
	}
	for _, args := range [][]string{{}, {"-margins", "1,2", file}, {"-margins", "a,b,c,d", file}, {"-nope"}} {
		errs.Reset()
		if code := run(args, &out, &errs); code != 2 || !strings.Contains(errs.String(), "usage:") {
			t.Errorf("%q: exit %d, want 2 and the usage\n%s", args, code, errs.String())
		}
	}
	errs.Reset()
	if code := run([]string{filepath.Join(t.TempDir(), "none.pdf")}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "none.pdf") {
		t.Errorf("a missing file: exit %d\n%s", code, errs.String())
	}
}

// Command lectern-printcheck looks at printed PDFs as a reader leafing
// through them would, and says what it sees: for each page, how far down
// the text area its content reaches and what it starts with; then the
// pages that stop above half way without a new part, module or sheet
// after them, anything printed past the margins, and contents entries
// whose page numbers are not where their headings are. It exits 1 when
// it finds any of those. It needs poppler-utils (pdftoppm, pdftotext,
// pdfinfo, pdftohtml).
//
//	lectern pdf && lectern-printcheck public/pdf/*.pdf
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"lectern/generator/pdf/printcheck"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lectern-printcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	margins := fs.String("margins", "18,16,18,16", "the page margins in millimetres: top,right,bottom,left (Lectern's default theme's)")
	least := fs.Float64("min", 0.5, "how far down the text area a page's content must reach, unless a new part, module or sheet follows")
	quiet := fs.Bool("q", false, "report only the problems")
	flow := fs.String("flow", "auto", "whether the document flows, starting only its parts on a new page: yes, no, or auto (a file named *handout*.pdf does)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: lectern-printcheck [-margins T,R,B,L] [-min FRACTION] [-flow yes|no|auto] [-q] FILE.pdf...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	m, err := parseMargins(*margins)
	if err != nil || fs.NArg() == 0 {
		if err != nil {
			fmt.Fprintln(stderr, "lectern-printcheck:", err)
		}
		fs.Usage()
		return 2
	}
	code := 0
	for _, file := range fs.Args() {
		d, err := printcheck.Read(file, m)
		if err != nil {
			fmt.Fprintf(stderr, "lectern-printcheck: %s: %v\n", file, err)
			code = 1
			continue
		}
		if !*quiet {
			report(stdout, d)
		}
		var problems []printcheck.Problem
		flows := *flow == "yes" || (*flow == "auto" && strings.Contains(filepath.Base(file), "handout"))
		problems = append(problems, d.Short(*least, flows)...)
		problems = append(problems, d.PastMargins()...)
		problems = append(problems, d.CheckContents()...)
		for _, p := range problems {
			fmt.Fprintf(stdout, "%s: %s\n", file, p)
			code = 1
		}
	}
	return code
}

func parseMargins(s string) (printcheck.Margins, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return printcheck.Margins{}, fmt.Errorf("-margins wants four lengths in millimetres, not %q", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || f < 0 {
			return printcheck.Margins{}, fmt.Errorf("-margins: %q is not a length in millimetres", p)
		}
		v[i] = f
	}
	return printcheck.Margins{Top: v[0], Right: v[1], Bottom: v[2], Left: v[3]}, nil
}

func report(w io.Writer, d *printcheck.Doc) {
	fmt.Fprintf(w, "%s: %d pages, %.0f x %.0f mm, title %q, author %q, tagged %s\n",
		d.File, len(d.Pages), d.Width, d.Height, d.Info["Title"], d.Info["Author"], d.Info["Tagged"])
	fmt.Fprintln(w, "  page  reach  starts with")
	for _, p := range d.Pages {
		first := ""
		if len(p.Lines) > 0 {
			first = p.Lines[0].Text
			if r := []rune(first); len(r) > 60 {
				first = string(r[:57]) + "..."
			}
		}
		fmt.Fprintf(w, "  %4d  %4.0f%%  %s\n", p.N, 100*p.Reach, first)
	}
}

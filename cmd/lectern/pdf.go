package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"lectern/generator/pdf"
	"lectern/generator/publish"
)

type pdfFlags struct{ source, out, chromium string }

func (f *pdfFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the kit folder (the one with site.toml)")
	fs.StringVar(&f.out, "out", "", "the output folder (default: public/ inside the kit); the PDFs go in its pdf/ folder")
	fs.StringVar(&f.chromium, "chromium", "", "the Chromium to print with (default: $LECTERN_CHROMIUM, then chromium, chromium-browser or google-chrome on PATH)")
}

func runPDF(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f pdfFlags
	if code, ok := parse(find("pdf"), f.define, args, stdout, stderr); !ok {
		return code
	}
	o := publish.Options{Source: f.source, Out: f.out}
	stop := progress(stderr, "building and printing")
	o.Passphrase = passphrase(stderr, func() func() {
		stop()
		return func() { stop = progress(stderr, "building and printing") }
	})
	res, diags, err := pdf.Build(ctx, o, f.chromium)
	stop()
	report(stderr, diags)
	if err != nil {
		return failure(stderr, err)
	}
	fmt.Fprintf(stdout, "built %s%s and printed %s in %s → %s\n", count(res.Build.Modules, "module"), warnings(diags),
		strings.Join(res.Files, ", "), res.Duration.Round(1e6), res.Build.Out)
	if res.Beside != "" {
		fmt.Fprintf(stdout, "the facilitator edition is locked: its guide is printed beside the output, not in it → %s\n", res.Beside)
	}
	return exitOK
}

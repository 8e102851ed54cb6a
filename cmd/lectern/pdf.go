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

func pdfFlags(fs *flag.FlagSet) {
	fs.String("source", ".", "the kit folder (the one with site.toml)")
	fs.String("out", "", "the output folder (default: public/ inside the kit); the PDFs go in its pdf/ folder")
	fs.String("chromium", "", "the Chromium to print with (default: $LECTERN_CHROMIUM, then chromium, chromium-browser or google-chrome on PATH)")
}

func runPDF(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, code, ok := parse(find("pdf"), args, stdout, stderr)
	if !ok {
		return code
	}
	o := publish.Options{
		Source: fs.Lookup("source").Value.String(),
		Out:    fs.Lookup("out").Value.String(),
	}
	stop := progress(stderr, "building and printing")
	res, diags, err := pdf.Build(ctx, o, fs.Lookup("chromium").Value.String())
	stop()
	report(stderr, diags)
	if err != nil {
		return failure(stderr, err)
	}
	_, warns := diags.Count()
	fmt.Fprintf(stdout, "built %d modules%s and printed %s in %s → %s\n", res.Build.Modules, plural(warns, "warning"),
		strings.Join(res.Files, ", "), res.Duration.Round(1e6), res.Build.Out)
	return exitOK
}

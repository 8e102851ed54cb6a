package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"lectern/generator/check"
)

type checkFlags struct {
	source, format string
	strict         bool
}

func (f *checkFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the kit folder (the one with site.toml)")
	fs.BoolVar(&f.strict, "strict", false, "exit with status 1 on warnings too, not only on errors")
	fs.StringVar(&f.format, "format", "text", "report format: text, or json for CI pipelines")
}

// runCheck reports every problem in the kit on stdout and writes nothing.
func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f checkFlags
	if code, ok := parse(find("check"), f.define, args, stdout, stderr); !ok {
		return code
	}
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(stderr, "lectern check: --format must be text or json, not %q\n", f.format)
		return exitUsage
	}
	diags := check.Run(check.Options{Source: f.source})
	print := check.Text
	if f.format == "json" {
		print = check.JSON
	}
	if err := print(stdout, diags); err != nil {
		fmt.Fprintf(stderr, "lectern check: %v\n", err)
		return exitEnv
	}
	errs, warns := diags.Count()
	if errs > 0 || (warns > 0 && f.strict) {
		return exitKit
	}
	return exitOK
}

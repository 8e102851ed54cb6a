package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"lectern/generator/check"
)

func checkFlags(fs *flag.FlagSet) {
	fs.String("source", ".", "the kit folder (the one with site.toml)")
	fs.Bool("strict", false, "exit with status 1 on warnings too, not only on errors")
	fs.String("format", "text", "report format: text, or json for CI pipelines")
}

// runCheck reports every problem in the kit on stdout and writes nothing.
func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs, code, ok := parse(find("check"), args, stdout, stderr)
	if !ok {
		return code
	}
	format := fs.Lookup("format").Value.String()
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "lectern check: --format must be text or json, not %q\n", format)
		return exitUsage
	}
	diags := check.Run(check.Options{Source: fs.Lookup("source").Value.String()})
	print := check.Text
	if format == "json" {
		print = check.JSON
	}
	if err := print(stdout, diags); err != nil {
		fmt.Fprintf(stderr, "lectern check: %v\n", err)
		return exitEnv
	}
	errs, warns := diags.Count()
	if errs > 0 || (warns > 0 && fs.Lookup("strict").Value.(flag.Getter).Get().(bool)) {
		return exitKit
	}
	return exitOK
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"lectern/generator/carpentries"
	"lectern/generator/diag"
)

type importFlags struct{ out string }

func (f *importFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.out, "out", "", "the kit folder to write, new or empty (default: LESSON-DIR-kit beside the lesson)")
}

// runImport is `lectern import carpentries LESSON-DIR [--out KIT-DIR]`.
// Flags may come before or after the words.
func runImport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	c := find("import")
	var f importFlags
	words, _, code, ok := wordsAndFlags(c, f.define, args, stdout, stderr, importUsage)
	if !ok {
		return code
	}
	if len(words) == 0 || words[0] != "carpentries" {
		return importUsage(c, stderr, "say what to import from: carpentries (the only format Lectern imports)")
	}
	if len(words) != 2 {
		return importUsage(c, stderr, "import carpentries takes one lesson folder, such as: lectern import carpentries my-lesson")
	}
	lesson := words[1]
	out := f.out
	if out == "" {
		abs, err := filepath.Abs(lesson)
		if err != nil {
			return failure(stderr, err)
		}
		out = filepath.Join(filepath.Dir(abs), filepath.Base(abs)+"-kit")
	}
	res, diags, err := carpentries.Import(carpentries.Options{Lesson: lesson, Out: out})
	report(stderr, diags)
	var u *carpentries.UsageError
	var l diag.List
	switch {
	case errors.As(err, &u):
		fmt.Fprintf(stderr, "lectern import: %v\n", err)
		return exitUsage
	case errors.As(err, &l):
		e, _ := l.Count()
		fmt.Fprintf(stderr, "%s; nothing was written\n", count(e, "error"))
		return exitKit
	case err != nil:
		fmt.Fprintf(stderr, "lectern import: %v\n", err)
		return exitEnv
	}
	fmt.Fprintf(stdout, "imported %s, %s and %s%s → %s\n", count(res.Modules, "module"),
		count(res.Pages, "page"), count(res.Breaks, "break"), warnings(diags), res.Out)
	fmt.Fprintf(stdout, "next: lectern check --source %s, then lectern serve --source %s\n", res.Out, res.Out)
	return exitOK
}

func importUsage(c *command, stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "lectern import: %s\n", fmt.Sprintf(format, args...))
	fmt.Fprintf(stderr, "usage: lectern import %s\n", c.args)
	return exitUsage
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"lectern/generator/i18n"
	"lectern/generator/scaffold"
)

type newFlags struct{ source, part, language string }

func (f *newFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "new module: the kit folder (the one with site.toml)")
	fs.StringVar(&f.part, "part", "", "new module: the part to put it in, by slug (day-2); made when missing")
	fs.StringVar(&f.language, "language", "en", "new kit: the language of its pages' words, a tag such as es or pt-BR")
}

// runNew is `lectern new kit DIR` and `lectern new module TITLE`. Flags may
// come before or after the words: `lectern new module "Giving feedback"
// --part day-2` is what people type.
func runNew(_ context.Context, args []string, stdout, stderr io.Writer) int {
	c := find("new")
	var f newFlags
	words, set, code, ok := wordsAndFlags(c, f.define, args, stdout, stderr, newUsage)
	if !ok {
		return code
	}
	if len(words) == 0 {
		return newUsage(c, stderr, "say what to make: kit DIR or module TITLE")
	}
	switch words[0] {
	case "kit":
		if len(words) != 2 {
			return newUsage(c, stderr, "new kit takes one folder, such as: lectern new kit my-kit")
		}
		if set["part"] || set["source"] {
			return newUsage(c, stderr, "--part and --source are for new module")
		}
		return newKit(words[1], f.language, stdout, stderr)
	case "module":
		if len(words) < 2 {
			return newUsage(c, stderr, "new module needs a title, such as: lectern new module \"Giving feedback\"")
		}
		if set["language"] {
			return newUsage(c, stderr, "--language is for new kit: a module speaks its kit's language")
		}
		// The title may come unquoted: lectern new module Giving feedback.
		return newModule(scaffold.ModuleOptions{
			Kit:   f.source,
			Title: strings.Join(words[1:], " "),
			Part:  f.part,
		}, stdout, stderr)
	}
	return newUsage(c, stderr, "unknown kind %q: use kit or module", words[0])
}

func newUsage(c *command, stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "lectern new: %s\n", fmt.Sprintf(format, args...))
	fmt.Fprintf(stderr, "usage: lectern new %s\n", c.args)
	return exitUsage
}

func newKit(dir, lang string, stdout, stderr io.Writer) int {
	files, err := scaffold.NewKitIn(dir, lang)
	if err != nil {
		return newFailure(stderr, err)
	}
	fmt.Fprintf(stdout, "made a new kit in %s:\n", dir)
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Join(dir, filepath.FromSlash(f)))
	}
	switch name := i18n.BuiltinName(lang); {
	case name == "English":
	case name != "":
		fmt.Fprintf(stdout, "its pages speak %s (language = %q in site.toml): menus, the run-sheet, buttons and dates; the sample text and the comments are in English, for you to replace\n", name, lang)
	default:
		fmt.Fprintf(stdout, "language = %q in site.toml: Lectern has no built-in words for it, so the pages' menus and buttons stay in English until you add i18n/%s.toml (README: Languages)\n", lang, lang)
	}
	fmt.Fprintf(stdout, "next: lectern build --source %s, then open %s\n", dir, filepath.Join(dir, "public", "index.html"))
	return exitOK
}

func newModule(o scaffold.ModuleOptions, stdout, stderr io.Writer) int {
	res, err := scaffold.NewModule(o)
	if err != nil {
		return newFailure(stderr, err)
	}
	if res.PartPath != "" {
		fmt.Fprintf(stdout, "made the part %s\n", filepath.Join(o.Kit, filepath.FromSlash(res.PartPath)))
	}
	fmt.Fprintf(stdout, "made %s (weight %d, slug %s)\n", filepath.Join(o.Kit, filepath.FromSlash(res.Path)), res.Weight, res.Slug)
	fmt.Fprintln(stdout, "it is a draft: set draft = false when it is ready, or build with --drafts to see it")
	return exitOK
}

// newFailure maps scaffold's errors to exit statuses: a refused request is
// wrong usage (2), a file system problem the environment (3).
func newFailure(stderr io.Writer, err error) int {
	var u *scaffold.UsageError
	if errors.As(err, &u) {
		fmt.Fprintf(stderr, "lectern new: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "lectern new: %v\n", err)
	return exitEnv
}

// wordsAndFlags parses args for a command that takes words as well as
// flags, in any order (`lectern new module "Giving feedback" --part day-2`
// is what people type): it returns the words and the flags given. When it
// is not ok, the command returns code: help was asked for or a flag is
// wrong, said through usage.
func wordsAndFlags(c *command, define func(*flag.FlagSet), args []string, stdout, stderr io.Writer,
	usage func(c *command, stderr io.Writer, format string, args ...any) int) (words []string, set map[string]bool, code int, ok bool) {
	fs := flag.NewFlagSet("lectern "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				commandHelp(c, stdout)
				return nil, nil, exitOK, false
			}
			return nil, nil, usage(c, stderr, "%v", err), false
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		words = append(words, rest[0])
		rest = rest[1:]
	}
	set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return words, set, 0, true
}

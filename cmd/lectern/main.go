// Command lectern builds workshop kits: an attendee site, a facilitator
// edition, print pages and PDFs. It only parses arguments and calls the
// generator; run `lectern help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"time"

	"lectern/generator/diag"
	"lectern/generator/publish"
)

// Version is set at release time with -ldflags "-X main.Version=…".
var Version = "0.1.0-dev"

// Exit statuses, as the contract gives them.
const (
	exitOK    = 0
	exitKit   = 1
	exitUsage = 2
	exitEnv   = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

type command struct {
	name, args, summary, example string
	run                          func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	flags                        func(fs *flag.FlagSet)
}

var commands []*command

func init() {
	commands = []*command{
		{name: "build", args: "[--source DIR] [--out DIR] [--drafts] [--only attendee|facilitator]",
			summary: "build the attendee site and facilitator edition into the output folder",
			example: "lectern build --source my-kit --out my-kit/public", run: runBuild, flags: buildFlags},
		{name: "serve", args: "[--source DIR] [--bind 127.0.0.1] [--port N] [--poll]",
			summary: "build, serve both editions and reload the browser on every save",
			example: "lectern serve --source my-kit --port 8080", run: runServe, flags: serveFlags}, // serve.go
		{name: "check", args: "[--source DIR] [--strict] [--format text|json]",
			summary: "report every problem in the kit without writing anything",
			example: "lectern check --source my-kit --strict", run: runCheck, flags: checkFlags},
		{name: "new", args: "kit DIR | module TITLE [--part PART] [--source DIR]",
			summary: "start a new kit in an empty folder, or add a module to a kit",
			example: "lectern new kit my-kit\n  lectern new module \"Giving feedback\" --part day-2 --source my-kit",
			run:     runNew, flags: newFlags}, // new.go
		{name: "pdf", args: "[--source DIR] [--out DIR] [--chromium PATH]",
			summary: "build, then print the handout, worksheets and facilitator guide to PDF",
			example: "lectern pdf --source my-kit --chromium /usr/bin/chromium", run: runPDF, flags: pdfFlags},
		{name: "version", summary: "print Lectern's version", example: "lectern version", run: func(_ context.Context, _ []string, stdout, _ io.Writer) int {
			fmt.Fprintf(stdout, "lectern %s\n", Version)
			return exitOK
		}},
	}
}

func find(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Run runs one command line and returns the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		if len(args) > 1 && args[0] == "help" {
			c := find(args[1])
			if c == nil {
				fmt.Fprintf(stderr, "lectern: unknown command %q\n", args[1])
				return exitUsage
			}
			commandHelp(c, stdout)
			return exitOK
		}
		fullHelp(stdout) // help.go
		return exitOK
	case "-v", "--version":
		args[0] = "version"
	}
	c := find(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "lectern: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	if c.run == nil {
		fmt.Fprintf(stderr, "lectern %s: not available yet in this version\n", c.name)
		return exitUsage
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

// parse parses flags for c; it returns false (and the status) on bad usage.
func parse(c *command, args []string, stdout, stderr io.Writer) (*flag.FlagSet, int, bool) {
	fs := flag.NewFlagSet("lectern "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.flags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(c, stdout)
			return nil, exitOK, false
		}
		fmt.Fprintf(stderr, "lectern %s: %v\n", c.name, err)
		fmt.Fprintf(stderr, "usage: lectern %s %s\n", c.name, c.args)
		return nil, exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "lectern %s: unexpected argument %q\n", c.name, fs.Arg(0))
		fmt.Fprintf(stderr, "usage: lectern %s %s\n", c.name, c.args)
		return nil, exitUsage, false
	}
	return fs, 0, true
}

func buildFlags(fs *flag.FlagSet) {
	fs.String("source", ".", "the kit folder (the one with site.toml)")
	fs.String("out", "", "the output folder (default: public/ inside the kit)")
	fs.Bool("drafts", false, "include modules marked draft = true")
	fs.String("only", "", "build one edition only: attendee or facilitator")
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := find("build")
	fs, code, ok := parse(c, args, stdout, stderr)
	if !ok {
		return code
	}
	o := publish.Options{
		Source: fs.Lookup("source").Value.String(),
		Out:    fs.Lookup("out").Value.String(),
		Drafts: fs.Lookup("drafts").Value.(flag.Getter).Get().(bool),
		Only:   fs.Lookup("only").Value.String(),
	}
	if o.Only != "" && o.Only != "attendee" && o.Only != "facilitator" {
		fmt.Fprintf(stderr, "lectern build: --only must be attendee or facilitator, not %q\n", o.Only)
		return exitUsage
	}
	if os.Getenv("GOGC") == "" {
		// A build holds the converted kit to the end and makes garbage for
		// every page: collecting when the heap has grown by half, not
		// doubled, keeps its peak memory near what it holds, for a few
		// percent more CPU.
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	stop := progress(stderr, "building")
	res, diags, err := publish.Build(o)
	stop()
	report(stderr, diags)
	if err != nil {
		return failure(stderr, err)
	}
	_, warns := diags.Count()
	fmt.Fprintf(stdout, "built %d modules, %d worksheets, %d pages%s in %s → %s\n",
		res.Modules, res.Worksheets, res.Pages, plural(warns, "warning"), res.Duration.Round(1e6), res.Out)
	return exitOK
}

func plural(n int, word string) string {
	if n == 0 {
		return ""
	}
	if n == 1 {
		return fmt.Sprintf(", 1 %s", word)
	}
	return fmt.Sprintf(", %d %ss", n, word)
}

// report prints every diagnostic, one a line.
// On a terminal, and unless NO_COLOR is set, "error" is red and "warning"
// yellow.
func report(w io.Writer, l diag.List) {
	color := colorful(w)
	for _, d := range l {
		line := d.String()
		if color {
			sev := d.Severity.String() + ":"
			code := "31" // red
			if d.Severity == diag.Warning {
				code = "33" // yellow
			}
			line = strings.Replace(line, sev, "\x1b[1;"+code+"m"+sev+"\x1b[0m", 1)
		}
		fmt.Fprintln(w, line)
	}
}

// progress shows, on a terminal only, that a long command is still at work:
// after a second, the elapsed time, updated until stop is called.
func progress(w io.Writer, what string) (stop func()) {
	if !isTerminal(w) {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		shown := false
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(w, "\r\x1b[K") // clear the line
				}
				return
			case <-tick.C:
				if el := time.Since(start); el >= time.Second {
					fmt.Fprintf(w, "\r%s… %ds", what, int(el.Seconds()))
					shown = true
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// colorful reports whether w is a terminal that may show colours.
func colorful(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	return isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

// failure maps an error to the contract's exit status.
func failure(stderr io.Writer, err error) int {
	var env *publish.EnvError
	if errors.As(err, &env) {
		fmt.Fprintf(stderr, "lectern: %v\n", err)
		return exitEnv
	}
	var l diag.List
	if errors.As(err, &l) {
		e, _ := l.Count()
		fmt.Fprintf(stderr, "%d %s; nothing was written\n", e, map[bool]string{true: "error", false: "errors"}[e == 1])
		return exitKit
	}
	fmt.Fprintf(stderr, "lectern: %v\n", err)
	return exitKit
}

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
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"lectern/generator/diag"
	"lectern/generator/publish"
)

// Version is set at release time with -ldflags "-X main.Version=…".
var Version = "0.1.0-dev"

// Exit statuses, as the README and `lectern --help` promise them: scripts and
// CI tell a bad kit from a missing browser by them.
const (
	exitOK    = 0
	exitKit   = 1
	exitUsage = 2
	exitEnv   = 3
)

func main() {
	// No one profiles lectern's memory: the sampling's records were a
	// megabyte of a large build's peak.
	runtime.MemProfileRate = 0
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

type command struct {
	name, args, summary, example string
	run                          func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	// flags defines the command's flags on fs, for its help. run defines
	// them again on variables of its own: see parse.
	flags func(fs *flag.FlagSet)
}

var commands []*command

func init() {
	commands = []*command{
		{name: "build", args: "[--source DIR] [--out DIR] [--drafts] [--only attendee|facilitator] [--overwrite]",
			summary: "build the attendee site and facilitator edition into the output folder",
			example: "lectern build --source my-kit --out my-kit/public", run: runBuild, flags: new(buildFlags).define},
		{name: "serve", args: "[--source DIR] [--bind 127.0.0.1] [--port N] [--poll]",
			summary: "build, serve both editions and reload the browser on every save",
			example: "lectern serve --source my-kit --port 8080", run: runServe, flags: new(serveFlags).define}, // serve.go
		{name: "check", args: "[--source DIR] [--strict] [--format text|json]",
			summary: "report every problem in the kit without writing anything",
			example: "lectern check --source my-kit --strict", run: runCheck, flags: new(checkFlags).define},
		{name: "new", args: "kit DIR [--language TAG] | module TITLE [--part PART] [--source DIR]",
			summary: "start a new kit in an empty folder, or add a module to a kit",
			example: "lectern new kit my-kit\n  lectern new module \"Giving feedback\" --part day-2 --source my-kit",
			run:     runNew, flags: new(newFlags).define}, // new.go
		{name: "import", args: "carpentries LESSON-DIR [--out KIT-DIR]",
			summary: "convert a Carpentries Workbench lesson into a new kit",
			example: "lectern import carpentries my-lesson --out my-kit", run: runImport, flags: new(importFlags).define}, // import.go
		{name: "pdf", args: "[--source DIR] [--out DIR] [--chromium PATH]",
			summary: "build, then print the handout, worksheets and facilitator guide to PDF",
			example: "lectern pdf --source my-kit --chromium /usr/bin/chromium", run: runPDF, flags: new(pdfFlags).define},
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
	return c.run(ctx, args[1:], stdout, stderr)
}

// parse parses the flags of c into the variables that define binds them to
// (the define method of the command's flags, such as buildFlags.define). It
// returns false, and the exit status, on bad usage or --help.
func parse(c *command, define func(*flag.FlagSet), args []string, stdout, stderr io.Writer) (int, bool) {
	fs := flag.NewFlagSet("lectern "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(c, stdout)
			return exitOK, false
		}
		fmt.Fprintf(stderr, "lectern %s: %v\n", c.name, err)
		fmt.Fprintf(stderr, "usage: lectern %s %s\n", c.name, c.args)
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "lectern %s: unexpected argument %q\n", c.name, fs.Arg(0))
		fmt.Fprintf(stderr, "usage: lectern %s %s\n", c.name, c.args)
		return exitUsage, false
	}
	return 0, true
}

type buildFlags struct {
	source, out, only string
	drafts, overwrite bool
}

func (f *buildFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the kit folder (the one with site.toml)")
	fs.StringVar(&f.out, "out", "", "the output folder (default: public/ inside the kit)")
	fs.BoolVar(&f.drafts, "drafts", false, "include modules marked draft = true")
	fs.StringVar(&f.only, "only", "", "build one edition only: attendee or facilitator")
	fs.BoolVar(&f.overwrite, "overwrite", false, "replace files and links of your own where the build writes (by default the build stops and names them)")
}

func runBuild(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f buildFlags
	if code, ok := parse(find("build"), f.define, args, stdout, stderr); !ok {
		return code
	}
	o := publish.Options{Source: f.source, Out: f.out, Drafts: f.drafts, Only: f.only, Overwrite: f.overwrite}
	if o.Only != "" && o.Only != "attendee" && o.Only != "facilitator" {
		fmt.Fprintf(stderr, "lectern build: --only must be attendee or facilitator, not %q\n", o.Only)
		return exitUsage
	}
	if os.Getenv("GOGC") == "" {
		// A build holds the converted kit to the end and makes garbage for
		// every page: collecting when the heap has grown by 40%, not
		// doubled, keeps its peak memory near what it holds, for a few
		// percent more CPU.
		defer debug.SetGCPercent(debug.SetGCPercent(40))
	}
	stop := progress(stderr, "building")
	o.Passphrase = passphrase(stderr, func() func() {
		stop()
		return func() { stop = progress(stderr, "building") }
	})
	res, diags, err := publish.Build(o)
	stop()
	report(stderr, diags)
	if err != nil {
		return failure(stderr, err)
	}
	fmt.Fprintf(stdout, "built %s, %s, %s%s in %s → %s\n",
		count(res.Modules, "module"), count(res.Worksheets, "worksheet"), count(res.Pages, "page"),
		warnings(diags), res.Duration.Round(1e6), res.Out)
	if o.Only != "attendee" && !res.Locked {
		fmt.Fprintf(stdout, "the facilitator edition (notes, solutions) is in %s: to publish, build with --only attendee, or lock it with [facilitator] lock = true in site.toml (README: Publishing a kit)\n",
			filepath.Join(res.Out, "facilitator"))
	}
	return exitOK
}

// count says how many: "1 module", "2 modules". Lectern's counted words all
// take an s.
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// warnings is the end of a summary line: ", 2 warnings", or nothing when
// there are none.
func warnings(l diag.List) string {
	if _, n := l.Count(); n > 0 {
		return ", " + count(n, "warning")
	}
	return ""
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

// failure maps an error to its exit status: 3 when the machine lacks
// something, 1 otherwise.
func failure(stderr io.Writer, err error) int {
	var env *publish.EnvError
	if errors.As(err, &env) {
		fmt.Fprintf(stderr, "lectern: %v\n", err)
		return exitEnv
	}
	var l diag.List
	if errors.As(err, &l) {
		e, _ := l.Count()
		fmt.Fprintf(stderr, "%s; nothing was written\n", count(e, "error"))
		return exitKit
	}
	fmt.Fprintf(stderr, "lectern: %v\n", err)
	return exitKit
}

package main

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Help text. Every command's help has its synopsis, what it does, its flags
// one a line with what each is for, and an example; `lectern --help` shows
// all of them at once.

const intro = "Lectern builds workshop kits: an attendee site, a facilitator edition, print pages and PDFs."

// usage is the short list shown after a wrong command line.
func usage(w io.Writer) {
	fmt.Fprintln(w, intro)
	fmt.Fprintln(w, "\nUsage:\n  lectern COMMAND [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'lectern --help' for every command's flags, or 'lectern help COMMAND' for one. Example:\n  lectern build --source my-kit")
}

// fullHelp is `lectern --help`: every command with its flags and an example.
func fullHelp(w io.Writer) {
	fmt.Fprintln(w, intro)
	fmt.Fprintln(w, "\nUsage:\n  lectern COMMAND [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "\n  lectern %s\n", strings.TrimSpace(c.name+" "+c.args))
		fmt.Fprintf(w, "      %s.\n", sentence(c.summary))
		for _, l := range flagLines(c) {
			fmt.Fprintf(w, "      %s\n", l)
		}
		if c.example != "" {
			fmt.Fprintf(w, "      Example: %s\n", strings.ReplaceAll(c.example, "\n  ", "\n               "))
		}
	}
	fmt.Fprintln(w, "\nExit status: 0 success, 1 the kit has errors, 2 wrong usage, 3 something is missing")
	fmt.Fprintln(w, "from the machine (no Chromium, port in use, output not writable).")
	fmt.Fprintln(w, "Run 'lectern help COMMAND' or 'lectern COMMAND --help' for one command.")
}

// commandHelp is `lectern help COMMAND` and `lectern COMMAND --help`.
func commandHelp(c *command, w io.Writer) {
	fmt.Fprintf(w, "Usage: lectern %s\n\n%s.\n", strings.TrimSpace(c.name+" "+c.args), sentence(c.summary))
	if lines := flagLines(c); len(lines) > 0 {
		fmt.Fprintln(w, "\nFlags:")
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	if c.example != "" {
		fmt.Fprintf(w, "\nExample:\n  %s\n", c.example)
	}
}

func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// argName finds a flag's value name in a synopsis: "--out DIR" gives DIR.
var argName = regexp.MustCompile(`--([A-Za-z][\w-]*)(?: ([^\]\s]+))?`)

// flagLines lists c's flags one a line: "--out DIR   what it is (default …)",
// names aligned.
func flagLines(c *command) []string {
	if c.flags == nil {
		return nil
	}
	meta := map[string]string{}
	for _, m := range argName.FindAllStringSubmatch(c.args, -1) {
		meta[m[1]] = m[2]
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.flags(fs)
	type row struct{ name, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		name := "--" + f.Name
		// UnquoteUsage gives a boolean flag no value name.
		kind, usage := flag.UnquoteUsage(f)
		if kind != "" {
			m := meta[f.Name]
			if m == "" {
				m = "VALUE"
			}
			name += " " + m
			if f.DefValue != "" && f.DefValue != "0" {
				usage += fmt.Sprintf(" (default %q)", f.DefValue)
			}
		}
		width = max(width, len(name))
		rows = append(rows, row{name, usage})
	})
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprintf("%-*s  %s", width, r.name, r.usage)
	}
	return out
}

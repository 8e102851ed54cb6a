// Package diag holds the one error type every stage of Lectern reports: a
// message tied to a file and, where one applies, a line and column. Stages
// collect diagnostics in a List rather than stopping at the first, so an
// author sees every problem in one run.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem. Path is relative to the kit folder and uses
// forward slashes; Line and Col are 1-based, 0 when they do not apply.
type Diagnostic struct {
	Path     string   `json:"path"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Severity Severity `json:"-"`
	Message  string   `json:"message"`
}

// String formats the diagnostic as path:line:col: severity: message.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	if d.Path != "" {
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
}

// List is an ordered collection of diagnostics. The zero value is ready.
type List []Diagnostic

// Errorf adds an error.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Sort orders by path, then position, keeping the order of equal entries.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Error joins every diagnostic, one a line, so a List can travel as an error.
func (l List) Error() string {
	s := make([]string, len(l))
	for i, d := range l {
		s[i] = d.String()
	}
	return strings.Join(s, "\n")
}

// Err returns the list as an error when it holds an error, or nil.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// Position turns a byte offset in src into a 1-based line and column,
// counting the column in characters so it matches what an editor shows.
func Position(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		offset = 0
	}
	line = 1
	start := 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(src[start:offset]) + 1
}

// Lines turns many byte offsets of one source into positions, as Position
// does, finding each line by binary search: a hostile file can hold a
// problem on every one of a million lines, and scanning from the start for
// each would be quadratic.
type Lines struct {
	src    []byte
	starts []int // offset of each line's first byte
}

// NewLines indexes the lines of src.
func NewLines(src []byte) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src, starts}
}

// Position is Position(src, offset).
func (l *Lines) Position(offset int) (line, col int) {
	offset = min(max(offset, 0), len(l.src))
	i := sort.SearchInts(l.starts, offset+1) - 1
	return i + 1, utf8.RuneCount(l.src[l.starts[i]:offset]) + 1
}

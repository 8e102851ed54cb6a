package check

import (
	"encoding/json"
	"fmt"
	"io"

	"lectern/generator/diag"
)

// Summary is the last line of a report: "2 errors, 3 warnings" or
// "no problems".
func Summary(l diag.List) string {
	e, w := l.Count()
	if e == 0 && w == 0 {
		return "no problems"
	}
	return count(e, "error") + ", " + count(w, "warning")
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Text writes one problem a line, path:line:col: severity: message, then
// the summary.
func Text(w io.Writer, l diag.List) error {
	for _, d := range l {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, Summary(l))
	return err
}

// Problem is one diagnostic in the JSON report. Line and Col are 0 where no
// position applies.
type Problem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
}

// Report is the JSON report: every problem and the counts.
type Report struct {
	Problems []Problem `json:"problems"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Summary  string    `json:"summary"`
}

// JSON writes the report as one JSON object, for CI pipelines.
func JSON(w io.Writer, l diag.List) error {
	r := Report{Problems: make([]Problem, 0, len(l)), Summary: Summary(l)}
	r.Errors, r.Warnings = l.Count()
	for _, d := range l {
		r.Problems = append(r.Problems, Problem{Path: d.Path, Line: d.Line, Col: d.Col, Severity: d.Severity.String(), Message: d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

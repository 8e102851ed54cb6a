// Package carpentries imports a lesson written for the Carpentries
// Workbench (config.yaml, episodes/*.md with YAML front matter and Pandoc
// fenced divs, learners/, instructors/, profiles/) as a Lectern kit. It backs
// `lectern import carpentries LESSON-DIR`.
//
// Start at Import: it reads the lesson (lesson.go), converts each page's
// Markdown line by line (body.go: blocks; links.go: links, images and
// figures), and only when all of that worked writes the kit into a new
// folder (write.go). Whatever it cannot carry over is a warning with the
// lesson file's line and column; the lesson folder is only read.
//
// Lectern kits are TOML; YAML is read here only, for the lessons' own
// config.yaml and front matter.
package carpentries

import (
	"fmt"
	"path/filepath"

	"lectern/generator/diag"
)

// Options say what to import and where to.
type Options struct {
	Lesson string // the lesson folder, the one with config.yaml
	// Out is the kit folder to write: missing or empty. Import refuses a
	// folder inside the lesson, so the lesson is never written to.
	Out string
}

// Result says what Import wrote.
type Result struct {
	Out     string   // the kit folder
	Files   []string // every file written, slash paths relative to Out
	Modules int      // episodes that became modules
	Pages   int      // pages off the schedule (learners, instructors, profiles)
	Breaks  int
}

// UsageError is an import refused for what was asked (a kit folder that is
// not empty, one inside the lesson), not for the lesson's content.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// Import converts the lesson at o.Lesson into a kit at o.Out. The list holds
// every warning, and the errors that stopped it (a missing or malformed
// config.yaml); paths in it are the lesson's files as o.Lesson names them,
// so an editor can open them. Nothing is written unless the whole lesson
// converted; a non-nil error means nothing was written.
func Import(o Options) (*Result, diag.List, error) {
	if o.Out == "" {
		return nil, nil, usagef("say where to write the kit: --out DIR")
	}
	if err := checkOut(o.Lesson, o.Out); err != nil {
		return nil, nil, err
	}
	l, diags := read(o.Lesson)
	if diags.HasErrors() {
		return nil, prefixed(diags, o.Lesson), diags
	}
	k := l.convert(&diags)
	diags = prefixed(diags, o.Lesson)
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags, diags
	}
	files, err := k.write(o.Out)
	if err != nil {
		return nil, diags, err
	}
	return &Result{Out: o.Out, Files: files, Modules: k.modules, Pages: k.pages, Breaks: k.breaks}, diags, nil
}

// prefixed makes the lesson-relative paths of l paths as the caller named
// the lesson: "lesson/episodes/intro.md".
func prefixed(l diag.List, lesson string) diag.List {
	out := make(diag.List, len(l))
	for i, d := range l {
		if lesson != "" && lesson != "." {
			if d.Path == "" {
				d.Path = filepath.ToSlash(filepath.Clean(lesson))
			} else {
				d.Path = filepath.ToSlash(filepath.Join(lesson, d.Path))
			}
		}
		out[i] = d
	}
	return out
}

package kit

import (
	"bytes"
	"reflect"

	"github.com/BurntSushi/toml"

	"lectern/generator/diag"
)

// moduleFront is a module's front matter; unknown keys are errors.
type moduleFront struct {
	Title      string     `toml:"title"`
	Weight     int        `toml:"weight"`
	Duration   int        `toml:"duration"`
	Summary    string     `toml:"summary"`
	Objectives []string   `toml:"objectives"`
	Materials  []Material `toml:"materials"` // text or tables, materials.go
	Slug       string     `toml:"slug"`
	Draft      bool       `toml:"draft"`
	// Schedule = false takes the page off the run-sheet (a setup page, a
	// glossary); nil is true.
	Schedule *bool  `toml:"schedule"`
	Audience string `toml:"audience"` // "everyone" (the default) or "facilitator"
}

// ModuleKeys lists the keys of a module's front matter, in order: lectern
// new writes every one.
func ModuleKeys() []string {
	t := reflect.TypeFor[moduleFront]()
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i] = t.Field(i).Tag.Get("toml")
	}
	return keys
}

// partFront is a part's _index.md front matter.
type partFront struct {
	Title   string `toml:"title"`
	Weight  int    `toml:"weight"`
	Summary string `toml:"summary"`
	Start   string `toml:"start"`
	End     string `toml:"end"`
	Date    Date   `toml:"date"`
}

// homeFront is content/_index.md's front matter.
type homeFront struct {
	Title   string `toml:"title"`
	Summary string `toml:"summary"`
}

// SplitFront separates TOML front matter between +++ lines from the body.
// It returns the front matter, the body and the 1-based line the body starts
// on. ok is false when the file does not start with +++; closed is false when
// the opening +++ has no closing line.
func SplitFront(src []byte) (front, body []byte, bodyLine int, ok, closed bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")) // a BOM from some editors
	first, _, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "+++" {
		return nil, src, 1, false, false
	}
	line := 2
	// A file that is only "+++" has no newline to step over.
	start := min(len(first)+1, len(src))
	for off := start; off <= len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		var l []byte
		if end < 0 {
			l = src[off:]
		} else {
			l = src[off : off+end]
		}
		if string(bytes.TrimRight(l, " \t\r")) == "+++" {
			front = src[start:off]
			if end < 0 {
				return front, nil, line + 1, true, true
			}
			return front, src[off+end+1:], line + 1, true, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, src[start:], 2, true, false
}

// decodeFront decodes front matter into v strictly; positions in messages are
// lines of the .md file, not of the front matter block.
func decodeFront(src []byte, path string, v any, errs *diag.List) (front, body []byte, bodyLine int, good bool) {
	front, body, bodyLine, ok, closed := SplitFront(src)
	if !ok {
		if isYAML(src) {
			errs.Errorf(path, 1, 1, "this front matter is YAML (between --- lines), which Lectern does not read: write it as TOML between +++ lines, like +++ / title = \"…\" / duration = 30 / +++")
			return nil, body, 1, false
		}
		errs.Errorf(path, 1, 1, "missing front matter: start the file with a +++ line, then title = \"…\", then +++")
		return nil, body, 1, false
	}
	if !closed {
		errs.Errorf(path, 1, 1, "front matter is not closed: add a +++ line after it")
		return nil, nil, 1, false
	}
	n := errs
	before := len(*n)
	if l, col, deep := tooNested(front); deep {
		errs.Errorf(path, l+1, col, nestingMsg, maxNesting)
		return front, body, bodyLine, false
	}
	md, err := toml.Decode(string(front), v)
	if err != nil {
		// The decoder fills fields in map order until it fails: what it set
		// differs from run to run, so keep none of it.
		reflect.ValueOf(v).Elem().SetZero()
		tomlError(err, path, 1, errs)
		return front, body, bodyLine, false
	}
	unknownKeys(md, front, path, 1, errs)
	return front, body, bodyLine, len(*n) == before
}

// isYAML reports a file that opens with YAML front matter, as other site
// generators write it: a --- line, later closed by another.
func isYAML(src []byte) bool {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "---" {
		return false
	}
	for len(rest) > 0 {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == "---" {
			return true
		}
	}
	return false
}

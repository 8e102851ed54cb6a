package kit

import (
	"fmt"
	"sort"
	"strings"

	"lectern/generator/diag"
)

// Material is one thing a module needs. Front matter writes it as text
// ("Flip chart") or as a table that says how many:
// { item = "Sticky notes", count = 1, per = "person", consumable = true }.
type Material struct {
	Item string
	// Count is how many per Per; 0 for an item written as plain text,
	// which says nothing about numbers.
	Count int
	// Per is "person", "group" or "workshop" ("" for plain text).
	Per string
	// Consumable is set for what is used up: every module's count adds up,
	// where a reusable item is brought once at the largest count.
	Consumable bool
	// problems found while decoding, reported with positions by the loader.
	problems []materialProblem
}

type materialProblem struct {
	key string // the table key at fault, "" for the value as a whole
	msg string
}

// pers are the values per takes.
var pers = []string{"person", "group", "workshop"}

// String is the material as a facilitator reads it: "Flip chart",
// "Sticky notes (1 per person)", "Timers (2)".
func (m Material) String() string {
	switch {
	case m.Count == 0:
		return m.Item
	case m.Per == "workshop" && m.Count == 1:
		return m.Item
	case m.Per == "workshop":
		return fmt.Sprintf("%s (%d)", m.Item, m.Count)
	}
	return fmt.Sprintf("%s (%d per %s)", m.Item, m.Count, m.Per)
}

const materialShape = `{ item = "Sticky notes", count = 1, per = "person" }`

// UnmarshalTOML takes text or a table. Problems are kept, not returned: an
// error would stop the decoder, and the author should see all of them.
func (m *Material) UnmarshalTOML(v any) error {
	*m = Material{}
	switch x := v.(type) {
	case string:
		m.Item = x
	case map[string]any:
		m.Count, m.Per = 1, "workshop"
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the same order of messages on every run
		for _, k := range keys {
			m.take(k, x[k])
		}
		if strings.TrimSpace(m.Item) == "" {
			if _, given := x["item"]; !given {
				m.problem("", `a material needs item = "…": %s`, materialShape)
			} else if _, isStr := x["item"].(string); isStr {
				m.problem("item", "item must name the material, not be empty")
			}
		}
	default:
		m.problem("", "a material must be text in quotes or a table like %s, not %s", materialShape, tomlKind(v))
	}
	return nil
}

// take sets one key of a material table.
func (m *Material) take(k string, v any) {
	switch k {
	case "item":
		s, ok := v.(string)
		if !ok {
			m.problem(k, "item must be text in quotes, not %s", tomlKind(v))
			return
		}
		m.Item = s
	case "count":
		n, ok := v.(int64)
		if !ok {
			m.problem(k, "count must be a whole number, not %s", tomlKind(v))
			return
		}
		if n < 1 || n > 100000 {
			m.problem(k, "count must be from 1 to 100000, not %d", n)
			return
		}
		m.Count = int(n)
	case "per":
		s, ok := v.(string)
		if !ok {
			m.problem(k, `per must be "person", "group" or "workshop", not %s`, tomlKind(v))
			return
		}
		for _, p := range pers {
			if s == p {
				m.Per = s
				return
			}
		}
		m.problem(k, `per must be "person", "group" or "workshop", not %q`, s)
	case "consumable":
		b, ok := v.(bool)
		if !ok {
			m.problem(k, "consumable must be true or false, not %s", tomlKind(v))
			return
		}
		m.Consumable = b
	default:
		m.problem(k, "unknown key %q in a material (it takes item, count, per, consumable)", k)
	}
}

func (m *Material) problem(key, format string, args ...any) {
	m.problems = append(m.problems, materialProblem{key, fmt.Sprintf(format, args...)})
}

// checkMaterials reports the problems of a module's materials at their
// positions in its front matter (front starts on the file's line 2) and
// returns the materials that are whole.
func checkMaterials(ms []Material, front []byte, path string, errs *diag.List) []Material {
	bad := false
	for _, m := range ms {
		bad = bad || len(m.problems) > 0
	}
	if !bad {
		return ms
	}
	var ok []Material
	for i, m := range ms {
		if len(m.problems) == 0 {
			ok = append(ok, m)
			continue
		}
		for _, p := range m.problems {
			line, col := materialPos(front, i, p.key)
			if line > 0 {
				line++
			}
			errs.Errorf(path, line, col, "%s", p.msg)
		}
	}
	return ok
}

// materialPos finds the n-th material of the front matter, or the key of
// it, for a message: an element of materials = [ … ] or the n-th
// [[materials]] table. Like keyPos it is a best effort, falling back to the
// materials key itself.
func materialPos(front []byte, n int, key string) (line, col int) {
	kl, kc := keyPos(front, []string{"materials"}, 0)
	if kl == 0 {
		return 0, 0
	}
	lines := strings.Split(string(front), "\n")
	if strings.HasPrefix(strings.TrimSpace(lines[kl-1]), "[") {
		return materialTablePos(lines, n, key, kl, kc)
	}
	off := 0
	for _, l := range lines[:kl-1] {
		off += len(l) + 1
	}
	off += kc - 1
	sc := &tomlScan{s: front, i: off}
	if at := sc.element(n, key); at >= 0 {
		return diag.Position(front, at)
	}
	return kl, kc
}

// materialTablePos finds the n-th [[materials]] header, or key below it.
func materialTablePos(lines []string, n int, key string, kl, kc int) (int, int) {
	seen := -1
	for i, raw := range lines {
		t := strings.TrimSpace(raw)
		if strings.HasPrefix(t, "[") {
			if seen == n {
				break // the table ended without the key
			}
			if strings.HasPrefix(t, "[[") && normKey(strings.Trim(strings.SplitN(t, "]]", 2)[0], "[ \t")) == "materials" {
				seen++
				if seen == n && key == "" {
					return i + 1, strings.Index(raw, "[") + 1
				}
			}
			continue
		}
		if seen == n {
			if eq := strings.Index(t, "="); eq > 0 && normKey(t[:eq]) == key {
				return i + 1, strings.Index(raw, t[:1]) + 1
			}
		}
	}
	return kl, kc
}

// tomlScan walks TOML that is known to be valid (the decoder took it) to
// find where values start; it never needs to report a syntax error.
type tomlScan struct {
	s []byte
	i int
}

// element goes from a key to its array value and returns the offset of the
// n-th element, or of key inside it when it is a table; -1 when not found.
func (t *tomlScan) element(n int, key string) int {
	for t.i < len(t.s) && t.s[t.i] != '=' {
		t.i++
	}
	t.i++
	t.space()
	if !t.at('[') {
		return -1
	}
	t.i++
	for k := 0; ; k++ {
		t.space()
		if t.i >= len(t.s) || t.at(']') {
			return -1
		}
		start := t.i
		if k == n && key == "" {
			return start
		}
		if t.at('{') {
			if at := t.table(key); k == n {
				if at < 0 {
					return start
				}
				return at
			}
		} else if k == n {
			return start
		} else if !t.value() {
			return -1
		}
		t.space()
		if t.at(',') {
			t.i++
		}
		if t.i == start {
			return -1 // not where the scan expected: never loop on it
		}
	}
}

// table skips an inline table and returns where key starts in it, or -1.
func (t *tomlScan) table(key string) int {
	found := -1
	t.i++ // {
	for t.i < len(t.s) {
		t.space()
		if t.at('}') {
			t.i++
			return found
		}
		if t.at(',') {
			t.i++
			continue
		}
		start := t.i
		for t.i < len(t.s) && t.s[t.i] != '=' && t.s[t.i] != '\n' {
			if t.at('"') || t.at('\'') {
				t.value()
				continue
			}
			t.i++
		}
		if found < 0 && normKey(string(t.s[start:t.i])) == key {
			found = start
		}
		t.i++ // =
		t.space()
		if !t.value() {
			return found
		}
	}
	return found
}

// value skips one value: a string, an array, an inline table or a bare
// word (number, boolean, date, which may hold a space before its time).
func (t *tomlScan) value() bool {
	if t.i >= len(t.s) {
		return false
	}
	switch c := t.s[t.i]; c {
	case '"', '\'':
		q := string([]byte{c, c, c})
		multi := strings.HasPrefix(string(t.s[t.i:]), q)
		if multi {
			t.i += 3
		} else {
			t.i++
		}
		for t.i < len(t.s) {
			switch {
			case c == '"' && t.s[t.i] == '\\':
				t.i += 2
			case multi && strings.HasPrefix(string(t.s[t.i:]), q):
				t.i += 3
				for t.at(c) { // up to two quotes may end the content
					t.i++
				}
				return true
			case !multi && t.s[t.i] == c:
				t.i++
				return true
			default:
				t.i++
			}
		}
		return false
	case '[':
		t.i++
		for {
			t.space()
			if t.i >= len(t.s) {
				return false
			}
			if t.at(']') {
				t.i++
				return true
			}
			if t.at(',') {
				t.i++
				continue
			}
			at := t.i
			if !t.value() || t.i == at {
				return false
			}
		}
	case '{':
		t.table("")
		return true
	}
	for t.i < len(t.s) && !strings.ContainsRune(",]}\n\r#", rune(t.s[t.i])) {
		t.i++
	}
	return true
}

// space skips white space, line breaks and comments.
func (t *tomlScan) space() {
	for t.i < len(t.s) {
		switch t.s[t.i] {
		case ' ', '\t', '\r', '\n':
			t.i++
		case '#':
			for t.i < len(t.s) && t.s[t.i] != '\n' {
				t.i++
			}
		default:
			return
		}
	}
}

func (t *tomlScan) at(c byte) bool { return t.i < len(t.s) && t.s[t.i] == c }

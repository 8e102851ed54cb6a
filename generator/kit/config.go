package kit

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"lectern/generator/diag"
)

// Config is site.toml.
type Config struct {
	Title    string   `toml:"title"`
	Subtitle string   `toml:"subtitle"`
	Author   string   `toml:"author"`
	Language string   `toml:"language"`
	BaseURL  string   `toml:"base_url"`
	Theme    string   `toml:"theme"`
	Paper    string   `toml:"paper"`
	Workshop Workshop `toml:"workshop"`
	Markdown struct {
		Unsafe bool `toml:"unsafe"`
	} `toml:"markdown"`
	Blocks struct {
		Aliases map[string]string `toml:"aliases"`
	} `toml:"blocks"`
	Print struct {
		// Solutions is how the handout prints solution blocks: "end"
		// (after each module, the default), "inline" or "omit".
		Solutions string `toml:"solutions"`
	} `toml:"print"`
	Facilitator struct {
		// Lock encrypts the facilitator edition of a build with a
		// passphrase given when building, never kept in the kit.
		Lock bool `toml:"lock"`
	} `toml:"facilitator"`

	src []byte // kept to find the line of a key for later messages
}

// Workshop is the day's frame: when it starts and ends, and its breaks;
// the date of its first day; and the numbers materials are counted by.
type Workshop struct {
	Start string `toml:"start"`
	End   string `toml:"end"`
	// Date is the first day's; each later day (a part with start) is the
	// next calendar day unless its _index.md sets date.
	Date Date `toml:"date"`
	// Participants and GroupSize count materials given per person and per
	// group; 0 when not set.
	Participants int     `toml:"participants"`
	GroupSize    int     `toml:"group_size"`
	Breaks       []Break `toml:"breaks"`
	// Clock is "24h" or "12h"; "" takes the language's and region's own
	// (en-US: 12h).
	Clock string `toml:"clock"`
}

// Break is a pause after a module.
type Break struct {
	After   string `toml:"after"`
	Minutes int    `toml:"minutes"`
	Title   string `toml:"title"`
}

// KeyLine returns the line of a dotted key in site.toml (e.g.
// "blocks.aliases.challenge"), or 0 when it cannot be found.
func (c *Config) KeyLine(key string) int {
	line, _ := keyPos(c.src, strings.Split(key, "."), 0)
	return line
}

// KeyPos is KeyLine with the key's column, for a key or table that is in
// site.toml: (0, 0) when it is not.
func (c *Config) KeyPos(key string) (line, col int) {
	parts := strings.Split(key, ".")
	line, col = keyPos(c.src, parts, 0)
	if line == 0 {
		return 0, 0
	}
	// keyPos falls back to any line that mentions the name.
	t := strings.TrimLeft(strings.Split(string(c.src), "\n")[line-1], " \t[\"'")
	if !strings.HasPrefix(t, parts[len(parts)-1]) && !strings.HasPrefix(t, key) {
		return 0, 0
	}
	return line, col
}

var clock = regexp.MustCompile(`^([01]?[0-9]|2[0-3]):[0-5][0-9]$`)

// ParseClock turns "09:30" into minutes after midnight.
func ParseClock(s string) (int, bool) {
	if !clock.MatchString(s) {
		return 0, false
	}
	var h, m int
	fmt.Sscanf(s, "%d:%d", &h, &m)
	return h*60 + m, true
}

func loadConfig(src []byte, path string, errs *diag.List) Config {
	var c Config
	c.src = src
	if l, col, deep := tooNested(src); deep {
		errs.Errorf(path, l, col, nestingMsg, maxNesting)
		return Config{src: src}
	}
	md, err := toml.Decode(string(src), &c)
	if err != nil {
		tomlError(err, path, 0, errs)
		// What the decoder set before it failed differs from run to run.
		return Config{src: src}
	}
	unknownKeys(md, src, path, 0, errs)
	if strings.TrimSpace(c.Title) == "" {
		errs.Errorf(path, 0, 0, "title is required: add title = \"…\"")
	}
	if c.Paper == "" {
		c.Paper = "A4"
	} else if !strings.EqualFold(c.Paper, "A4") && !strings.EqualFold(c.Paper, "Letter") {
		l, col := keyPos(src, []string{"paper"}, 0)
		errs.Errorf(path, l, col, "paper must be \"A4\" or \"Letter\", not %q", c.Paper)
	} else if strings.EqualFold(c.Paper, "A4") {
		c.Paper = "A4"
	} else {
		c.Paper = "Letter"
	}
	switch c.Print.Solutions {
	case "":
		c.Print.Solutions = "end"
	case "end", "inline", "omit":
	default:
		l, col := keyPos(src, []string{"print", "solutions"}, 0)
		errs.Errorf(path, l, col, "print.solutions must be \"end\", \"inline\" or \"omit\", not %q", c.Print.Solutions)
		c.Print.Solutions = "end"
	}
	if c.Language == "" {
		c.Language = "en"
	}
	for _, k := range []string{"start", "end"} {
		v := c.Workshop.Start
		if k == "end" {
			v = c.Workshop.End
		}
		if v != "" {
			if _, ok := ParseClock(v); !ok {
				l, col := keyPos(src, []string{"workshop", k}, 0)
				errs.Errorf(path, l, col, "workshop.%s must be a clock time like \"09:00\", not %q", k, v)
			}
		}
	}
	if st, ok := ParseClock(c.Workshop.Start); ok {
		if en, ok := ParseClock(c.Workshop.End); ok && en <= st {
			l, col := keyPos(src, []string{"workshop", "end"}, 0)
			errs.Errorf(path, l, col, "workshop.end %q is not after workshop.start %q", c.Workshop.End, c.Workshop.Start)
		}
	}
	for i, b := range c.Workshop.Breaks {
		if b.Minutes <= 0 {
			l := nthKeyLine(src, "after", i)
			errs.Errorf(path, l, 0, "break after %q needs minutes greater than 0", b.After)
		} else if b.Minutes > MaxMinutes {
			l := nthKeyLine(src, "after", i)
			errs.Errorf(path, l, 0, "break after %q needs minutes up to %d (a day), not %d", b.After, MaxMinutes, b.Minutes)
			c.Workshop.Breaks[i].Minutes = 0
		}
	}
	if msg := c.Workshop.Date.problem("date"); msg != "" {
		l, col := keyPos(src, []string{"workshop", "date"}, 0)
		errs.Errorf(path, l, col, "workshop.%s", msg)
		c.Workshop.Date = Date{}
	}
	w := &c.Workshop
	for _, n := range []struct {
		key string
		v   *int
	}{{"participants", &w.Participants}, {"group_size", &w.GroupSize}} {
		if md.IsDefined("workshop", n.key) && (*n.v < 1 || *n.v > 100000) {
			l, col := keyPos(src, []string{"workshop", n.key}, 0)
			errs.Errorf(path, l, col, "workshop.%s must be a number of people from 1 to 100000, not %d", n.key, *n.v)
			*n.v = 0
		}
	}
	if w.Participants > 0 && w.GroupSize > w.Participants {
		l, col := keyPos(src, []string{"workshop", "group_size"}, 0)
		errs.Warnf(path, l, col, "workshop.group_size %d is more than the %d participants: they make one group", w.GroupSize, w.Participants)
	}
	return c
}

// tomlError reports a decode error at its position, shifted by lineOffset
// lines (front matter starts below the file's first line).
func tomlError(err error, path string, lineOffset int, errs *diag.List) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if msg == "" {
			msg = pe.Error()
		}
		msg = strings.TrimSuffix(strings.TrimPrefix(msg, "toml: "), ".")
		if v, ok := strings.CutPrefix(msg, "invalid datetime: "); ok {
			// The lexer takes any digits and dashes; a day that does not
			// exist or a short month ends here.
			msg = v + " is not a date: write a real day as year-month-day, like 2026-12-10"
		}
		if len(msg) > 1 && msg[0] >= 'A' && msg[0] <= 'Z' && msg[1] >= 'a' && msg[1] <= 'z' {
			msg = strings.ToLower(msg[:1]) + msg[1:] // "Key 'x' has already been defined."
		}
		line := pe.Position.Line
		col := pe.Position.Col
		if line > 0 {
			line += lineOffset
		}
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg = fmt.Sprintf("%s (key %q)", msg, pe.LastKey)
		}
		errs.Errorf(path, line, col, "%s", msg)
		return
	}
	// Type mismatches come as plain errors naming the line and key.
	if m := typeErr.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		key := m[2]
		msg := m[3]
		if t := incompatible.FindStringSubmatch(msg); t != nil {
			msg = fmt.Sprintf("%s must be %s, not %s", lastPart(key), typeName(t[2]), typeName(t[1]))
		}
		col := 0
		if line > 0 {
			line += lineOffset
			col = 1
		}
		errs.Errorf(path, line, col, "%s", msg)
		return
	}
	errs.Errorf(path, 0, 0, "%s", strings.TrimPrefix(err.Error(), "toml: "))
}

var (
	typeErr      = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)
	incompatible = regexp.MustCompile(`incompatible types: TOML value has type ([^;]+); destination has type (.+)$`)
)

func lastPart(key string) string {
	if i := strings.LastIndex(key, "."); i >= 0 {
		return key[i+1:]
	}
	return key
}

// typeName names TOML and Go types for people.
func typeName(t string) string {
	switch {
	case strings.Contains(t, "int"):
		return "a whole number"
	case strings.Contains(t, "string"):
		return "text in quotes"
	case strings.Contains(t, "bool"):
		return "true or false"
	case strings.Contains(t, "slice"), strings.Contains(t, "array"), strings.HasPrefix(t, "[]"):
		return "a list like [\"…\"]"
	case strings.Contains(t, "float"):
		return "a number"
	case strings.Contains(t, "map"), strings.Contains(t, "struct"), strings.Contains(t, "table"):
		return "a table"
	}
	return t
}

// unknownKeys reports every key the struct did not take: a typo must never be
// silently ignored. BurntSushi's Undecoded gives no position, so the key's
// line is found in the source.
func unknownKeys(md toml.MetaData, src []byte, path string, lineOffset int, errs *diag.List) {
	reported := map[string]bool{}
	for _, key := range md.Undecoded() {
		// Alias tables hold user-chosen names: decoded into the map, never undecoded.
		// An unknown table is one mistake: its keys are not reported again.
		if len(key) > 1 && reported[strings.Join(key[:len(key)-1], ".")] {
			reported[strings.Join(key, ".")] = true
			continue
		}
		reported[strings.Join(key, ".")] = true
		l, col := keyPos(src, key, 0)
		if l > 0 {
			l += lineOffset
		}
		errs.Errorf(path, l, col, "unknown key %q", key.String())
	}
}

// keyPos finds the line and column of a key path in TOML source: the key
// assigned under its table header, a dotted key, or the table header itself.
// It is a best effort by design: it only points at a line for a message.
func keyPos(src []byte, key []string, _ int) (int, int) {
	if len(key) == 0 {
		return 0, 0
	}
	lines := strings.Split(string(src), "\n")
	table := ""
	want := strings.Join(key[:len(key)-1], ".")
	last := key[len(key)-1]
	full := strings.Join(key, ".")
	for i, raw := range lines {
		t := strings.TrimSpace(raw)
		if strings.HasPrefix(t, "[") {
			name := strings.Trim(t, "[] \t")
			if j := strings.Index(name, "]"); j >= 0 {
				name = name[:j]
			}
			name = normKey(name)
			if name == full {
				return i + 1, strings.Index(raw, "[") + 1
			}
			table = name
			continue
		}
		eq := strings.Index(t, "=")
		if eq <= 0 {
			continue
		}
		k := normKey(strings.TrimSpace(t[:eq]))
		abs := k
		if table != "" {
			abs = table + "." + k
		}
		if abs == full || (table == want && k == last) || (want == "" && table == "" && k == last) {
			return i + 1, strings.Index(raw, strings.TrimSpace(t[:eq])[:1]) + 1
		}
	}
	// Fall back to the first line that mentions the last part of the key.
	for i, raw := range lines {
		if j := strings.Index(raw, last); j >= 0 {
			return i + 1, j + 1
		}
	}
	return 0, 0
}

func normKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// nthKeyLine returns the line of the n-th assignment of key (for arrays of tables).
func nthKeyLine(src []byte, key string, n int) int {
	for i, raw := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(raw)
		if eq := strings.Index(t, "="); eq > 0 && normKey(t[:eq]) == key {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 0
}

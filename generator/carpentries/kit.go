package carpentries

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"lectern/generator/diag"
)

// kitOut is the kit to write: file contents by kit path, and lesson files to
// copy by kit path.
type kitOut struct {
	lessonDir string
	files     map[string][]byte
	copies    map[string]string
	modules   int
	pages     int
	breaks    int
}

// reserved are the addresses a kit's own pages and outputs take at its top
// (render.Reserved, which a converter that renders nothing does not
// import); a page with one of these names gets "-page" added.
var reserved = map[string]bool{"facilitator": true, "handout": true, "keypoints": true,
	"worksheets": true, "quotes": true, "assets": true, "pdf": true, "search": true}

var notSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slugify(name string) string {
	s := strings.Trim(notSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	s = regexp.MustCompile(`^[0-9]+-`).ReplaceAllString(s, "")
	if s == "" {
		s = "page"
	}
	return s
}

// front is a page's front matter in the kit.
type front struct {
	Title      string   `toml:"title"`
	Weight     int      `toml:"weight,omitempty"`
	Duration   int      `toml:"duration,omitempty"`
	Objectives []string `toml:"objectives,omitempty"`
	Schedule   *bool    `toml:"schedule,omitempty"`
	Audience   string   `toml:"audience,omitempty"`
}

// convert makes the kit from the lesson.
func (l *lesson) convert(d *diag.List) *kitOut {
	k := &kitOut{lessonDir: l.dir, files: map[string][]byte{}, copies: map[string]string{}}
	all := l.pages
	if l.home != nil {
		all = append([]*page{l.home}, l.pages...)
	}
	// Names and numbers, in lesson order: the file's number orders the
	// kit's folder as the lesson is ordered.
	taken := map[string]bool{}
	num := 0
	for _, p := range l.pages {
		if p.isBreak {
			continue
		}
		num++
		s := slugify(strings.TrimSuffix(path.Base(p.src), path.Ext(p.src)))
		if reserved[s] {
			s += "-page"
		}
		for base, i := s, 2; taken[s]; i++ {
			s = fmt.Sprintf("%s-%d", base, i)
		}
		taken[s] = true
		p.slug = s
		p.out = fmt.Sprintf("content/%02d-%s.md", num, s)
	}
	if l.home != nil {
		l.home.out = "content/_index.md"
	}
	// First run: which files each page uses, which makes it a bundle.
	for _, p := range all {
		if p.isBreak {
			continue
		}
		p.assets = map[string]string{}
		var scratch diag.List
		c := &conv{l: l, p: p, d: &scratch}
		c.run()
		if len(p.assets) > 0 && p.kind != home {
			p.out = strings.TrimSuffix(p.out, ".md") + "/index.md"
		}
	}
	for _, p := range all {
		if p.isBreak {
			continue
		}
		p.assets, p.objectives = map[string]string{}, nil
		c := &conv{l: l, p: p, d: d}
		c.run()
		p.text = c.w.String()
	}

	var breaks bytes.Buffer
	prev := ""
	weight := 0
	used := map[string]bool{}
	for _, p := range l.pages {
		if p.isBreak {
			k.addBreak(p, prev, &breaks, d)
			continue
		}
		weight += 10
		f := front{Title: p.title, Weight: weight}
		switch p.kind {
		case episode:
			f.Duration, f.Objectives = p.teaching+p.exercises, p.objectives
			prev = p.slug
			k.modules++
		case instructor, profile:
			f.Schedule, f.Audience = new(false), "facilitator"
			k.pages++
		default:
			f.Schedule = new(false)
			k.pages++
		}
		k.files[p.out] = page2md(f, p.text)
		for src, b := range p.assets {
			k.copies[path.Join(path.Dir(p.out), b)] = src
			used[src] = true
		}
	}
	home := front{Title: l.title}
	text := ""
	if l.home != nil {
		text = l.home.text
		for src := range l.home.assets {
			k.copies["static/"+src] = src
			used[src] = true
		}
	}
	var hb bytes.Buffer
	hb.WriteString("+++\n")
	hb.WriteString("title = " + tomlString(home.Title) + "\n")
	hb.WriteString("+++\n")
	hb.WriteString(text)
	k.files["content/_index.md"] = hb.Bytes()

	// Files of the lesson's folders that no page uses are kept in static/,
	// where links can still reach them.
	for f := range l.files {
		top, _, _ := strings.Cut(f, "/")
		if used[f] || isMarkdown(f) || !(top == "episodes" || top == "learners" || top == "instructors" || top == "profiles") {
			continue
		}
		k.copies["static/"+f] = f
	}

	var site bytes.Buffer
	fmt.Fprintf(&site, "# Imported from a Carpentries lesson by lectern import.\n")
	fmt.Fprintf(&site, "title = %s\n", tomlString(l.title))
	if l.lang != "" {
		fmt.Fprintf(&site, "language = %s\n", tomlString(l.lang))
	}
	fmt.Fprintf(&site, "\n[workshop]\nstart = %s\n", tomlString(l.start))
	site.Write(breaks.Bytes())
	k.files["site.toml"] = site.Bytes()
	return k
}

// addBreak turns a break episode into a break after the episode before it.
func (k *kitOut) addBreak(p *page, prev string, w *bytes.Buffer, d *diag.List) {
	if prev == "" {
		d.Warnf(p.src, 1, 1, "a break before the first episode has no place on the run-sheet: it is not imported")
		return
	}
	minutes := p.breakMin
	if minutes <= 0 {
		minutes = p.teaching + p.exercises
	}
	if minutes <= 0 {
		minutes = 15
		d.Warnf(p.src, 1, 1, "the break does not say how long it is (break: N or teaching: N): it takes 15 minutes")
	}
	if body := strings.TrimSpace(p.body); body != "" {
		d.Warnf(p.src, p.bodyLine, 1, "a break's text is not imported: a break on the run-sheet has a title and minutes only")
	}
	fmt.Fprintf(w, "\n[[workshop.breaks]]\nafter = %s\nminutes = %d\ntitle = %s\n", tomlString(prev), minutes, tomlString(p.title))
	k.breaks++
}

func page2md(f front, body string) []byte {
	var b bytes.Buffer
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", tomlString(f.Title))
	fmt.Fprintf(&b, "weight = %d\n", f.Weight)
	if f.Duration > 0 {
		fmt.Fprintf(&b, "duration = %d\n", f.Duration)
	}
	if len(f.Objectives) > 0 {
		b.WriteString("objectives = [\n")
		for _, o := range f.Objectives {
			b.WriteString("  " + tomlString(o) + ",\n")
		}
		b.WriteString("]\n")
	}
	if f.Schedule != nil && !*f.Schedule {
		b.WriteString("schedule = false\n")
	}
	if f.Audience != "" {
		fmt.Fprintf(&b, "audience = %s\n", tomlString(f.Audience))
	}
	b.WriteString("+++\n")
	b.WriteString(body)
	return b.Bytes()
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// sortedKeys lists a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

package carpentries

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"lectern/generator/diag"
)

// kind is where a lesson page comes from, which decides what it becomes.
type kind int

const (
	episode    kind = iota // a module on the schedule
	learner                // learners/: a page off the schedule
	instructor             // instructors/: facilitator-only, off the schedule
	profile                // profiles/: facilitator-only, off the schedule
	extra                  // LICENSE.md, CODE_OF_CONDUCT.md: off the schedule
	home                   // index.md: the kit's home page
)

// page is one Markdown file of the lesson.
type page struct {
	src       string // lesson-relative slash path
	kind      kind
	title     string
	teaching  int
	exercises int
	isBreak   bool
	breakMin  int
	rmd       bool // an R Markdown episode
	// The older lesson template's lists in the front matter.
	questions, frontObjectives, keypoints []string
	body                                  string // after the front matter
	bodyLine                              int    // the file line the body starts on

	// Set by convert.
	slug       string
	out        string            // kit-relative path of the page's .md
	assets     map[string]string // lesson file -> path in the page's bundle
	objectives []string
	text       string // the converted Markdown body
}

// lesson is what read found: the configuration and every page, in order.
type lesson struct {
	dir      string
	title    string
	lang     string
	start    string // "HH:MM" for [workshop] start
	home     *page
	pages    []*page         // episodes in config order, then the other pages
	files    map[string]bool // every regular file, lesson-relative
	linkDefs []linkDef       // links.md, appended where used
}

// toolKeys are config.yaml and front matter keys that name the Workbench's
// own tools and versions: they say nothing about the lesson.
var toolKeys = map[string]bool{"sandpaper": true, "pegboard": true, "varnish": true, "site": true}

// toolDirs are the folders the Workbench makes for its own tools at the
// top of a lesson (the built site, the R packages): never read.
var toolDirs = map[string]bool{"site": true, "renv": true}

func read(dir string) (*lesson, diag.List) {
	var d diag.List
	l := &lesson{dir: dir, files: map[string]bool{}, lang: "en", start: "09:00"}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		d.Errorf("", 0, 0, "not a lesson folder: %v", errOrNotDir(err))
		return l, d
	}
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel != "." && strings.HasPrefix(e.Name(), ".") || e.IsDir() && toolDirs[rel] {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.Type().IsRegular() {
			l.files[rel] = true
		}
		return nil
	})
	src, err := os.ReadFile(filepath.Join(dir, "config.yaml"))
	if err != nil {
		d.Errorf("config.yaml", 0, 0, "cannot read the lesson's configuration: %v (a Workbench lesson has config.yaml at its top)", unwrap(err))
		return l, d
	}
	lists := l.config(src, &d)
	if d.HasErrors() {
		return l, d
	}
	if l.files["index.md"] {
		l.home = l.page("index.md", home, &d)
	}
	for _, f := range []struct {
		folder, key string
		k           kind
	}{{"episodes", "episodes", episode}, {"learners", "learners", learner}, {"instructors", "instructors", instructor}, {"profiles", "profiles", profile}} {
		for _, name := range l.folderPages(f.folder, lists[f.key], &d) {
			if p := l.page(f.folder+"/"+name, f.k, &d); p != nil {
				l.pages = append(l.pages, p)
			}
		}
	}
	for _, name := range []string{"CODE_OF_CONDUCT.md", "LICENSE.md"} {
		if l.files[name] {
			if p := l.page(name, extra, &d); p != nil {
				l.pages = append(l.pages, p)
			}
		}
	}
	l.others(&d)
	if b, err := os.ReadFile(filepath.Join(dir, "links.md")); err == nil {
		l.linkDefs = parseLinkDefs(string(b))
	}
	return l, d
}

// listed is one file name a config.yaml list gives, with its position.
type listed struct {
	name      string
	line, col int
}

// config reads config.yaml into l and returns its page lists by key.
func (l *lesson) config(src []byte, d *diag.List) map[string][]listed {
	lists := map[string][]listed{}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		line, msg := yamlError(err)
		d.Errorf("config.yaml", line, 0, "%s", msg)
		return lists
	}
	if len(root.Content) == 0 {
		d.Errorf("config.yaml", 1, 1, "config.yaml is empty: it needs at least title")
		return lists
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		d.Errorf("config.yaml", m.Line, m.Column, "config.yaml must be a map of keys, such as title: 'My lesson'")
		return lists
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "title":
			l.title = strings.TrimSpace(scalar(v))
		case "lang":
			if s := strings.TrimSpace(scalar(v)); s != "" {
				s = strings.ReplaceAll(s, "_", "-") // the Workbench writes pt_BR
				if _, err := language.Parse(s); err != nil {
					d.Warnf("config.yaml", v.Line, v.Column, "lang %q is not a language tag: the kit's language is left to Lectern's default", scalar(v))
					l.lang = ""
				} else {
					l.lang = s
				}
			}
		case "start_time":
			// The older lesson template's start: minutes after midnight,
			// 0 meaning no clock.
			if n, err := strconv.Atoi(scalar(v)); err == nil && n > 0 && n < 24*60 {
				l.start = fmt.Sprintf("%02d:%02d", n/60, n%60)
			} else if err != nil || n < 0 || n >= 24*60 {
				d.Warnf("config.yaml", v.Line, v.Column, "start_time %q is not minutes after midnight: the workshop starts at 09:00", scalar(v))
			}
		case "episodes", "learners", "instructors", "profiles":
			if v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "") {
				continue // an empty list: the folder's files in name order
			}
			if v.Kind != yaml.SequenceNode {
				d.Warnf("config.yaml", v.Line, v.Column, "%s should be a list of file names: the folder's files are taken in name order", k.Value)
				continue
			}
			lists[k.Value] = []listed{} // present, even if empty
			for _, e := range v.Content {
				if e.Kind != yaml.ScalarNode {
					d.Warnf("config.yaml", e.Line, e.Column, "%s lists file names: this entry is not one and is left out", k.Value)
					continue
				}
				lists[k.Value] = append(lists[k.Value], listed{e.Value, e.Line, e.Column})
			}
		default:
			if !toolKeys[k.Value] {
				d.Warnf("config.yaml", k.Line, k.Column, "%q is not imported: Lectern's site.toml has no place for it", k.Value)
			}
		}
	}
	if l.title == "" {
		d.Errorf("config.yaml", m.Line, m.Column, "the lesson has no title: add title: 'My lesson' to config.yaml")
	}
	return lists
}

// folderPages returns the Markdown files of a folder to import, in order:
// the config's list when it has one, else every .md file by name. Listed
// files that are missing and files left off the list are warnings.
func (l *lesson) folderPages(folder string, list []listed, d *diag.List) []string {
	var inFolder []string
	for f := range l.files {
		if path.Dir(f) == folder && isMarkdown(f) {
			inFolder = append(inFolder, path.Base(f))
		}
	}
	sort.Strings(inFolder)
	if list == nil {
		return inFolder
	}
	var out []string
	seen := map[string]bool{}
	for _, e := range list {
		switch {
		case !l.files[folder+"/"+e.name]:
			d.Warnf("config.yaml", e.line, e.col, "%s/%s does not exist: it is left out", folder, e.name)
		case !isMarkdown(e.name):
			d.Warnf("config.yaml", e.line, e.col, "%s/%s is not a Markdown file: it is left out", folder, e.name)
		case seen[e.name]:
			d.Warnf("config.yaml", e.line, e.col, "%s/%s is listed twice: it is imported once", folder, e.name)
		default:
			seen[e.name] = true
			out = append(out, e.name)
		}
	}
	for _, f := range inFolder {
		if !seen[f] {
			d.Warnf(folder+"/"+f, 0, 0, "not listed under %s in config.yaml, so not part of the lesson: it is not imported", folder)
		}
	}
	return out
}

func isMarkdown(name string) bool {
	e := strings.ToLower(path.Ext(name))
	return e == ".md" || e == ".rmd"
}

// others warns about the lesson's top-level files and folders that no
// page of the lesson site comes from.
func (l *lesson) others(d *diag.List) {
	known := map[string]bool{"config.yaml": true, "index.md": true, "links.md": true,
		"CODE_OF_CONDUCT.md": true, "LICENSE.md": true,
		"episodes": true, "learners": true, "instructors": true, "profiles": true}
	seen := map[string]bool{}
	for f := range l.files {
		top, _, _ := strings.Cut(f, "/")
		if known[top] || seen[top] {
			continue
		}
		seen[top] = true
		if strings.Contains(f, "/") {
			d.Warnf(top, 0, 0, "folder is not part of a Workbench lesson's pages: it is not imported")
		} else {
			d.Warnf(top, 0, 0, "file is not part of the lesson's pages: it is not imported")
		}
	}
}

// page reads one Markdown file and its YAML front matter.
func (l *lesson) page(rel string, k kind, d *diag.List) *page {
	src, err := os.ReadFile(filepath.Join(l.dir, filepath.FromSlash(rel)))
	if err != nil {
		d.Warnf(rel, 0, 0, "cannot read, not imported: %v", unwrap(err))
		return nil
	}
	if !utf8.Valid(src) {
		d.Warnf(rel, 0, 0, "not UTF-8 text, not imported: save it as UTF-8")
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	p := &page{src: rel, kind: k, body: text, bodyLine: 1, rmd: strings.EqualFold(path.Ext(rel), ".rmd")}
	if front, body, line, ok := splitYAML(text); ok {
		p.body, p.bodyLine = body, line
		p.front(front, d)
	}
	if p.title == "" {
		p.title = titleFromName(strings.TrimSuffix(path.Base(rel), path.Ext(rel)))
		if k != home {
			d.Warnf(rel, 1, 1, "no title in the front matter: the page is called %q", p.title)
		}
	}
	if k == episode && (p.breakMin > 0 || breakTitle.MatchString(p.title)) {
		p.isBreak = true
	}
	return p
}

var breakTitle = regexp.MustCompile(`(?i)^\s*((coffee|lunch|tea|morning|afternoon|short|long)\s+)?break\s*$`)

// front reads a page's front matter; its lines start at the file's line 2.
func (p *page) front(src string, d *diag.List) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		line, msg := yamlError(err)
		if line > 0 {
			line++
		}
		d.Warnf(p.src, line, 0, "front matter is not read: %s", msg)
		return
	}
	if len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		d.Warnf(p.src, m.Line+1, m.Column, "front matter is not a map of keys: it is not read")
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		minutes := func() int {
			n, err := strconv.Atoi(strings.TrimSpace(scalar(v)))
			if err != nil || n < 0 || n > 600 {
				d.Warnf(p.src, v.Line+1, v.Column, "%s should be minutes from 0 to 600, not %q: it is not imported", k.Value, scalar(v))
				return 0
			}
			return n
		}
		switch k.Value {
		case "title":
			p.title = strings.TrimSpace(scalar(v))
		case "teaching":
			p.teaching = minutes()
		case "exercises":
			p.exercises = minutes()
		case "layout":
			// The older lesson template's page layout: only "break" says
			// anything about the lesson.
			if scalar(v) == "break" && p.kind == episode {
				p.isBreak = true
			}
		case "questions", "objectives", "keypoints":
			// The older lesson template keeps these lists in the front
			// matter; the Workbench writes them as blocks.
			if v.Kind != yaml.SequenceNode {
				d.Warnf(p.src, v.Line+1, v.Column, "%s should be a list: it is not imported", k.Value)
				continue
			}
			var items []string
			for _, e := range v.Content {
				if t := strings.TrimSpace(scalar(e)); t != "" {
					items = append(items, t)
				}
			}
			switch k.Value {
			case "questions":
				p.questions = items
			case "objectives":
				p.frontObjectives = items
			default:
				p.keypoints = items
			}
		case "break":
			if p.kind == episode {
				p.breakMin = minutes()
				if p.breakMin == 0 {
					p.breakMin = -1 // a break all the same
				}
			}
		default:
			if !toolKeys[k.Value] {
				d.Warnf(p.src, k.Line+1, k.Column, "front matter key %q is not imported", k.Value)
			}
		}
	}
}

// scalar is a node's text: a scalar's value, else its YAML.
func scalar(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	b, _ := yaml.Marshal(n)
	return strings.TrimSpace(string(b))
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlError turns the parser's "yaml: line 3: …" into a line and message.
func yamlError(err error) (int, string) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, "malformed YAML: " + msg[len(m[0]):]
	}
	return 0, "malformed YAML: " + strings.TrimPrefix(msg, "yaml: ")
}

// splitYAML separates YAML front matter between --- lines from the body,
// which starts on the returned line.
func splitYAML(s string) (front, body string, bodyLine int, ok bool) {
	first, rest, found := strings.Cut(s, "\n")
	if !found || strings.TrimRight(first, " \t") != "---" {
		return "", s, 1, false
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		var ln string
		if end < 0 {
			ln = rest[off:]
		} else {
			ln = rest[off : off+end]
		}
		if t := strings.TrimRight(ln, " \t"); t == "---" || t == "..." {
			if end < 0 {
				return rest[:off], "", line + 1, true
			}
			return rest[:off], rest[off+end+1:], line + 1, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return "", s, 1, false
}

// titleFromName makes "01-introduction" read "Introduction".
func titleFromName(name string) string {
	name = regexp.MustCompile(`^[0-9]+[-_]`).ReplaceAllString(name, "")
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }), " ")
	if name == "" {
		return "Untitled"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

func errOrNotDir(err error) error {
	if err != nil {
		return unwrap(err)
	}
	return fmt.Errorf("it is a file")
}

// unwrap drops the path from a file system error: messages name the file.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

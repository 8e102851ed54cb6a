package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// run runs the command line in-process.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// copyKit copies a testdata kit into a temporary folder.
func copyKit(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	src := filepath.Join("testdata", name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// snapshot hashes every file under dir, so a test can tell that nothing changed.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	return m
}

func parseHTML(t *testing.T, path string) *html.Node {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" {
			for _, c := range strings.Fields(a.Val) {
				if c == class {
					return true
				}
			}
		}
	}
	return false
}

// findAll returns the element nodes for which match is true.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// htmlFiles lists the .html files under dir, skipping the facilitator edition.
func attendeeHTML(t *testing.T, out string) []string {
	var files []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "facilitator" {
			return filepath.SkipDir
		}
		if strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files
}

func TestBuildSampleKit(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := run(t, "build", "--source", "../..", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "built 7 modules") { // six on the schedule and the glossary
		t.Errorf("summary: %q", stdout)
	}
	if stderr != "" {
		t.Errorf("the sample kit should build without warnings:\n%s", stderr)
	}
	modules, _ := filepath.Glob("../../content/[0-9]*.md")
	if len(modules) < 6 {
		t.Fatalf("sample kit has %d modules", len(modules))
	}
	notes := 0
	for _, m := range modules {
		slug := strings.TrimSuffix(filepath.Base(m), ".md")[3:]
		att := parseHTML(t, filepath.Join(out, slug, "index.html"))
		fac := parseHTML(t, filepath.Join(out, "facilitator", slug, "index.html"))
		if n := findAll(att, func(n *html.Node) bool { return hasClass(n, "facilitator-note") }); len(n) != 0 {
			t.Errorf("%s: attendee page has %d facilitator notes", slug, len(n))
		}
		fn := findAll(fac, func(n *html.Node) bool { return hasClass(n, "facilitator-note") })
		notes += len(fn)
		// Every facilitator page says so and links to the attendee page.
		banner := findAll(fac, func(n *html.Node) bool { return hasClass(n, "edition-banner") })
		if len(banner) != 1 {
			t.Fatalf("%s: facilitator page has no edition banner", slug)
		}
		links := findAll(banner[0], func(n *html.Node) bool { return n.Data == "a" })
		if len(links) != 1 || attrOf(links[0], "href") != "../../"+slug+"/index.html" {
			t.Errorf("%s: banner link %v", slug, links)
		}
		// Attendee pages never point into the facilitator edition.
		for _, a := range findAll(att, func(n *html.Node) bool { return n.Data == "a" }) {
			if strings.Contains(attrOf(a, "href"), "facilitator/") {
				t.Errorf("%s: attendee page links to %s", slug, attrOf(a, "href"))
			}
		}
		// Each facilitator note's words appear in no attendee page.
		for _, n := range fn {
			words := strings.Fields(textOf(n))
			if len(words) < 6 {
				continue
			}
			phrase := strings.Join(words[2:6], " ")
			for _, f := range attendeeHTML(t, out) {
				if strings.Contains(textOf(parseHTML(t, f)), phrase) {
					t.Errorf("facilitator text %q from %s is in %s", phrase, slug, f)
				}
			}
		}
	}
	if notes < len(modules) {
		t.Errorf("facilitator edition shows %d notes for %d modules", notes, len(modules))
	}
}

func TestBuildTestKit(t *testing.T) {
	src := copyKit(t, "basic")
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := run(t, "build", "--source", src, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// A .md link becomes the page address, in every edition and on aggregates.
	intro := parseHTML(t, filepath.Join(out, "intro", "index.html"))
	var hrefs []string
	for _, a := range findAll(intro, func(n *html.Node) bool { return n.Data == "a" }) {
		hrefs = append(hrefs, attrOf(a, "href"))
	}
	want := []string{"../day-2/feedback/index.html#ask", "../logo.txt"}
	for _, w := range want {
		if !contains(hrefs, w) {
			t.Errorf("intro links %v lack %q", hrefs, w)
		}
	}
	handout := parseHTML(t, filepath.Join(out, "handout", "index.html"))
	ok := false
	for _, a := range findAll(handout, func(n *html.Node) bool { return n.Data == "a" }) {
		if attrOf(a, "href") == "#day-2-feedback--ask" {
			ok = true
		}
	}
	if !ok {
		t.Error("handout: the link to feedback#ask does not stay within the page")
	}
	// Bundle files are copied with their module; the image resolves.
	if _, err := os.Stat(filepath.Join(out, "intro", "diagram.svg")); err != nil {
		t.Error(err)
	}
	imgs := findAll(intro, func(n *html.Node) bool { return n.Data == "img" })
	if len(imgs) != 1 || attrOf(imgs[0], "src") != "../intro/diagram.svg" {
		t.Errorf("image: %v", imgs)
	}
	// The kit's theme overrides part.html only.
	part := parseHTML(t, filepath.Join(out, "day-2", "index.html"))
	if len(findAll(part, func(n *html.Node) bool { return attrOf(n, "id") == "theme-override" })) != 1 {
		t.Error("the kit's own part.html did not take effect")
	}
	if len(findAll(intro, func(n *html.Node) bool { return hasClass(n, "prev-next") })) != 1 {
		t.Error("module pages should still use the built-in module.html")
	}
	// Heading ids keep non-ASCII words.
	if len(findAll(intro, func(n *html.Node) bool { return attrOf(n, "id") == "hello-café-übung" })) != 1 {
		t.Error("heading id should keep non-ASCII words")
	}
	// The run-sheet warns about day 2's overrun.
	if !strings.Contains(stderr, "content/02-day-2/_index.md: warning: day 2 runs 10 min past its planned end of 13:30 (it ends at 13:40)") {
		t.Errorf("overrun warning missing:\n%s", stderr)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestBuildErrorsKeepOutput(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(dir string)
		wants []string
	}{
		{"broken front matter", func(d string) {
			write(t, d, "content/03-broken.md", "+++\ntitle = \"Broken\nweight = 3\n+++\nbody\n")
		}, []string{`content/03-broken.md:2:16: error: strings cannot contain newlines (key "title")`}},
		{"front matter not closed", func(d string) {
			write(t, d, "content/03-open.md", "+++\ntitle = \"Open\"\n\nbody\n")
		}, []string{`content/03-open.md:1:1: error: front matter is not closed: add a +++ line after it`}},
		{"unknown key", func(d string) {
			write(t, d, "content/03-extra.md", "+++\ntitle = \"Extra\"\n\ncolour = \"red\"\n+++\nbody\n")
		}, []string{`content/03-extra.md:4:1: error: unknown key "colour"`}},
		{"unknown key in site.toml", func(d string) {
			edit(t, d, "site.toml", "[workshop]\n", "[workshop]\nbegin = \"08:00\"\n")
		}, []string{`site.toml:6:1: error: unknown key "workshop.begin"`}},
		{"wrong type", func(d string) {
			write(t, d, "content/03-type.md", "+++\ntitle = \"T\"\nweight = \"heavy\"\n+++\n")
		}, []string{`content/03-type.md:3:1: error: weight must be a whole number, not text in quotes`}},
		{"duplicate slug", func(d string) {
			write(t, d, "content/03-intro.md", "+++\ntitle = \"Another intro\"\n+++\nbody\n")
		}, []string{`content/03-intro.md: error: duplicate slug "intro": content/01-intro/index.md has it too; rename one or set slug in its front matter`}},
		{"reserved slug", func(d string) {
			write(t, d, "content/04-handout.md", "+++\ntitle = \"Handout\"\n+++\nbody\n")
		}, []string{`content/04-handout.md: error: slug "handout" is reserved (the outputs use it): rename the file or set slug in its front matter`}},
		{"folder neither part nor bundle", func(d string) {
			os.MkdirAll(filepath.Join(d, "content", "05-stuff"), 0o755)
		}, []string{`content/05-stuff: error: folder is neither a part nor a module bundle: add content/05-stuff/_index.md for a part or content/05-stuff/index.md for a module`}},
		{"unknown block and unclosed fence, both reported", func(d string) {
			write(t, d, "content/03-blocks.md", "+++\ntitle = \"Blocks\"\n+++\n\n::: sidebar\nx\n:::\n\n::: note\nnever closed\n")
		}, []string{
			`content/03-blocks.md:5:5: error: unknown block "sidebar"`,
			`content/03-blocks.md:9:1: error: unclosed note block: add a line ::: to close it`,
		}},
		{"bad attribute", func(d string) {
			write(t, d, "content/03-attr.md", "+++\ntitle = \"Attr\"\n+++\n\n::: activity {minutes=ten}\nx\n:::\n")
		}, []string{`content/03-attr.md:5:15: error: minutes must be a whole number from 1 to 600, not "ten"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := copyKit(t, "basic")
			out := filepath.Join(t.TempDir(), "out")
			if code, _, stderr := run(t, "build", "--source", src, "--out", out); code != 0 {
				t.Fatalf("first build: exit %d\n%s", code, stderr)
			}
			before := snapshot(t, out)
			c.edit(src)
			code, _, stderr := run(t, "build", "--source", src, "--out", out)
			if code != 1 {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			for _, w := range c.wants {
				if !strings.Contains(stderr, w+"\n") && !strings.HasPrefix(stderrLine(stderr, w), w) {
					t.Errorf("stderr lacks\n  %s\ngot:\n%s", w, stderr)
				}
			}
			after := snapshot(t, out)
			if fmt.Sprint(before) != fmt.Sprint(after) {
				t.Error("a failed build changed the previous output")
			}
		})
	}
}

// stderrLine returns the line of s that starts like w, for messages that
// continue with a list (such as the known block names).
func stderrLine(s, w string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, w) {
			return l
		}
	}
	return ""
}

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func edit(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", rel, old)
	}
	write(t, dir, rel, strings.Replace(string(b), old, new, 1))
}

func TestRebuildKeepsUserFiles(t *testing.T) {
	src := copyKit(t, "basic")
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := run(t, "build", "--source", src, "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	write(t, out, ".git/config", "[core]\n")
	write(t, out, "CNAME", "workshop.example.org\n")
	write(t, out, "intro/my-notes.txt", "notes\n")
	// Remove a module: its pages must go, the user's files must stay.
	os.Remove(filepath.Join(src, "content", "02-day-2", "05-feedback.md"))
	edit(t, src, "content/01-intro/index.md", "See [feedback](../02-day-2/05-feedback.md#ask) and", "See")
	edit(t, src, "site.toml", "end = \"10:00\"", "end = \"10:00\"")
	if code, _, stderr := run(t, "build", "--source", src, "--out", out); code != 0 {
		t.Fatalf("rebuild: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{".git/config", "CNAME", "intro/my-notes.txt", "intro/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "day-2", "feedback", "index.html")); err == nil {
		t.Error("the removed module's page is still in the output")
	}
}

func TestCommandLine(t *testing.T) {
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "lectern ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := run(t, "--help"); code != 0 || !strings.Contains(out, "build") {
		t.Errorf("--help: %d %q", code, out)
	}
	if code, out, _ := run(t, "help", "build"); code != 0 || !strings.Contains(out, "--only") || !strings.Contains(out, "Example") {
		t.Errorf("help build: %d %q", code, out)
	}
	if code, _, _ := run(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "build", "--only", "speakers"); code != 2 {
		t.Errorf("bad --only: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "build", "--nope"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, stderr := run(t, "build", "--source", t.TempDir()); code != 1 || !strings.Contains(stderr, "site.toml: error: no site.toml") {
		t.Errorf("missing site.toml: exit %d\n%s", code, stderr)
	}
}

func TestOnlyOneEdition(t *testing.T) {
	src := copyKit(t, "basic")
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := run(t, "build", "--source", src, "--out", out, "--only", "attendee"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "facilitator")); err == nil {
		t.Error("--only attendee wrote the facilitator edition")
	}
	if _, err := os.Stat(filepath.Join(out, "intro", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestDrafts(t *testing.T) {
	src := copyKit(t, "basic")
	write(t, src, "content/09-later.md", "+++\ntitle = \"Later\"\ndraft = true\n+++\nSoon.\n")
	out := filepath.Join(t.TempDir(), "out")
	run(t, "build", "--source", src, "--out", out)
	if _, err := os.Stat(filepath.Join(out, "later", "index.html")); err == nil {
		t.Error("a draft was built without --drafts")
	}
	run(t, "build", "--source", src, "--out", out, "--drafts")
	if _, err := os.Stat(filepath.Join(out, "later", "index.html")); err != nil {
		t.Error("--drafts did not build the draft")
	}
}

// Colours are only for terminals: a pipe or a buffer gets plain text.
func TestNoColourOffTerminal(t *testing.T) {
	src := copyKit(t, "basic")
	write(t, src, "content/03-x.md", "+++\ntitle = \"X\"\ncolour = 1\n+++\n")
	_, _, stderr := run(t, "build", "--source", src, "--out", filepath.Join(t.TempDir(), "out"))
	if strings.Contains(stderr, "\x1b[") {
		t.Errorf("escape codes in captured output: %q", stderr)
	}
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if colorful(f) {
		t.Error("a regular file is not a terminal")
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no terminal to test colours on: ", err)
	}
	defer tty.Close()
	t.Setenv("TERM", "xterm")
	t.Setenv("NO_COLOR", "")
	if colorful(tty) {
		t.Error("NO_COLOR set (even empty) must turn colours off")
	}
}

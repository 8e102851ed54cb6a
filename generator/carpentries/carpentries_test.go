package carpentries

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"lectern/generator/check"
	"lectern/generator/publish"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const lessonDir = "testdata/lesson"

// importLesson imports the test lesson into a new folder and returns it.
func importLesson(t *testing.T) (string, *Result, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "kit")
	res, diags, err := Import(Options{Lesson: lessonDir, Out: out})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return out, res, diags.Error()
}

// TestImportLesson imports the test lesson, compares what it reports with
// testdata/lesson.warnings and checks the kit's pieces: site.toml, the
// front matter, the blocks and the files beside the modules.
func TestImportLesson(t *testing.T) {
	before := snapshot(t, lessonDir)
	out, res, warnings := importLesson(t)
	if after := snapshot(t, lessonDir); after != before {
		t.Errorf("the import changed the lesson folder")
	}
	golden(t, "testdata/lesson.warnings", warnings+"\n")
	if res.Modules != 3 || res.Pages != 4 || res.Breaks != 1 {
		t.Errorf("imported %d modules, %d pages, %d breaks; want 3, 4, 1", res.Modules, res.Pages, res.Breaks)
	}

	site := kitFile(t, out, "site.toml")
	for _, want := range []string{`title = "Meetings That Work"`, `language = "en"`, "[workshop]\nstart = \"09:00\"",
		"[[workshop.breaks]]\nafter = \"listening\"\nminutes = 15\ntitle = \"Coffee Break\""} {
		if !strings.Contains(site, want) {
			t.Errorf("site.toml lacks %q:\n%s", want, site)
		}
	}

	intro := kitFile(t, out, "content/01-introduction/index.md")
	for _, want := range []string{
		"title = \"Why Meetings Go Wrong\"\nweight = 10\nduration = 20\n",
		// Markdown in an objective is plain text in front matter.
		`"Write an agenda with a purpose and a time for each item.",`,
		// A challenge that says how long it takes, and one that shares
		// the rest of the episode's exercise minutes.
		"activity {minutes=5}\n\n## Challenge 1: Rewrite an agenda",
		"activity {minutes=5}\n\n## Challenge 2: Spot the missing owner",
		"::: facilitator\n", ":: solution\n", ":: hint\n", ":: keypoints\n",
		"note {title=\"Questions\"}", "::: note\n\n### Purpose first",
		// The Workbench's caption and alt text, the Lectern way round.
		`![Four horizontal bars of different lengths, one for each agenda item.](fig/agenda.png "An agenda with four items, the second the shortest.")`,
		"[agenda template](data/agenda-template.csv)",
		"[glossary](../05-reference.md#agenda)",
		"[listening](../02-listening/index.md)",
	} {
		if !strings.Contains(intro, want) {
			t.Errorf("content/01-introduction/index.md lacks %q:\n%s", want, intro)
		}
	}
	if strings.Contains(intro, "objectives") && strings.Contains(intro, ":: objectives") {
		t.Errorf("the objectives block stayed in the body")
	}

	listening := kitFile(t, out, "content/02-listening/index.md")
	for _, want := range []string{
		"activity {minutes=10}\n\n## Listen and repeat", "activity {minutes=10}\n\n## Run a round",
		":: quote\n", ":: warning\n", ":: discussion\n", "note\n\n## Before the round",
		"::: tabs\n::: tab {title=\"In person\"}\n\nSit in a circle",
		"::: tab {title=\"On a video call\"}\n",
		":: hint\n\n### Why repeat it back?", // a spoiler
		"note\n\nSome teams pass",            // an unknown block
		"[Active listening](../05-reference.md#active-listening)",
		"![Eight chairs in a circle around a round table.](fig/circle.png)",
	} {
		if !strings.Contains(listening, want) {
			t.Errorf("content/02-listening/index.md lacks %q:\n%s", want, listening)
		}
	}
	decisions := kitFile(t, out, "content/03-decisions/index.md")
	for _, want := range []string{
		"[cost of a meeting](../01-introduction/index.md#meeting-cost)",
		"[setup page](../04-setup.md)",
		"## Dot voting {#dot-voting}",
	} {
		if !strings.Contains(decisions, want) {
			t.Errorf("content/03-decisions/index.md lacks %q:\n%s", want, decisions)
		}
	}
	for file, want := range map[string]string{
		"content/04-setup.md":                              "schedule = false\n+++",
		"content/05-reference.md":                          "[dot voting]{#dot-voting}",
		"content/06-instructor-notes.md":                   "schedule = false\naudience = \"facilitator\"\n+++",
		"content/07-learner-profiles.md":                   "schedule = false\naudience = \"facilitator\"\n+++",
		"content/_index.md":                                "[setup instructions](04-setup.md)",
		"content/01-introduction/fig/agenda.png":           "\x89PNG",
		"content/01-introduction/data/agenda-template.csv": "minutes,agenda item,owner",
		"static/episodes/data/unused-roster.csv":           "name,role",
	} {
		if got := kitFile(t, out, file); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", file, want, got)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "content", "04-break.md")); err == nil {
		t.Errorf("the break episode became a module")
	}
}

// TestImportedKitBuilds checks and builds the imported kit: check finds no
// errors; the attendee edition (pages, search index, offline ZIP) holds no
// instructor text, and solution text only in closed solution blocks; each
// episode's words are on its facilitator page.
func TestImportedKitBuilds(t *testing.T) {
	kitDir, _, _ := importLesson(t)
	diags := check.Run(check.Options{Source: kitDir})
	if diags.HasErrors() {
		t.Fatalf("lectern check finds errors in the imported kit:\n%s", diags.Error())
	}
	// The one warning check gives is the one the import gave too: a link
	// from an episode to the instructor notes.
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "06-instructor-notes.md") {
		t.Errorf("check warns:\n%s\nwant only the link to the instructor notes", diags.Error())
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, d, err := publish.Build(publish.Options{Source: kitDir, Out: out}); err != nil {
		t.Fatalf("build: %v\n%s", err, d.Error())
	}

	secrets := lessonSecrets(t)
	if len(secrets.solutions) < 4 || len(secrets.instructor) < 4 {
		t.Fatalf("found %d solution and %d instructor passages in the lesson; the test lesson has more", len(secrets.solutions), len(secrets.instructor))
	}
	// The search works on the facilitator edition: every passage is there.
	fac := pageWords(t, filepath.Join(out, "facilitator", "decisions", "index.html"), false) +
		pageWords(t, filepath.Join(out, "facilitator", "instructor-notes", "index.html"), false)
	for _, s := range []string{"groups often forget to agree on the tie rule", "bring sticky dots in two colours"} {
		if !strings.Contains(fac, s) {
			t.Errorf("the facilitator edition lacks %q: the search below would find nothing either", s)
		}
	}

	var attendee []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if d.IsDir() && rel == "facilitator" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			attendee = append(attendee, rel)
		}
		return nil
	})
	seenClosed := 0
	for _, rel := range attendee {
		data, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(rel, ".zip") {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(rc)
				rc.Close()
				if strings.HasPrefix(f.Name, "facilitator/") {
					t.Errorf("%s holds %s", rel, f.Name)
				}
				seenClosed += secrets.notIn(t, rel+":"+f.Name, b)
			}
			continue
		}
		seenClosed += secrets.notIn(t, rel, data)
	}
	if seenClosed == 0 {
		t.Errorf("no attendee page holds a closed solution block: the test lesson's solutions went missing")
	}

	// Words in, words out: each episode's text is on its facilitator page.
	for _, name := range []string{"introduction", "listening", "decisions"} {
		src, err := os.ReadFile(filepath.Join(lessonDir, "episodes", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		in := len(strings.Fields(markdownWords(string(src))))
		got := len(strings.Fields(pageWords(t, filepath.Join(out, "facilitator", name, "index.html"), true)))
		t.Logf("episodes/%s.md: %d words in, %d on its facilitator page", name, in, got)
		if diff := math.Abs(float64(got-in)) / float64(in); diff > 0.03 || in < 100 {
			t.Errorf("episodes/%s.md has %d words, its facilitator page %d (%.1f%% apart; at most 3%%)", name, in, got, 100*diff)
		}
	}
}

// secrets are passages of the lesson attendees must not read: solutions
// (except inside a closed solution block) and anything for instructors.
type secrets struct{ solutions, instructor []string }

func lessonSecrets(t *testing.T) secrets {
	var s secrets
	var walk func(items []item, in string)
	walk = func(items []item, in string) {
		var para []string
		flush := func() {
			if w := words(strings.Join(para, " ")); len(strings.Fields(w)) >= 6 {
				switch in {
				case "solution":
					s.solutions = append(s.solutions, w)
				case "instructor":
					s.instructor = append(s.instructor, w)
				}
			}
			para = nil
		}
		for _, it := range items {
			if it.div != nil {
				flush()
				inner := in
				if it.div.name == "solution" || it.div.name == "instructor" {
					inner = it.div.name
				}
				walk(it.div.items, inner)
				continue
			}
			if strings.TrimSpace(it.line.text) == "" || headingLine.MatchString(it.line.text) {
				flush()
				continue
			}
			para = append(para, it.line.text)
		}
		flush()
	}
	for _, f := range []struct{ file, in string }{
		{"episodes/introduction.md", ""}, {"episodes/listening.md", ""}, {"episodes/decisions.md", ""},
		{"instructors/instructor-notes.md", "instructor"}, {"profiles/learner-profiles.md", "instructor"},
	} {
		b, err := os.ReadFile(filepath.Join(lessonDir, f.file))
		if err != nil {
			t.Fatal(err)
		}
		_, body, line, _ := splitYAML(string(b))
		items, _ := scan(body, line, false)
		walk(items, f.in)
	}
	return s
}

// notIn reports passages of s found in a published file, and returns how
// many closed solution blocks it took out of an HTML page first.
func (s secrets) notIn(t *testing.T, name string, data []byte) int {
	t.Helper()
	text, closed := "", 0
	if strings.HasSuffix(name, ".html") {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var b strings.Builder
		var visit func(n *html.Node)
		visit = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "details" && hasClass(n, "reveal-solution") {
				if attr(n, "open") != nil {
					t.Errorf("%s: a solution block is open in the attendee edition", name)
				}
				closed++
				return
			}
			if n.Type == html.TextNode {
				b.WriteString(n.Data + " ")
			}
			for _, a := range n.Attr {
				b.WriteString(a.Val + " ")
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(doc)
		text = words(b.String())
	} else {
		r := strings.NewReplacer(`\n`, " ", `\t`, " ", `\"`, " ")
		text = words(r.Replace(string(data)))
	}
	for _, group := range []struct {
		what     string
		passages []string
	}{{"solution", s.solutions}, {"instructor", s.instructor}} {
		for _, p := range group.passages {
			if g := sharedRun(text, p, 6); g != "" {
				t.Errorf("%s holds %s text %q", name, group.what, g)
			}
		}
	}
	return closed
}

// sharedRun returns a run of n words of passage found in text, or "".
func sharedRun(text, passage string, n int) string {
	w := strings.Fields(passage)
	text = " " + text + " "
	for i := 0; i+n <= len(w); i++ {
		run := strings.Join(w[i:i+n], " ")
		if strings.Contains(text, " "+run+" ") {
			return run
		}
	}
	return ""
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’][\p{L}]+)?`)

// words is s as lower-case words, one space apart: what people read,
// whatever the quotes, markup or escapes around it.
func words(s string) string {
	return strings.ToLower(strings.Join(wordRe.FindAllString(html.UnescapeString(s), -1), " "))
}

var (
	mdAttrs    = regexp.MustCompile(`\{[^}]*\}`)
	mdLinkDest = regexp.MustCompile(`\]\([^)]*\)`)
)

// markdownWords is the text a reader sees in a lesson file: no front
// matter, fences, attributes or link addresses.
func markdownWords(src string) string {
	_, body, _, _ := splitYAML(src)
	var b strings.Builder
	for _, ln := range strings.Split(body, "\n") {
		if strings.HasPrefix(strings.TrimSpace(ln), ":::") || strings.HasPrefix(strings.TrimSpace(ln), "```") {
			continue
		}
		ln = mdAttrs.ReplaceAllString(ln, "")
		ln = mdLinkDest.ReplaceAllString(ln, "]")
		b.WriteString(ln + "\n")
	}
	return words(b.String())
}

// pageWords is the text of a module page, or with body only, of its
// objectives and body without Lectern's labels (Activity, Key points,
// Solution 1, minutes) and what screen readers skip.
func pageWords(t *testing.T, file string, body bool) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var visit func(n *html.Node, on bool)
	visit = func(n *html.Node, on bool) {
		if n.Type == html.ElementNode {
			if body && (hasClass(n, "block-label") || hasClass(n, "reveal-name") || hasClass(n, "minutes") ||
				attr(n, "hidden") != nil || attr(n, "aria-hidden") != nil || n.Data == "script" || n.Data == "h2" && attr(n, "id") != nil && attr(n, "id").Val == "objectives-heading") {
				return
			}
			if hasClass(n, "module-body") || hasClass(n, "objectives") || !body && n.Data == "main" {
				on = true
			}
		}
		if n.Type == html.TextNode && on {
			b.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, on)
		}
	}
	visit(doc, false)
	return words(b.String())
}

func hasClass(n *html.Node, c string) bool {
	if a := attr(n, "class"); a != nil {
		for _, f := range strings.Fields(a.Val) {
			if f == c {
				return true
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) *html.Attribute {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			return &n.Attr[i]
		}
	}
	return nil
}

// TestImportRefuses: a kit folder that holds anything, or that lies in the
// lesson, is refused before anything is written.
func TestImportRefuses(t *testing.T) {
	lesson := copyLesson(t)
	before := snapshot(t, lesson)

	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644)
	inside := filepath.Join(lesson, "kit")
	for _, out := range []string{full, inside, lesson, filepath.Join(full, "notes.txt")} {
		_, _, err := Import(Options{Lesson: lesson, Out: out})
		var u *UsageError
		if !errors.As(err, &u) {
			t.Errorf("import into %s: %v, want a refusal", out, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(full, "notes.txt")); string(b) != "mine" {
		t.Errorf("the refused folder was changed")
	}
	if after := snapshot(t, lesson); after != before {
		t.Errorf("a refused import changed the lesson folder")
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if _, _, err := Import(Options{Lesson: lesson, Out: empty}); err != nil {
		t.Errorf("import into an empty folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(empty, "site.toml")); err != nil {
		t.Errorf("nothing written into the empty folder: %v", err)
	}
}

// TestImportErrors: a lesson without a usable config.yaml stops the import
// with its position, and nothing is written.
func TestImportErrors(t *testing.T) {
	for name, tc := range map[string]struct{ config, want string }{
		"missing":   {"", "config.yaml: error: cannot read the lesson's configuration"},
		"malformed": {"title: 'Oops\nepisodes: [a.md\n", "config.yaml:3: error: malformed YAML"},
		"untitled":  {"episodes:\n- a.md\n", "config.yaml:1:1: error: the lesson has no title"},
		"list":      {"- title\n", "config.yaml:1:1: error: config.yaml must be a map of keys"},
	} {
		t.Run(name, func(t *testing.T) {
			lesson := writeLesson(t, map[string]string{"episodes/a.md": "---\ntitle: A\n---\nText.\n"})
			if tc.config != "" {
				os.WriteFile(filepath.Join(lesson, "config.yaml"), []byte(tc.config), 0o644)
			}
			out := filepath.Join(t.TempDir(), "kit")
			_, d, err := Import(Options{Lesson: lesson, Out: out})
			if err == nil || !strings.Contains(d.Error(), tc.want) {
				t.Errorf("got %v\n%s\nwant %q", err, d.Error(), tc.want)
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a failed import wrote %s", out)
			}
		})
	}
}

// TestConvert runs small lessons through the import, one case a page.
func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		name     string
		page     string // episodes/a.md's body, after its front matter
		front    string // more front matter
		want     []string
		warnings []string
		count    int // the number of warnings, when more than those listed
	}{{
		name: "code is not converted",
		page: "```markdown\n::: challenge\n[link](b.md)\n:::\n```\n\n`[link](b.md)` and [link](b.md)\n",
		want: []string{"```markdown\n::: challenge\n[link](b.md)\n:::\n```", "`[link](b.md)` and [link](02-b.md)"},
	}, {
		name:  "minutes shared between challenges",
		front: "exercises: 25\n",
		page: "::: challenge\n## One\nThis should take about 10 minutes.\n:::\n\n" +
			"::: challenge\n## Two\n:::\n\n::: challenge\n## Three\n:::\n\n" +
			"::: discussion\nTalk. It should take 3 min.\n:::\n\n::: discussion\nMore.\n:::\n",
		want: []string{"::: activity {minutes=10}\n## One", "::: activity {minutes=6}\n## Two", "::: activity {minutes=6}\n## Three",
			"::: discussion {minutes=3}\nTalk.", "::: discussion\nMore."},
	}, {
		name: "attributes kept and reported",
		page: "::: {#mine .challenge .extra} \n## Go {#go .big data-x=1}\n:::\n\n::: callout {style=\"x\"}\nText.\n:::\n",
		want: []string{"::: activity {#mine .extra}\n## Go {#go .big}", "::: note\nText."},
		warnings: []string{`a.md:6:7: warning: heading attribute "data-x" is not kept`,
			`a.md:9:1: warning: attribute "style" of block "callout" is not kept`},
	}, {
		name:     "unknown and unclosed blocks",
		page:     "::: aside\nText.\n:::\n\n:::: callout\nStill open.\n",
		want:     []string{"::: note\nText.\n:::", ":::: note\nStill open.\n::::"},
		warnings: []string{`a.md:5:1: warning: block "aside" has no Lectern counterpart`, `a.md:9:1: warning: block "callout" is not closed`},
	}, {
		name: "objectives with more than a list stay a note",
		page: "::: objectives\nYou will:\n\n- learn\n:::\n",
		want: []string{"::: note {title=\"Objectives\"}\nYou will:"},
	}, {
		name:     "links",
		page:     "[b](b.html#x) [home](../index.md) [gone](c.md) [web](https://example.org/a.md) [file](data/missing.csv) [all](key-points.html)\n",
		want:     []string{"[b](02-b.md#x) [home](_index.md) [gone](c.md) [web](https://example.org/a.md) [file](data/missing.csv) [all](key-points.html)"},
		warnings: []string{`a.md:5:35: warning: link "c.md" names no page`, `a.md:5:80: warning: link "data/missing.csv" names no file`, `a.md:5:105: warning: link to the key points page`},
	}, {
		name:     "template code of the older lesson template",
		page:     "> ## Old\n> Text\n{: .challenge}\n\n[x]({{ page.root }}/setup)\n",
		warnings: []string{"a.md:7:1: warning: attributes {: .challenge} of the older lesson template", "a.md:9:5: warning: template code {{ page.root }}"},
	}, {
		name:  "the older template's lists in the front matter",
		front: "questions:\n- \"Why?\"\nobjectives:\n- \"Learn `x`.\"\nkeypoints:\n- \"Done.\"\nlayout: episode\n",
		page:  "Text.\n",
		want:  []string{"objectives = [\n  \"Learn x.\",\n]", "+++\n::: note {title=\"Questions\"}\n- Why?\n:::\n\n\nText.\n\n::: keypoints\n- Done.\n:::\n"},
	}, {
		name: "figure captions",
		page: "![Alt one](https://example.org/a.png){caption=\"Cap one\"}\n\n![](https://example.org/b.png \"Cap two\"){alt='Alt two'}\n",
		want: []string{"![Alt one](https://example.org/a.png \"Cap one\")", "![Alt two](https://example.org/b.png \"Cap two\")"},
	}, {
		name: "a longer fence holds a shorter one",
		page: "````markdown\n```\n::: challenge\n```\n````\n\n::: challenge\nGo.\n:::\n",
		want: []string{"````markdown\n```\n::: challenge\n```\n````\n\n::: activity\nGo.\n:::"},
	}, {
		name: "attributes over lines",
		page: "![Hex](https://example.org/a.png){alt=\"blue\nhexagon with\n'a logo'\"}\n\nNext.\n",
		want: []string{"![blue hexagon with 'a logo'](https://example.org/a.png \"Hex\")\n\nNext."},
	}, {
		name:     "raw HTML and math",
		page:     "<img src=\"fig/a.png\" alt=\"A\"> <a href=\"https://example.org\">web</a>\n\n$$\nx^2\n$$\n",
		want:     []string{"<img src=\"fig/a.png\""},
		warnings: []string{`a.md:5:1: warning: the address "fig/a.png" in raw HTML is not converted`, "a.md:7:1: warning: math ($$ … $$) is not converted"},
		count:    2,
	}, {
		name:     "a block's own title",
		page:     "::: prereq {title=\"Before you start\"}\nText.\n:::\n\n::: testimonial {title=\"T\"}\nQ.\n:::\n",
		want:     []string{"::: note {title=\"Before you start\"}\nText.", "::: quote\nQ."},
		warnings: []string{`a.md:9:1: warning: attribute "title" of block "testimonial" is not kept`},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			lesson := writeLesson(t, map[string]string{
				"config.yaml":   "title: T\nepisodes:\n- a.md\n- b.md\n",
				"index.md":      "Home.\n",
				"episodes/a.md": "---\ntitle: A\n" + tc.front + "---\n\n" + tc.page,
				"episodes/b.md": "---\ntitle: B\n---\n\n## X {#x}\n",
			})
			out := filepath.Join(t.TempDir(), "kit")
			_, d, err := Import(Options{Lesson: lesson, Out: out})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			got := kitFile(t, out, "content/01-a.md")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("the module lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.warnings {
				if !strings.Contains(d.Error(), w) {
					t.Errorf("no warning %q in:\n%s", w, d.Error())
				}
			}
			if n := max(tc.count, len(tc.warnings)); len(d) != n {
				t.Errorf("%d warnings, want %d:\n%s", len(d), n, d.Error())
			}
		})
	}
}

// TestRMarkdown: an R Markdown episode's chunks become code blocks, and the
// import says they are not run.
func TestRMarkdown(t *testing.T) {
	lesson := writeLesson(t, map[string]string{
		"config.yaml":    "title: T\nepisodes:\n- a.Rmd\n",
		"episodes/a.Rmd": "---\ntitle: A\nteaching: 5\n---\n\n```{r setup, echo=FALSE}\nx <- 1\n```\n",
	})
	out := filepath.Join(t.TempDir(), "kit")
	_, d, err := Import(Options{Lesson: lesson, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Error(), "episodes/a.Rmd:6:1: warning: R code chunks are shown as code: they are not run") {
		t.Errorf("no warning about the chunks:\n%s", d.Error())
	}
	if got := kitFile(t, out, "content/01-a.md"); !strings.Contains(got, "```r\nx <- 1\n```") {
		t.Errorf("the chunk is not a plain code block:\n%s", got)
	}
}

func writeLesson(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "lesson")
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func copyLesson(t *testing.T) string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(lessonDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(lessonDir, p)
			b, _ := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	return writeLesson(t, files)
}

// snapshot sums every file's path, mode, time and content under dir.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		fmt.Fprintf(h, "%s %v %v\n", p, info.Mode(), info.ModTime().UnixNano())
		if d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			h.Write(b)
		}
		return nil
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}

func kitFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("%v", err)
	}
	return string(b)
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs; got:\n%s", path.Base(file), got)
	}
}

// TestLessonStructure: what comes from where in a lesson's folders, and the
// warnings for what config.yaml and the folders disagree on.
func TestLessonStructure(t *testing.T) {
	lesson := writeLesson(t, map[string]string{
		"config.yaml":              "title: \"T\"\nlang: pt_BR\nstart_time: 570\nurl: https://example.org\nepisodes:\n- pause.md\n- a.md\n- gone.md\n- a.md\n- lunch.md\nlearners:\n",
		"episodes/pause.md":        "---\ntitle: Break\n---\n",
		"episodes/a.md":            "---\ntitle: A\nteaching: 5\nexercises: 5\nsource: Rmd\n---\n\nText.\n",
		"episodes/lunch.md":        "---\ntitle: Lunch\nlayout: break\nteaching: 45\n---\n\nEat.\n",
		"episodes/extra.md":        "---\ntitle: Extra\n---\n",
		"learners/discuss.md":      "---\ntitle: Discussion\n---\n\nTalk.\n\n![A photo](fig/p.png)\n",
		"episodes/fig/p.png":       "png",
		"learners/search.md":       "---\ntitle: Search\n---\n\nA page named like one of Lectern's.\n",
		"LICENSE.md":               "---\ntitle: Licence\n---\n\nCC BY.\n",
		"CONTRIBUTING.md":          "Send changes.\n",
		"episodes/files/notes.txt": "notes",
	})
	out := filepath.Join(t.TempDir(), "kit")
	res, d, err := Import(Options{Lesson: lesson, Out: out})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if res.Modules != 1 || res.Pages != 3 || res.Breaks != 1 {
		t.Errorf("imported %d modules, %d pages, %d breaks; want 1, 3, 1", res.Modules, res.Pages, res.Breaks)
	}
	site := kitFile(t, out, "site.toml")
	for _, want := range []string{`language = "pt-BR"`, `start = "09:30"`, "after = \"a\"\nminutes = 45\ntitle = \"Lunch\""} {
		if !strings.Contains(site, want) {
			t.Errorf("site.toml lacks %q:\n%s", want, site)
		}
	}
	for file, want := range map[string]string{
		"content/01-a.md":                 "duration = 10\n",
		"content/02-discuss/index.md":     "schedule = false\n",
		"content/02-discuss/fig/p.png":    "png",
		"content/03-search-page.md":       "A page named like one of Lectern's.",
		"content/04-license.md":           "title = \"Licence\"",
		"static/episodes/files/notes.txt": "notes",
	} {
		if got := kitFile(t, out, file); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", file, want, got)
		}
	}
	for _, w := range []string{
		`config.yaml:4:1: warning: "url" is not imported`,
		"config.yaml:8:3: warning: episodes/gone.md does not exist",
		"config.yaml:9:3: warning: episodes/a.md is listed twice",
		"episodes/pause.md:1:1: warning: a break before the first episode has no place on the run-sheet",
		"episodes/lunch.md:6:1: warning: a break's text is not imported",
		`episodes/a.md:5:1: warning: front matter key "source" is not imported`,
		"episodes/extra.md: warning: not listed under episodes in config.yaml",
		"CONTRIBUTING.md: warning: file is not part of the lesson's pages",
	} {
		if !strings.Contains(d.Error(), w) {
			t.Errorf("no warning %q in:\n%s", w, d.Error())
		}
	}
	if c := check.Run(check.Options{Source: out}); c.HasErrors() {
		t.Errorf("check finds errors:\n%s", c.Error())
	}
}

func TestCodeSpans(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a `b` c", "a |`b`| c"},
		{"``a`b`` [x](y)", "``a`b``| [x](y)"},
		{"`open only", "`open only"},
		{"```` ```{r} ```` text", "```` ```{r} ````| text"},
		{"`a` `b`", "`a`| |`b`"},
	} {
		var parts []string
		for _, sp := range codeSpans(tc.in) {
			parts = append(parts, tc.in[sp.start:sp.end])
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("codeSpans(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// A long line of backticks and text takes linear time.
	long := strings.Repeat("`x``y", 200000)
	within := time.Now()
	codeSpans(long)
	if d := time.Since(within); d > 2*time.Second {
		t.Errorf("codeSpans took %v on a line of %d bytes", d, len(long))
	}
}

// TestLanguage: a lang Lectern cannot read is reported and left out, so
// that the kit still checks.
func TestLanguage(t *testing.T) {
	lesson := writeLesson(t, map[string]string{
		"config.yaml":   "title: T\nlang: 'xx'\n",
		"episodes/a.md": "---\ntitle: A\nteaching: 5\n---\n\nText.\n",
	})
	out := filepath.Join(t.TempDir(), "kit")
	_, d, err := Import(Options{Lesson: lesson, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Error(), `config.yaml:2:7: warning: lang "xx" is not a language tag`) {
		t.Errorf("no warning about the language:\n%s", d.Error())
	}
	if site := kitFile(t, out, "site.toml"); strings.Contains(site, "language") {
		t.Errorf("site.toml has a language:\n%s", site)
	}
	if c := check.Run(check.Options{Source: out}); c.HasErrors() {
		t.Errorf("check finds errors:\n%s", c.Error())
	}
}

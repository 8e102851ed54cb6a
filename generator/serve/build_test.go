package serve

import (
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"lectern/themes"
)

// step is one change to a kit, as an author makes it. do returns the paths
// it touched that are gone afterwards (an editor's temporary file), which a
// comparison of the folder before and after cannot see.
type step struct {
	name string
	do   func(t testing.TB, dir string) []string
	// what is the rebuild the builder should choose ("" to not check):
	// the page it reads again, "the theme", "the whole kit", or "none".
	what string
}

const (
	modTask  = "content/02-task-vs-people.md"
	modVoice = "content/03-staff-voices.md"
	modCheck = "content/04-self-check.md"
)

// kitSteps is a long run of changes to the sample kit: edits, atomic saves,
// editor leftovers, renames, deletes, new parts, bundles, static files, a
// theme of the kit's own, broken and fixed files, site.toml.
var kitSteps = []step{
	{"body", func(t testing.TB, dir string) []string {
		editFile(t, dir, modTask, "## Two kinds of work\n", "## Two kinds of work\n\nA new first paragraph.\n")
		return nil
	}, modTask},
	{"title", func(t testing.TB, dir string) []string {
		editFile(t, dir, modVoice, `title = "`, `title = "Heard: `)
		return nil
	}, modVoice},
	{"duration", func(t testing.TB, dir string) []string {
		editFile(t, dir, modTask, "duration = 40", "duration = 45")
		return nil
	}, modTask},
	{"atomic save", func(t testing.TB, dir string) []string {
		s := strings.Replace(readFile(t, dir, modCheck), "\n## ", "\nSaved the editor's way.\n\n## ", 1)
		return []string{atomicSave(t, dir, modCheck, s)}
	}, modCheck},
	{"editor leftovers", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "content/.04-self-check.md.swp", "swap")
		writeFile(t, dir, "content/04-self-check.md~", "backup")
		writeFile(t, dir, "content/#04-self-check.md#", "autosave")
		os.Remove(filepath.Join(dir, "content/.04-self-check.md.swp"))
		return nil
	}, "none"},
	{"new part", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "content/07-day-two/_index.md", "+++\ntitle = \"Day two\"\nweight = 100\nstart = \"09:00\"\nend = \"12:00\"\n+++\n\nThe second morning.\n")
		writeFile(t, dir, "content/07-day-two/01-feedback.md", "+++\ntitle = \"Feedback\"\nduration = 30\n+++\n\nBack to [module 2](../02-task-vs-people.md).\n\n::: activity {minutes=10}\nPairs.\n:::\n")
		return nil
	}, "the whole kit"},
	{"edit in a part", func(t testing.TB, dir string) []string {
		editFile(t, dir, "content/07-day-two/01-feedback.md", "Pairs.", "Pairs, then threes.")
		return nil
	}, "content/07-day-two/01-feedback.md"},
	{"link to a page to come", func(t testing.TB, dir string) []string {
		editFile(t, dir, "content/01-why-it-matters.md", "\n## ", "\nLater: [the extra module](08-later.md).\n\n## ")
		return nil
	}, ""},
	{"the page comes", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "content/08-later.md", "+++\ntitle = \"Later\"\nweight = 70\n+++\n\nLater on.\n")
		return nil
	}, "the whole kit"},
	{"rename a module", func(t testing.TB, dir string) []string {
		rename(t, dir, "content/06-action-plan.md", "content/09-action-plan.md")
		return nil
	}, "the whole kit"},
	{"delete a module", func(t testing.TB, dir string) []string {
		remove(t, dir, "content/05-manager-to-leader.md")
		return nil
	}, "the whole kit"},
	{"broken block", func(t testing.TB, dir string) []string {
		editFile(t, dir, modTask, "A new first paragraph.\n", "A new first paragraph.\n\n::: nosuchblock\nText.\n:::\n")
		return nil
	}, modTask},
	{"fixed block", func(t testing.TB, dir string) []string {
		editFile(t, dir, modTask, "::: nosuchblock", "::: note")
		return nil
	}, modTask},
	{"broken front matter", func(t testing.TB, dir string) []string {
		editFile(t, dir, modVoice, "+++\n", "+++\ncolour = \"red\"\n")
		return nil
	}, "the whole kit"},
	{"fixed front matter", func(t testing.TB, dir string) []string {
		editFile(t, dir, modVoice, "colour = \"red\"\n", "")
		return nil
	}, "the whole kit"},
	{"home page", func(t testing.TB, dir string) []string {
		editFile(t, dir, "content/_index.md", "## Overview\n", "## Overview\n\nWelcome.\n")
		return nil
	}, "content/_index.md"},
	{"part title", func(t testing.TB, dir string) []string {
		editFile(t, dir, "content/07-day-two/_index.md", `title = "Day two"`, `title = "The second day"`)
		return nil
	}, "the whole kit"},
	{"bundle", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "content/10-bundle/index.md", "+++\ntitle = \"Bundle\"\nweight = 200\n+++\n\n![A square](square.svg)\n")
		writeFile(t, dir, "content/10-bundle/square.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`)
		return nil
	}, "the whole kit"},
	{"bundle file", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "content/10-bundle/square.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"/>`)
		return nil
	}, "bundle/square.svg"},
	{"static file", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "static/notes.txt", "notes")
		return nil
	}, "the whole kit"},
	{"static edit", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "static/notes.txt", "more notes")
		return nil
	}, "notes.txt"},
	{"own theme", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "themes/mine/assets/style.css", "body { color: #123456; }\n")
		editFile(t, dir, "site.toml", "title = ", "theme = \"mine\"\ntitle = ")
		return nil
	}, "the whole kit"},
	{"theme stylesheet", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "themes/mine/assets/style.css", "body { color: #654321; }\n")
		return nil
	}, "the theme"},
	{"theme template", func(t testing.TB, dir string) []string {
		b, err := fs.ReadFile(themes.Default(), "templates/module.html")
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "themes/mine/templates/module.html", strings.Replace(string(b), "{{define \"main\"}}", "{{define \"main\"}}<p class=\"mine\">mine</p>", 1))
		return nil
	}, "the theme"},
	{"theme script", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "themes/mine/assets/extra.js", "// extra\n")
		return nil
	}, "the theme"},
	{"broken template", func(t testing.TB, dir string) []string {
		editFile(t, dir, "themes/mine/templates/module.html", `<p class="mine">`, `{{.NoSuchField`)
		return nil
	}, "the theme"},
	{"theme file while broken", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "themes/mine/assets/more.css", "p { margin: 0; }\n")
		return nil
	}, "the theme"},
	{"fixed template", func(t testing.TB, dir string) []string {
		editFile(t, dir, "themes/mine/templates/module.html", `{{.NoSuchField`, `<p class="mine">`)
		return nil
	}, "the theme"},
	{"rename a part", func(t testing.TB, dir string) []string {
		rename(t, dir, "content/07-day-two", "content/07-day-2")
		return nil
	}, "the whole kit"},
	{"draft", func(t testing.TB, dir string) []string {
		editFile(t, dir, "content/01-why-it-matters.md", "+++\n", "+++\ndraft = true\n")
		return nil
	}, "content/01-why-it-matters.md"},
	{"slug", func(t testing.TB, dir string) []string {
		editFile(t, dir, modVoice, "+++\n", "+++\nslug = \"voices\"\n")
		editFile(t, dir, "site.toml", `after = "staff-voices"`, `after = "voices"`)
		return nil
	}, "the whole kit"},
	{"break", func(t testing.TB, dir string) []string {
		s := readFile(t, dir, "site.toml")
		writeFile(t, dir, "site.toml", s+"\n[[workshop.breaks]]\nafter = \"day-2/feedback\"\nminutes = 10\ntitle = \"Stretch\"\n")
		return nil
	}, "the whole kit"},
	{"not the kit's", func(t testing.TB, dir string) []string {
		writeFile(t, dir, "README.md", "notes")
		writeFile(t, dir, "public/index.html", "old output")
		return nil
	}, "none"},
	{"several at once", func(t testing.TB, dir string) []string {
		editFile(t, dir, modTask, "A new first paragraph.", "A newer first paragraph.")
		editFile(t, dir, modCheck, "Saved the editor's way.", "Saved again.")
		return nil
	}, ""},
	{"remove a part", func(t testing.TB, dir string) []string {
		editFile(t, dir, "site.toml", "after = \"day-2/feedback\"", "after = \"task-vs-people\"")
		if err := os.RemoveAll(filepath.Join(dir, "content/07-day-2")); err != nil {
			t.Fatal(err)
		}
		return nil
	}, "the whole kit"},
}

func rename(t testing.TB, dir, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t testing.TB, dir, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, rel)); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalEqualsCold runs kitSteps through the builder, each change
// given as the exact batch of paths it touched, and checks after every step
// that every page and file served equals a cold `lectern build --drafts` of
// the kit as it then is, and that the builder took the expected path.
func TestIncrementalEqualsCold(t *testing.T) {
	dir := sampleKit(t)
	b := newBuilder(dir)
	srv := NewServer(dir)
	first := b.full()
	srv.Publish(first)
	get := func(p string) (int, []byte) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		return rec.Code, rec.Body.Bytes()
	}
	c := coldBuild(t, dir)
	if d := diffServed(get, c, nil); d != "" {
		t.Fatalf("first build:\n%s", d)
	}
	pages := htmlPaths(c)
	for _, st := range kitSteps {
		before := snapshot(dir)
		extra := st.do(t, dir)
		ch := changes(before, snapshot(dir))
		for _, p := range extra {
			ch.add(p)
		}
		out, changed := b.apply(ch)
		what := out.What
		if !changed {
			what = "none"
		} else {
			srv.Publish(out)
		}
		if st.what != "" && what != st.what {
			t.Errorf("%s: rebuilt %q, want %q", st.name, what, st.what)
		}
		c := coldBuild(t, dir)
		if changed && out.Diags.Error() != c.diags.Error() {
			t.Errorf("%s: problems\n%s\nwant\n%s", st.name, out.Diags.Error(), c.diags.Error())
		}
		if d := diffServed(get, c, pages); d != "" {
			t.Fatalf("%s:\n%s", st.name, d)
		}
		if c.files != nil {
			pages = htmlPaths(c)
		}
	}
}

func htmlPaths(c cold) []string {
	var out []string
	for p := range c.files {
		if strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

package render

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/themes"
)

// TestUpdateEqualsNew changes a kit step by step and checks after each step
// that Update from the previous site gives what New gives from scratch:
// the same problems, the same pages byte for byte and the same files. It
// also checks that Update converted again only what it had to.
func TestUpdateEqualsNew(t *testing.T) {
	dir := t.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: 12, Parts: 3, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	write := func(rel, s string) {
		t.Helper()
		writeFiles(t, dir, map[string]string{rel: s})
	}
	edit := func(rel, old, new string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s: no %q", rel, old)
		}
		write(rel, strings.Replace(string(b), old, new, 1))
	}
	const m1 = "content/01-part-1/0001-module-1.md"
	const m2 = "content/01-part-1/0002-module-2.md"
	steps := []struct {
		name string
		do   func()
		// reconverted lists the sources Update must convert again (nil: do
		// not check).
		reconverted []string
	}{
		{"nothing", func() {}, []string{}},
		{"body", func() { edit(m1, "\n## ", "\nA new paragraph.\n\n## ") }, []string{m1}},
		{"title", func() { edit(m2, `title = "`, `title = "Renamed: `) }, []string{}},
		{"link to a missing page", func() {
			edit(m1, "\n## ", "\nSee [the new one](../0100-new.md) and ![x](pic.png).\n\n## ")
		}, []string{m1}},
		{"the page appears", func() {
			write("content/0100-new.md", "+++\ntitle = \"New\"\nweight = 99\n+++\n\nNew module, back to [one](01-part-1/0001-module-1.md#top).\n")
		}, []string{"content/0100-new.md", m1}},
		{"bundle", func() {
			write("content/0101-bundle/index.md", "+++\ntitle = \"Bundle\"\nweight = 100\n+++\n\n![A picture](pic.png)\n")
			write("content/0101-bundle/pic.png", "png")
		}, []string{"content/0101-bundle/index.md"}},
		{"link into another bundle", func() {
			edit(m2, "\n## ", "\n![The bundle's picture](../0101-bundle/pic.png)\n\n## ")
		}, []string{m2}},
		{"the other bundle's file goes", func() {
			os.Remove(filepath.Join(dir, "content/0101-bundle/pic.png"))
		}, []string{"content/0101-bundle/index.md", m2}},
		{"static", func() { write("static/handout.txt", "hello") }, nil},
		{"rename", func() {
			os.Rename(filepath.Join(dir, "content/0100-new.md"), filepath.Join(dir, "content/0100-newer.md"))
		}, []string{"content/0100-newer.md", m1}},
		{"new part", func() {
			write("content/09-day-2/_index.md", "+++\ntitle = \"Day two\"\nweight = 50\nstart = \"09:00\"\n+++\n\nDay two.\n")
			write("content/09-day-2/01-feedback.md", "+++\ntitle = \"Feedback\"\nduration = 30\n+++\n\n::: activity {minutes=10}\nPairs.\n:::\n")
		}, []string{"content/09-day-2/_index.md", "content/09-day-2/01-feedback.md"}},
		{"broken block", func() { edit(m2, "\n## ", "\n::: nosuch\nx\n:::\n\n## ") }, []string{m2}},
		{"fixed", func() { edit(m2, "::: nosuch", "::: note") }, []string{m2}},
		{"delete", func() { os.Remove(filepath.Join(dir, "content/0100-newer.md")) }, []string{}}, // m1 links to 0100-new.md, gone already
		{"unsafe", func() { edit("site.toml", "[workshop]", "[markdown]\nunsafe = true\n\n[workshop]") }, nil},
		// What a module page shows of the rest of the site (PageKey).
		{"another's duration", func() { edit(m2, "duration = ", "duration = 1") }, []string{}},
		{"another's body", func() { edit(m2, "\n## ", "\nOne more paragraph.\n\n## ") }, []string{m2}},
		{"site title", func() { edit("site.toml", `title = "`, `title = "Renamed `) }, nil},
		{"a break", func() {
			edit("site.toml", "[workshop]", "[[workshop.breaks]]\nafter = \"part-1/module-1\"\nminutes = 15\ntitle = \"Coffee\"\n\n[workshop]")
		}, nil},
		{"key points somewhere", func() { edit(m2, "\n## ", "\n::: keypoints\n- One.\n:::\n\n## ") }, []string{m2}},
		{"a segment somewhere", func() { edit(m2, "\n## ", "\n::: activity {minutes=7}\nGo.\n:::\n\n## ") }, []string{m2}},
		{"the kit's strings", func() { write("i18n/en.toml", "previous = \"Back\"\n") }, nil},
		{"a theme", func() {
			write("themes/own/assets/style.css", "body { color: red }\n")
			edit("site.toml", `title = "`, "theme = \"own\"\ntitle = \"")
		}, nil},
		{"the theme's file", func() { write("themes/own/assets/style.css", "body { color: blue }\n") }, []string{}},
		{"the theme's template", func() {
			b, err := fs.ReadFile(themes.Default(), "templates/module.html")
			if err != nil {
				t.Fatal(err)
			}
			write("themes/own/templates/module.html", strings.Replace(string(b), "<article", "<!-- own -->\n<article", 1))
		}, []string{}},
		{"a part's title", func() { edit("content/09-day-2/_index.md", `title = "Day two"`, `title = "Day 2"`) }, []string{}},
		{"a module moves", func() { edit(m2, "weight = ", "weight = 9") }, []string{}},
	}
	th, terrs := LoadTheme(themes.Default(), dir, "")
	if terrs.HasErrors() {
		t.Fatal(terrs)
	}
	opt := Options{Drafts: true}
	var prev *Site
	sameKeys := 0
	for _, st := range steps {
		st.do()
		k, kerrs := kit.Load(dir, kit.Options{Drafts: true})
		if kerrs.HasErrors() {
			t.Fatalf("%s: %v", st.name, kerrs)
		}
		if th, terrs = LoadTheme(themes.Default(), dir, k.ThemeDir); terrs.HasErrors() {
			t.Fatal(terrs)
		}
		want, werrs := New(k, th, opt)
		if prev == nil {
			prev = want
			continue
		}
		sameKeys += samePagesForKeys(t, st.name, prev, want)
		got, gerrs := Update(prev, k, th, opt)
		// The same, from prev's conversions as the next build reads them.
		var kept bytes.Buffer
		if _, err := prev.Conversions().WriteTo(&kept); err != nil {
			t.Fatal(err)
		}
		before := ReadConversions(kept.Bytes())
		if before == nil {
			t.Fatalf("%s: the conversions written were not read back", st.name)
		}
		dopt := opt
		dopt.Before = before
		disk, derrs := New(k, th, dopt)
		for _, g := range []struct {
			how  string
			site *Site
			errs string
			from *Conversions
		}{{"Update", got, gerrs.Error(), prev.conversions}, {"Before", disk, derrs.Error(), before}} {
			name := st.name + " (" + g.how + ")"
			if w := werrs.Error(); g.errs != w {
				t.Errorf("%s: problems:\n%s\nwant:\n%s", name, g.errs, w)
			}
			sameSite(t, name, g.site, want)
			if st.reconverted != nil {
				var again []string
				for src, c := range g.site.conversions.pages {
					if g.from.pages[src] != c {
						again = append(again, src)
					}
				}
				if strings.Join(sortedCopy(again), " ") != strings.Join(sortedCopy(st.reconverted), " ") {
					t.Errorf("%s: converted again %v, want %v", name, sortedCopy(again), sortedCopy(st.reconverted))
				}
			}
		}
		if st.reconverted != nil {
			// Unchanged: nothing converted again, nothing gone.
			want := len(st.reconverted) == 0 && len(before.pages) == len(disk.conversions.pages)
			if disk.Conversions().Unchanged() != want {
				t.Errorf("%s: Unchanged() = %v, want %v", st.name, !want, want)
			}
		}
		prev = got
	}
	if sameKeys == 0 {
		t.Error("no page kept its key from one step to the next: the test does not test keys")
	}
}

// samePagesForKeys checks that every page of s with the key a page of prev
// had is that page byte for byte, and returns how many had it.
func samePagesForKeys(t *testing.T, step string, prev, s *Site) int {
	t.Helper()
	keys := map[string]string{}
	refs := map[string]PageRef{}
	for _, p := range prev.Pages() {
		if key, ok := prev.PageKey(p); ok {
			keys[p.Path], refs[p.Path] = key, p
		}
	}
	n := 0
	for _, p := range s.Pages() {
		key, ok := s.PageKey(p)
		if !ok || keys[p.Path] != key {
			continue
		}
		n++
		var was, is bytes.Buffer
		if err := prev.Render(&was, refs[p.Path]); err != nil {
			t.Fatal(err)
		}
		if err := s.Render(&is, p); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(was.Bytes(), is.Bytes()) {
			t.Errorf("%s: %s has the key it had, but not the same HTML", step, p.Path)
		}
	}
	return n
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// samePages checks that two sites have the same pages and files.
func sameSite(t *testing.T, step string, got, want *Site) {
	t.Helper()
	gp, wp := got.Pages(), want.Pages()
	if len(gp) != len(wp) {
		t.Fatalf("%s: %d pages, want %d", step, len(gp), len(wp))
	}
	for i := range wp {
		if gp[i].Path != wp[i].Path {
			t.Fatalf("%s: page %d is %s, want %s", step, i, gp[i].Path, wp[i].Path)
		}
		var g, w bytes.Buffer
		if err := got.Render(&g, gp[i]); err != nil {
			t.Fatal(err)
		}
		if err := want.Render(&w, wp[i]); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g.Bytes(), w.Bytes()) {
			t.Errorf("%s: %s differs", step, wp[i].Path)
		}
	}
	gf, wf := got.Files(), want.Files()
	files := map[string][]byte{}
	content := func(f File) []byte {
		if f.Src != "" {
			return []byte(f.Src)
		}
		data, err := f.Content()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, f := range wf {
		files[f.Path] = content(f)
	}
	if len(gf) != len(wf) {
		t.Errorf("%s: %d files, want %d", step, len(gf), len(wf))
	}
	for _, f := range gf {
		if !bytes.Equal(files[f.Path], content(f)) {
			t.Errorf("%s: file %s differs", step, f.Path)
		}
		if data, ok := got.Asset(f.Path); ok && !bytes.Equal(data, content(f)) {
			t.Errorf("%s: Asset(%s) is not the file Files lists", step, f.Path)
		}
	}
}

// TestLinksAcrossBundles links a module to a file in another module's
// bundle: it resolves to where that file is published, from every page.
func TestLinksAcrossBundles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"site.toml":              "title = \"Bundles\"\n",
		"content/_index.md":      "+++\ntitle = \"Home\"\n+++\n\nSee ![the chart](02-b/chart.png).\n",
		"content/01-a/index.md":  "+++\ntitle = \"A\"\n+++\n\n![B's chart](../02-b/chart.png) and [its notes](../02-b/notes.pdf#page=2).\n",
		"content/02-b/index.md":  "+++\ntitle = \"B\"\n+++\n\n![Chart](chart.png)\n",
		"content/02-b/chart.png": "png",
		"content/02-b/notes.pdf": "pdf",
	})
	s := loadSite(t, dir)
	if len(s.conversions.pages) == 0 {
		t.Fatal("nothing converted")
	}
	for _, c := range s.conversions.pages {
		if len(c.diags) > 0 {
			t.Errorf("problems: %v", c.diags.Error())
		}
	}
	for page, want := range map[string][]string{
		"a/index.html":             {`src="../b/chart.png"`, `href="../b/notes.pdf#page=2"`},
		"facilitator/a/index.html": {`src="../../b/chart.png"`},
		"index.html":               {`src="b/chart.png"`},
		"handout/index.html":       {`src="../b/chart.png"`},
	} {
		var b bytes.Buffer
		for _, p := range s.Pages() {
			if p.Path == page {
				if err := s.Render(&b, p); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, w := range want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}
}

// writeFiles writes files (slash paths relative to dir), making folders.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := kitgen.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
}

// TestDropSources: a site without its Markdown renders as before, holds no
// page's Markdown, and Update from it converts every page again, giving
// what New gives.
func TestDropSources(t *testing.T) {
	dir := t.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: 6, Parts: 2, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	s := loadSite(t, dir)
	want := loadSite(t, dir)
	s.DropSources()
	for _, m := range s.Kit.Modules {
		if m.Body != nil {
			t.Fatalf("%s keeps its Markdown", m.Source)
		}
	}
	sameSite(t, "dropped", s, want)
	k, errs := kit.Load(dir, kit.Options{})
	if errs.HasErrors() {
		t.Fatal(errs.Error())
	}
	u, errs := Update(s, k, s.Theme, Options{})
	if errs.HasErrors() {
		t.Fatal(errs.Error())
	}
	sameSite(t, "updated", u, want)
}

package publish

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lectern/generator/internal/kitgen"
)

// tree reads every file and symbolic link under dir: content (or link
// target) and mode, by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link " + target
		case d.IsDir():
			out[rel+"/"] = info.Mode().String()
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = info.Mode().String() + " " + string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, got, want map[string]string, skip func(string) bool) {
	t.Helper()
	for p, w := range want {
		if skip(p) {
			continue
		}
		if g, ok := got[p]; !ok {
			t.Errorf("%s: missing", p)
		} else if g != w {
			t.Errorf("%s: differs from a build into an empty folder", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok && !skip(p) {
			t.Errorf("%s: not in a build into an empty folder", p)
		}
	}
}

// TestRebuildReusesSpare rebuilds a changing kit into one output folder,
// each build taking the output before last as its staging folder, and
// checks every output, the offline ZIP included (its unchanged entries come
// from the previous one), against a build of the same kit into an empty
// folder.
// Files outside the output that share a name with an old page, through a
// hard or a symbolic link, must not change.
func TestRebuildReusesSpare(t *testing.T) {
	kitDir := t.TempDir()
	if err := kitgen.Write(kitDir, kitgen.Options{Modules: 24, Parts: 4, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	out := filepath.Join(base, "public")
	outside := t.TempDir()
	build := func(to string) {
		t.Helper()
		if _, errs, err := Build(Options{Source: kitDir, Out: to}); err != nil {
			t.Fatal(errs.Error(), err)
		}
	}
	user := map[string]string{"CNAME": "workshop.example.org\n", ".git/config": "[core]\n", "notes/todo.txt": "todo\n"}
	isUser := func(p string) bool {
		for u := range user {
			if p == u || strings.HasPrefix(u, p) && strings.HasSuffix(p, "/") {
				return true
			}
		}
		return p == "outside-link.html"
	}
	edits := []func(){
		func() {},
		func() { // the user's files, and a hard link from outside to a page
			for p, c := range user {
				os.MkdirAll(filepath.Dir(filepath.Join(out, p)), 0o755)
				if err := os.WriteFile(filepath.Join(out, p), []byte(c), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Link(filepath.Join(out, "index.html"), filepath.Join(outside, "hard.html")); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(outside, "target.html"), []byte("theirs\n"), 0o644)
		},
		func() { // a page replaced by a symbolic link, another's mode changed
			p := filepath.Join(out, "handout", "index.html")
			os.Remove(p)
			if err := os.Symlink(filepath.Join(outside, "target.html"), p); err != nil {
				t.Fatal(err)
			}
			os.Symlink(filepath.Join(outside, "target.html"), filepath.Join(out, "outside-link.html"))
			os.Chmod(filepath.Join(out, "worksheets", "index.html"), 0o600)
		},
		func() { // a module removed, another changed
			mods, _ := filepath.Glob(filepath.Join(kitDir, "content", "*", "*-module-*.md"))
			os.Remove(mods[len(mods)-1])
			b, _ := os.ReadFile(mods[0])
			os.WriteFile(mods[0], append(b, "\nA closing line added later.\n"...), 0o644)
		},
		func() { // a page changed in place, its length and time kept
			tamper(t, filepath.Join(out, "worksheets", "index.html"), "<title>")
		},
		func() {},
		func() { // the same of a module page: its key is as it was, but the
			// file is not what was made from it
			tamper(t, filepath.Join(out, "facilitator", "part-1", "module-2", "index.html"), "<h1>")
		},
		func() {},
		func() {},
	}
	var hard []byte
	for i, edit := range edits {
		edit()
		// Every build changes the home page, so a write through a link to
		// an old one would show.
		home := filepath.Join(kitDir, "content", "_index.md")
		b, _ := os.ReadFile(home)
		os.WriteFile(home, fmt.Appendf(b, "\nBuild %d.\n", i+1), 0o644)
		if i == 1 {
			hard, _ = os.ReadFile(filepath.Join(outside, "hard.html"))
		}
		build(out)
		fresh := filepath.Join(t.TempDir(), "fresh")
		build(fresh)
		t.Run(fmt.Sprint("build ", i+1), func(t *testing.T) {
			got := tree(t, out)
			sameTree(t, got, tree(t, fresh), isUser)
			if i >= 1 {
				for p, c := range user {
					if !strings.HasSuffix(got[p], " "+c) {
						t.Errorf("user file %s: %q", p, got[p])
					}
				}
			}
			if i >= 1 {
				if b, _ := os.ReadFile(filepath.Join(outside, "hard.html")); !bytes.Equal(b, hard) {
					t.Error("a build wrote through a hard link into a file outside the output")
				}
			}
			if b, err := os.ReadFile(filepath.Join(outside, "target.html")); i >= 1 && (err != nil || string(b) != "theirs\n") {
				t.Errorf("a build wrote through a symbolic link (%d bytes there now, %v)", len(b), err)
			}
			if i >= 1 {
				if _, err := os.Lstat(filepath.Join(spareName(out), ".gitignore")); err == nil {
					t.Error("the spare holds a .gitignore: Lectern writes none")
				}
				// The code this build highlighted, for the next one (which
				// the comparison with a fresh build checks).
				if st, err := os.Stat(filepath.Join(spareName(out), highlightsName)); err != nil || st.Size() == 0 {
					t.Errorf("the spare keeps no highlighted code: %v", err)
				}
				// And the pages it converted, which the next one takes.
				if st, err := os.Stat(filepath.Join(filepath.Dir(spareName(out)), conversionsName)); err != nil || st.Size() == 0 {
					t.Errorf("the cache folder keeps no conversions: %v", err)
				}
			}
		})
	}
	entries, _ := os.ReadDir(base)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if fmt.Sprint(names) != "[public]" { // the spare is in the cache folder
		t.Errorf("beside the output: %v", names)
	}
}

// tamper changes four bytes of the file p after its first after, keeping
// its length and modification time: the manifest lists its checksum, and
// its modification time is before the manifest's; only its ctime tells
// it changed.
func tamper(t *testing.T, p, after string) {
	t.Helper()
	st, err := os.Stat(p)
	b, _ := os.ReadFile(p)
	i := bytes.Index(b, []byte(after))
	if err != nil || i < 0 {
		t.Fatalf("%s: %v", p, err)
	}
	copy(b[i+len(after):], "XXXX")
	os.WriteFile(p, b, 0o644)
	old := st.ModTime().Add(-time.Hour)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
}

// TestConversionsKept builds a kit three times: the conversions the first
// build keeps are not written again by a build that took every page from
// them, and are by one that converted a page again.
func TestConversionsKept(t *testing.T) {
	base, kit := placeKit(t)
	out := filepath.Join(base, "out")
	kept := filepath.Join(filepath.Dir(spareName(out)), conversionsName)
	build := func() fs.FileInfo {
		t.Helper()
		if _, errs, err := Build(Options{Source: kit, Out: out}); err != nil {
			t.Fatal(errs.Error(), err)
		}
		st, err := os.Stat(kept)
		if err != nil {
			t.Fatalf("no conversions kept: %v", err)
		}
		return st
	}
	first := build()
	if again := build(); !os.SameFile(first, again) {
		t.Error("a build that converted nothing wrote the conversions again")
	}
	if err := os.WriteFile(filepath.Join(kit, "content", "01-intro.md"), []byte("+++\ntitle = \"Intro\"\nduration = 10\n+++\nOther text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again := build(); os.SameFile(first, again) {
		t.Error("a build that converted a page again kept the old conversions")
	}
	b, _ := os.ReadFile(filepath.Join(out, "intro", "index.html"))
	if !bytes.Contains(b, []byte("Other text.")) {
		t.Error("the edited page is not as edited")
	}
}

// TestSpareSurvivesKitError builds a kit twice, so that a spare is kept,
// then breaks the kit: the failed build leaves the spare where it was,
// with what it held.
func TestSpareSurvivesKitError(t *testing.T) {
	base, kit := placeKit(t)
	out := filepath.Join(base, "out")
	for range 2 {
		if _, errs, err := Build(Options{Source: kit, Out: out}); err != nil {
			t.Fatal(errs.Error(), err)
		}
	}
	before := tree(t, spareName(out))
	if len(before) == 0 {
		t.Fatal("no spare after two builds")
	}
	if err := os.WriteFile(filepath.Join(kit, "content", "01-intro.md"), []byte("+++\ntitle = \n+++\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Build(Options{Source: kit, Out: out}); err == nil {
		t.Fatal("a kit with a broken front matter built")
	}
	if after := tree(t, spareName(out)); len(after) != len(before) {
		t.Errorf("the spare held %d files before the failed build, %d after", len(before), len(after))
	}
	stages, _ := filepath.Glob(filepath.Join(filepath.Dir(spareName(out)), "stage-*"))
	if len(stages) > 0 {
		t.Errorf("a failed build left %v", stages)
	}
}

package kitgen

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var small = Options{Modules: 20, Parts: 4, Seed: 7}

// readTree returns every regular file under dir, keyed by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// modules returns the content paths of module files (not _index.md).
func modules(files map[string][]byte) []string {
	var out []string
	for p := range files {
		if strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "/_index.md") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

var mdLink = regexp.MustCompile(`\]\(([^)\s]+\.md)(#[^)]*)?\)`)

func checkKit(t *testing.T, dir string, o Options, extra ...string) map[string][]byte {
	t.Helper()
	files := readTree(t, dir)
	want := append([]string{
		"content/_index.md",
		"content/01-part-1/_index.md",
		"content/04-part-4/_index.md",
		"content/01-part-1/0001-module-1.md",
		"content/01-part-1/0005-module-5.md",
		"content/02-part-2/0006-module-6.md",
		"content/04-part-4/0020-module-20.md",
	}, extra...)
	for _, p := range want {
		if _, ok := files[p]; !ok {
			t.Errorf("%s: missing", p)
		}
	}
	mods := modules(files)
	if len(mods) != o.Modules {
		t.Errorf("got %d modules, want %d", len(mods), o.Modules)
	}
	slugs := map[string]string{}
	for _, p := range mods {
		src := files[p]
		if n := len(src); n < 3*1024 || n > 6*1024 {
			t.Errorf("%s: %d bytes, want 3–6 KB", p, n)
		}
		base := strings.TrimSuffix(filepath.Base(p), ".md")
		slug := strings.TrimLeft(base, "0123456789")
		slug = strings.TrimPrefix(slug, "-")
		if prev, dup := slugs[slug]; dup {
			t.Errorf("%s: slug %q also used by %s", p, slug, prev)
		}
		slugs[slug] = p
		for _, block := range []string{"::: facilitator", "::: quote {by=", "::: activity {minutes=", "::: discussion {minutes=", "```"} {
			if !bytes.Contains(src, []byte(block)) && !(block == "::: facilitator" && bytes.Contains(src, []byte(":::: facilitator"))) {
				t.Errorf("%s: no %q", p, block)
			}
		}
	}
	// Every .md link resolves to a file on disk.
	for p, src := range files {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		for _, m := range mdLink.FindAllSubmatch(src, -1) {
			target := filepath.Join(dir, filepath.Dir(filepath.FromSlash(p)), filepath.FromSlash(string(m[1])))
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: link %s: %v", p, m[1], err)
			}
		}
	}
	return files
}

func TestWrite(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Write(a, small); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, small); err != nil {
		t.Fatal(err)
	}
	fa := checkKit(t, a, small, "site.toml")
	fb := readTree(t, b)
	sameTree(t, fa, fb)

	site := string(fa["site.toml"])
	for _, s := range []string{`language = "en"`, `paper = "A4"`, "[workshop]", `start = "09:00"`, `end = "17:00"`} {
		if !strings.Contains(site, s) {
			t.Errorf("site.toml: no %s", s)
		}
	}

	// Another seed gives other text, same layout.
	c := t.TempDir()
	if err := Write(c, Options{Modules: 20, Parts: 4, Seed: 8}); err != nil {
		t.Fatal(err)
	}
	fc := readTree(t, c)
	if len(fc) != len(fa) || bytes.Equal(fc["content/01-part-1/0001-module-1.md"], fa["content/01-part-1/0001-module-1.md"]) {
		t.Error("seed 8 kit should have the same files with different text")
	}
}

func sameTree(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("trees differ: %d vs %d files", len(a), len(b))
	}
	for p, da := range a {
		if !bytes.Equal(da, b[p]) {
			t.Errorf("%s: differs between two runs with the same seed", p)
		}
	}
}

func TestWriteNoParts(t *testing.T) {
	dir := t.TempDir()
	o := Options{Modules: 7, Seed: 1}
	if err := Write(dir, o); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	mods := modules(files)
	if len(mods) != 7 || mods[0] != "content/0001-module-1.md" {
		t.Errorf("modules = %v", mods)
	}
	for p, src := range files {
		for _, m := range mdLink.FindAllSubmatch(src, -1) {
			if _, err := os.Stat(filepath.Join(dir, filepath.Dir(p), string(m[1]))); err != nil {
				t.Errorf("%s: link %s: %v", p, m[1], err)
			}
		}
	}
}

func TestLayout(t *testing.T) {
	// 10 modules in 3 parts: parts of 3, 3 and 4.
	k, err := newLayout(Options{Modules: 10, Parts: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{0: "01-part-1/0001-module-1.md", 3: "02-part-2/0004-module-4.md", 9: "03-part-3/0010-module-10.md"} {
		if want != "" && k.modPath(i) != want {
			t.Errorf("modPath(%d) = %s, want %s", i, k.modPath(i), want)
		}
	}
	if got := k.link(9, 0); got != "../01-part-1/0001-module-1.md" {
		t.Errorf("link across parts = %s", got)
	}
	if got := k.link(0, 1); got != "0002-module-2.md" {
		t.Errorf("link within part = %s", got)
	}
	if _, err := newLayout(Options{Modules: -1}); err == nil {
		t.Error("negative Modules: no error")
	}
}

// TestTiming checks that timed segments fit in each module's duration.
func TestTiming(t *testing.T) {
	k, _ := newLayout(Options{Modules: 200, Parts: 5, Seed: 3})
	dur := regexp.MustCompile(`(?m)^duration = (\d+)$`)
	seg := regexp.MustCompile(`(?m)^:::+ (?:activity|discussion|worksheet) \{[^}]*minutes=(\d+)`)
	for i := range k.o.Modules {
		src := k.moduleSource(i)
		d := atoi(t, dur.FindSubmatch(src)[1])
		sum := 0
		for _, m := range seg.FindAllSubmatch(src, -1) {
			sum += atoi(t, m[1])
		}
		if sum == 0 || sum > d {
			t.Errorf("module %d: segments %d min, duration %d", i+1, sum, d)
		}
		if n := len(src); n < 3*1024 || n > 6*1024 {
			t.Errorf("module %d: %d bytes", i+1, n)
		}
	}
}

func atoi(t *testing.T, b []byte) int {
	t.Helper()
	n, err := strconv.Atoi(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWriteHugo(t *testing.T) {
	a, b, lectern := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := WriteHugo(d, small); err != nil {
			t.Fatal(err)
		}
	}
	fa := checkKit(t, a, small, "hugo.toml", "layouts/_default/baseof.html",
		"layouts/_default/single.html", "layouts/_default/list.html", "layouts/index.html")
	sameTree(t, fa, readTree(t, b))

	// The content is the same as the Lectern kit's.
	if err := Write(lectern, small); err != nil {
		t.Fatal(err)
	}
	for p, data := range readTree(t, lectern) {
		if strings.HasPrefix(p, "content/") && !bytes.Equal(data, fa[p]) {
			t.Errorf("%s: differs between Write and WriteHugo", p)
		}
	}

	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo not on PATH")
	}
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(hugo, "--quiet", "-s", a, "-d", out)
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+t.TempDir())
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	for _, p := range modules(fa) {
		page := filepath.Join(out, strings.TrimSuffix(strings.TrimPrefix(p, "content/"), ".md"), "index.html")
		if _, err := os.Stat(page); err != nil {
			t.Errorf("%s: no page: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

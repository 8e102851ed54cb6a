package serve

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"lectern/generator/internal/kitgen"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"lectern/generator/diag"
	"lectern/generator/publish"
)

// sampleKit copies the repository's sample kit (site.toml and content/)
// into a temporary folder.
func sampleKit(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kit")
	copyTree(t, "../../content", filepath.Join(dir, "content"))
	b, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "site.toml", string(b))
	return dir
}

func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	if err := kitgen.Copy(src, dst); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, dir, rel, s string) {
	t.Helper()
	if err := kitgen.WriteFiles(dir, map[string]string{rel: s}); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// editFile replaces the first old in a file by new.
func editFile(t testing.TB, dir, rel, old, new string) {
	t.Helper()
	s := readFile(t, dir, rel)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", rel, old)
	}
	writeFile(t, dir, rel, strings.Replace(s, old, new, 1))
}

// atomicSave saves a file the way many editors do: write a temporary file
// beside it, then rename it over the file. It returns the temporary name.
func atomicSave(t testing.TB, dir, rel, content string) string {
	t.Helper()
	tmp := rel + ".lectern-save" // not a name the loader ignores: the server must see it come and go
	writeFile(t, dir, tmp, content)
	if err := os.Rename(filepath.Join(dir, tmp), filepath.Join(dir, rel)); err != nil {
		t.Fatal(err)
	}
	return tmp
}

// cold is what a cold `lectern build --drafts` makes of the kit: its files
// by output path (without the manifest and the offline ZIP, which only a
// build writes), or the problems when it fails.
type cold struct {
	files map[string][]byte
	diags diag.List
}

// coldCache keeps cold builds by the kit's contents: the tests that run
// kitSteps build the same kits.
var coldCache sync.Map // treeHash -> cold

func coldBuild(t testing.TB, dir string) cold {
	t.Helper()
	key := treeHash(t, dir)
	if c, ok := coldCache.Load(key); ok {
		return c.(cold)
	}
	c := coldBuildNow(t, dir)
	coldCache.Store(key, c)
	return c
}

// treeHash hashes every file's path and contents under dir.
func treeHash(t testing.TB, dir string) string {
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func coldBuildNow(t testing.TB, dir string) cold {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, diags, err := publish.Build(publish.Options{Source: dir, Out: out, Drafts: true})
	var l diag.List
	if errors.As(err, &l) {
		return cold{diags: diags}
	}
	if err != nil {
		t.Fatal(err)
	}
	zip := res.Site.OfflineZip()
	c := cold{files: map[string][]byte{}, diags: diags}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if rel == publish.Manifest || rel == zip {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c.files[rel] = b
		return nil
	})
	return c
}

var injected = regexp.MustCompile(`(?s)<script data-lectern-serve>.*?</script>\n`)

// stripScript removes the reload script the server adds to each page.
func stripScript(b []byte) []byte { return injected.ReplaceAll(b, nil) }

// getter fetches one URL path and returns the status and body.
type getter func(path string) (int, []byte)

func httpGetter(base string) getter {
	return func(p string) (int, []byte) {
		resp, err := http.Get(strings.TrimSuffix(base, "/") + p)
		if err != nil {
			return 0, []byte(err.Error())
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
}

// urlPath is the URL path of an output path, escaped.
func urlPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return "/" + strings.Join(parts, "/")
}

// diffServed compares what the server serves with a cold build; it returns
// "" when they agree. Pages must be equal byte for byte once the reload
// script is taken out; while the kit is broken, every page must be the
// error page listing the cold build's errors.
func diffServed(get getter, c cold, pages []string) string {
	var diffs []string
	if c.files == nil {
		want := html.EscapeString(c.diags.Error())
		for _, d := range c.diags {
			if d.Severity != diag.Error {
				continue
			}
			want = html.EscapeString(d.Message)
			break
		}
		for _, p := range append([]string{""}, pages...) {
			code, body := get(urlPath(p))
			if code != http.StatusInternalServerError || !bytes.Contains(body, []byte(want)) {
				diffs = append(diffs, fmt.Sprintf("/%s: %d, want the error page with %q", p, code, want))
				break
			}
		}
		return strings.Join(diffs, "\n")
	}
	paths := make([]string, 0, len(c.files))
	for p := range c.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		code, body := get(urlPath(p))
		if code != http.StatusOK {
			diffs = append(diffs, fmt.Sprintf("/%s: status %d", p, code))
			continue
		}
		if strings.HasSuffix(p, ".html") {
			if n := len(injected.FindAll(body, -1)); n != 1 {
				diffs = append(diffs, fmt.Sprintf("/%s: %d reload scripts", p, n))
			}
			body = stripScript(body)
		}
		if !bytes.Equal(body, c.files[p]) {
			diffs = append(diffs, fmt.Sprintf("/%s differs from the cold build:\n%s", p, firstDiff(body, c.files[p])))
		}
		if len(diffs) > 5 {
			break
		}
	}
	return strings.Join(diffs, "\n")
}

// firstDiff shows where two byte slices first differ.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("  got:  …%q…\n  want: …%q…", got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
}

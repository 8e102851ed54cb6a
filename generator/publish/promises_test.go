package publish_test

// Tests for the promises in PRODUCT.md that concern the output folder. The
// hostile-kit corpus (generator/check, TestKits) checks the same promises on
// every broken kit; these check them on purpose, one at a time.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lectern/generator/diag"
	"lectern/generator/publish"
	"lectern/generator/render"
)

// promiseKit writes a small kit: two modules, one a bundle with an image,
// and an external link and image the author wrote.
func promiseKit(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kit")
	for rel, data := range map[string]string{
		"site.toml":                 "title = \"Promises\"\n",
		"content/_index.md":         "+++\ntitle = \"Home\"\n+++\nSee [the article](https://example.org/article).\n",
		"content/01-intro.md":       "+++\ntitle = \"Intro\"\nduration = 10\n+++\n## Ask\n\nText and [next](02-pics/index.md).\n",
		"content/02-pics/index.md":  "+++\ntitle = \"Pictures\"\nduration = 5\n+++\n![A chart](chart.png)\n\n![Remote](https://images.example.org/x.png)\n",
		"content/02-pics/chart.png": "\x89PNG\r\n",
	} {
		promiseWrite(t, dir, rel, data)
	}
	return dir
}

func promiseWrite(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// promiseTree describes every entry under dir without following links
// (publish.TreeOf, the output-folder tests' own).
func promiseTree(t *testing.T, dir string) map[string]string { return publish.TreeOf(t, dir) }

func promiseDiff(a, b map[string]string) []string {
	var d []string
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			d = append(d, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, "+"+k)
		}
	}
	sort.Strings(d)
	return d
}

// Promise: a failed build leaves the previous output untouched; output is
// replaced only whole. Failures of every stage: the kit, the Markdown, the
// theme at parse time, and a template that fails only while pages are
// written. Nothing is left beside the output either.
func TestPromiseFailedBuildLeavesOutput(t *testing.T) {
	for _, c := range []struct {
		name string
		rel  string
		data string
	}{
		{"kit", "content/03-bad.md", "+++\ntitle = 3\n+++\n"},
		{"markdown", "content/03-bad.md", "+++\ntitle = \"Bad\"\n+++\n::: note\nnever closed\n"},
		{"theme parse", "themes/mine/templates/module.html", "{{define \"main\"}}{{.Title}{{end}}"},
		{"template at write time", "themes/mine/templates/module.html", "{{define \"main\"}}{{.NoSuchField}}{{end}}"},
		{"output collision", "static/index.html", "<p>mine</p>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			kit := promiseKit(t)
			out := filepath.Join(filepath.Dir(kit), "public")
			if _, diags, err := publish.Build(publish.Options{Source: kit, Out: out}); err != nil {
				t.Fatalf("first build: %v\n%v", err, diags)
			}
			promiseWrite(t, out, "CNAME", "example.org\n")
			if strings.HasPrefix(c.rel, "themes/") {
				promiseWrite(t, kit, "site.toml", "title = \"Promises\"\ntheme = \"mine\"\n")
			}
			promiseWrite(t, kit, c.rel, c.data)
			parent := promiseTree(t, filepath.Dir(out))
			_, diags, err := publish.Build(publish.Options{Source: kit, Out: out})
			if err == nil {
				t.Fatalf("the build did not fail\n%v", diags)
			}
			var env *publish.EnvError
			if errors.As(err, &env) {
				t.Errorf("a problem in the kit reported as one of the machine: %v", err)
			}
			if d := promiseDiff(parent, promiseTree(t, filepath.Dir(out))); len(d) > 0 {
				t.Errorf("the failed build changed %v", d)
			}
		})
	}
}

// Promise: Lectern removes only files that it wrote itself. A user's .git,
// CNAME, notes beside and inside Lectern's folders, a symbolic link, and a
// file in a folder whose pages are gone survive rebuild after rebuild
// (the later ones reuse the spare folder); pages Lectern no longer writes go.
func TestPromiseOnlyOwnFilesRemoved(t *testing.T) {
	kit := promiseKit(t)
	out := filepath.Join(filepath.Dir(kit), "public")
	build := func() {
		t.Helper()
		if _, diags, err := publish.Build(publish.Options{Source: kit, Out: out}); err != nil {
			t.Fatalf("build: %v\n%v", err, diags)
		}
	}
	// A folder the user keeps their own site in before Lectern ever builds.
	user := map[string]string{
		".git/HEAD":           "ref: refs/heads/gh-pages\n",
		".git/objects/ab/cd":  "object\n",
		"CNAME":               "workshop.example.org\n",
		"notes.txt":           "bring markers\n",
		".nojekyll":           "",
		"intro/speaker.txt":   "notes beside a page\n",
		"pictures/extra.png":  "the user's own picture\n",
		"index.html.bak":      "an old copy\n",
		"assets/my-theme.css": "body{}\n",
	}
	for rel, data := range user {
		promiseWrite(t, out, rel, data)
	}
	if err := os.Symlink("notes.txt", filepath.Join(out, "notes-link")); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		for rel, data := range user {
			b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
			if err != nil || string(b) != data {
				t.Errorf("%s: the user's %s: %q, %v", when, rel, b, err)
			}
		}
		if target, err := os.Readlink(filepath.Join(out, "notes-link")); err != nil || target != "notes.txt" {
			t.Errorf("%s: the user's symbolic link: %q, %v", when, target, err)
		}
	}
	build()
	check("first build")
	build()
	check("second build")
	// Remove the bundle: its page and picture go, the user's file beside them stays.
	os.RemoveAll(filepath.Join(kit, "content", "02-pics"))
	promiseWrite(t, kit, "content/01-intro.md", "+++\ntitle = \"Intro\"\nduration = 10\n+++\nText.\n")
	build()
	check("build after removing a module")
	for _, gone := range []string{"pics/index.html", "pics/chart.png", "facilitator/pics/index.html"} {
		if _, err := os.Stat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s is still there after its module was removed", gone)
		}
	}
	build()
	check("fourth build")
}

// Promise: the output folder can never be the kit, nor hold it: replacing
// the output whole would replace the kit.
func TestPromiseOutputNeverHoldsKit(t *testing.T) {
	kit := promiseKit(t)
	before := promiseTree(t, filepath.Dir(kit))
	for _, out := range []string{kit, filepath.Dir(kit)} {
		_, _, err := publish.Build(publish.Options{Source: kit, Out: out})
		var env *publish.EnvError
		if !errors.As(err, &env) {
			t.Errorf("--out %s: %v, want the environment error", out, err)
		}
	}
	if d := promiseDiff(before, promiseTree(t, filepath.Dir(kit))); len(d) > 0 {
		t.Errorf("the refused builds changed %v", d)
	}
}

// Promise: nothing is fetched from the network at build time or when a page
// is viewed. The build cannot reach the network at all: neither it nor
// check links a package that dials. Pages load nothing from another host:
// the only addresses on other hosts are links the author wrote (an author's
// remote image is their choice too, and is reported by nothing here); the
// theme's CSS and scripts load nothing from anywhere.
func TestPromiseNoNetwork(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to list the build's packages")
	}
	cmd := exec.Command("go", "list", "-deps", "lectern/generator/publish", "lectern/generator/check")
	list, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(list)) {
		switch p {
		case "net", "net/http", "crypto/tls", "os/exec", "net/rpc", "net/smtp":
			t.Errorf("the build links %s", p)
		}
	}

	for _, kit := range []string{"../..", promiseKit(t)} {
		out := filepath.Join(t.TempDir(), "public")
		res, diags, err := publish.Build(publish.Options{Source: kit, Out: out})
		if err != nil {
			t.Fatalf("%s: %v\n%v", kit, err, diags)
		}
		authored := authoredURLs(res.Site.Kit.Dir)
		var pages int
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			rel = filepath.ToSlash(rel)
			b, _ := os.ReadFile(p)
			switch path.Ext(p) {
			case ".html":
				pages++
				remoteRefs(t, rel, b, authored)
			case ".css":
				if m := remoteCSS.Find(b); m != nil {
					t.Errorf("%s loads %s", rel, m)
				}
			case ".js":
				if path.Base(rel) == "search-index.js" || strings.HasSuffix(path.Dir(rel), "search") {
					break // a search index is data: page text, not code
				}
				if m := networkJS.Find(b); m != nil {
					t.Errorf("%s can reach the network: %s", rel, m)
				}
			}
			return nil
		})
		if pages == 0 {
			t.Fatalf("%s: no pages built", kit)
		}
	}
}

var (
	remoteCSS = regexp.MustCompile(`(?i)@import|url\(\s*['"]?\s*(https?:)?//`)
	networkJS = regexp.MustCompile(`\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|\bimport\s*\(|https?://`)
	anyURL    = regexp.MustCompile(`https?://[^\s)"'<>\]]+`)
)

// authoredURLs lists every http(s) address written in the kit's Markdown.
func authoredURLs(kit string) map[string]bool {
	m := map[string]bool{}
	filepath.WalkDir(filepath.Join(kit, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			for _, u := range anyURL.FindAll(b, -1) {
				m[string(u)] = true
			}
		}
		return nil
	})
	return m
}

func remoteRefs(t *testing.T, page string, b []byte, authored map[string]bool) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "href", "src", "srcset", "poster", "data", "action", "content":
				default:
					continue
				}
				v := strings.ToLower(strings.TrimSpace(a.Val))
				remote := strings.HasPrefix(v, "http:") || strings.HasPrefix(v, "https:") || strings.HasPrefix(v, "//")
				if a.Key == "content" {
					remote = strings.Contains(v, "url=http") // a meta refresh
				}
				if !remote {
					continue
				}
				if authored[a.Val] && (n.Data == "a" || n.Data == "img") {
					continue // what the author wrote
				}
				t.Errorf("%s: <%s %s=%q> reaches another host", page, n.Data, a.Key, a.Val)
			}
			if n.Data == "style" && n.FirstChild != nil && remoteCSS.MatchString(n.FirstChild.Data) {
				t.Errorf("%s: a style element loads from elsewhere: %s", page, n.FirstChild.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// Promise: content cannot write outside the output folder, whatever its
// names or slugs. The corpus tries the names (TestKits in generator/check:
// slug-escapes, filename-escapes, symlinks-outside, output-collisions) and
// FuzzSafeJoin and FuzzContentPaths try many more; this keeps the cases
// that matter most in the plain test run.
func TestPromiseContentStaysInside(t *testing.T) {
	kit := promiseKit(t)
	for rel, data := range map[string]string{
		"content/03-up.md":         "+++\ntitle = \"Up\"\nslug = \"../../escaped\"\n+++\nx\n",
		"content/04-abs.md":        "+++\ntitle = \"Abs\"\nslug = \"/tmp/escaped\"\n+++\nx\n",
		"content/05-day/_index.md": "+++\ntitle = \"Day\"\n+++\n",
		"content/05-day/01-x.md":   "+++\ntitle = \"X\"\nslug = \"..\"\n+++\nx\n",
	} {
		promiseWrite(t, kit, rel, data)
	}
	root := filepath.Dir(kit)
	before := promiseTree(t, root)
	out := filepath.Join(root, "public")
	_, diags, err := publish.Build(publish.Options{Source: kit, Out: out})
	if err == nil {
		t.Fatal("a kit with escaping slugs built")
	}
	var l diag.List
	if !errors.As(err, &l) || len(diags) < 3 {
		t.Errorf("want three kit errors, got %v\n%v", err, diags)
	}
	if d := promiseDiff(before, promiseTree(t, root)); len(d) > 0 {
		t.Errorf("the build wrote %v", d)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "escaped")); err == nil {
		t.Error("a slug wrote outside the output")
	}
}

// Promise: what only facilitators see stays in the facilitator edition. Its
// search index, which holds the facilitator notes, is in the edition's
// folder, and no attendee page names anything there: no link, no script,
// no data attribute; the attendee index holds no facilitator note. The
// facilitator pages do name their own index, so the check looks where
// the name would be.
func TestPromiseFacilitatorSearchStaysInEdition(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, diags, err := publish.Build(publish.Options{Source: "../..", Out: out})
	if err != nil {
		t.Fatalf("%v\n%v", err, diags)
	}
	if !render.FacilitatorOnly(render.FacilitatorSearchIndexPath) {
		t.Fatalf("%s is outside the facilitator edition", render.FacilitatorSearchIndexPath)
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(render.FacilitatorSearchIndexPath))); err != nil {
		t.Fatalf("no facilitator index: %v", err)
	}
	attIndex, err := readIndex(out, render.SearchIndexPath, "search")
	if err != nil {
		t.Fatal(err)
	}
	var attendeePages, facilitatorPages int
	var notes []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		b, _ := os.ReadFile(p)
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		fac := render.FacilitatorOnly(rel)
		ownIndex := false
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					v := strings.TrimSpace(a.Val)
					if v == "" || strings.Contains(v, ":") || strings.HasPrefix(v, "#") {
						continue // an address elsewhere, or on the page
					}
					to := path.Join(path.Dir(rel), strings.SplitN(strings.SplitN(v, "#", 2)[0], "?", 2)[0])
					if !fac && render.FacilitatorOnly(to) {
						t.Errorf("%s: <%s %s=%q> names %s, in the facilitator edition", rel, n.Data, a.Key, a.Val, to)
					}
					if fac && a.Key == "data-index" && to == render.FacilitatorSearchIndexPath {
						ownIndex = true
					}
				}
				if fac && n.Data == "aside" && strings.Contains(attrOf(n, "class"), "facilitator-note") {
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.ElementNode && c.Data == "p" && !strings.Contains(attrOf(c, "class"), "block-label") {
							notes = append(notes, strings.Join(strings.Fields(textOf(c)), " "))
						}
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if fac {
			facilitatorPages++
			if !ownIndex {
				t.Errorf("%s does not name its edition's index (%s) in a data-index", rel, render.FacilitatorSearchIndexPath)
			}
		} else {
			attendeePages++
		}
		return nil
	})
	if attendeePages == 0 || facilitatorPages == 0 {
		t.Fatalf("%d attendee and %d facilitator pages", attendeePages, facilitatorPages)
	}
	if len(notes) < len(res.Site.Kit.Modules) {
		t.Fatalf("found %d paragraphs of facilitator notes, want the sample kit's", len(notes))
	}
	facIndex, err := readIndex(out, render.FacilitatorSearchIndexPath, "facilitator/search")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		// As the index writes text: JSON, HTML characters as they are.
		var enc bytes.Buffer
		e := json.NewEncoder(&enc)
		e.SetEscapeHTML(false)
		e.Encode(n)
		quoted := bytes.Trim(bytes.TrimSpace(enc.Bytes()), `"`)
		if bytes.Contains(attIndex, quoted) {
			t.Errorf("the attendee index holds the facilitator note %q", n)
		}
		if !bytes.Contains(facIndex, quoted) {
			t.Errorf("the facilitator index lacks the facilitator note %q", n)
		}
	}
}

// readIndex is a search index's files, one after the other: its manifest
// and the scripts in its folder.
func readIndex(out, manifest, dir string) ([]byte, error) {
	all, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(manifest)))
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(out, filepath.FromSlash(dir), "*.js"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no index files in %s: %v", dir, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		all = append(all, b...)
	}
	return all, nil
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

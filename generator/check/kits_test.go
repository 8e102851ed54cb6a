package check

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"

	"lectern/generator/diag"
	"lectern/generator/internal/kitgen"
	"lectern/generator/publish"
)

var update = flag.Bool("update", false, "rewrite testdata/kits/*/expected.txt from what check reports")

// caseTime bounds check and build of one case; the machines tests run on can
// be slow and busy, so it is generous, but a hang or a quadratic blow-up on
// the generated inputs still fails.
const caseTime = 2 * time.Minute

// setups make what cannot be committed: enormous and deeply nested files,
// symbolic links, named pipes, unreadable files and names with control
// characters. Each gets the kit folder and the temporary folder around it.
var setups = map[string]func(t *testing.T, kitDir, tmp string){
	"enormous-file": func(t *testing.T, kitDir, _ string) {
		// 20 MB of plausible Markdown: rejected before it is converted.
		para := []byte("## A heading\n\nSome *text* with a [link](nowhere.md) and `code`.\n\n- a\n- b\n\n")
		body := append([]byte("+++\ntitle = \"Huge\"\nduration = 5\n+++\n"), bytes.Repeat(para, 20<<20/len(para)+1)...)
		writeFile(t, kitDir, "content/02-huge.md", body)
	},
	"large-file": func(t *testing.T, kitDir, _ string) {
		// Under the size limit, with a broken link and an anchor on every
		// few lines: converted and checked in bounded time.
		var b bytes.Buffer
		b.WriteString("+++\ntitle = \"Large\"\nduration = 5\n+++\n")
		for i := 0; b.Len() < 3<<20; i++ {
			fmt.Fprintf(&b, "## Part %d\n\nText with a [link](#part-%d) and *emphasis* and `code`; also a [jump](#part-%d).\n\n", i, i, i+1)
		}
		fmt.Fprintf(&b, "[broken](missing.md) [broken anchor](#nope)\n")
		writeFile(t, kitDir, "content/02-large.md", b.Bytes())
	},
	"deep-nesting": func(t *testing.T, kitDir, _ string) {
		front := func(title string) string { return "+++\ntitle = \"" + title + "\"\nduration = 5\n+++\n" }
		n := 10000
		writeFile(t, kitDir, "content/02-quoted.md", []byte(front("Quoted")+strings.Repeat(">", n)+" deep\n"))
		var list strings.Builder
		list.WriteString(front("Lists"))
		for i := range 200 {
			list.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		writeFile(t, kitDir, "content/03-lists.md", []byte(list.String()))
		writeFile(t, kitDir, "content/04-inline.md", []byte(front("Inline")+
			strings.Repeat("[", 100000)+"x"+strings.Repeat("](y)", 100000)+"\n\n"+
			strings.Repeat("*", 100000)+"z"+strings.Repeat("*", 100000)+"\n\n"+
			strings.Repeat("`", 100000)+"\n"))
		writeFile(t, kitDir, "content/05-blocks.md", []byte(front("Blocks")+
			strings.Repeat("::: note\n", 40)+"x\n"+strings.Repeat(":::\n", 40)))
		writeFile(t, kitDir, "content/06-mixed.md", []byte(front("Mixed")+
			strings.Repeat("> - ", 2000)+"deep\n"))
	},
	"fifo": func(t *testing.T, kitDir, _ string) {
		if runtime.GOOS == "windows" {
			t.Skip("no named pipes here")
		}
		for _, p := range []string{"content/02-pipe.md", "static/pipe"} {
			os.MkdirAll(filepath.Dir(filepath.Join(kitDir, p)), 0o755)
			if err := syscall.Mkfifo(filepath.Join(kitDir, p), 0o644); err != nil {
				t.Skipf("cannot make a named pipe: %v", err)
			}
		}
	},
	"unreadable": func(t *testing.T, kitDir, _ string) {
		if os.Geteuid() == 0 {
			t.Skip("running as root (as CI does): permissions do not stop root from reading, so unreadable files cannot be tested here")
		}
		writeFile(t, kitDir, "content/02-secret.md", []byte("+++\ntitle = \"Secret\"\n+++\nx\n"))
		writeFile(t, kitDir, "content/03-locked/index.md", []byte("+++\ntitle = \"Locked\"\n+++\nx\n"))
		os.Chmod(filepath.Join(kitDir, "content/02-secret.md"), 0)
		os.Chmod(filepath.Join(kitDir, "content/03-locked"), 0)
		t.Cleanup(func() { os.Chmod(filepath.Join(kitDir, "content/03-locked"), 0o755) })
	},
	"filename-escapes": func(t *testing.T, kitDir, _ string) {
		if runtime.GOOS == "windows" {
			t.Skip("these names cannot exist here")
		}
		mod := []byte("+++\ntitle = \"M\"\nduration = 5\n+++\nx\n")
		writeFile(t, kitDir, `content/..\..\evil.md`, mod)
		writeFile(t, kitDir, "content/02-new\nline.md", mod)
		writeFile(t, kitDir, "content/03-b/index.md", []byte("+++\ntitle = \"B\"\nduration = 5\n+++\n![a](a.png)\n"))
		writeFile(t, kitDir, "content/03-b/a.png", []byte("png"))
		writeFile(t, kitDir, "content/03-b/x\nCNAME", []byte("x"))
		writeFile(t, kitDir, `static/x\y.txt`, []byte("x"))
		writeFile(t, kitDir, "static/tab\there.txt", []byte("x"))
		writeFile(t, kitDir, "content/04-a..b.md", mod) // dots inside a name are fine
	},
	"site-toml-outside": func(t *testing.T, kitDir, tmp string) {
		// site.toml a link to a credentials file: never read, never shown.
		writeFile(t, tmp, "secrets.toml", []byte("title = \"hunter2\"\npassword = \"hunter2\"\n"))
		os.Remove(filepath.Join(kitDir, "site.toml"))
		if err := os.Symlink(filepath.Join(tmp, "secrets.toml"), filepath.Join(kitDir, "site.toml")); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	},
	"toml-nesting": func(t *testing.T, kitDir, _ string) {
		// Nesting of about 1.9 million levels, under the size limits.
		n := 1_900_000
		deep := strings.Repeat("[", n) + strings.Repeat("]", n)
		writeFile(t, kitDir, "content/01-deep.md", []byte("+++\ntitle = \"Deep\"\nobjectives = "+deep+"\n+++\nText.\n"))
		writeFile(t, kitDir, "content/02-tables.md", []byte("+++\ntitle = \"Tables\"\nx = "+strings.Repeat("{a=", 10000)+"1"+strings.Repeat("}", 10000)+"\n+++\nText.\n"))
		writeFile(t, kitDir, "site.toml", []byte("title = \"Nesting\"\nx = "+strings.Repeat("[", 500_000)+strings.Repeat("]", 500_000)+"\n"))
	},
	"quadratic-inputs": func(t *testing.T, kitDir, _ string) {
		front := func(title string) string { return "+++\ntitle = \"" + title + "\"\nduration = 5\n+++\n" }
		writeFile(t, kitDir, "content/01-headings.md", []byte(front("Headings")+strings.Repeat("## A\n\n", 30000)))
		writeFile(t, kitDir, "content/02-images.md", []byte(front("Images")+strings.Repeat("![a](", 100000)+"\n"))
		var fn strings.Builder
		fn.WriteString(front("Footnotes"))
		for i := range 50000 {
			fmt.Fprintf(&fn, "Text[^%d].\n\n", i)
		}
		for i := range 50000 {
			fmt.Fprintf(&fn, "[^%d]: Note.\n", i)
		}
		writeFile(t, kitDir, "content/03-footnotes.md", []byte(fn.String()))
	},
	"site-toml-too-large": func(t *testing.T, kitDir, _ string) {
		writeFile(t, kitDir, "site.toml", []byte("title = \"Large\"\n# "+strings.Repeat("x", 3<<20)+"\n"))
	},
	"unportable-names": func(t *testing.T, kitDir, _ string) {
		if runtime.GOOS == "windows" {
			t.Skip("these names cannot exist here")
		}
		mod := func(title string) []byte { return []byte("+++\ntitle = \"" + title + "\"\nduration = 5\n+++\nText.\n") }
		writeFile(t, kitDir, "content/01-con.md", mod("Con"))
		writeFile(t, kitDir, "content/02-x.md", []byte("+++\ntitle = \"X\"\nslug = \"AUX\"\nduration = 5\n+++\nText.\n"))
		writeFile(t, kitDir, "content/03-trail..md", mod("Trail"))
		writeFile(t, kitDir, "content/04-bidi\u202etxt.md", mod("Bidi"))
		writeFile(t, kitDir, "content/05-zero\u200bwidth.md", mod("Zero width"))
		writeFile(t, kitDir, "content/06-bom\ufeff.md", mod("BOM"))
		writeFile(t, kitDir, "content/07-caf\u00e9.md", mod("Café NFC"))
		writeFile(t, kitDir, "content/08-cafe\u0301.md", mod("Café NFD"))
		for _, f := range []string{"CON", "aux.png", "nul.txt", "colon:name.png", "q?mark.png", "trail."} {
			writeFile(t, kitDir, "static/"+f, []byte("x"))
		}
		writeFile(t, kitDir, "content/09-bundle/index.md", []byte("+++\ntitle = \"Bundle\"\nduration = 5\n+++\n[file](com1.pdf)\n"))
		writeFile(t, kitDir, "content/09-bundle/com1.pdf", []byte("x"))
	},
	"symlinks-outside": func(t *testing.T, kitDir, tmp string) {
		outside := filepath.Join(tmp, "outside")
		writeFile(t, outside, "secret.md", []byte("+++\ntitle = \"Stolen\"\nduration = 5\n+++\nsecret\n"))
		writeFile(t, outside, "dir/passwd.txt", []byte("root:x:0:0\n"))
		writeFile(t, outside, "theme/templates/module.html", []byte("{{define \"main\"}}stolen{{end}}\n"))
		writeFile(t, kitDir, "content/03-bundle/index.md", []byte("+++\ntitle = \"Bundle\"\nduration = 5\n+++\n[leak](leak.txt)\n"))
		writeFile(t, kitDir, "site.toml", []byte("title = \"Links\"\ntheme = \"mine\"\n"))
		os.MkdirAll(filepath.Join(kitDir, "themes"), 0o755)
		for link, target := range map[string]string{
			"content/02-secret.md":       "../../outside/secret.md",
			"content/03-bundle/leak.txt": filepath.Join(outside, "dir", "passwd.txt"),
			"content/04-inside.md":       "01-intro.md", // inside the kit: fine
			"content/05-broken.md":       "nowhere.md",
			"static":                     filepath.Join(outside, "dir"),
			"themes/mine":                filepath.Join(outside, "theme"),
		} {
			if err := os.Symlink(target, filepath.Join(kitDir, filepath.FromSlash(link))); err != nil {
				t.Skipf("cannot make symbolic links: %v", err)
			}
		}
	},
}

// heavy cases run one at a time, so their memory can be measured.
var heavy = map[string]uint64{
	"enormous-file": 256 << 20, // bytes allocated by check, at most
	"large-file":    8 << 30,
	"deep-nesting":  8 << 30,
}

// TestKits runs check and build on every kit in testdata/kits. Each case's
// expected.txt holds what check prints. Around that, whatever the kit:
// nothing panics (there is no recover to hide one); check writes nothing;
// build writes nothing outside its output folder; build fails exactly when
// check reports an error, and then leaves the previous output byte for byte;
// a successful build keeps the user's files in the output and publishes no
// script, no address on another host that the author did not write, and no
// text of an HTML comment.
func TestKits(t *testing.T) {
	dirs, err := filepath.Glob("testdata/kits/*")
	if err != nil || len(dirs) < 40 {
		t.Fatalf("want at least 40 kits in testdata/kits, have %d (%v)", len(dirs), err)
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		kind := name[strings.IndexByte(name, '-')+1:]
		t.Run(name, func(t *testing.T) {
			limit, isHeavy := heavy[kind]
			if !isHeavy {
				t.Parallel()
			}
			tmp := t.TempDir()
			kitDir := filepath.Join(tmp, "kit")
			copyTree(t, dir, kitDir)
			if setup := setups[kind]; setup != nil {
				setup(t, kitDir, tmp)
			}
			out := filepath.Join(tmp, "out")
			previousOutput(t, out)
			before := snapshot(t, tmp)

			var ms0, ms1 runtime.MemStats
			if isHeavy {
				runtime.GC()
				runtime.ReadMemStats(&ms0)
			}
			var diags diag.List
			within(t, "check", func() { diags = Run(Options{Source: kitDir}) })
			if isHeavy {
				runtime.ReadMemStats(&ms1)
				if a := ms1.TotalAlloc - ms0.TotalAlloc; a > limit {
					t.Errorf("check allocated %d MB, more than %d MB", a>>20, limit>>20)
				}
			}
			var text bytes.Buffer
			Text(&text, diags)
			golden(t, filepath.Join(dir, "expected.txt"), normalize(text.String(), tmp))
			if diff := compare(before, snapshot(t, tmp)); diff != "" {
				t.Fatalf("check changed files:\n%s", diff)
			}

			var berr error
			var bdiags diag.List
			within(t, "build", func() {
				_, bdiags, berr = publish.Build(publish.Options{Source: kitDir, Out: out})
			})
			after := snapshot(t, tmp)
			// Beside the output, publish keeps the output before last as its
			// spare (spare.go): the one name it may write there.
			spare := ".out.lectern-spare"
			if diff := compare(outsideOf(outsideOf(before, "out"), spare), outsideOf(outsideOf(after, "out"), spare)); diff != "" {
				t.Errorf("build wrote outside its output folder:\n%s", diff)
			}
			if (berr != nil) != diags.HasErrors() {
				t.Fatalf("build error %v, but check reports errors: %v", berr, diags.HasErrors())
			}
			if berr != nil {
				if diff := compare(before, after); diff != "" {
					t.Errorf("a failed build changed the previous output:\n%s", diff)
				}
				var l diag.List
				if errors.As(berr, &l) {
					checked := map[string]bool{}
					for _, d := range diags {
						checked[d.String()] = true
					}
					for _, d := range bdiags {
						if !checked[d.String()] {
							t.Errorf("build reports what check does not:\n  %s", d)
						}
					}
				}
				return
			}
			userFilesKept(t, out)
			unsafe := bytes.Contains(readOr(filepath.Join(kitDir, "site.toml")), []byte("unsafe = true"))
			pagesAreSafe(t, out, kitSources(t, kitDir), unsafe)
			noCommentLeaks(t, out, kitDir) // leaks_test.go
		})
	}
}

// within runs f, failing the test when it takes longer than caseTime.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(caseTime):
		t.Fatalf("%s took longer than %s", what, caseTime)
	}
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
		t.Errorf("check reports\n%s\nwant (%s)\n%s", got, file, want)
	}
}

// normalize replaces the temporary folder, which changes every run.
func normalize(s, tmp string) string {
	if real, err := filepath.EvalSymlinks(tmp); err == nil {
		s = strings.ReplaceAll(s, real, "$TMP")
	}
	return strings.ReplaceAll(s, tmp, "$TMP")
}

// previousOutput writes a known earlier build into out: Lectern's pages
// (listed in its manifest) and a user's own files, which must survive.
func previousOutput(t *testing.T, out string) {
	for rel, data := range map[string]string{
		"index.html":            "<p>old home</p>\n",
		"gone/index.html":       "<p>a module since removed</p>\n",
		publish.Manifest:        "gone/index.html\nindex.html\n",
		".git/HEAD":             "ref: refs/heads/gh-pages\n",
		"CNAME":                 "workshop.example.org\n",
		"notes/facilitator.txt": "bring markers\n",
	} {
		writeFile(t, out, rel, []byte(data))
	}
}

func userFilesKept(t *testing.T, out string) {
	t.Helper()
	for _, f := range []string{".git/HEAD", "CNAME", "notes/facilitator.txt"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the user's %s did not survive the build: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "gone", "index.html")); err == nil {
		t.Error("a page Lectern wrote before and no longer writes is still there")
	}
}

// pagesAreSafe parses every page: no script but the theme's own files, no
// event handler attributes, no script addresses, nothing embedded from
// another host, and no link to another host that the kit does not contain.
// A kit with [markdown] unsafe = true may publish the HTML its author wrote.
func pagesAreSafe(t *testing.T, out string, sources []byte, unsafe bool) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return fmt.Errorf("%s: %v", rel, err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				checkElement(t, rel, n, sources, unsafe)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkElement(t *testing.T, page string, n *html.Node, sources []byte, unsafe bool) {
	t.Helper()
	attr := func(key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	if !unsafe {
		switch n.Data {
		case "script":
			if typ, _ := attr("type"); typ == "application/json" {
				// The theme's strings for its scripts: data the browser
				// never runs, which must be JSON and nothing else.
				if id, _ := attr("id"); id != "lectern-strings" || n.FirstChild == nil || !json.Valid([]byte(n.FirstChild.Data)) {
					t.Errorf("%s: a data script that is not the theme's strings: %s", page, outer(n))
				}
				break
			}
			src, ok := attr("src")
			target := path.Join(path.Dir(page), src)
			if !ok || !strings.HasPrefix(target, "assets/") || n.FirstChild != nil {
				t.Errorf("%s: a script that is not one of the theme's files: %s", page, outer(n))
			}
		case "iframe", "object", "embed", "base", "form", "frame":
			t.Errorf("%s: <%s> from content", page, n.Data)
		case "meta":
			if v, _ := attr("http-equiv"); strings.EqualFold(v, "refresh") {
				t.Errorf("%s: a meta refresh", page)
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			val := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, a.Val))
			if strings.HasPrefix(key, "on") {
				t.Errorf("%s: an event handler attribute: %s", page, outer(n))
			}
			if (key == "href" || key == "src" || key == "action" || key == "formaction" || key == "srcdoc" || key == "xlink:href") &&
				(strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:text")) {
				t.Errorf("%s: a script address: %s", page, outer(n))
			}
		}
	}
	// Nothing is fetched from the network when a page is viewed: only a
	// link or image the author wrote may point to another host.
	for _, a := range n.Attr {
		if a.Key != "href" && a.Key != "src" && a.Key != "srcset" && a.Key != "poster" && a.Key != "data" {
			continue
		}
		v := strings.TrimSpace(strings.ToLower(a.Val))
		if !strings.HasPrefix(v, "http:") && !strings.HasPrefix(v, "https:") && !strings.HasPrefix(v, "//") {
			continue
		}
		if (n.Data == "a" && a.Key == "href" || n.Data == "img" && a.Key == "src") && bytes.Contains(sources, []byte(a.Val)) {
			continue // a link or an image the author wrote (check warns about the image)
		}
		if unsafe && bytes.Contains(sources, []byte(a.Val)) {
			continue // raw HTML the author chose to publish
		}
		t.Errorf("%s: an address on another host that the kit does not contain: %s", page, outer(n))
	}
}

func outer(n *html.Node) string {
	var b strings.Builder
	c := *n
	c.FirstChild, c.LastChild, c.Parent, c.PrevSibling, c.NextSibling = nil, nil, nil, nil, nil
	html.Render(&b, &c)
	return b.String()
}

// kitSources is every Markdown and TOML file of the kit, joined, for telling
// an author's own links from anything else.
func kitSources(t *testing.T, kitDir string) []byte {
	var b bytes.Buffer
	filepath.WalkDir(kitDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".toml")) {
			b.Write(readOr(p))
			b.WriteByte('\n')
		}
		return nil
	})
	return b.Bytes()
}

func readOr(p string) []byte {
	b, _ := os.ReadFile(p)
	return b
}

// snapshot describes every entry below root without following links or
// opening anything that is not a regular file: type, mode and content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			m[rel] = "unreadable"
			return nil
		}
		info, err := d.Info()
		if err != nil {
			m[rel] = "gone"
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			m[rel] = "link " + target
		case d.IsDir():
			m[rel] = fmt.Sprintf("dir %v", info.Mode())
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				m[rel] = fmt.Sprintf("file %v %d unreadable", info.Mode(), info.Size())
				break
			}
			m[rel] = fmt.Sprintf("file %v %x", info.Mode(), sha256.Sum256(b))
		default:
			m[rel] = fmt.Sprintf("other %v", info.Mode())
		}
		return nil
	})
	return m
}

// outsideOf leaves out the entries in the folder dir (and dir itself).
func outsideOf(m map[string]string, dir string) map[string]string {
	o := map[string]string{}
	for k, v := range m {
		if k != dir && !strings.HasPrefix(k, dir+"/") {
			o[k] = v
		}
	}
	return o
}

func compare(a, b map[string]string) string {
	var diff []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			diff = append(diff, "removed "+k)
		} else if v != w {
			diff = append(diff, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diff = append(diff, "added "+k)
		}
	}
	sort.Strings(diff)
	return strings.Join(diff, "\n")
}

// copyTree copies a case's kit, leaving out its expected.txt.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if rel == "expected.txt" {
			return nil
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	if err := kitgen.WriteFiles(dir, map[string]string{rel: string(data)}); err != nil {
		t.Fatal(err)
	}
}

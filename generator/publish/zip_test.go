package publish_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/publish"
)

const (
	sampleKit = "../.."
	sampleZip = "lectern-leading-not-just-managing.zip"
	zipFolder = "lectern-leading-not-just-managing/"
)

func build(t *testing.T, o publish.Options) *publish.Result {
	t.Helper()
	res, diags, err := publish.Build(o)
	if err != nil {
		t.Fatalf("build: %v\n%v", err, diags)
	}
	return res
}

// readZip returns the ZIP's files by name, and its folder entries.
func readZip(t *testing.T, p string) (files map[string][]byte, dirs []string, r *zip.ReadCloser) {
	t.Helper()
	r, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	files = map[string][]byte{}
	for _, f := range r.File {
		if strings.HasSuffix(f.Name, "/") {
			dirs = append(dirs, f.Name)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	return files, dirs, r
}

func manifest(t *testing.T, out string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, publish.Manifest))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		p, _, _ := strings.Cut(l, "\t") // a path, then its checksum
		paths = append(paths, p)
	}
	return paths
}

func TestOfflineZip(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, publish.Options{Source: sampleKit, Out: out})

	files, dirs, r := readZip(t, filepath.Join(out, sampleZip))
	listed := manifest(t, out)
	inManifest := false
	for _, p := range listed {
		if p == sampleZip {
			inManifest = true
		}
	}
	if !inManifest {
		t.Errorf("the manifest does not list %s, so the next build would keep it as the user's", sampleZip)
	}

	// Every attendee file the build wrote is in the ZIP, with the same bytes
	// (the home page aside); nothing else is.
	want := 0
	for _, p := range listed {
		if strings.HasPrefix(p, "facilitator/") || p == sampleZip {
			continue
		}
		want++
		got, ok := files[zipFolder+p]
		if !ok {
			t.Errorf("%s is not in the ZIP", p)
			continue
		}
		disk, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if p != "index.html" && !bytes.Equal(got, disk) {
			t.Errorf("%s differs between the ZIP and the output", p)
		}
	}
	if len(files) != want {
		t.Errorf("%d files in the ZIP, want the %d attendee files", len(files), want)
	}
	for name := range files {
		if !strings.HasPrefix(name, zipFolder) {
			t.Errorf("%s is not inside the folder %s", name, zipFolder)
		}
		if strings.Contains(name, "facilitator") || strings.HasSuffix(name, publish.Manifest) || strings.HasSuffix(name, ".zip") {
			t.Errorf("the ZIP holds %s", name)
		}
	}
	for _, must := range []string{"index.html", "self-check/index.html", "handout/index.html", "worksheets/index.html",
		"quotes/index.html", "assets/search-index.js", "assets/search.js", "assets/style.css", "assets/lectern.js"} {
		if files[zipFolder+must] == nil {
			t.Errorf("the ZIP lacks %s", must)
		}
	}
	for _, d := range dirs {
		if !strings.HasPrefix(d, zipFolder) || strings.Contains(d, "facilitator") {
			t.Errorf("folder entry %s", d)
		}
	}
	for _, f := range r.File {
		if !f.Modified.Equal(r.File[0].Modified) || f.Modified.Year() != 2000 {
			t.Errorf("%s: time %v, want the fixed time of every entry", f.Name, f.Modified)
		}
	}
	// Facilitator text stays out even where attendee pages are.
	for name, b := range files {
		if bytes.Contains(b, []byte("Do not ask anyone to share their scores")) {
			t.Errorf("%s in the ZIP holds facilitator text", name)
		}
	}

	// The home page links to the ZIP; its copy inside the ZIP does not.
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	link := []byte(`href="` + sampleZip + `"`)
	if !bytes.Contains(home, link) || !bytes.Contains(home, []byte("Save for offline")) {
		t.Error("the home page has no \"Save for offline\" link to the ZIP")
	}
	if bytes.Contains(files[zipFolder+"index.html"], []byte(sampleZip)) {
		t.Error("the home page inside the ZIP links to the ZIP")
	}
	fac, _ := os.ReadFile(filepath.Join(out, "facilitator", "index.html"))
	if bytes.Contains(fac, []byte(sampleZip)) {
		t.Error("the facilitator home page links to the attendee ZIP")
	}
}

// TestOfflineZipDeterministic builds twice: the ZIPs are the same bytes.
func TestOfflineZipDeterministic(t *testing.T) {
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	build(t, publish.Options{Source: sampleKit, Out: a})
	build(t, publish.Options{Source: sampleKit, Out: b})
	za, err := os.ReadFile(filepath.Join(a, sampleZip))
	if err != nil {
		t.Fatal(err)
	}
	zb, err := os.ReadFile(filepath.Join(b, sampleZip))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(za, zb) {
		t.Error("two builds of the same kit give different ZIPs")
	}
}

// TestOfflineZipEditions: no attendee edition, no ZIP; and a rebuild
// without one removes the old ZIP, as Lectern's own file.
func TestOfflineZipEditions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, publish.Options{Source: sampleKit, Out: out, Only: "attendee"})
	if _, err := os.Stat(filepath.Join(out, sampleZip)); err != nil {
		t.Fatalf("attendee-only build: %v", err)
	}
	build(t, publish.Options{Source: sampleKit, Out: out, Only: "facilitator"})
	if _, err := os.Stat(filepath.Join(out, sampleZip)); err == nil {
		t.Error("the ZIP of the previous build survived a facilitator-only build")
	}
	home, _ := os.ReadFile(filepath.Join(out, "facilitator", "index.html"))
	if bytes.Contains(home, []byte(".zip")) {
		t.Error("a facilitator-only build links to a ZIP")
	}
	// Nor to the attendees' handout, which only the attendee edition has.
	if bytes.Contains(home, []byte("handout/index.html")) {
		t.Error("a facilitator-only build links to the attendee handout it lacks")
	}
}

// TestFacilitatorHandoutIsTheAttendees: the facilitator edition's Handout
// is the attendees' handout, the one printed for the room, with no notes;
// the guide is the book with them.
func TestFacilitatorHandoutIsTheAttendees(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, publish.Options{Source: sampleKit, Out: out})
	if _, err := os.Stat(filepath.Join(out, "facilitator", "handout")); err == nil {
		t.Error("the facilitator edition has a handout of its own")
	}
	for rel, link := range map[string]string{
		"facilitator/index.html":                `<a href="../handout/index.html">Handout</a>`,
		"facilitator/why-it-matters/index.html": `<a href="../../handout/index.html">Handout</a>`,
		"facilitator/guide/index.html":          `<a href="../../handout/index.html">Handout</a>`,
	} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(link)) {
			t.Errorf("%s lacks %s", rel, link)
		}
	}
}

// TestOfflineZipNameTaken: a kit's own file at the ZIP's name is an error
// that says what to rename, and nothing is published.
func TestOfflineZipNameTaken(t *testing.T) {
	dir := t.TempDir()
	if err := kitgen.WriteFiles(dir, map[string]string{
		"site.toml":            "title = \"Z\"\n",
		"content/_index.md":    "+++\ntitle = \"Z\"\n+++\n",
		"content/01-a.md":      "+++\ntitle = \"A\"\n+++\n",
		"static/lectern-z.zip": "not ours",
	}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	_, _, err := publish.Build(publish.Options{Source: dir, Out: out})
	var env *publish.EnvError
	if err == nil || errors.As(err, &env) || !strings.Contains(err.Error(), "lectern-z.zip") {
		t.Fatalf("got %v, want a kit error naming lectern-z.zip", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the failed build wrote the output")
	}
}

// TestOfflineZipStoredFiles: files that are compressed already (a bundle's
// picture, a PDF in static/) go into the ZIP stored, not deflated, with
// their bytes, in a first build and in rebuilds that take the spare's ZIP,
// including after one of them changes.
func TestOfflineZipStoredFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"site.toml":             "title = \"Z\"\n",
		"content/_index.md":     "+++\ntitle = \"Z\"\n+++\n",
		"content/01-a/index.md": "+++\ntitle = \"A\"\n+++\n\n![A picture](pic.png)\n\n[Notes](../../static/notes.pdf)\n",
		"content/01-a/pic.png":  "\x89PNG\r\n\x1a\n" + strings.Repeat("picture ", 500),
		"static/notes.pdf":      "%PDF-1.4\n" + strings.Repeat("notes ", 700),
		"content/02-b.md":       "+++\ntitle = \"B\"\n+++\n\nText.\n",
	}
	if err := kitgen.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	for i := range 4 {
		if i == 3 {
			files["content/01-a/pic.png"] += "changed"
			if err := kitgen.WriteFiles(dir, files); err != nil {
				t.Fatal(err)
			}
		}
		build(t, publish.Options{Source: dir, Out: out})
		got, _, r := readZip(t, filepath.Join(out, "lectern-z.zip"))
		checked := 0
		for _, f := range r.File {
			if strings.HasSuffix(f.Name, "/") {
				continue
			}
			rel := strings.TrimPrefix(f.Name, "lectern-z/")
			disk, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatalf("build %d: %s: %v", i+1, rel, err)
			}
			stored := strings.HasSuffix(rel, ".png") || strings.HasSuffix(rel, ".pdf")
			if stored != (f.Method == zip.Store) {
				t.Errorf("build %d: %s: method %d", i+1, rel, f.Method)
			}
			if stored {
				checked++
				if !bytes.Equal(got[f.Name], disk) {
					t.Errorf("build %d: %s differs between the ZIP and the output", i+1, rel)
				}
			}
		}
		if checked != 2 {
			t.Errorf("build %d: %d stored files in the ZIP, want the picture and the PDF", i+1, checked)
		}
	}
}

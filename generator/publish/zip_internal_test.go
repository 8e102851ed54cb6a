package publish

import (
	"archive/zip"
	"bytes"
	stdflate "compress/flate"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
)

// TestOfflineZipTakesSpareEntries: a rebuild takes the entry of a file that
// did not change from the spare's ZIP as it is, and deflates anew the
// entries of files that did; from a ZIP made otherwise (another comment),
// it takes nothing. The spare's ZIP is made again with the standard
// library's best compression, so its entries' bytes show where each entry
// of the new ZIP came from.
func TestOfflineZipTakesSpareEntries(t *testing.T) {
	for _, tc := range []struct {
		comment string
		take    bool
	}{{zipComment, true}, {"made by another version", false}} {
		t.Run(tc.comment, func(t *testing.T) {
			kitDir := t.TempDir()
			if err := kitgen.Write(kitDir, kitgen.Options{Modules: 6, Parts: 2, Seed: 5}); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			for range 2 { // the output, and the one before it as the spare
				if _, errs, err := Build(Options{Source: kitDir, Out: out}); err != nil {
					t.Fatal(errs.Error(), err)
				}
			}
			zips, _ := filepath.Glob(filepath.Join(spareName(out), "*.zip"))
			if len(zips) != 1 {
				t.Fatalf("the spare holds ZIPs %v", zips)
			}
			planted := replant(t, zips[0], tc.comment)

			mods, _ := filepath.Glob(filepath.Join(kitDir, "content", "*", "*-module-*.md"))
			b, _ := os.ReadFile(mods[0])
			os.WriteFile(mods[0], append(b, "\nA line added later.\n"...), 0o644)
			if _, errs, err := Build(Options{Source: kitDir, Out: out}); err != nil {
				t.Fatal(errs.Error(), err)
			}

			r, err := zip.OpenReader(filepath.Join(out, filepath.Base(zips[0])))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			// The home page is rendered for the ZIP and deflated each time.
			home := strings.TrimSuffix(filepath.Base(zips[0]), ".zip") + "/index.html"
			taken, anew := 0, 0
			for _, f := range r.File {
				old, ok := planted[f.Name]
				if !ok || strings.HasSuffix(f.Name, "/") {
					continue
				}
				raw := readAll(t, f.OpenRaw)
				content := readAll(t, func() (io.Reader, error) { return f.Open() })
				switch same := bytes.Equal(raw, old.raw); {
				case !bytes.Equal(content, old.content):
					if same {
						t.Errorf("%s changed, but its entry is the spare's", f.Name)
					}
					anew++
				case tc.take && f.Name != home:
					if !same {
						t.Errorf("%s did not change, but its entry was deflated again", f.Name)
					}
					taken++
				case !tc.take && same:
					t.Errorf("%s: the entry is the spare's, from a ZIP made otherwise", f.Name)
				}
			}
			if tc.take && (taken == 0 || anew == 0) {
				t.Errorf("%d entries taken from the spare, %d made anew: want some of each", taken, anew)
			}
		})
	}
}

type plantedEntry struct{ raw, content []byte }

// replant writes the ZIP at p again with best compression and the comment,
// and returns each entry's raw and uncompressed bytes.
func replant(t *testing.T, p, comment string) map[string]plantedEntry {
	t.Helper()
	r, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return stdflate.NewWriter(w, stdflate.BestCompression)
	})
	zw.SetComment(comment)
	for _, f := range r.File {
		h := f.FileHeader
		w, err := zw.CreateHeader(&h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(readAll(t, func() (io.Reader, error) { return f.Open() }))
	}
	zw.Close()
	r.Close()
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]plantedEntry{}
	for _, f := range zr.File {
		out[f.Name] = plantedEntry{raw: readAll(t, f.OpenRaw), content: readAll(t, func() (io.Reader, error) { return f.Open() })}
	}
	return out
}

func readAll(t *testing.T, open func() (io.Reader, error)) []byte {
	t.Helper()
	r, err := open()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := r.(io.Closer); ok {
		c.Close()
	}
	return b
}

// TestOfflineZipKeptWhole: a rebuild whose ZIP would be the spare's, entry
// for entry, keeps the spare's file as it is (here one made with another
// encoding, which shows it was kept); its bytes are those of a fresh build
// when the spare is Lectern's own.
func TestOfflineZipKeptWhole(t *testing.T) {
	kitDir := t.TempDir()
	if err := kitgen.Write(kitDir, kitgen.Options{Modules: 6, Parts: 2, Seed: 6}); err != nil {
		t.Fatal(err)
	}
	build := func(out string) {
		t.Helper()
		if _, errs, err := Build(Options{Source: kitDir, Out: out}); err != nil {
			t.Fatal(errs.Error(), err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	for range 3 { // the third takes the spare of the first
		build(out)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	build(fresh)
	zips, _ := filepath.Glob(filepath.Join(out, "*.zip"))
	if len(zips) != 1 {
		t.Fatalf("ZIPs %v", zips)
	}
	name := filepath.Base(zips[0])
	got, _ := os.ReadFile(zips[0])
	want, _ := os.ReadFile(filepath.Join(fresh, name))
	if !bytes.Equal(got, want) {
		t.Fatal("a rebuild that changed nothing gives another ZIP than a fresh build")
	}

	onlyListed(t, out)

	replant(t, filepath.Join(spareName(out), name), zipComment)
	planted, _ := os.ReadFile(filepath.Join(spareName(out), name))
	build(out)
	if got, _ := os.ReadFile(filepath.Join(out, name)); !bytes.Equal(got, planted) {
		t.Error("a rebuild that changed nothing did not keep the spare's ZIP")
	}
	onlyListed(t, out)
}

// onlyListed checks that out holds the files its manifest lists and no
// other: nothing a build makes for itself on the way is left behind.
func onlyListed(t *testing.T, out string) {
	t.Helper()
	_, err := os.ReadFile(filepath.Join(out, Manifest))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{Manifest: true}
	sums, _ := readManifest(filepath.Join(out, Manifest))
	for p := range sums {
		listed[p] = true
	}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			if !listed[filepath.ToSlash(rel)] {
				t.Errorf("%s is in the output but not in its manifest", rel)
			}
		}
		return nil
	})
}

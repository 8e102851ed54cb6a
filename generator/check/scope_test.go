package check

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/publish"
)

// TestFacilitatorScope builds the kits whose facilitator blocks hold link
// references, footnotes and links to bundle files, and looks for that text
// in everything attendees get: the pages and files outside facilitator/,
// and the offline ZIP. The facilitator edition must still have it.
func TestFacilitatorScope(t *testing.T) {
	for kit, secrets := range map[string][]string{
		"96-facilitator-link-references": {"example.com/secret", "Secret answers"},
		"97-facilitator-footnotes":       {"The answer is 42", "Only for the facilitator"},
		"108-facilitator-bundle-file":    {"SECRET-ANSWERS", "answers.txt"},
	} {
		t.Run(kit, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "out")
			if _, ds, err := publish.Build(publish.Options{Source: filepath.Join("testdata/kits", kit), Out: out}); err != nil {
				t.Fatalf("build: %v\n%s", err, ds.Error())
			}
			found := map[string]bool{}
			search := func(name string, data []byte) {
				fac := strings.HasPrefix(name, "facilitator/") || strings.Contains(name, ":facilitator/")
				for _, s := range secrets {
					if !bytes.Contains(data, []byte(s)) {
						continue
					}
					if fac {
						found[s] = true
					} else {
						t.Errorf("%s publishes facilitator text %q", name, s)
					}
				}
			}
			filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err != nil || !d.Type().IsRegular() {
					return nil
				}
				rel, _ := filepath.Rel(out, p)
				rel = filepath.ToSlash(rel)
				if strings.HasPrefix(rel, ".lectern") {
					return nil // the build's own records, never served
				}
				data, _ := os.ReadFile(p)
				search(rel, data)
				if strings.HasSuffix(rel, ".zip") {
					zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
					if err != nil {
						t.Fatalf("%s: %v", rel, err)
					}
					for _, f := range zr.File {
						rc, err := f.Open()
						if err != nil {
							t.Fatalf("%s:%s: %v", rel, f.Name, err)
						}
						b, _ := io.ReadAll(rc)
						rc.Close()
						_, inner, _ := strings.Cut(f.Name, "/")
						search(rel+":"+inner, b)
					}
				}
				return nil
			})
			for _, s := range secrets {
				if !found[s] {
					t.Errorf("the facilitator edition lacks %q", s)
				}
			}
		})
	}
}

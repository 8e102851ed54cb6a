package render_test

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/pdf"
	"lectern/generator/publish"
	"lectern/generator/render"
)

// Every folder a build writes at the top of the output or of the
// facilitator edition is a slug of the kit's own (a top-level module or
// part), a folder of its static files, or a reserved name: a module can
// never be published over one of Lectern's pages.
func TestReservedCoversEveryOutputFolder(t *testing.T) {
	reserved := render.Reserved()
	kits := map[string]string{"twoday": "testdata/twoday"}
	for name, src := range testKits {
		kits[name] = src
	}
	for name, src := range kits {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			res, diags, err := publish.Build(publish.Options{Source: src, Out: out})
			if err != nil {
				t.Fatalf("build: %v\n%v", err, diags)
			}
			own := map[string]bool{}
			for _, e := range res.Site.Kit.Entries {
				if e.Module != nil {
					own[e.Module.Slug] = true
				} else {
					own[e.Part.Slug] = true
				}
			}
			for _, st := range res.Site.Kit.Static {
				top, _, _ := strings.Cut(st, "/")
				own[top] = true
			}
			folders := 0
			for _, dir := range []string{out, filepath.Join(out, "facilitator")} {
				entries, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					if !e.IsDir() || own[e.Name()] {
						continue
					}
					folders++
					if !slices.Contains(reserved, e.Name()) {
						t.Errorf("%s/ is written by Lectern but is not reserved: a module could take its slug", e.Name())
					}
				}
			}
			// facilitator/, assets/ and the tool pages' folders at least.
			if folders < 5 {
				t.Errorf("only %d folders of Lectern's own in the output: the walk missed them", folders)
			}
		})
	}
	for _, d := range pdf.Docs {
		if top, _, _ := strings.Cut(d.File, "/"); !slices.Contains(reserved, top) {
			t.Errorf("%s is printed into %s/, which is not reserved", d.File, top)
		}
	}
}

// A top-level module may take none of the reserved names: a build reports
// each one, and writes nothing.
func TestReservedSlugsRefused(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"site.toml":          "title = \"Reserved\"\n",
		"content/_index.md":  "+++\ntitle = \"Home\"\n+++\n",
		"content/01-fine.md": "+++\ntitle = \"Fine\"\n+++\nBody.\n",
	}
	reserved := render.Reserved()
	for i, name := range reserved {
		files[fmt.Sprintf("content/%02d-%s.md", i+2, name)] = "+++\ntitle = \"" + name + "\"\n+++\nBody.\n"
	}
	if err := kitgen.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	_, diags, err := publish.Build(publish.Options{Source: dir, Out: out})
	if err == nil {
		t.Fatal("a kit with reserved slugs was built")
	}
	got := diags.Error()
	for i, name := range reserved {
		want := fmt.Sprintf(`content/%02d-%s.md: error: slug %q is reserved`, i+2, name, name)
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "01-fine.md") {
		t.Errorf("a plain slug was refused:\n%s", got)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written", path.Base(out))
	}
}

package kit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
)

func TestReload(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"site.toml":                      "title = \"Kit\"\n",
		"content/_index.md":              "+++\ntitle = \"Home\"\n+++\n\nHello.\n",
		"content/01-intro.md":            "+++\ntitle = \"Intro\"\nduration = 10\n+++\n\nIntro.\n",
		"content/02-day/_index.md":       "+++\ntitle = \"Day\"\n+++\n",
		"content/02-day/01-one.md":       "+++\ntitle = \"One\"\n+++\n\nOne.\n",
		"content/02-day/02-two/index.md": "+++\ntitle = \"Two\"\n+++\n\n![pic](pic.png)\n",
		"content/02-day/02-two/pic.png":  "png",
		"content/03-end.md":              "+++\ntitle = \"End\"\n+++\n\nEnd.\n",
	}
	for p, s := range files {
		writeKitFile(t, dir, p, s)
	}
	opt := Options{Drafts: true}
	k, errs := Load(dir, opt)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	before, _ := Load(dir, opt)

	for _, tc := range []struct {
		name, src, content string
		ok                 bool
	}{
		{"body", "content/01-intro.md", "+++\ntitle = \"Intro\"\nduration = 10\n+++\n\nIntro, longer.\n", true},
		{"title and duration", "content/02-day/01-one.md", "+++\ntitle = \"One!\"\nduration = 5\nsummary = \"s\"\n+++\n\nOne.\n", true},
		{"bundle", "content/02-day/02-two/index.md", "+++\ntitle = \"Two\"\ndraft = true\n+++\n\nNo picture.\n", true},
		{"home", "content/_index.md", "+++\ntitle = \"Home!\"\n+++\n\nHi.\n", true},
		{"weight", "content/03-end.md", "+++\ntitle = \"End\"\nweight = -1\n+++\n", false},
		{"slug", "content/03-end.md", "+++\ntitle = \"End\"\nslug = \"finish\"\n+++\n", false},
		{"unknown key", "content/03-end.md", "+++\ntitle = \"End\"\ntitel = \"x\"\n+++\n", false},
		{"no title", "content/03-end.md", "+++\n+++\n", false},
		{"a part", "content/02-day/_index.md", "+++\ntitle = \"Day!\"\n+++\n", false},
		{"gone", "content/01-intro.md", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.content == "" {
				os.Remove(filepath.Join(dir, tc.src))
			} else {
				writeKitFile(t, dir, tc.src, tc.content)
			}
			nk, ok := Reload(k, tc.src, opt)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !reflect.DeepEqual(k, before) {
				t.Fatal("Reload changed the kit it was given")
			}
			if !ok {
				writeKitFile(t, dir, tc.src, files[tc.src])
				return
			}
			want, errs := Load(dir, opt)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if !reflect.DeepEqual(nk, want) {
				t.Errorf("Reload differs from Load")
			}
			k = nk
			before, _ = Load(dir, opt)
		})
	}
}

func writeKitFile(t *testing.T, dir, rel, s string) {
	t.Helper()
	if err := kitgen.WriteFiles(dir, map[string]string{rel: s}); err != nil {
		t.Fatal(err)
	}
}

func TestIgnored(t *testing.T) {
	for _, n := range []string{".x.md.swp", "x.md~", "#x.md#", ".#x.md", "x.tmp"} {
		if !Ignored(n) {
			t.Errorf("%s: not ignored", n)
		}
	}
	for _, n := range []string{"x.md", "01-intro.md", "pic.png"} {
		if Ignored(n) || strings.HasPrefix(n, ".") {
			t.Errorf("%s: ignored", n)
		}
	}
}

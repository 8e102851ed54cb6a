package scaffold_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"lectern/generator/kit"
	"lectern/generator/markdown"
	"lectern/generator/publish"
	"lectern/generator/scaffold"
)

func newKit(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if _, err := scaffold.NewKit(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestNewKitBuildsClean: the new kit builds with no error and no warning,
// and its one module uses every block.
func TestNewKitBuildsClean(t *testing.T) {
	dir := newKit(t, "team-days")
	res, diags, err := publish.Build(publish.Options{Source: dir, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, diags)
	}
	if len(diags) > 0 {
		t.Errorf("the new kit builds with problems:\n%v", diags)
	}
	if res.Modules != 1 || res.Worksheets != 1 {
		t.Errorf("%d modules, %d worksheets; want 1 and 1", res.Modules, res.Worksheets)
	}
	if got := res.Site.Kit.Config.Title; got != "Team days" {
		t.Errorf("title %q, want the folder's name as a title", got)
	}
	src, err := os.ReadFile(filepath.Join(dir, "content", "01-welcome.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := markdown.BlockNames()
	if len(blocks) == 0 {
		t.Fatal("markdown.BlockNames lists no blocks")
	}
	for _, b := range blocks {
		if !strings.Contains(string(src), "::: "+b+"\n") && !strings.Contains(string(src), ": "+b+" {") {
			t.Errorf("the new module does not show the %s block", b)
		}
	}
}

// TestNewKitSiteTOML: every setting of site.toml (every key of kit.Config)
// is there, set or as a commented example, and the file has comments.
func TestNewKitSiteTOML(t *testing.T) {
	dir := newKit(t, "k")
	b, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	want := configKeys(reflect.TypeFor[kit.Config](), "")
	if len(want) < 10 {
		t.Fatalf("configKeys found only %v in kit.Config", want)
	}
	have := settings(t, "site.toml", string(b))
	for _, k := range want {
		if !have[k] {
			t.Errorf("site.toml has no %s, set or as a commented example", k)
		}
	}
	if !strings.Contains(string(b), "\n# ") {
		t.Error("site.toml has no comments")
	}
}

// TestNewKitModuleKeys: the new kit's module lists every front matter key.
func TestNewKitModuleKeys(t *testing.T) {
	dir := newKit(t, "k")
	p := filepath.Join(dir, "content", "01-welcome.md")
	have := settings(t, p, frontOf(t, p))
	for _, k := range kit.ModuleKeys() {
		if !have[k] {
			t.Errorf("01-welcome.md has no %s in its front matter, set or as a commented example", k)
		}
	}
}

// configKeys lists the dotted keys that a TOML file decoded into a value of
// type t can set: a field's key, or its table's keys for a table (a struct,
// or a slice of structs for an array of tables). A map is one key: the
// table whose keys are free.
func configKeys(t reflect.Type, prefix string) []string {
	unmarshaler := reflect.TypeFor[toml.Unmarshaler]()
	var keys []string
	for _, f := range reflect.VisibleFields(t) {
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		key := prefix + name
		ft := f.Type
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && !reflect.PointerTo(ft).Implements(unmarshaler) {
			keys = append(keys, configKeys(ft, key+".")...)
			continue
		}
		keys = append(keys, key)
	}
	return keys
}

// commented is a commented-out setting or table header: "# theme = …",
// "# [[workshop.breaks]]".
var commented = regexp.MustCompile(`(?m)^# ?((?:[A-Za-z0-9_-]+|"[^"]*") = .*|\[.*\])$`)

// settings returns the dotted keys that src sets once its commented-out
// settings are put back, failing the test when that is not valid TOML.
func settings(t *testing.T, name, src string) map[string]bool {
	t.Helper()
	md, err := toml.Decode(commented.ReplaceAllString(src, "$1"), &map[string]any{})
	if err != nil {
		t.Fatalf("%s, with its commented examples put back: %v", name, err)
	}
	have := map[string]bool{}
	for _, k := range md.Keys() {
		have[k.String()] = true
	}
	return have
}

// frontOf returns the front matter of the file at p.
func frontOf(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	fm, _, _, ok, closed := kit.SplitFront(b)
	if !ok || !closed {
		t.Fatalf("%s: no front matter", p)
	}
	return string(fm)
}

func TestNewKitRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := scaffold.NewKit(dir)
	var u *scaffold.UsageError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("got %v, want a usage error saying the folder is not empty", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder: NewKit wrote into it", len(entries))
	}
	// An existing empty folder, or one with only .git, is fine.
	empty := t.TempDir()
	os.Mkdir(filepath.Join(empty, ".git"), 0o755)
	if _, err := scaffold.NewKit(empty); err != nil {
		t.Errorf("a folder with only .git: %v", err)
	}
}

func TestSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Café à deux", "café-à-deux"},
		{"Giving feedback", "giving-feedback"},
		{"Don't panic!", "dont-panic"},
		{"  Q&A: what now?  ", "q-a-what-now"},
		{"Über Führung — 2. Teil", "über-führung-2-teil"},
		{"Cafe\u0301 noir", "cafe\u0301-noir"}, // a combining accent stays with its letter
		{"???", ""},
	} {
		if got := scaffold.Slug(c.in); got != c.want {
			t.Errorf("Slug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// front decodes a module's front matter.
func front(t *testing.T, p string) map[string]any {
	t.Helper()
	m := map[string]any{}
	if _, err := toml.Decode(frontOf(t, p), &m); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return m
}

func TestNewModule(t *testing.T) {
	dir := newKit(t, "k")
	res, err := scaffold.NewModule(scaffold.ModuleOptions{Kit: dir, Title: "Café à deux"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "content/02-café-à-deux.md" || res.Weight != 20 || res.Slug != "café-à-deux" {
		t.Errorf("got %+v, want content/02-café-à-deux.md, weight 20", res)
	}
	p := filepath.Join(dir, filepath.FromSlash(res.Path))
	fm := front(t, p)
	have := settings(t, p, frontOf(t, p))
	for _, k := range kit.ModuleKeys() {
		if !have[k] {
			t.Errorf("front matter has no %s, set or as a commented example", k)
		}
	}
	if fm["title"] != "Café à deux" {
		t.Errorf("title %q", fm["title"])
	}
	b, _ := os.ReadFile(p)
	if !strings.Contains(string(b), "\n# slug = \"café-à-deux\"\n") {
		t.Error("the slug key is not there as a comment")
	}

	// Weights follow the highest in the folder, not the count.
	os.WriteFile(filepath.Join(dir, "content", "07-late.md"), []byte("+++\ntitle = \"Late\"\nweight = 95\n+++\n"), 0o644)
	res, err = scaffold.NewModule(scaffold.ModuleOptions{Kit: dir, Title: "Next one"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "content/08-next-one.md" || res.Weight != 105 {
		t.Errorf("got %s weight %d, want content/08-next-one.md weight 105", res.Path, res.Weight)
	}

	// The same title again, a reserved name, no letters: refused.
	for _, title := range []string{"Next one", "Materials", "!!!", ""} {
		_, err := scaffold.NewModule(scaffold.ModuleOptions{Kit: dir, Title: title})
		var u *scaffold.UsageError
		if !errors.As(err, &u) {
			t.Errorf("title %q: got %v, want a usage error", title, err)
		}
	}

	// Drafts included, the kit still builds clean.
	if _, diags, err := publish.Build(publish.Options{Source: dir, Out: filepath.Join(t.TempDir(), "o"), Drafts: true}); err != nil || len(diags) > 0 {
		t.Errorf("build with the new modules: %v\n%v", err, diags)
	}
}

func TestNewModuleInPart(t *testing.T) {
	dir := newKit(t, "k")
	res, err := scaffold.NewModule(scaffold.ModuleOptions{Kit: dir, Title: "Feedback", Part: "day-2"})
	if err != nil {
		t.Fatal(err)
	}
	if res.PartPath != "content/02-day-2/_index.md" || res.Path != "content/02-day-2/01-feedback.md" || res.Weight != 10 {
		t.Errorf("got %+v", res)
	}
	pf := front(t, filepath.Join(dir, filepath.FromSlash(res.PartPath)))
	if pf["title"] != "Day 2" || pf["weight"] != int64(20) {
		t.Errorf("part front matter %v", pf)
	}
	// The part is found again by slug or by folder name.
	for i, part := range []string{"day-2", "02-day-2", "Day 2"} {
		res, err := scaffold.NewModule(scaffold.ModuleOptions{Kit: dir, Title: "More " + strconv.Itoa(i), Part: part})
		if err != nil {
			t.Fatal(err)
		}
		if res.PartPath != "" || !strings.HasPrefix(res.Path, "content/02-day-2/") {
			t.Errorf("part %q: got %+v", part, res)
		}
	}
	// A module's slug is not a part.
	if _, err := scaffold.NewModule(scaffold.ModuleOptions{Kit: dir, Title: "X", Part: "welcome"}); err == nil {
		t.Error("--part naming a module was accepted")
	}
	if _, diags, err := publish.Build(publish.Options{Source: dir, Out: filepath.Join(t.TempDir(), "o"), Drafts: true}); err != nil || len(diags) > 0 {
		t.Errorf("build with the new part: %v\n%v", err, diags)
	}
}

func TestNewModuleNeedsKit(t *testing.T) {
	_, err := scaffold.NewModule(scaffold.ModuleOptions{Kit: t.TempDir(), Title: "A"})
	var u *scaffold.UsageError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), "site.toml") {
		t.Errorf("got %v, want a usage error about site.toml", err)
	}
}

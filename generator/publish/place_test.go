package publish

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// spareName is where the spare of the output folder out is kept.
func spareName(out string) string {
	real, err := realPath(out)
	if err != nil {
		panic(err)
	}
	return filepath.Join(home(real), "spare")
}

// placeKit writes a small kit with a facilitator note and a static CNAME
// under base, with a cache folder of its own, and returns the kit.
func placeKit(t *testing.T) (base, kit string) {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(t.TempDir(), "cache"))
	base = t.TempDir()
	kit = filepath.Join(base, "kit")
	for rel, data := range map[string]string{
		"site.toml":           "title = \"Place\"\n",
		"content/_index.md":   "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
		"content/01-intro.md": "+++\ntitle = \"Intro\"\nduration = 10\n+++\nText.\n\n::: facilitator\nSecret timing note.\n:::\n",
		"static/CNAME":        "kit.example.org\n",
	} {
		put(t, filepath.Join(kit, rel), data)
	}
	return base, kit
}

func put(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustBuild(t *testing.T, o Options) {
	t.Helper()
	if _, errs, err := Build(o); err != nil {
		t.Fatalf("build %+v: %v\n%v", o, err, errs)
	}
}

// buildFails builds and returns the error's text, which must be an
// *EnvError naming every one of want.
func buildFails(t *testing.T, o Options, want ...string) string {
	t.Helper()
	_, _, err := Build(o)
	var env *EnvError
	if !errors.As(err, &env) {
		t.Fatalf("build %+v: %v, want an error about the output folder", o, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("build %+v: %q does not name %q", o, err, w)
		}
	}
	return err.Error()
}

// TreeOf is snapshot for the package's external tests (promises_test.go).
var TreeOf = snapshot

// snapshot describes every entry under dir, links not followed.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, _ := d.Info()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			m[rel] = "link " + target
		case d.IsDir():
			m[rel] = "dir " + info.Mode().String()
		default:
			b, _ := os.ReadFile(p)
			m[rel] = info.Mode().String() + " " + string(b)
		}
		return nil
	})
	return m
}

func sameSnapshot(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			t.Errorf("%s: %s was %q, now %q", what, k, v, w)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			t.Errorf("%s: %s appeared", what, k)
		}
	}
}

// The output is compared with the kit by real path and by inode: a link to
// the kit cannot make the kit the output, and an output inside a folder
// the kit reads is refused before anything is read or written.
func TestOutputNotTheKit(t *testing.T) {
	base, kit := placeKit(t)
	os.MkdirAll(filepath.Join(kit, ".git", "refs", "heads"), 0o755)
	link := filepath.Join(base, "link")
	if err := os.Symlink("kit", link); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, base)
	buildFails(t, Options{Source: link, Out: kit}, kit+": the output folder cannot be the kit folder")
	buildFails(t, Options{Source: kit, Out: link}, kit+": the output folder cannot be the kit folder")
	buildFails(t, Options{Source: link, Out: base}, "cannot contain the kit folder")
	if os.Geteuid() == 0 {
		// A second mount of the kit: another path, the same folder.
		bind := filepath.Join(t.TempDir(), "bind")
		os.Mkdir(bind, 0o755)
		if err := syscall.Mount(kit, bind, "", syscall.MS_BIND, ""); err == nil {
			buildFails(t, Options{Source: kit, Out: bind}, "cannot be the kit folder")
			syscall.Unmount(bind, 0)
		} else {
			t.Logf("bind mount not allowed here (%v): that case is not checked", err)
		}
	}
	for _, part := range []string{"content", "static", "themes"} {
		for _, out := range []string{filepath.Join(kit, part), filepath.Join(kit, part, "out"), filepath.Join(link, part, "a", "b")} {
			buildFails(t, Options{Source: kit, Out: out}, "cannot be inside the kit's "+part+"/ folder")
		}
	}
	sameSnapshot(t, "after the refused builds", before, snapshot(t, base))
}

// A user's file where Lectern writes stops the build, naming it, unless
// --overwrite; empty folders and folder modes survive every build.
func TestOutputUserFilesNotOverwritten(t *testing.T) {
	base, kit := placeKit(t)
	out := filepath.Join(base, "out")
	put(t, filepath.Join(out, "index.html"), "mine\n")
	put(t, filepath.Join(out, "assets", "style.css"), "my style\n")
	put(t, filepath.Join(out, "notes.txt"), "notes\n")
	for _, d := range []string{".git/refs/heads", ".git/refs/tags", "empty"} {
		os.MkdirAll(filepath.Join(out, d), 0o755)
	}
	os.Mkdir(filepath.Join(out, "private"), 0o700)
	os.Chmod(filepath.Join(out, "private"), 0o700)
	before := snapshot(t, base)
	msg := buildFails(t, Options{Source: kit, Out: out},
		filepath.Join(out, "index.html")+": Lectern did not write this", filepath.Join(out, "assets", "style.css")+": Lectern did not write this", "--overwrite")
	if strings.Contains(msg, "lectern-new") || strings.Contains(msg, "stage-") {
		t.Errorf("the error names a folder of Lectern's own: %s", msg)
	}
	sameSnapshot(t, "after the refused build", before, snapshot(t, base))

	for i, o := range []Options{{Source: kit, Out: out, Overwrite: true}, {Source: kit, Out: out}, {Source: kit, Out: out}} {
		mustBuild(t, o)
		for _, d := range []string{".git/refs/heads", ".git/refs/tags", "empty"} {
			if st, err := os.Stat(filepath.Join(out, d)); err != nil || !st.IsDir() {
				t.Errorf("build %d: the empty folder %s is gone", i+1, d)
			}
		}
		if st, err := os.Stat(filepath.Join(out, "private")); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("build %d: private/ is %v, %v; want mode 700", i+1, st.Mode(), err)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(b) != "notes\n" {
			t.Errorf("build %d: notes.txt holds %q", i+1, b)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) == "mine\n" {
			t.Errorf("build %d: index.html is not Lectern's", i+1)
		}
	}
}

// A link of the user's where Lectern makes a folder is never written
// through; a link given as the output folder stays a link, and the build
// goes into the folder it names, which gets nothing of Lectern's but the
// site.
func TestOutputLinks(t *testing.T) {
	base, kit := placeKit(t)
	out := filepath.Join(base, "out")
	victim := filepath.Join(base, "victim")
	os.MkdirAll(victim, 0o755)
	put(t, filepath.Join(victim, "keep.txt"), "keep\n")
	os.MkdirAll(out, 0o755)
	if err := os.Symlink("../victim", filepath.Join(out, "assets")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, victim)
	buildFails(t, Options{Source: kit, Out: out}, filepath.Join(out, "assets")+": Lectern did not write this")
	mustBuild(t, Options{Source: kit, Out: out, Overwrite: true})
	sameSnapshot(t, "the link's target", before, snapshot(t, victim))
	if st, err := os.Lstat(filepath.Join(out, "assets")); err != nil || !st.IsDir() {
		t.Errorf("assets is not a folder of the build's: %v", err)
	}

	www := filepath.Join(base, "www")
	put(t, filepath.Join(www, ".gitignore"), "node_modules\n")
	site := filepath.Join(base, "site")
	os.Symlink("www", site)
	for i := range 3 {
		mustBuild(t, Options{Source: kit, Out: site})
		if target, err := os.Readlink(site); err != nil || target != "www" {
			t.Fatalf("build %d: the link is now %q, %v", i+1, target, err)
		}
		if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
			t.Errorf("build %d: nothing built in the link's target: %v", i+1, err)
		}
		if b, _ := os.ReadFile(filepath.Join(www, ".gitignore")); string(b) != "node_modules\n" {
			t.Errorf("build %d: the user's .gitignore holds %q", i+1, b)
		}
		if _, err := os.Lstat(filepath.Join(www, highlightsName)); err == nil {
			t.Errorf("build %d: %s is in the output", i+1, highlightsName)
		}
	}
	entries, _ := os.ReadDir(base)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "kit out site victim www" {
		t.Errorf("beside the outputs: %s", got)
	}
}

// A file the user wrote where Lectern once published one stays: only files
// that still hold what Lectern wrote are Lectern's to remove.
func TestOutputKeepsUserFileAtLecternsOldPath(t *testing.T) {
	base, kit := placeKit(t)
	out := filepath.Join(base, "out")
	mustBuild(t, Options{Source: kit, Out: out})
	if b, _ := os.ReadFile(filepath.Join(out, "CNAME")); string(b) != "kit.example.org\n" {
		t.Fatalf("CNAME: %q", b)
	}
	os.Remove(filepath.Join(kit, "static", "CNAME"))
	put(t, filepath.Join(out, "CNAME"), "mine.example.org\n")
	for i := range 2 {
		mustBuild(t, Options{Source: kit, Out: out})
		if b, err := os.ReadFile(filepath.Join(out, "CNAME")); string(b) != "mine.example.org\n" {
			t.Errorf("build %d: the user's CNAME: %q, %v", i+1, b, err)
		}
	}
	// One Lectern wrote and nobody changed goes with its source.
	put(t, filepath.Join(kit, "static", "humans.txt"), "Made by the team\n")
	mustBuild(t, Options{Source: kit, Out: out})
	os.Remove(filepath.Join(kit, "static", "humans.txt"))
	mustBuild(t, Options{Source: kit, Out: out})
	if _, err := os.Stat(filepath.Join(out, "humans.txt")); err == nil {
		t.Error("humans.txt stayed after its source went")
	}
}

// What Lectern keeps between builds is in the cache folder, never beside
// the output, where a web root would publish the facilitator edition; what
// killed builds left is cleaned by the next, and the spare survives a kill.
func TestOutputSpareInCache(t *testing.T) {
	base, kit := placeKit(t)
	www := filepath.Join(base, "www")
	mustBuild(t, Options{Source: kit})
	out := filepath.Join(www, "workshop")
	for range 2 {
		mustBuild(t, Options{Source: kit, Out: out, Only: "attendee"})
	}
	filepath.WalkDir(www, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (strings.Contains(p, "facilitator") || strings.Contains(p, "lectern-spare")) {
			t.Errorf("%s is in the web root", p)
		}
		return nil
	})
	b, _ := exec.Command("grep", "-r", "Secret timing", www).Output()
	if len(b) > 0 {
		t.Errorf("the web root holds facilitator text:\n%s", b)
	}
	spare := spareName(out)
	if _, err := os.Stat(filepath.Join(spare, Manifest)); err != nil {
		t.Fatalf("no spare in the cache folder: %v", err)
	}
	cache, _ := os.UserCacheDir()
	if !strings.HasPrefix(spare, cache) {
		t.Errorf("the spare %s is not in the cache folder %s", spare, cache)
	}

	// A killed build: the spare was taken as its stage, and a stage beside
	// the output (a cache on another file system) carries Lectern's mark.
	stage := filepath.Join(filepath.Dir(spare), "stage-killed")
	if err := os.Rename(spare, stage); err != nil {
		t.Fatal(err)
	}
	beside := filepath.Join(www, stagePrefix(out)+"killed")
	put(t, filepath.Join(beside, stageMark), "")
	put(t, filepath.Join(beside, "facilitator", "index.html"), "Secret\n")
	theirs := filepath.Join(www, stagePrefix(out)+"theirs")
	put(t, filepath.Join(theirs, "note.txt"), "not Lectern's\n")
	mustBuild(t, Options{Source: kit, Out: out, Only: "attendee"})
	for _, p := range []string{stage, beside} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
	if _, err := os.Stat(filepath.Join(theirs, "note.txt")); err != nil {
		t.Errorf("a folder without Lectern's mark was deleted: %v", err)
	}
	if _, err := os.Stat(filepath.Join(spare, Manifest)); err != nil {
		t.Errorf("no spare after the killed build's was found: %v", err)
	}

	// The spare of an output that is gone goes with the next build.
	os.RemoveAll(www)
	mustBuild(t, Options{Source: kit})
	if _, err := os.Lstat(filepath.Dir(spare)); err == nil {
		t.Errorf("%s stayed after its output was deleted", filepath.Dir(spare))
	}
	if _, err := os.Stat(spareName(filepath.Join(kit, "public"))); err != nil {
		t.Errorf("the kit's own spare is gone: %v", err)
	}
}

// A mount point inside the output is named and nothing is moved or deleted
// across it; nor can the output itself be a mount point.
func TestOutputMountPoints(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a file system needs root: run as root (as CI does) to check mount points in the output")
	}
	base, kit := placeKit(t)
	out := filepath.Join(base, "out")
	mustBuild(t, Options{Source: kit, Out: out})
	media := filepath.Join(out, "media")
	os.Mkdir(media, 0o755)
	if err := syscall.Mount("tmpfs", media, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v): mount points in the output are not checked", err)
	}
	defer syscall.Unmount(media, syscall.MNT_DETACH)
	put(t, filepath.Join(media, "talk.mp4"), "video\n")
	before := snapshot(t, base)
	for range 2 {
		buildFails(t, Options{Source: kit, Out: out}, media+": a mount point inside the output folder")
		buildFails(t, Options{Source: kit, Out: out, Overwrite: true}, media+": a mount point")
	}
	sameSnapshot(t, "after the refused builds", before, snapshot(t, base))
	buildFails(t, Options{Source: kit, Out: media}, media+": the output folder is a mount point")
	if b, _ := os.ReadFile(filepath.Join(media, "talk.mp4")); string(b) != "video\n" {
		t.Errorf("the file on the mount: %q", b)
	}
}

// TestKilledBuilds kills builds (kill -9) while they write,
// then builds normally: nothing the killed builds were writing is left
// beside the output or in the cache, and a spare is kept.
func TestKilledBuilds(t *testing.T) {
	if os.Getenv("LECTERN_KILLED_BUILD") != "" {
		o := Options{Source: os.Getenv("LECTERN_KILLED_BUILD"), Out: os.Getenv("LECTERN_KILLED_OUT")}
		for {
			Build(o)
		}
	}
	base, kit := placeKit(t)
	out := filepath.Join(base, "out")
	mustBuild(t, Options{Source: kit, Out: out})
	for i := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBuilds$")
		cmd.Env = append(os.Environ(), "LECTERN_KILLED_BUILD="+kit, "LECTERN_KILLED_OUT="+out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it while it writes: once a folder it writes into exists,
		// and a little later each time.
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if m, _ := filepath.Glob(filepath.Join(filepath.Dir(spareName(out)), "stage-*")); len(m) > 0 {
				break
			}
		}
		time.Sleep(time.Duration(5*i) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
			t.Fatalf("kill %d: the output is not whole: %v", i+1, err)
		}
	}
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(spareName(out)), "stage-*"))
	t.Logf("the killed builds left %d folders they were writing", len(stale))
	mustBuild(t, Options{Source: kit, Out: out})
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		if e.Name() != "kit" && e.Name() != "out" {
			t.Errorf("%s is left beside the output", e.Name())
		}
	}
	h := filepath.Dir(spareName(out))
	left, _ := filepath.Glob(filepath.Join(h, "stage-*"))
	if len(left) > 0 {
		t.Errorf("left in the cache: %v", left)
	}
	if _, err := os.Stat(filepath.Join(h, "spare", Manifest)); err != nil {
		t.Errorf("no spare: %v", err)
	}
}

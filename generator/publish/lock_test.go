package publish_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/diag"
	"lectern/generator/publish"
	"lectern/generator/render"
)

const lockPass = "staple horse battery correct"

// secrets are sentences only the facilitator edition has: a facilitator
// note, a facilitator-only module, a slide, and a file only facilitator
// text links to; words are a distinctive word of each.
var secrets = []string{
	"Whisper the quokka password to the group.",
	"The marmoset ledger stays closed until noon.",
	"Slide about the narwhal compass.",
	"Answer key: the pangolin sorts first.",
}

var words = []string{"quokka", "marmoset", "narwhal", "pangolin"}

// lockKit writes a kit with every kind of facilitator-only content; lock
// adds [facilitator] lock to its site.toml.
func lockKit(t *testing.T, dir string, lock bool) string {
	t.Helper()
	toml := "title = \"Locked & Loaded\"\n\n[workshop]\nstart = \"09:00\"\n"
	if lock {
		toml += "\n[facilitator]\nlock = true\n"
	}
	for rel, data := range map[string]string{
		"site.toml":         toml,
		"content/_index.md": "+++\ntitle = \"Home\"\n+++\nWelcome, everyone.\n",
		"content/01-intro.md": "+++\ntitle = \"Intro\"\nduration = 20\n+++\n## Warm-up\n\nEveryone reads this.\n\n" +
			"::: facilitator\n" + secrets[0] + "\n:::\n\n::: slide {title=\"Compass\"}\n" + secrets[2] + "\n:::\n\n" +
			"::: quote {by=\"A. Person\"}\nFeedback is a gift.\n:::\n\n::: activity {minutes=10 title=\"Pairs\"}\nTalk in pairs.\n:::\n",
		"content/02-prep.md": "+++\ntitle = \"Preparing the room\"\naudience = \"facilitator\"\nduration = 5\n+++\n" + secrets[1] + "\n",
		"content/03-sort/index.md": "+++\ntitle = \"Sorting\"\nduration = 15\n+++\nSort the cards.\n\n" +
			"::: facilitator\nHand out [the answer key](key.txt) at the end.\n:::\n",
		"content/03-sort/key.txt": secrets[3] + "\n",
	} {
		promiseWrite(t, dir, rel, data)
	}
	return dir
}

func passphrase(p string) func() (string, error) {
	return func() (string, error) { return p, nil }
}

func buildLock(t *testing.T, o publish.Options) *publish.Result {
	t.Helper()
	res, errs, err := publish.Build(o)
	if err != nil {
		t.Fatalf("build: %v\n%v", err, errs)
	}
	return res
}

// files reads every file under dir, by slash path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// zipEntries is every entry of the ZIPs in m, decompressed, by "zip!entry".
func zipEntries(t *testing.T, m map[string][]byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, b := range m {
		if !strings.HasSuffix(name, ".zip") {
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			out[name+"!"+f.Name] = data
		}
	}
	return out
}

// TestLockedBuild: a locked build holds no facilitator-only sentence in
// plaintext anywhere, every facilitator file decrypts to what the unlocked
// build wrote, the attendee edition is byte for byte the same, and two
// builds share no salt and no nonce.
func TestLockedBuild(t *testing.T) {
	base := t.TempDir()
	kit := lockKit(t, filepath.Join(base, "kit"), false)
	open := buildLock(t, publish.Options{Source: kit, Out: filepath.Join(base, "open")})
	if open.Locked {
		t.Error("a kit without [facilitator] lock was built locked")
	}
	lockKit(t, kit, true)
	asked := 0
	ask := func() (string, error) { asked++; return lockPass, nil }
	first := buildLock(t, publish.Options{Source: kit, Out: filepath.Join(base, "locked1"), Passphrase: ask})
	buildLock(t, publish.Options{Source: kit, Out: filepath.Join(base, "locked2"), Passphrase: ask})
	if !first.Locked || asked != 2 {
		t.Fatalf("locked: %v, passphrase asked %d times for two builds", first.Locked, asked)
	}

	plain, locked, again := files(t, filepath.Join(base, "open")), files(t, filepath.Join(base, "locked1")), files(t, filepath.Join(base, "locked2"))

	// The test can fail: the unlocked build has every sentence.
	for _, s := range secrets {
		found := false
		for _, b := range plain {
			found = found || bytes.Contains(b, []byte(s))
		}
		if !found {
			t.Fatalf("the unlocked build does not hold %q: the kit does not test what it should", s)
		}
	}
	// No sentence, nor a distinctive word of one, in any file of a locked
	// build, nor in any entry of its ZIP.
	for _, m := range []map[string][]byte{locked, again, zipEntries(t, locked)} {
		for name, b := range m {
			for i, s := range secrets {
				for _, w := range []string{s, words[i]} {
					if bytes.Contains(b, []byte(w)) {
						t.Errorf("%s holds %q in plaintext", name, w)
					}
				}
			}
		}
	}

	pages, saltOf := 0, map[string]string{}
	nonces := map[string]string{}
	for name, want := range plain {
		got, ok := locked[name]
		switch {
		case name == publish.Manifest:
			continue
		case !ok:
			t.Errorf("%s is in the unlocked build only", name)
			continue
		case !render.FacilitatorOnly(name):
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs between the unlocked and the locked build", name)
			}
			continue
		}
		if bytes.Equal(got, want) {
			t.Errorf("%s is not encrypted", name)
			continue
		}
		dec, err := publish.Unlock(lockPass, got)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if strings.HasSuffix(name, ".html") {
			pages++
			if !bytes.Equal(dec, want) {
				t.Errorf("%s decrypts to another page than the unlocked build's", name)
			}
		} else if !bytes.Equal(dec, want) {
			t.Errorf("%s decrypts to other bytes than the unlocked build's", name)
		}
		if _, err := publish.Unlock("staple horse battery wrong", got); err == nil {
			t.Errorf("%s opens with a wrong passphrase", name)
		}
		for i, b := range [][]byte{got, again[name]} {
			salt, nonce := publish.LockedSalt(b)
			if salt == nil {
				if !strings.HasSuffix(name, ".js") {
					t.Errorf("%s: no salt found", name)
				}
				continue
			}
			saltOf[string(rune('1'+i))+":"+string(salt)] = name
			if prev, dup := nonces[string(nonce)]; dup {
				t.Errorf("%s (build %d) uses the nonce of %s", name, i+1, prev)
			}
			nonces[string(nonce)] = name
		}
	}
	if pages < 8 {
		t.Errorf("only %d facilitator pages were checked", pages)
	}
	// One salt in each build, not the same.
	if len(saltOf) != 2 {
		t.Errorf("want one salt per build, two builds: %d salts", len(saltOf))
	}
	for name := range locked {
		if _, ok := plain[name]; !ok && name != publish.Manifest {
			t.Errorf("%s is in the locked build only", name)
		}
	}
	// The locked page shows the kit's title, nothing of the page.
	home := string(locked["facilitator/index.html"])
	if !strings.Contains(home, "<title>Locked &amp; Loaded</title>") || strings.Contains(home, "Dashboard") || strings.Contains(home, "Intro") {
		t.Errorf("the locked dashboard shows more than the kit's title:\n%.600s", home)
	}
}

// TestUnlockedBuildMarked: an unlocked facilitator edition asks search
// engines to keep out, and a kit's own robots.txt wins.
func TestUnlockedBuildMarked(t *testing.T) {
	base := t.TempDir()
	kit := lockKit(t, filepath.Join(base, "kit"), false)
	out := filepath.Join(base, "out")
	buildLock(t, publish.Options{Source: kit, Out: out})
	m := files(t, out)
	if got := string(m["robots.txt"]); !strings.Contains(got, "User-agent: *\nDisallow: /facilitator/\n") {
		t.Errorf("robots.txt: %q", got)
	}
	for name, b := range m {
		noindex := bytes.Contains(b, []byte(`<meta name="robots" content="noindex, nofollow">`))
		if strings.HasSuffix(name, ".html") && noindex != render.FacilitatorOnly(name) {
			t.Errorf("%s: noindex %v", name, noindex)
		}
	}

	promiseWrite(t, kit, "site.toml", "title = \"Locked & Loaded\"\nbase_url = \"https://example.org/kits/ll/\"\n")
	buildLock(t, publish.Options{Source: kit, Out: out})
	if got, _ := os.ReadFile(filepath.Join(out, "robots.txt")); !strings.Contains(string(got), "Disallow: /kits/ll/facilitator/\n") {
		t.Errorf("robots.txt under a base_url with a path: %q", got)
	}
	promiseWrite(t, kit, "static/robots.txt", "User-agent: *\nAllow: /\n")
	buildLock(t, publish.Options{Source: kit, Out: out})
	if got, _ := os.ReadFile(filepath.Join(out, "robots.txt")); string(got) != "User-agent: *\nAllow: /\n" {
		t.Errorf("the kit's own robots.txt became %q", got)
	}

	// The attendee edition alone has no facilitator edition to hide.
	os.Remove(filepath.Join(kit, "static", "robots.txt"))
	buildLock(t, publish.Options{Source: kit, Out: out, Only: "attendee"})
	if _, err := os.Stat(filepath.Join(out, "robots.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an attendee-only build wrote robots.txt: %v", err)
	}
}

// TestLockPassphrase: a locked kit needs a passphrase long enough; an
// attendee-only build of it asks for none.
func TestLockPassphrase(t *testing.T) {
	base := t.TempDir()
	kit := lockKit(t, filepath.Join(base, "kit"), true)
	out := filepath.Join(base, "out")
	for _, c := range []struct {
		pass func() (string, error)
		want string
	}{
		{nil, "site.toml:7:1: error: [facilitator] lock is set, and no passphrase was given"},
		{passphrase("too short"), "site.toml:7:1: error: the facilitator passphrase has 9 characters: a locked build needs at least 12"},
		{func() (string, error) { return "", errors.New("no terminal") }, "site.toml:7:1: error: [facilitator] lock is set: no terminal"},
	} {
		_, errs, err := publish.Build(publish.Options{Source: kit, Out: out, Passphrase: c.pass})
		var l diag.List
		if !errors.As(err, &l) || !strings.Contains(errs.Error(), c.want) {
			t.Errorf("got %v (%v), want %q", errs, err, c.want)
		}
		if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("a build that failed wrote its output: %v", err)
		}
	}
	res := buildLock(t, publish.Options{Source: kit, Out: out, Only: "attendee", Passphrase: func() (string, error) {
		t.Error("an attendee-only build asked for the passphrase")
		return lockPass, nil
	}})
	if res.Locked {
		t.Error("an attendee-only build says it is locked")
	}
}

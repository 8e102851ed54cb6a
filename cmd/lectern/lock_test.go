package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lockedKit is the basic kit with [facilitator] lock.
func lockedKit(t *testing.T) string {
	t.Helper()
	kit := copyKit(t, "basic")
	f, err := os.OpenFile(filepath.Join(kit, "site.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n[facilitator]\nlock = true\n"); err != nil {
		t.Fatal(err)
	}
	return kit
}

// holds reports whether any file under dir contains s.
func holds(t *testing.T, dir, s string) bool {
	t.Helper()
	found := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			found = found || strings.Contains(string(b), s)
		}
		return nil
	})
	return found
}

const privateLine = "the facilitator edition (notes, solutions) is in "

// TestBuildLocked: a locked kit takes its passphrase from the environment,
// or stops, naming it, when there is none and no terminal; a build that
// publishes the facilitator edition unlocked says so in one line.
func TestBuildLocked(t *testing.T) {
	kit := lockedKit(t)
	out := filepath.Join(t.TempDir(), "out")
	t.Setenv(EnvPassphrase, "")
	os.Unsetenv(EnvPassphrase)
	code, _, stderr := run(t, "build", "--source", kit, "--out", out)
	if code != exitKit || !strings.Contains(stderr, "site.toml:15:1: error: [facilitator] lock is set: give the passphrase in LECTERN_FACILITATOR_PASSPHRASE, or build on a terminal to type it\n") {
		t.Errorf("without a passphrase: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a build without its passphrase wrote the output")
	}

	t.Setenv(EnvPassphrase, "ladder orbit tulip gravel noon")
	code, stdout, stderr := run(t, "build", "--source", kit, "--out", out)
	if code != exitOK {
		t.Fatalf("locked build: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stdout, privateLine) {
		t.Errorf("a locked build says the facilitator edition is open:\n%s", stdout)
	}
	if holds(t, out, "SECRET-FACILITATOR-NOTE") || holds(t, out, "ladder orbit") {
		t.Error("the locked output holds the facilitator note or the passphrase in plaintext")
	}
	if !holds(t, out, "Disallow: /facilitator/") {
		t.Error("no robots.txt")
	}

	open := copyKit(t, "basic")
	code, stdout, _ = run(t, "build", "--source", open, "--out", out)
	if code != exitOK || strings.Count(stdout, "\n") != 2 || !strings.Contains(stdout, privateLine+filepath.Join(out, "facilitator")+": to publish, build with --only attendee, or lock it") {
		t.Errorf("an unlocked build: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "build", "--source", open, "--out", out, "--only", "attendee")
	if code != exitOK || strings.Contains(stdout, privateLine) {
		t.Errorf("an attendee-only build: exit %d\n%s", code, stdout)
	}
}

// TestServeUnlocked: lectern serve shows a locked kit's facilitator edition
// as it is, and asks for no passphrase.
func TestServeUnlocked(t *testing.T) {
	kit := lockedKit(t)
	t.Setenv(EnvPassphrase, "")
	os.Unsetenv(EnvPassphrase)
	p := startServe(t, "--source", kit, "--port", "0")
	code, body := get(t, p.url+"facilitator/intro/")
	if code != 200 || !strings.Contains(body, "SECRET-FACILITATOR-NOTE") || strings.Contains(body, "lectern-locked") {
		t.Errorf("/facilitator/intro/: %d, not the page itself:\n%.400s", code, body)
	}
	if code := p.interrupt(t); code != 0 {
		t.Errorf("exit status after Ctrl-C: %d\n%s", code, p.errors())
	}
}

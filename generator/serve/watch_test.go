package serve

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects a server's terminal output.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServer runs Run on dir with a free port until the test ends and
// returns the site's address and the terminal output.
func startServer(t testing.TB, dir string, o Options) (string, *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	o.Source, o.Stdout, o.Stderr = dir, out, out
	if o.Bind == "" {
		o.Bind = "127.0.0.1"
	}
	o.Ready = func(u string) { ready <- u }
	go func() { done <- Run(ctx, o) }()
	var url string
	select {
	case url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("Run: %v\n%s", err, out)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("the server did not start\n%s", out)
	}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("the server did not stop within 10 s of its context ending")
		}
		if t.Failed() {
			t.Logf("server output:\n%s", out)
		}
	})
	return url, out
}

// eventually polls check until it returns "" or the deadline passes.
func eventually(t testing.TB, what string, within time.Duration, check func() string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		d := check()
		if d == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v:\n%s", what, within, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWatchEqualsCold makes kitSteps on disk while a real server watches
// the kit (with fsnotify, then with --poll), and checks after every step
// that what it serves becomes what a cold build makes.
func TestWatchEqualsCold(t *testing.T) {
	for _, poll := range []bool{false, true} {
		name := "notify"
		if poll {
			name = "poll"
		}
		t.Run(name, func(t *testing.T) {
			if poll && testing.Short() {
				t.Skip("slow: polls every 300 ms")
			}
			dir := sampleKit(t)
			url, _ := startServer(t, dir, Options{Poll: poll})
			get := httpGetter(url)
			var pages []string
			for _, st := range append([]step{{name: "start", do: func(testing.TB, string) []string { return nil }}}, kitSteps...) {
				st.do(t, dir)
				c := coldBuild(t, dir)
				eventually(t, st.name, 10*time.Second, func() string { return diffServed(get, c, pages) })
				if c.files != nil {
					pages = htmlPaths(c)
				}
			}
		})
	}
}

// TestWatchNewFolderFilesBeforeWatch makes a part folder with its files in
// one go, nested folders included, so the files exist before the server can
// watch the new folder; they must not be missed.
func TestWatchNewFolderFilesBeforeWatch(t *testing.T) {
	dir := sampleKit(t)
	url, _ := startServer(t, dir, Options{})
	get := httpGetter(url)
	// Build the part elsewhere and move it in: one event for the lot.
	tmp := filepath.Join(t.TempDir(), "08-day-3")
	writeFile(t, tmp, "_index.md", "+++\ntitle = \"Day three\"\nweight = 300\n+++\n")
	writeFile(t, tmp, "01-wrap-up.md", "+++\ntitle = \"Wrap-up\"\n+++\n\nWrapping up.\n")
	writeFile(t, tmp, "02-bundle/index.md", "+++\ntitle = \"Bundled\"\n+++\n\n![dot](dot.svg)\n")
	writeFile(t, tmp, "02-bundle/dot.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	if err := os.Rename(tmp, filepath.Join(dir, "content/08-day-3")); err != nil {
		t.Fatal(err)
	}
	c := coldBuild(t, dir)
	eventually(t, "moved-in part", 10*time.Second, func() string { return diffServed(get, c, nil) })
	// A file made in the new nested folder afterwards is seen: the folder is
	// watched now.
	writeFile(t, dir, "content/08-day-3/02-bundle/index.md", "+++\ntitle = \"Bundled!\"\n+++\n\n![dot](dot.svg)\n")
	c = coldBuild(t, dir)
	eventually(t, "edit in the moved-in bundle", 10*time.Second, func() string { return diffServed(get, c, nil) })
}

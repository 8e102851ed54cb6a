package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"lectern/generator/publish"
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

// TestOneSaveOneRebuild saves a module the ways editors do, each a burst of
// several events, and checks that each save makes one rebuild: with a long
// quiet period, which a busy test machine cannot split a burst in, and with
// the default one.
func TestOneSaveOneRebuild(t *testing.T) {
	for _, quiet := range []time.Duration{300 * time.Millisecond, DefaultQuiet} {
		t.Run(quiet.String(), func(t *testing.T) { oneSaveOneRebuild(t, quiet) })
	}
}

func oneSaveOneRebuild(t *testing.T, quiet time.Duration) {
	dir := sampleKit(t)
	_, out := startServer(t, dir, Options{Quiet: quiet})
	saves := []func(){
		func() { // in place, in several writes
			s := strings.Replace(readFile(t, dir, modTask), "\n## ", "\nWritten in pieces.\n\n## ", 1)
			f, err := os.OpenFile(filepath.Join(dir, modTask), os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(s); i += 1000 {
				f.WriteString(s[i:min(len(s), i+1000)])
			}
			f.Close()
		},
		func() { // an atomic save, with a backup file as vim leaves it
			s := readFile(t, dir, modTask) + "\nSaved again.\n"
			writeFile(t, dir, modTask+"~", s)
			atomicSave(t, dir, modTask, s)
			os.Remove(filepath.Join(dir, modTask+"~"))
		},
	}
	for i, save := range saves {
		save()
		waitOutput(t, out, "rebuilt "+modTask, i+1)
		time.Sleep(time.Second)
		if n := strings.Count(out.String(), "rebuilt "); n != i+1 {
			t.Fatalf("save %d: %d rebuilds in all, want %d:\n%s", i+1, n, i+1, out)
		}
	}
}

// TestOverflow: when the system drops events, the next batch says so, and
// the builder then loads the whole kit.
func TestOverflow(t *testing.T) {
	dir := sampleKit(t)
	w, err := newWatcher(dir, 10*time.Millisecond, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan batch)
	go w.run(ctx, out)
	w.fsw.Errors <- fsnotify.ErrEventOverflow
	select {
	case b := <-out:
		if !b.overflow {
			t.Fatalf("batch %+v, want overflow", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no batch after an overflow")
	}
	bl := newBuilder(dir)
	bl.full()
	if out, _ := bl.apply(batch{overflow: true}); out.What != "the whole kit" {
		t.Errorf("after an overflow the builder rebuilt %q", out.What)
	}
}

// TestWatchLimitHint: the system's limit on watches reads as a problem of
// the machine, with the hint to use --poll.
func TestWatchLimitHint(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EMFILE} {
		err := watchError("/kit/content", fmt.Errorf("inotify_add_watch: %w", errno))
		var env *publish.EnvError
		if !errors.As(err, &env) {
			t.Errorf("%v: %T, want *publish.EnvError", errno, err)
		}
		for _, want := range []string{"cannot watch /kit/content", "lectern serve --poll", "max_user_watches"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%v: the message lacks %q:\n%v", errno, want, err)
			}
		}
	}
	if err := watchError("/kit", syscall.EACCES); !strings.Contains(err.Error(), "try --poll") {
		t.Errorf("other errors: %v", err)
	}
}

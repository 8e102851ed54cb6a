package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSummariesSayOne: a kit with one module, one worksheet and one
// warning is counted as such in every summary, not as "1 modules".
func TestSummariesSayOne(t *testing.T) {
	src := copyKit(t, "one")
	out := filepath.Join(t.TempDir(), "out")

	code, stdout, stderr := run(t, "build", "--source", src, "--out", out)
	if code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "content/01-only.md:1:1: warning: timed segments add up to 10 minutes") {
		t.Fatalf("the kit's one warning is not the expected one:\n%s", stderr)
	}
	if !regexp.MustCompile(`^built 1 module, 1 worksheet, \d+ pages, 1 warning in \S+ → `).MatchString(stdout) {
		t.Errorf("build summary: %q", stdout)
	}
	page, err := os.ReadFile(filepath.Join(out, "worksheets", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if lede := regexp.MustCompile(`<p class="lede">[^<]*`).Find(page); !bytes.Contains(lede, []byte(">1 sheet to fill in, from One of each.")) {
		t.Errorf("the worksheet pack says %q, want \"1 sheet to fill in, from One of each.\"", lede)
	}

	if code, stdout, _ := run(t, "check", "--source", src); code != exitOK || !strings.HasSuffix(stdout, "\n0 errors, 1 warning\n") {
		t.Errorf("check: exit %d, report %q; want 0 and the summary \"0 errors, 1 warning\"", code, stdout)
	}

	if got := serveFirstBuild(t, src); !regexp.MustCompile(`(?m)^built 1 module in `).MatchString(got) {
		t.Errorf("serve's first build: %q, want \"built 1 module in …\"", got)
	}

	write(t, src, "content/02-bad.md", "+++\ntitle = \"Bad\"\n+++\n\n::: sidebar\nx\n:::\n")
	if code, _, stderr := run(t, "build", "--source", src, "--out", out); code != exitKit || !strings.HasSuffix(stderr, "\n1 error; nothing was written\n") {
		t.Errorf("build with one error: exit %d\n%s\nwant 1 and \"1 error; nothing was written\"", code, stderr)
	}
}

// serveFirstBuild runs lectern serve in-process on src until it serves, then
// stops it, and returns what it printed on stdout.
func serveFirstBuild(t *testing.T, src string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"serve", "--source", src, "--port", "0"}, &stdout, &stderr) }()
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(stdout.String(), "serving ") {
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before serving\n%s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no address within 60 s\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("serve: exit %d after its context ended\n%s", code, stderr.String())
	}
	return stdout.String()
}

// syncBuffer is a bytes.Buffer that a server goroutine writes while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The serve command as a real process: the tests build the binary once.

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// TestMain removes the binary the serve tests build, once they are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

func lecternBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lectern-serve-test-")
		if err != nil {
			binErr = err
			return
		}
		binDir = dir
		binPath = filepath.Join(dir, "lectern")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = err
			binPath = string(out)
		}
	})
	if binErr != nil {
		t.Fatalf("go build: %v\n%s", binErr, binPath)
	}
	return binPath
}

// serveProcess is a running `lectern serve`.
type serveProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *strings.Builder
	mu     *sync.Mutex
	done   chan error
}

var servingLine = regexp.MustCompile(`^serving (http://[^ ]+/) `)

func startServe(t *testing.T, args ...string) *serveProcess {
	t.Helper()
	cmd := exec.Command(lecternBinary(t), append([]string{"serve"}, args...)...)
	stdout, _ := cmd.StdoutPipe()
	p := &serveProcess{cmd: cmd, stderr: &strings.Builder{}, mu: &sync.Mutex{}, done: make(chan error, 1)}
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		b, _ := io.ReadAll(stderr)
		p.mu.Lock()
		p.stderr.Write(b)
		p.mu.Unlock()
	}()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	select {
	case p.url = <-urls:
	case err := <-p.done:
		t.Fatalf("lectern serve exited: %v\n%s", err, p.errors())
	case <-time.After(60 * time.Second):
		t.Fatalf("lectern serve printed no address\n%s", p.errors())
	}
	return p
}

func (p *serveProcess) errors() string {
	time.Sleep(50 * time.Millisecond)
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// interrupt sends Ctrl-C and returns the exit status.
func (p *serveProcess) interrupt(t *testing.T) int {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		t.Fatal("lectern serve did not stop within 10 s of Ctrl-C")
	}
	return p.cmd.ProcessState.ExitCode()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	kit := copyKit(t, "basic")
	before := snapshot(t, kit)
	p := startServe(t, "--source", kit, "--port", "0")
	if !strings.HasPrefix(p.url, "http://127.0.0.1:") {
		t.Errorf("serving %s, want 127.0.0.1 by default", p.url)
	}
	for _, path := range []string{"", "facilitator/", "handout/", "facilitator/agenda/", "assets/style.css"} {
		if code, _ := get(t, p.url+path); code != 200 {
			t.Errorf("/%s: %d", path, code)
		}
	}
	// A save shows, and nothing is written into the kit or beside it.
	mod := filepath.Join(kit, "content", "02-day-2", "05-feedback.md")
	src, _ := os.ReadFile(mod)
	if err := os.WriteFile(mod, append(src, []byte("\n\nServed from memory.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := get(t, p.url+"handout/")
		if strings.Contains(body, "Served from memory.") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the edit did not show within 10 s\n%s", p.errors())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code := p.interrupt(t); code != 0 {
		t.Errorf("exit status after Ctrl-C: %d, want 0\n%s", code, p.errors())
	}
	after := snapshot(t, kit)
	rel, _ := filepath.Rel(kit, mod)
	delete(after, rel)
	delete(before, rel)
	if len(after) != len(before) {
		t.Errorf("the kit has %d files after serving, %d before", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed while serving", k)
		}
	}
}

func TestServePoll(t *testing.T) {
	kit := copyKit(t, "basic")
	p := startServe(t, "--source", kit, "--port", "0", "--poll")
	idx := filepath.Join(kit, "content", "_index.md")
	src, _ := os.ReadFile(idx)
	os.WriteFile(idx, append(src, []byte("\n\nPolled.\n")...), 0o644)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, body := get(t, p.url); strings.Contains(body, "Polled.") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the edit did not show within 10 s with --poll\n%s", p.errors())
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.interrupt(t)
}

func TestServeErrors(t *testing.T) {
	kit := copyKit(t, "basic")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--source", kit, "--port", port}, exitEnv, "port " + port + " on 127.0.0.1 is in use"},
		{[]string{"--source", t.TempDir(), "--port", "0"}, exitKit, "site.toml: error: no site.toml"},
		{[]string{"--source", kit, "--port", "70000"}, exitUsage, "--port must be a port number"},
		{[]string{"--source", kit, "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"--source", kit, "extra"}, exitUsage, `unexpected argument "extra"`},
	} {
		code, _, stderr := run(t, append([]string{"serve"}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("serve %v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.msg)
		}
	}
}

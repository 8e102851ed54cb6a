package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"lectern/generator/diag"
	"lectern/generator/publish"
)

func TestPaths(t *testing.T) {
	dir := sampleKit(t)
	writeFile(t, dir, "static/files/notes.txt", "notes")
	url, _ := startServer(t, dir, Options{})
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		method, path string
		code         int
		location     string
	}{
		{"GET", "/", 200, ""},
		{"GET", "/index.html", 200, ""},
		{"GET", "/task-vs-people/", 200, ""},
		{"GET", "/task-vs-people/index.html", 200, ""},
		{"GET", "/task-vs-people", http.StatusFound, "/task-vs-people/"},
		{"GET", "/facilitator/", 200, ""},
		{"GET", "/facilitator/agenda/", 200, ""},
		{"GET", "/handout/", 200, ""},
		{"GET", "/assets/style.css", 200, ""},
		{"GET", "/assets/style.css?lectern=123", 200, ""},
		{"GET", "/files/notes.txt", 200, ""},
		{"HEAD", "/", 200, ""},
		{"POST", "/", http.StatusMethodNotAllowed, ""},
		{"GET", "/no-such-page/", 404, ""},
		{"GET", "/no-such-file.png", 404, ""},
		// Nothing outside the built site, whatever the URL.
		{"GET", "/site.toml", 404, ""},
		{"GET", "/content/02-task-vs-people.md", 404, ""},
		{"GET", "/static/files/notes.txt", 404, ""},
		{"GET", "/../../../../etc/passwd", 400, ""},
		{"GET", "/assets/../../site.toml", 400, ""},
		{"GET", "/%2e%2e/%2e%2e/etc/passwd", 400, ""},
		{"GET", "/assets%2f..%2f..%2fsite.toml", 400, ""},
		{"GET", "/assets%2F..%2F..%2Fsite.toml", 400, ""},
		{"GET", "/..%5c..%5csite.toml", 400, ""},
		{"GET", "/assets/.%2e/.%2e/site.toml", 400, ""},
		{"GET", "/assets//style.css", 400, ""},
		{"GET", "/.lectern/../site.toml", 400, ""},
		{"GET", "/index.html%00.css", 400, ""},
		{"GET", "/%252e%252e/site.toml", 404, ""},
	} {
		req, err := http.NewRequest(tc.method, strings.TrimSuffix(url, "/")+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Send the path exactly as written: no cleaning on the way.
		req.URL.Opaque = tc.path
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.method, tc.path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, resp.StatusCode, tc.code)
		}
		if tc.location != "" && resp.Header.Get("Location") != tc.location {
			t.Errorf("%s %s: Location %q, want %q", tc.method, tc.path, resp.Header.Get("Location"), tc.location)
		}
	}
}

func TestSitePath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                 "index.html",
		"/x/":               "x/index.html",
		"/x/y.css":          "x/y.css",
		"/caf%C3%A9/":       "café/index.html",
		"/a%20b/index.html": "a b/index.html",
		"/..":               "",
		"/a/../b":           "",
		"/a/./b":            "",
		"/%2e%2e/":          "",
		"/a%2fb":            "",
		"/a%5Cb":            "",
		"/a\\b":             "",
		"//etc/passwd":      "",
		"x":                 "",
		"/a%0ab":            "",
		"/%zz":              "",
	} {
		got, ok := sitePath(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("sitePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRunErrors(t *testing.T) {
	dir := sampleKit(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	err = Run(context.Background(), Options{Source: dir, Port: port})
	var env *publish.EnvError
	if !errors.As(err, &env) || !strings.Contains(err.Error(), fmt.Sprintf("port %d on 127.0.0.1 is in use", port)) {
		t.Errorf("port in use: %v", err)
	}
	err = Run(context.Background(), Options{Source: t.TempDir()})
	var l diag.List
	if !errors.As(err, &l) || !strings.Contains(err.Error(), "no site.toml") {
		t.Errorf("not a kit: %v", err)
	}
}

// stream is a tab's event stream, read by a test.
type stream struct {
	events chan string // "reload" or "css [...]"
	cancel context.CancelFunc
}

var scriptArgs = regexp.MustCompile(`\("([0-9a-f]+)","([0-9a-f]+)","([0-9a-f]+)"\);</script>`)

// openStream loads the page at path as a tab would and listens to its
// event stream.
func openStream(t *testing.T, base, path string) *stream {
	t.Helper()
	code, body := httpGetter(base)(path)
	m := scriptArgs.FindSubmatch(body)
	if code != 200 || m == nil {
		t.Fatalf("%s: %d, no reload script", path, code)
	}
	return openStreamAs(t, base, path, string(m[1]), string(m[2]), string(m[3]))
}

func openStreamAs(t *testing.T, base, path, version, files, server string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	u := fmt.Sprintf("%s.lectern/events?path=%s&v=%s&f=%s&s=%s", base, path, version, files, server)
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &stream{events: make(chan string, 16), cancel: cancel}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event != "":
				if d := strings.TrimPrefix(line, "data: "); d != "" {
					event += " " + d
				}
			case line == "" && event != "":
				s.events <- event
				event = ""
			}
		}
	}()
	return s
}

// expect waits for an event that starts with want.
func (s *stream) expect(t *testing.T, want string) {
	t.Helper()
	select {
	case got := <-s.events:
		if !strings.HasPrefix(got, want) {
			t.Fatalf("event %q, want %q", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no %q event within 10 s", want)
	}
}

func (s *stream) expectNone(t *testing.T, within time.Duration) {
	t.Helper()
	select {
	case got := <-s.events:
		t.Fatalf("event %q, want none", got)
	case <-time.After(within):
	}
}

// waitOutput waits until the server's terminal output holds n copies of s.
func waitOutput(t *testing.T, out *lockedBuffer, s string, n int) {
	t.Helper()
	eventually(t, "output "+s, 10*time.Second, func() string {
		if strings.Count(out.String(), s) >= n {
			return ""
		}
		return out.String()
	})
}

func TestEvents(t *testing.T) {
	dir := sampleKit(t)
	writeFile(t, dir, "themes/mine/assets/style.css", "body { color: #123; }\n")
	editFile(t, dir, "site.toml", "title = ", "theme = \"mine\"\ntitle = ")
	url, out := startServer(t, dir, Options{})

	task := openStream(t, url, "/task-vs-people/")
	home := openStream(t, url, "/")
	fac := openStream(t, url, "/facilitator/task-vs-people/index.html")

	// Another module's body: these pages did not change, no event.
	editFile(t, dir, modCheck, "\n## ", "\nAnother paragraph.\n\n## ")
	waitOutput(t, out, "rebuilt "+modCheck, 1)
	task.expectNone(t, 300*time.Millisecond)
	home.expectNone(t, 0)

	// This module's body: both editions of its page reload, the home page
	// does not.
	editFile(t, dir, modTask, "## Two kinds of work\n", "## Two kinds of work\n\nNew.\n")
	task.expect(t, "reload")
	fac.expect(t, "reload")
	home.expectNone(t, 300*time.Millisecond)

	// Its title: the home page lists it, so it reloads too.
	home = openStream(t, url, "/")
	editFile(t, dir, modTask, `title = "`, `title = "Now: `)
	home.expect(t, "reload")

	// A stylesheet only: swap, no reload.
	home = openStream(t, url, "/")
	writeFile(t, dir, "themes/mine/assets/style.css", "body { color: #456; }\n")
	home.expect(t, `css {"paths":["/assets/style.css"],"files":"`)

	// A tab showing an older page, older files, or from an earlier server,
	// reloads at once; an up-to-date one does not.
	m := scriptArgs.FindSubmatch(mustGet(t, url, "/"))
	v, f, id := string(m[1]), string(m[2]), string(m[3])
	openStreamAs(t, url, "/", "0000", f, id).expect(t, "reload")
	openStreamAs(t, url, "/", v, "0000", id).expect(t, "reload")
	openStreamAs(t, url, "/", v, f, "0000").expect(t, "reload")
	openStreamAs(t, url, "/", v, f, id).expectNone(t, 200*time.Millisecond)

	// Many tabs at once.
	var tabs []*stream
	for _, p := range []string{"/", "/task-vs-people/", "/staff-voices/", "/facilitator/agenda/", "/handout/", "/facilitator/guide/", "/quotes/", "/worksheets/"} {
		tabs = append(tabs, openStream(t, url, p))
		tabs = append(tabs, openStream(t, url, p))
	}
	editFile(t, dir, modVoice, `title = "`, `title = "Voices: `) // in every page's navigation
	for _, s := range tabs {
		s.expect(t, "reload")
	}
}

func mustGet(t *testing.T, base, path string) []byte {
	t.Helper()
	code, body := httpGetter(base)(path)
	if code != 200 {
		t.Fatalf("%s: %d", path, code)
	}
	return body
}

func TestErrorPage(t *testing.T) {
	dir := sampleKit(t)
	url, out := startServer(t, dir, Options{})
	get := httpGetter(url)
	editFile(t, dir, modTask, "## Two kinds of work\n", "## Two kinds of work\n\n:::\tnosuchblock\nText.\n:::\n")
	var body []byte
	eventually(t, "error page", 10*time.Second, func() string {
		var code int
		code, body = get("/task-vs-people/")
		if code != 500 {
			return fmt.Sprint(code)
		}
		return ""
	})
	page := string(body)
	line := strings.Count(readFile(t, dir, modTask)[:strings.Index(readFile(t, dir, modTask), ":::\tnosuch")], "\n") + 1
	want := fmt.Sprintf("%s:%d:", modTask, line)
	for _, s := range []string{want, `<span class="sev">error:</span> unknown block &#34;nosuchblock&#34;`,
		`<span class="at">n</span>`, `<span class="caret" aria-hidden="true">`, "data-lectern-serve"} {
		if !strings.Contains(page, s) {
			t.Errorf("error page lacks %q:\n%s", s, page)
		}
	}
	// The caret keeps the tab before the column.
	if !regexp.MustCompile(`class="caret"[^>]*><span class="ln">\s+</span>   \t\^`).MatchString(page) {
		t.Errorf("caret not under the column:\n%s", page)
	}
	// The terminal shows the same problem.
	if !strings.Contains(out.String(), want) {
		t.Errorf("terminal lacks %q:\n%s", want, out)
	}
	// Every page shows it; assets still load.
	if code, b := get("/facilitator/agenda/"); code != 500 || !strings.Contains(string(b), want) {
		t.Errorf("agenda: %d", code)
	}
	if code, _ := get("/assets/style.css"); code != 200 {
		t.Errorf("style.css: %d", code)
	}
	editFile(t, dir, modTask, ":::\tnosuchblock", "::: note")
	eventually(t, "page back", 10*time.Second, func() string {
		if code, _ := get("/task-vs-people/"); code != 200 {
			return fmt.Sprint(code)
		}
		return ""
	})
}

// TestStartBroken starts the server on a kit with an error: every page is
// the error page, nothing else is served, and the first good save brings the
// site.
func TestStartBroken(t *testing.T) {
	dir := sampleKit(t)
	editFile(t, dir, modVoice, "+++\n", "+++\ncolour = \"red\"\n")
	url, _ := startServer(t, dir, Options{})
	get := httpGetter(url)
	for _, p := range []string{"/", "/staff-voices/", "/no/such/page.html"} {
		if code, body := get(p); code != 500 || !strings.Contains(string(body), modVoice+":2:1: ") {
			t.Errorf("%s: %d\n%s", p, code, body)
		}
	}
	if code, _ := get("/assets/style.css"); code != 500 && code != 404 {
		t.Errorf("style.css with no good build yet: %d", code)
	}
	editFile(t, dir, modVoice, "colour = \"red\"\n", "")
	c := coldBuild(t, dir)
	eventually(t, "fixed", 10*time.Second, func() string { return diffServed(get, c, nil) })
}

func TestLocalOnly(t *testing.T) {
	dir := sampleKit(t)
	url, _ := startServer(t, dir, Options{})
	for host, want := range map[string]int{
		"":                  200, // the address the client dialled
		"localhost:8080":    200,
		"app.localhost":     200,
		"127.0.0.1:8080":    200,
		"[::1]:8080":        200,
		"192.168.1.20:8080": 200,
		"evil.example:8080": 403,
		"evil.example":      403,
	} {
		req, _ := http.NewRequest("GET", url, nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

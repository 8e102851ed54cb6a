// Command lectern-reloadbench measures how long a save takes to show in the
// browser: on a generated kit (2,000 modules by default) it starts
// `lectern serve` and, when Hugo is installed, `hugo server` on the same
// Markdown, opens a module page of each in headless Chromium, and then, run
// after run, appends a unique marker to that module's file and times the
// moment the marker is in the page. The runs alternate between the two
// servers; it prints the medians and their ratio as a small table.
//
// Run it from the repository:
//
//	go run ./cmd/lectern-reloadbench [-modules 2000] [-runs 20] [-hugo hugo]
//
// How the time is taken: a script added to every document the tab loads
// (before the page's own scripts) watches the page with a MutationObserver
// for the marker the benchmark left in sessionStorage; when the marker is
// there it waits for the next animation frame, the frame that shows it, and
// records performance.timeOrigin + performance.now(), a wall-clock time in
// milliseconds. The benchmark notes the wall-clock time just before it
// writes the file; the difference is the latency. Both clocks are the
// machine's; the benchmark measures their offset before every run (one
// round trip to the page) and corrects for it.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func main() {
	modules := flag.Int("modules", 2000, "modules in the generated kit")
	parts := flag.Int("parts", 20, "parts the modules are split into")
	runs := flag.Int("runs", 20, "saves timed for each server")
	hugoBin := flag.String("hugo", "hugo", `the Hugo to compare with ("" to skip; skipped when not found)`)
	chromiumBin := flag.String("chromium", "", "the Chromium to use (default: chromium, chromium-browser or google-chrome on PATH)")
	keep := flag.Bool("keep", false, "keep the generated kits and the built binary")
	flag.StringVar(&lecternBin, "lectern", "", "a lectern binary to time instead of building one from this repository")
	flag.BoolVar(&verbose, "v", false, "print the servers' output at the end")
	nice := flag.Int("nice", 0, "run everything at this nice value (e.g. -10, needs root): isolates the timing from other work on a shared machine, for both servers and the browser alike")
	flag.Parse()
	if *nice != 0 {
		// Children (the servers, Chromium) inherit it.
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, 0, *nice); err != nil {
			fmt.Fprintln(os.Stderr, "lectern-reloadbench: -nice:", err)
			os.Exit(1)
		}
		niceness = *nice
	}
	if err := run(*modules, *parts, *runs, *hugoBin, *chromiumBin, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "lectern-reloadbench:", err)
		os.Exit(1)
	}
}

var (
	lecternBin string
	verbose    bool
	niceness   int
)

// server is one dev server under test.
type server struct {
	name   string
	cmd    *exec.Cmd
	url    string // the module page
	file   string // the module's Markdown file
	tab    context.Context
	times  []float64 // milliseconds, one per run
	output *tail
}

func run(modules, parts, runs int, hugoBin, chromiumBin string, keep bool) error {
	work, err := os.MkdirTemp("", "lectern-reloadbench-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("work folder:", work)
	} else {
		defer os.RemoveAll(work)
	}
	kitDir, hugoDir := filepath.Join(work, "kit"), filepath.Join(work, "hugo")
	bin := filepath.Join(work, "lectern")
	step("generating a %d-module kit and building lectern", modules)
	gen := func(dir string, extra ...string) error {
		args := append([]string{"run", "lectern/generator/internal/kitgen/cmd/kitgen", "-dir", dir,
			"-modules", strconv.Itoa(modules), "-parts", strconv.Itoa(parts)}, extra...)
		return runCmd("go", args...)
	}
	if err := gen(kitDir); err != nil {
		return err
	}
	if lecternBin != "" {
		bin = lecternBin
	} else if err := runCmd("go", "build", "-o", bin, "lectern/cmd/lectern"); err != nil {
		return err
	}
	if hugoBin != "" {
		if p, err := exec.LookPath(hugoBin); err != nil {
			fmt.Printf("(%s not found: timing lectern only)\n", hugoBin)
			hugoBin = ""
		} else {
			hugoBin = p
			if err := gen(hugoDir, "-hugo"); err != nil {
				return err
			}
		}
	}

	// The module in the middle of the kit.
	target := fmt.Sprintf("-module-%d.md", modules/2)
	var rel string
	filepath.WalkDir(filepath.Join(kitDir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, target) {
			rel, _ = filepath.Rel(kitDir, p)
		}
		return nil
	})
	if rel == "" {
		return fmt.Errorf("no module file ending in %s", target)
	}
	numPrefix := regexp.MustCompile(`^[0-9]+-`)
	var lecternPath, hugoPath []string
	for _, seg := range strings.Split(strings.TrimSuffix(filepath.ToSlash(rel), ".md"), "/")[1:] {
		lecternPath = append(lecternPath, numPrefix.ReplaceAllString(seg, ""))
		hugoPath = append(hugoPath, strings.ToLower(seg))
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var servers []*server

	step("starting lectern serve (first build of %d modules)", modules)
	start := time.Now()
	ls, err := startServer(ctx, "lectern serve", bin, []string{"serve", "--source", kitDir, "--port", "0"},
		regexp.MustCompile(`serving (http://\S+/) `), 60*time.Second)
	if err != nil {
		return err
	}
	defer stop(ls)
	ls.url += strings.Join(lecternPath, "/") + "/"
	ls.file = filepath.Join(kitDir, rel)
	fmt.Printf("  ready in %s at %s\n", time.Since(start).Round(time.Millisecond), ls.url)
	servers = append(servers, ls)

	if hugoBin != "" {
		port, err := freePort()
		if err != nil {
			return err
		}
		step("starting hugo server (first build of %d pages)", modules)
		start := time.Now()
		hs, err := startServer(ctx, "hugo server", hugoBin, []string{"server", "--source", hugoDir, "--bind", "127.0.0.1", "--port", strconv.Itoa(port)},
			regexp.MustCompile(`Web Server is available at (?:http:)?//(\S+/)`), 120*time.Second)
		if err != nil {
			return err
		}
		defer stop(hs)
		hs.url = "http://" + hs.url + strings.Join(hugoPath, "/") + "/"
		hs.file = filepath.Join(hugoDir, rel)
		fmt.Printf("  ready in %s at %s\n", time.Since(start).Round(time.Millisecond), hs.url)
		servers = append(servers, hs)
	}

	step("opening the pages in headless Chromium")
	browser, stopBrowser, err := startChromium(ctx, chromiumBin)
	if err != nil {
		return err
	}
	defer stopBrowser()
	for i, s := range servers {
		tab := browser
		if i > 0 {
			var cancelTab context.CancelFunc
			tab, cancelTab = chromedp.NewContext(browser)
			defer cancelTab()
		}
		if err := chromedp.Do(tab); err != nil {
			return err
		}
		if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchScript}); err != nil {
			return err
		}
		if err := chromedp.Do(withTimeout(tab, 60*time.Second), chromedp.Navigate(s.url)); err != nil {
			return fmt.Errorf("%s: opening %s: %w", s.name, s.url, err)
		}
		if title, err := chromedp.Run(withTimeout(tab, 5*time.Second), chromedp.Evaluate[string]("document.title")); err != nil {
			return err
		} else if strings.HasPrefix(title, "404") || strings.Contains(title, "Not found") {
			return fmt.Errorf("%s: %s: %s", s.name, s.url, title)
		}
		s.tab = tab
	}

	step("timing %d saves on each server, alternating", runs)
	time.Sleep(time.Second) // let the first builds' after-work settle
	for i := range runs {
		for _, s := range servers {
			ms, err := measure(s, fmt.Sprintf("RELOADBENCH-%d-%d-%d", i, time.Now().UnixNano()%1e9, len(s.times)))
			if err != nil {
				return fmt.Errorf("%s, run %d: %w\n%s", s.name, i+1, err, s.output)
			}
			s.times = append(s.times, ms)
			fmt.Printf("  %-13s run %2d: %6.1f ms\n", s.name, i+1, ms)
			if verbose {
				// Where the browser's share went, from the reload's start.
				phases, _ := chromedp.Run(withTimeout(s.tab, 2*time.Second), chromedp.Evaluate[string](phasesJS))
				fmt.Println("      in the browser:", phases)
			}
			time.Sleep(400 * time.Millisecond) // let the server settle between runs
		}
	}

	fmt.Printf("\nSave-to-visible latency in headless Chromium: %d-module kit (%d parts), %d saves each, %d CPUs, nice %d, %s\n",
		modules, parts, runs, runtime.NumCPU(), niceness, time.Now().Format("2006-01-02 15:04"))
	fmt.Printf("Other work on the machine meanwhile: %s\n\n", machineLoad())
	fmt.Printf("| server        | median   | min      | p90      | max      |\n")
	fmt.Printf("|---------------|----------|----------|----------|----------|\n")
	for _, s := range servers {
		q := sortedCopy(s.times)
		p90 := q[int(math.Ceil(0.9*float64(len(q))))-1]
		fmt.Printf("| %-13s | %5.0f ms | %5.0f ms | %5.0f ms | %5.0f ms |\n", s.name, median(q), q[0], p90, q[len(q)-1])
	}
	if len(servers) == 2 {
		fmt.Printf("\nhugo server / lectern serve (medians): %.1f×\n", median(sortedCopy(servers[1].times))/median(sortedCopy(servers[0].times)))
	}
	if verbose {
		for _, s := range servers {
			fmt.Printf("\n%s output (last lines):\n%s\n", s.name, s.output)
		}
	}
	return nil
}

// watchScript runs in every document the tabs load, before the page's own
// scripts: it records when the marker the benchmark is waiting for first
// shows.
const watchScript = `(function () {
  var marker = sessionStorage.getItem("rb-marker");
  if (!marker || sessionStorage.getItem("rb-seen")) return;
  var done = false;
  function check() {
    if (done || !document.body || document.body.textContent.indexOf(marker) < 0) return;
    done = true;
    requestAnimationFrame(function () {
      sessionStorage.setItem("rb-seen", String(performance.timeOrigin + performance.now()));
    });
  }
  new MutationObserver(check).observe(document, {childList: true, subtree: true, characterData: true});
  document.addEventListener("DOMContentLoaded", check);
})();`

// phasesJS describes the page's last load: when the request went out, the
// response ended, the stylesheets and scripts were fetched, and the marker
// showed, in milliseconds from the start of the navigation. A page updated
// in place still has its first load's navigation entry, which says nothing
// of this save: measure notes the document's timeOrigin to tell them apart.
const phasesJS = `(function () {
  if (String(performance.timeOrigin) === sessionStorage.getItem("rb-origin"))
    return "updated in place, not reloaded";
  var n = performance.getEntriesByType("navigation")[0];
  if (!n) return "no navigation entry";
  var ms = function (x) { return (x - n.startTime).toFixed(0); };
  var res = performance.getEntriesByType("resource").filter(function (r) { return /\.(css|js)$/.test(new URL(r.name).pathname); });
  var first = Math.min.apply(null, res.map(function (r) { return r.startTime; }));
  var last = Math.max.apply(null, res.map(function (r) { return r.responseEnd; }));
  return "request " + ms(n.requestStart) + ", response end " + ms(n.responseEnd) +
    (res.length ? ", css+js " + ms(first) + "–" + ms(last) : "") +
    ", marker shown " + (Number(sessionStorage.getItem("rb-seen")) - performance.timeOrigin).toFixed(0) + " ms";
})()`

// measure appends marker to the server's module and returns the
// milliseconds until the tab shows it.
func measure(s *server, marker string) (float64, error) {
	setup := fmt.Sprintf(`sessionStorage.setItem("rb-marker", %q); sessionStorage.removeItem("rb-seen");
sessionStorage.setItem("rb-origin", String(performance.timeOrigin));
new MutationObserver(function () {
  if (!sessionStorage.getItem("rb-seen") && document.body.textContent.indexOf(%q) >= 0)
    requestAnimationFrame(function () { sessionStorage.setItem("rb-seen", String(performance.timeOrigin + performance.now())); });
}).observe(document, {childList: true, subtree: true, characterData: true}); true`, marker, marker)
	if _, err := chromedp.Run(withTimeout(s.tab, 5*time.Second), chromedp.Evaluate[bool](setup)); err != nil {
		return 0, err
	}
	// The page's clock against ours, halfway through a round trip.
	before := time.Now()
	pageNow, err := chromedp.Run(withTimeout(s.tab, 5*time.Second), chromedp.Evaluate[float64]("performance.timeOrigin + performance.now()"))
	if err != nil {
		return 0, err
	}
	after := time.Now()
	offset := pageNow - msSinceEpoch(before.Add(after.Sub(before)/2))

	f, err := os.OpenFile(s.file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	wrote := time.Now()
	if _, err := fmt.Fprintf(f, "\n\n%s\n", marker); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		seen, err := chromedp.Run(withTimeout(s.tab, 2*time.Second), chromedp.Evaluate[string](`sessionStorage.getItem("rb-seen") || ""`))
		if err != nil || seen == "" {
			continue // reloading
		}
		t, err := strconv.ParseFloat(seen, 64)
		if err != nil {
			return 0, err
		}
		return t - offset - msSinceEpoch(wrote), nil
	}
	return 0, errors.New("the marker did not show within 15 s")
}

// machineLoad describes how busy the machine was: the load average and, on
// Linux with pressure stall information, the share of the last minute in
// which some task waited for a CPU.
func machineLoad() string {
	var out []string
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		out = append(out, "load average "+strings.Join(strings.Fields(string(b))[:3], " "))
	}
	if b, err := os.ReadFile("/proc/pressure/cpu"); err == nil {
		for _, f := range strings.Fields(strings.SplitN(string(b), "\n", 2)[0]) {
			if v, ok := strings.CutPrefix(f, "avg60="); ok {
				out = append(out, "CPU pressure "+v+"% over the last minute")
			}
		}
	}
	if len(out) == 0 {
		return "unknown"
	}
	return strings.Join(out, ", ")
}

func msSinceEpoch(t time.Time) float64 { return float64(t.UnixNano()) / 1e6 }

func withTimeout(ctx context.Context, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(ctx, d)
	time.AfterFunc(d, cancel)
	return ctx
}

func startServer(ctx context.Context, name, bin string, args []string, ready *regexp.Regexp, within time.Duration) (*server, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	out := &tail{}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = io.MultiWriter(pw, out), out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := ready.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case urls <- m[1]:
				default:
				}
			}
		}
	}()
	go func() { cmd.Wait(); pw.Close() }()
	s := &server{name: name, cmd: cmd, output: out}
	select {
	case s.url = <-urls:
		return s, nil
	case <-time.After(within):
		stop(s)
		return nil, fmt.Errorf("%s did not start within %v:\n%s", name, within, out)
	}
}

func stop(s *server) {
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
	}
}

func startChromium(ctx context.Context, explicit string) (context.Context, func(), error) {
	path := explicit
	if path == "" {
		for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(n); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		return nil, nil, errors.New("no Chromium found: install it (Debian: apt-get install chromium) or pass -chromium PATH")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.Headless,
		chromedp.Flag("disable-gpu", true), chromedp.NoFirstRun, chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelB()
		cancelA()
		return nil, nil, err
	}
	return bctx, func() { cancelB(); cancelA() }, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func runCmd(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

func step(format string, args ...any) { fmt.Printf("• "+format+"\n", args...) }

func sortedCopy(x []float64) []float64 {
	q := append([]float64(nil), x...)
	sort.Float64s(q)
	return q
}

func median(q []float64) float64 {
	n := len(q)
	if n%2 == 1 {
		return q[n/2]
	}
	return (q[n/2-1] + q[n/2]) / 2
}

// tail keeps the last lines a server printed, for error messages.
type tail struct {
	mu    sync.Mutex
	lines []string
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		t.lines = append(t.lines, l)
		if len(t.lines) > 400 {
			t.lines = t.lines[1:]
		}
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}

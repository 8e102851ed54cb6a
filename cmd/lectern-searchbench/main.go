// Command lectern-searchbench measures the attendee search of generated
// kits in headless Chromium, and Pagefind's search of the same pages when
// the pagefind npm package is installed.
//
// For each kit size it writes a kit with the kitgen command (a part every
// 25 modules), builds its attendee edition, and reports:
//
//   - index bytes: every file of the index (Lectern: the manifest, word
//     shards and page files; Pagefind: its whole bundle);
//   - first-query bytes: what one query of a fixed set loads in a fresh
//     tab, from the manifest to the files of the results shown (Lectern:
//     from file://, the shown ten and five more whose nearness is weighed;
//     Pagefind: from a web server on 127.0.0.1, its script, WebAssembly,
//     metadata, index chunks and the fragments of the first ten results);
//   - query time: from the query to the results, in that fresh tab
//     (Lectern: typed into the search box, until the list is shown;
//     Pagefind: its JavaScript API, init to the ten results' data); and
//     for Lectern the time from the word shards' arrival to the list.
//
// Pagefind indexes what Lectern does: the home, part and module pages
// (hard links in a folder of their own), each page's <article>.
//
//	go run ./cmd/lectern-searchbench                  # 500, 2000 and 8000 modules
//	go run ./cmd/lectern-searchbench -modules 2000 -pagefind ""
//
// No figure is asserted: the command reports, it does not judge.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"lectern/generator/publish"
	"lectern/generator/render"
)

// queries are the fixed set: words and phrases of kitgen's text, common
// and rare, one word and two.
var queries = []string{"decisions", "quiet voices", "deadline", "gallery walk", "honest answer", "naive assumption", "supervisor", "feedback"}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lectern-searchbench:", err)
		os.Exit(1)
	}
}

type options struct {
	sizes    []int
	dir      string
	pagefind string
	chromium string
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("lectern-searchbench", flag.ContinueOnError)
	var o options
	sizes := flags.String("modules", "500,2000,8000", "kit sizes in modules, comma-separated")
	flags.StringVar(&o.dir, "dir", "", "work folder for the kits and outputs (default: a new temporary folder, removed after)")
	flags.StringVar(&o.pagefind, "pagefind", defaultPagefind(), `the pagefind binary ("" to leave Pagefind out)`)
	flags.StringVar(&o.chromium, "chromium", "", "Chromium binary (default: chromium or google-chrome on PATH)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-modules: %q is not a number of modules", s)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.dir == "" {
		d, err := os.MkdirTemp("", "lectern-searchbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		o.dir = d
	}
	if o.chromium == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				o.chromium = p
				break
			}
		}
		if o.chromium == "" {
			return errors.New("no Chromium on PATH: give one with -chromium")
		}
	}
	if o.pagefind == "" {
		fmt.Fprintln(stdout, "Pagefind: not installed (npm install --prefix /opt/lectern-npm pagefind), or left out: Lectern's figures only.")
	}

	kitgen := filepath.Join(o.dir, "kitgen")
	if out, err := exec.Command("go", "build", "-o", kitgen, "lectern/generator/internal/kitgen/cmd/kitgen").CombinedOutput(); err != nil {
		return fmt.Errorf("building kitgen: %v\n%s", err, out)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(o.chromium), chromedp.Headless,
		chromedp.Flag("disable-gpu", true), chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		return fmt.Errorf("starting Chromium: %v", err)
	}

	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "modules\ttool\tindex bytes\tfiles\tfirst query bytes (median)\t(max)\tquery ms (median)\t(max)\tshards → list ms (median)\t(max)\t")
	for _, n := range o.sizes {
		kit := filepath.Join(o.dir, "kit-"+strconv.Itoa(n))
		out := filepath.Join(o.dir, "out-"+strconv.Itoa(n))
		if b, err := exec.Command(kitgen, "-dir", kit, "-modules", strconv.Itoa(n), "-parts", strconv.Itoa(max(1, n/25))).CombinedOutput(); err != nil {
			return fmt.Errorf("kitgen: %v\n%s", err, b)
		}
		res, diags, err := publish.Build(publish.Options{Source: kit, Out: out, Only: "attendee"})
		if err != nil {
			return fmt.Errorf("building %d modules: %v\n%v", n, err, diags)
		}
		bytes, files, err := treeSize(filepath.Join(out, "search"), func(name string) bool { return strings.HasSuffix(name, ".js") })
		if err != nil {
			return err
		}
		if st, err := os.Stat(filepath.Join(out, "assets", "search-index.js")); err == nil {
			bytes += st.Size()
			files++
		}
		var loaded, ms, after []float64
		for _, q := range queries {
			r, err := lecternQuery(bctx, out, q)
			if err != nil {
				return fmt.Errorf("%d modules, %q: %v", n, q, err)
			}
			loaded, ms, after = append(loaded, r.bytes), append(ms, r.ms), append(after, r.afterShards)
		}
		fmt.Fprintf(tw, "%d\tLectern\t%d\t%d\t%.0f\t%.0f\t%.1f\t%.1f\t%.1f\t%.1f\t\n", n, bytes, files,
			median(loaded), slices.Max(loaded), median(ms), slices.Max(ms), median(after), slices.Max(after))

		if o.pagefind != "" {
			site := out + "-pagefind"
			if err := linkPages(out, site, res.Site.Pages()); err != nil {
				return err
			}
			start := time.Now()
			if b, err := exec.Command(o.pagefind, "--site", site, "--root-selector", "article", "--quiet").CombinedOutput(); err != nil {
				return fmt.Errorf("pagefind: %v\n%s", err, b)
			}
			took := time.Since(start)
			pbytes, pfiles, err := treeSize(filepath.Join(site, "pagefind"), func(string) bool { return true })
			if err != nil {
				return err
			}
			var loaded, ms []float64
			for _, q := range queries {
				r, err := pagefindQuery(bctx, site, q)
				if err != nil {
					return fmt.Errorf("Pagefind, %d modules, %q: %v", n, q, err)
				}
				loaded, ms = append(loaded, r.bytes), append(ms, r.ms)
			}
			fmt.Fprintf(tw, "%d\tPagefind (indexed in %.1f s)\t%d\t%d\t%.0f\t%.0f\t%.1f\t%.1f\t–\t–\t\n", n, took.Seconds(), pbytes, pfiles,
				median(loaded), slices.Max(loaded), median(ms), slices.Max(ms))
		}
		tw.Flush()
	}
	fmt.Fprintf(stdout, "\nqueries: %q\n", queries)
	return tw.Flush()
}

func defaultPagefind() string {
	for _, p := range []string{"/opt/lectern-npm/node_modules/.bin/pagefind"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("pagefind"); err == nil {
		return p
	}
	return ""
}

type result struct {
	bytes, ms, afterShards float64
}

// lecternQuery types q into the search box of the home page in a fresh tab
// and waits for the list.
func lecternQuery(bctx context.Context, out, q string) (result, error) {
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, "index.html"))}
	type reply struct {
		MS, After float64
		Srcs      []string
		N         int
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u.String())); err != nil {
		return result{}, err
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[reply](`(async () => {
		const box = document.querySelector(".site-search"), input = document.getElementById("search-input");
		const t0 = performance.now();
		input.value = `+strconv.Quote(q)+`;
		input.dispatchEvent(new Event("input"));
		while (box.hasAttribute("aria-busy") || (document.getElementById("search-results").hidden && document.querySelector(".search-none").hidden)) {
			await new Promise(r => setTimeout(r, 1));
		}
		const t = lecternSearch.timing;
		return {MS: performance.now() - t0, After: t.shown - t.shards, N: document.querySelectorAll("#search-results .search-result").length,
			Srcs: [...document.querySelectorAll("script[src]")].map(s => s.src).filter(s => /search-index\.js$|\/search\/[wp]\d+\.js$/.test(s))};
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return result{}, err
	}
	if r.N == 0 {
		return result{}, errors.New("no results")
	}
	var total int64
	for _, s := range r.Srcs {
		pu, err := url.Parse(s)
		if err != nil {
			return result{}, err
		}
		st, err := os.Stat(filepath.FromSlash(pu.Path))
		if err != nil {
			return result{}, err
		}
		total += st.Size()
	}
	return result{bytes: float64(total), ms: r.MS, afterShards: r.After}, nil
}

// pagefindQuery serves site on 127.0.0.1 and runs q through Pagefind's
// API in a fresh tab with the cache off.
func pagefindQuery(bctx context.Context, site, q string) (result, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(site)))
	mux.HandleFunc("/bench.html", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<!doctype html><title>bench</title>")
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()

	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	type reply struct {
		MS, Bytes float64
		N         int
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return result{}, err
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return result{}, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+ln.Addr().String()+"/bench.html")); err != nil {
		return result{}, err
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[reply](`(async () => {
			const t0 = performance.now();
			const pf = await import("/pagefind/pagefind.js");
			await pf.init();
			const s = await pf.search(`+strconv.Quote(q)+`);
			await Promise.all(s.results.slice(0, 10).map(r => r.data()));
			const ms = performance.now() - t0;
			const bytes = performance.getEntriesByType("resource").filter(e => e.name.includes("/pagefind/")).reduce((a, e) => a + e.encodedBodySize, 0);
			return {MS: ms, Bytes: bytes, N: s.results.length};
		})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return result{}, err
	}
	if r.N == 0 {
		return result{}, errors.New("no results")
	}
	return result{bytes: r.Bytes, ms: r.MS}, nil
}

// linkPages links the home, part and module pages of the attendee edition
// in out into site, with the assets, for Pagefind.
func linkPages(out, site string, pages []render.PageRef) error {
	if err := os.RemoveAll(site); err != nil {
		return err
	}
	for _, p := range pages {
		if p.Edition.String() != "attendee" || (p.Kind != "home" && p.Kind != "part" && p.Kind != "module") {
			continue
		}
		dst := filepath.Join(site, filepath.FromSlash(p.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Link(filepath.Join(out, filepath.FromSlash(p.Path)), dst); err != nil {
			return err
		}
	}
	return nil
}

// treeSize is the bytes and number of the files under dir that keep says.
func treeSize(dir string, keep func(name string) bool) (int64, int, error) {
	var total int64
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !keep(d.Name()) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		n++
		return nil
	})
	return total, n, err
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

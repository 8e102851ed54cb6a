// Package serve is Lectern's dev server. It builds a kit in memory (it
// never writes to disk), serves both editions and every aggregate page over
// HTTP, watches the kit folder and, on every save, rebuilds only what
// changed and tells each open browser tab over Server-Sent Events to reload
// (keeping its scroll position) or, when only a stylesheet changed, to swap
// the stylesheet in place. While the kit has errors, every page shows them
// with the source lines they point at; the tab recovers on the next good
// save.
//
// Start with Run. build.go decides how much a change rebuilds (the
// incremental rebuild, through the steps of a site.Assembly); watch.go turns
// file-system events into batches, one per save; server.go serves a build
// and talks to the tabs; reload.js is the script it adds to every page.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"lectern/generator/diag"
	"lectern/generator/publish"
)

// Options configure Run.
type Options struct {
	Source string // the kit folder
	Bind   string // address to listen on; default 127.0.0.1
	Port   int    // 0 picks a free port
	Poll   bool   // look for changes every 300 ms instead of asking for notifications
	// Quiet is how long the kit must stay unchanged before a rebuild, so an
	// editor's save (several events) means one rebuild; default 10 ms.
	Quiet  time.Duration
	Stdout io.Writer // the address and rebuilds
	Stderr io.Writer // problems in the kit
	// Ready, when set, is called with the site's address once it is served.
	Ready func(url string)
}

// DefaultQuiet is the default of Options.Quiet.
const DefaultQuiet = 10 * time.Millisecond

// Run builds the kit, serves it and rebuilds it on every change until ctx
// ends. It returns a *publish.EnvError when the machine is the problem (the
// port is taken, the folders cannot be watched) and a diag.List when the
// folder is not a kit; problems inside a kit are shown in the browser
// instead, and printed.
func Run(ctx context.Context, o Options) error {
	if o.Bind == "" {
		o.Bind = "127.0.0.1"
	}
	if o.Quiet <= 0 {
		o.Quiet = DefaultQuiet
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	dir, err := filepath.Abs(o.Source)
	if err != nil {
		return &publish.EnvError{Err: err}
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		var l diag.List
		l.Errorf("site.toml", 0, 0, "no site.toml in %s: is this a kit folder? (lectern new kit DIR makes one)", o.Source)
		return l
	}
	addr := net.JoinHostPort(o.Bind, strconv.Itoa(o.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return &publish.EnvError{Err: fmt.Errorf("port %d on %s is in use: stop the other server, or choose another port with --port N", o.Port, o.Bind)}
		}
		return &publish.EnvError{Err: fmt.Errorf("cannot listen on %s: %v", addr, err)}
	}
	defer ln.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	logf := func(format string, args ...any) { fmt.Fprintf(o.Stderr, format+"\n", args...) }
	// Watch first: a change made during the first build is then not missed.
	batches, err := watch(ctx, dir, o.Quiet, o.Poll, logf)
	if err != nil {
		return err
	}
	b := newBuilder(dir)
	srv := NewServer(dir)
	if ip := net.ParseIP(o.Bind); o.Bind == "localhost" || ip != nil && ip.IsLoopback() {
		srv.LocalOnly = true
	}
	rep := &reporter{out: o.Stdout, err: o.Stderr}
	first := b.full()
	rep.build(first, true)
	srv.Publish(first)

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	hs.RegisterOnShutdown(srv.Close)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(o.Stdout, "serving %s (facilitator edition: %sfacilitator/); Ctrl-C stops\n", url, url)
	if o.Ready != nil {
		o.Ready(url)
	}
	for {
		select {
		case <-ctx.Done():
			return shutdown(hs)
		case err := <-served:
			return &publish.EnvError{Err: err}
		case bt, ok := <-batches:
			if !ok {
				return shutdown(hs)
			}
			out, changed := b.apply(bt)
			if !changed {
				continue
			}
			rep.build(out, false)
			srv.Publish(out)
		}
	}
}

func shutdown(hs *http.Server) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		hs.Close()
	}
	return nil
}

// reporter prints each build to the terminal: errors every time (the kit is
// still broken), warnings when they change.
type reporter struct {
	out, err io.Writer
	warned   string
}

func (r *reporter) build(b Build, first bool) {
	var warns diag.List
	for _, d := range b.Diags {
		if d.Severity == diag.Warning {
			warns = append(warns, d)
		}
	}
	if b.Diags.HasErrors() {
		for _, d := range b.Diags {
			fmt.Fprintln(r.err, d.String())
		}
		r.warned = warns.Error()
		e, _ := b.Diags.Count()
		fmt.Fprintf(r.err, "%d %s: the browser shows %s until you save a fix\n", e, plural(e, "error"), map[bool]string{true: "it", false: "them"}[e == 1])
		return
	}
	if w := warns.Error(); w != r.warned {
		if w != "" {
			fmt.Fprintln(r.err, w)
		}
		r.warned = w
	}
	if first {
		n := len(b.Site.Kit.Modules)
		fmt.Fprintf(r.out, "built %d %s in %s\n", n, plural(n, "module"), b.Took.Round(time.Millisecond))
		return
	}
	fmt.Fprintf(r.out, "rebuilt %s in %s\n", b.What, b.Took.Round(100*time.Microsecond))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Package chromium finds a Chromium browser on this machine and starts it
// headless under chromedp, for the parts of Lectern that need a real browser:
// printing the handout, worksheet pack and facilitator guide to PDF, and the
// browser tests (rendering, clicks, print media, accessibility checks with
// axe-core).
//
// Chromium is optional for Lectern: only the PDF output and the browser tests
// need it. [Find] says what to install when it is missing. The browser tests
// start it through lectern/generator/internal/chromiumtest, which skips them
// without it.
package chromium

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"

	"github.com/chromedp/chromedp"
)

// EnvChromium is the environment variable that names the Chromium binary when
// no --chromium flag is given.
const EnvChromium = "LECTERN_CHROMIUM"

// Names are the program names that Find looks up on PATH, in order.
var Names = []string{"chromium", "chromium-browser", "google-chrome"}

// ErrNotFound is the error of Find when no Chromium is found.
var ErrNotFound = errors.New("no Chromium found: install it (Debian: apt-get install chromium) or pass --chromium PATH")

// Width and Height are the size of the browser window that NewContext opens.
const (
	Width  = 1280
	Height = 900
)

// Find returns the path of the Chromium binary to use. It takes, in order:
// explicit (the value of a --chromium flag), the environment variable
// LECTERN_CHROMIUM, and the first of chromium, chromium-browser and
// google-chrome on PATH. An explicit value or a set environment variable that
// names no executable is an error, and not a reason to look further. When
// nothing is found, the error is ErrNotFound, which says what to install.
func Find(explicit string) (string, error) {
	if explicit != "" {
		p, err := exec.LookPath(explicit)
		if err != nil {
			return "", fmt.Errorf("--chromium %s: %w", explicit, err)
		}
		return p, nil
	}
	if v := os.Getenv(EnvChromium); v != "" {
		p, err := exec.LookPath(v)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvChromium, v, err)
		}
		return p, nil
	}
	for _, name := range Names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// AllocatorOptions are the chromedp options that NewContext starts Chromium
// with: headless, --no-sandbox when running as root, no GPU, no QUIC, no
// first-run, background-networking, component-update or sync traffic (the
// machines Lectern runs on may have no network), and a window of Width x
// Height. Each browser gets a fresh temporary user-data-dir, which chromedp
// creates and removes when the browser stops.
func AllocatorOptions(execPath string) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts,
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(Width, Height),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	return opts
}

// NewContext returns a chromedp context for a new headless Chromium started
// from execPath with AllocatorOptions. The browser starts on the first
// chromedp.Run or chromedp.Do on ctx, and its life is bound to the context of
// that first call, so do not put a timeout on that call: start it with
// chromedp.Do(ctx) and derive timeouts from ctx afterwards. cancel stops the
// browser, waits for it to exit and removes its user-data-dir.
func NewContext(parent context.Context, execPath string) (ctx context.Context, cancel context.CancelFunc) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, AllocatorOptions(execPath)...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	// chromedp's cancel funcs block when called a second time on a context
	// that never started a browser; a CancelFunc must be safe to call twice.
	return ctx, sync.OnceFunc(func() {
		cancelCtx()
		cancelAlloc()
	})
}

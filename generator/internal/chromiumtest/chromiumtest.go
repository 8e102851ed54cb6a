// Package chromiumtest starts headless Chromium for the browser tests of any
// package and gives them small steps that fail the test on error. Start with
// [Context], which skips the test when Chromium is missing, or fails it when
// LECTERN_REQUIRE_BROWSER is set, as CI does; [Axe] does the same for
// axe-core.
//
// It is a package of its own so that the lectern binary, which uses
// lectern/generator/internal/chromium to print PDFs, does not link the
// testing package.
package chromiumtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lectern/generator/internal/chromium"
)

// EnvRequireBrowser, when set non-empty, makes Need, Context and Axe fail the
// test instead of skipping it when Chromium or axe-core is missing. CI sets it.
const EnvRequireBrowser = "LECTERN_REQUIRE_BROWSER"

// EnvAxe names the axe.min.js file of the npm package axe-core, for the
// accessibility tests.
const EnvAxe = "LECTERN_AXE"

// Timeout is the timeout of the context that Context returns: a guard
// against a hung browser, not a speed limit. Tests that visit every page in
// both schemes take a minute on a loaded two-core machine, so it leaves room.
const Timeout = 4 * time.Minute

const (
	msgNoChromium = "Chromium not found: install Debian's chromium to run browser tests"
	msgNoAxe      = "axe-core not found: set LECTERN_AXE to axe.min.js (npm install --prefix /opt/lectern-npm axe-core) to run accessibility tests"
)

// missing skips the test, or fails it when LECTERN_REQUIRE_BROWSER is set.
func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv(EnvRequireBrowser) != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Need returns the path of Chromium (see chromium.Find, without an explicit
// path). When there is none it skips the test, or fails it when
// LECTERN_REQUIRE_BROWSER is set.
func Need(t testing.TB) string {
	t.Helper()
	p, err := chromium.Find("")
	if err != nil {
		t.Log(err)
		missing(t, msgNoChromium)
	}
	return p
}

// Context starts a headless Chromium for the test (see Need and
// chromium.NewContext) and returns a chromedp context for its first tab, with
// a timeout of Timeout. The browser stops when the test ends.
func Context(t testing.TB) context.Context {
	t.Helper()
	path := Need(t)
	bctx, cancel := chromium.NewContext(context.Background(), path)
	t.Cleanup(cancel)

	// Start the browser on bctx itself: chromedp binds the browser's life to
	// the context of the first Run, so that one must have no timeout. Guard
	// the start with a timer instead.
	timer := time.AfterFunc(Timeout, cancel)
	err := chromedp.Do(bctx)
	if !timer.Stop() {
		t.Fatalf("Chromium %s did not start within %v", path, Timeout)
	}
	if err != nil {
		t.Fatalf("starting Chromium %s: %v", path, err)
	}

	ctx, cancelTimeout := context.WithTimeout(bctx, Timeout)
	t.Cleanup(cancelTimeout)
	return ctx
}

// Axe returns the source of axe.min.js from the file that LECTERN_AXE names.
// When the variable is unset it skips the test, or fails it when
// LECTERN_REQUIRE_BROWSER is set. A set variable naming an unreadable file
// fails the test.
func Axe(t testing.TB) string {
	t.Helper()
	p := os.Getenv(EnvAxe)
	if p == "" {
		missing(t, msgNoAxe)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%s: %v", EnvAxe, err)
	}
	return string(b)
}

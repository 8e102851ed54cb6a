package a11y_test

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"lectern/generator/internal/chromium"
	"lectern/generator/internal/chromiumtest"
	"lectern/generator/internal/kitgen"
	"lectern/generator/publish"
)

// pageTimeout bounds the work on one page. The browser itself lives for the
// whole test: a machine busy with other builds can take minutes over the
// sixty pages of TestAxe, and chromiumtest.Context's one minute is for all of a
// browser's work.
const pageTimeout = 60 * time.Second

// browser starts a headless Chromium for the test (see chromiumtest.Need) and
// returns a context for its first tab without a deadline; derive one per
// page with pageCtx.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumtest.Need(t)
	ctx, cancel := chromium.NewContext(context.Background(), path)
	t.Cleanup(cancel)
	timer := time.AfterFunc(chromiumtest.Timeout, cancel)
	err := chromedp.Do(ctx) // the browser's life is bound to this first call's context
	if !timer.Stop() {
		t.Fatalf("Chromium %s did not start within %v", path, chromiumtest.Timeout)
	}
	if err != nil {
		t.Fatalf("starting Chromium %s: %v", path, err)
	}
	// A headless tab is not the focused window, so focusing an element
	// fires no focus event; search.js loads its index on that event.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// pageCtx is ctx with pageTimeout, cancelled when the (sub)test ends.
func pageCtx(t *testing.T, ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	t.Cleanup(cancel)
	return ctx
}

// repoRoot is the sample kit: the repository root, from this package.
const repoRoot = "../../.."

// build builds the kit in src into a fresh folder and returns the result.
func build(t *testing.T, src string, drafts bool) *publish.Result {
	t.Helper()
	res, diags, err := publish.Build(publish.Options{Source: src, Out: filepath.Join(t.TempDir(), "public"), Drafts: drafts})
	if err != nil {
		t.Fatalf("building %s: %v\n%v", src, err, diags)
	}
	return res
}

// fileURL is the file:// address of the page at rel in the output out.
func fileURL(out, rel string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, filepath.FromSlash(rel)))}
	return u.String()
}

// writeFiles writes a kit from a map of slash paths to contents.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := kitgen.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// open loads a page and waits until its scripts have run.
func open(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	chromiumtest.Do(t, ctx, chromedp.Navigate(u))
	chromiumtest.WaitFor(t, ctx, `document.readyState === "complete"`)
}

func viewport(t *testing.T, ctx context.Context, width, height int64, mobile bool) {
	t.Helper()
	if mobile {
		chromiumtest.Do(t, ctx, chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulateTouch))
		return
	}
	chromiumtest.Do(t, ctx, chromedp.EmulateViewport(width, height))
}

// axeTags are the rule sets the tests hold every page to: WCAG 2.0, 2.1 and
// 2.2, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

type axeNode struct {
	Target  []any  `json:"target"`
	Summary string `json:"failureSummary"`
	HTML    string `json:"html"`
}

type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

// runAxe injects axe-core into the page (once) and returns the violations.
func runAxe(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	if !chromiumtest.Eval[bool](t, ctx, `typeof window.axe === "object"`) {
		chromiumtest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](axe))
	}
	tags := `["` + strings.Join(axeTags, `","`) + `"]`
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {runOnly: {type: "tag", values: `+tags+`}, resultTypes: ["violations"]})
		   .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
		     nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200)}))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	return vs
}

// reportAxe fails the test with every violation, each with its elements.
func reportAxe(t *testing.T, where string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: axe %s (%s): %s", where, v.ID, v.Impact, v.Help)
		for i, n := range v.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-5)
				break
			}
			fmt.Fprintf(&b, "\n    %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
		t.Error(b.String())
	}
}

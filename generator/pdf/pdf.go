// Package pdf makes the PDFs of a kit: it builds the kit (publish.Build),
// then prints the attendee handout, the worksheet pack and the facilitator
// guide from the output folder to pdf/handout.pdf, pdf/worksheets.pdf and
// pdf/facilitator-guide.pdf through headless Chromium, on the kit's paper
// (A4 or Letter), with a document outline (bookmarks) from the headings and
// the page's title as the PDF's title.
//
// The print styles do the layout (themes/default/assets/print.css); this
// package only drives the browser. The browser has a fresh profile, so the
// PDFs are blank, for handing out: no answers typed in a browser end up in
// them.
//
// Start with Build; Print does the printing alone, for an output that is
// already built.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"lectern/generator/diag"
	"lectern/generator/internal/chromium"
	"lectern/generator/publish"
)

// Doc is one PDF: the page it is printed from and the file it is printed
// to, both relative to the output folder.
type Doc struct {
	Page, File string
}

// Docs are the PDFs Lectern makes, in the order they are reported.
var Docs = []Doc{
	{Page: "handout/index.html", File: "pdf/handout.pdf"},
	{Page: "worksheets/index.html", File: "pdf/worksheets.pdf"},
	{Page: "facilitator/guide/index.html", File: "pdf/facilitator-guide.pdf"},
}

// PageTimeout bounds the loading and printing of one page.
const PageTimeout = 90 * time.Second

// Result describes a build with its PDFs.
type Result struct {
	Build *publish.Result
	// Files are the PDFs written, relative to Build.Out (e.g. "pdf/handout.pdf").
	Files    []string
	Duration time.Duration
}

// Build finds Chromium (chromiumPath, as a --chromium flag gives it; see
// chromium.Find), builds the kit as publish.Build does, and prints the PDFs
// into the output folder. Without Chromium it returns a *publish.EnvError
// that says what to install, before building anything. The diagnostics are
// those of the build.
func Build(ctx context.Context, o publish.Options, chromiumPath string) (*Result, diag.List, error) {
	start := time.Now()
	exe, err := findChromium(chromiumPath)
	if err != nil {
		return nil, nil, &publish.EnvError{Err: err}
	}
	res, diags, err := publish.Build(o)
	if err != nil {
		return nil, diags, err
	}
	var docs []Doc
	for _, d := range Docs {
		if _, err := os.Stat(filepath.Join(res.Out, filepath.FromSlash(d.Page))); err == nil {
			docs = append(docs, d) // an edition left out (Options.Only) has no page to print
		}
	}
	files, err := Print(ctx, exe, res.Out, res.Site.Kit.Config.Paper, docs)
	if err != nil {
		return nil, diags, err
	}
	return &Result{Build: res, Files: files, Duration: time.Since(start)}, diags, nil
}

// findChromium is chromium.Find with a hint on its own line when a path was
// given but names no browser (ErrNotFound already says what to install).
func findChromium(explicit string) (string, error) {
	p, err := chromium.Find(explicit)
	if err == nil || errors.Is(err, chromium.ErrNotFound) {
		return p, err
	}
	return "", fmt.Errorf("%w\nhint: install Chromium (Debian: apt-get install chromium), or give the path of an installed one with --chromium or %s", err, chromium.EnvChromium)
}

// Print prints docs from the built output folder out with the Chromium at
// exe, on paper "A4" or "Letter", and returns the files written. The files
// are listed in the output's manifest first, so that a later build removes
// them; each is written beside its final name and renamed into place.
func Print(ctx context.Context, exe, out, paper string, docs []Doc) ([]string, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, &publish.EnvError{Err: err}
	}
	files := make([]string, len(docs))
	for i, d := range docs {
		files[i] = d.File
	}
	if err := publish.Record(out, files...); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(out, "pdf"), 0o755); err != nil {
		return nil, &publish.EnvError{Err: err}
	}

	bctx, cancel := chromium.NewContext(ctx, exe)
	defer cancel()
	// The browser's life is bound to the context of its first run: start it
	// on bctx itself, with no timeout (see chromium.NewContext).
	if err := chromedp.Do(bctx); err != nil {
		return nil, &publish.EnvError{Err: fmt.Errorf("starting Chromium %s: %w", exe, err)}
	}

	// One tab per document, printing at once.
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tctx, cancelTab := chromedp.NewContext(bctx)
			defer cancelTab()
			tctx, cancelTimeout := context.WithTimeout(tctx, PageTimeout)
			defer cancelTimeout()
			if err := printDoc(tctx, out, paper, d); err != nil {
				errs[i] = fmt.Errorf("printing %s to %s: %w", d.Page, d.File, err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		// A page that does not print is the browser's trouble, not the kit's.
		return nil, &publish.EnvError{Err: err}
	}
	return files, nil
}

// printDoc loads one page from disk and writes its PDF.
func printDoc(ctx context.Context, out, paper string, d Doc) error {
	page := filepath.Join(out, filepath.FromSlash(d.Page))
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()
	if err := chromedp.Do(ctx,
		// No scripts: the PDFs are for handing out, the same whatever the
		// screen's script would do with saved answers or the clock (the
		// run-sheet marks the slot running now).
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(u),
		// A theme's own fonts (from files beside it) load before printing.
		chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => undefined)`, chromedp.EvalAwaitPromise),
	); err != nil {
		return err
	}
	size := chromedp.PaperA4
	if paper == "Letter" {
		size = chromedp.PaperLetter
	}
	buf, err := chromedp.Run(ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(size),
		// The margins of print.css's @page rule win; these are for a theme
		// that sets none.
		chromedp.PDFMargins(0.7, 0.63, 0.7, 0.63),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFStream(),
	))
	if err != nil {
		return err
	}
	dst := filepath.Join(out, filepath.FromSlash(d.File))
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".new-")
	if err != nil {
		return &publish.EnvError{Err: err}
	}
	_, err = tmp.Write(buf)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		os.Chmod(tmp.Name(), 0o644)
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return &publish.EnvError{Err: err}
	}
	return nil
}

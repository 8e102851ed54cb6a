// Package pdf makes the PDFs of a kit: it builds the kit (publish.Build),
// then prints the attendee handout, the worksheet pack and the facilitator
// guide from the output folder to pdf/handout.pdf, pdf/worksheets.pdf and
// pdf/facilitator-guide.pdf through headless Chromium, on the kit's paper
// (A4 or Letter), tagged, with a document outline (bookmarks) from the
// headings, the page's title as the PDF's title and the kit's author and
// language.
//
// The print styles do the layout (themes/default/assets/print.css). What
// they cannot do, this package does by printing twice (layout.go): the
// page numbers of the contents, blocks too tall to keep whole, and writing
// space down to the foot of a worksheet's page. The browser has a fresh
// profile, so the PDFs are blank, for handing out: no answers typed in a
// browser end up in them. Package printcheck reads the PDFs back.
//
// Start with Build; Print does the printing alone, for an output that is
// already built.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"lectern/generator/diag"
	"lectern/generator/internal/chromium"
	"lectern/generator/kit"
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

// PageTimeout bounds the loading and printing of one page (a draft and
// the PDF, layout.go).
const PageTimeout = 3 * time.Minute

// Result describes a build with its PDFs.
type Result struct {
	Build *publish.Result
	// Files are the PDFs written, relative to Build.Out (e.g. "pdf/handout.pdf").
	Files []string
	// Beside is the facilitator guide of a locked build, printed beside
	// the output rather than in it (an absolute path), or "".
	Beside   string
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
	var guide *Doc
	for _, d := range Docs {
		if _, err := os.Stat(filepath.Join(res.Out, filepath.FromSlash(d.Page))); err != nil {
			continue // an edition left out (Options.Only) has no page to print
		}
		if res.Locked && strings.HasPrefix(d.Page, "facilitator/") {
			guide = &d
			continue
		}
		docs = append(docs, d)
	}
	files, err := Print(ctx, exe, res.Out, settings(res.Site.Kit.Config), docs)
	if err != nil {
		return nil, diags, err
	}
	r := &Result{Build: res, Files: files}
	if guide != nil {
		if r.Beside, err = printBeside(ctx, exe, res, *guide); err != nil {
			return nil, diags, err
		}
	}
	r.Duration = time.Since(start)
	return r, diags, nil
}

// printBeside prints d of a locked build beside its output, not in it: a
// PDF cannot be locked as the pages are. The page is written unlocked into
// a scratch folder beside the output, printed and removed.
func printBeside(ctx context.Context, exe string, res *publish.Result, d Doc) (string, error) {
	parent := filepath.Dir(res.Out)
	scratch, err := os.MkdirTemp(parent, ".lectern-guide-")
	if err != nil {
		return "", &publish.EnvError{Err: err}
	}
	defer os.RemoveAll(scratch)
	if err := publish.WriteUnlocked(res.Site, scratch, d.Page); err != nil {
		return "", err
	}
	if _, err := Print(ctx, exe, scratch, settings(res.Site.Kit.Config), []Doc{d}); err != nil {
		return "", err
	}
	dst := filepath.Join(parent, path.Base(d.File))
	if err := os.Rename(filepath.Join(scratch, filepath.FromSlash(d.File)), dst); err != nil {
		return "", &publish.EnvError{Err: err}
	}
	return dst, nil
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

// Settings are what every PDF of a kit shares: its paper ("A4" or
// "Letter") and the document information Chromium does not write from the
// page (the title it does: the page's title).
type Settings struct {
	Paper    string
	Author   string
	Language string
}

// settings are a kit's Settings, from its site.toml.
func settings(c kit.Config) Settings {
	return Settings{Paper: c.Paper, Author: c.Author, Language: c.Language}
}

// Print prints docs from the built output folder out with the Chromium at
// exe and returns the files written. The files are listed in the output's
// manifest first, so that a later build removes them; each is written
// beside its final name and renamed into place.
func Print(ctx context.Context, exe, out string, s Settings, docs []Doc) ([]string, error) {
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
			if err := printDoc(tctx, out, s, d); err != nil {
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
func printDoc(ctx context.Context, out string, s Settings, d Doc) error {
	page := filepath.Join(out, filepath.FromSlash(d.Page))
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()
	if err := chromedp.Do(ctx,
		// No scripts: the PDFs are for handing out, the same whatever the
		// screen's script would do with saved answers or the clock (the
		// run-sheet marks the slot running now). Lectern's own layout
		// (layout.go) is evaluated from here, which still works.
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
	buf, p, err := layOut(ctx, s.Paper)
	if err != nil {
		return err
	}
	f, err := readPDF(buf)
	if err != nil {
		return fmt.Errorf("reading the printed PDF: %w", err)
	}
	// The title of a sheet printed again atop each page of a long one is
	// its heading's text as many times over in Chromium's outline.
	titles := map[string]string{}
	for _, sh := range p.Sheets {
		for k := 2; k <= 20 && sh.Title != ""; k++ {
			titles[strings.Repeat(sh.Title, k)] = sh.Title
		}
	}
	if buf, err = f.update(patch{info: map[string]string{"Author": s.Author}, lang: s.Language, titles: titles}); err != nil {
		return fmt.Errorf("completing the PDF: %w", err)
	}
	return writeFile(filepath.Join(out, filepath.FromSlash(d.File)), buf)
}

// layOut prints the loaded page: once, or as a draft and then again with
// what the draft showed (layout.go), and returns the PDF and what it
// measured.
func layOut(ctx context.Context, paper string) ([]byte, *plan, error) {
	p, g, err := prepare(ctx, paper)
	if err != nil {
		return nil, nil, err
	}
	if !p.needsDraft() {
		buf, err := printPDF(ctx, paper, true)
		return buf, p, err
	}
	draft, err := printDraft(ctx, paper)
	if err != nil {
		return nil, nil, err
	}
	f, err := readPDF(draft)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the draft: %w", err)
	}
	dests, pages := f.dests(), len(f.pages())
	skip := map[int]bool{}
	a := adjustment{Pages: contentsPages(p, dests), Lines: fill(p, g, dests, skip)}
	// The numbers take the width kept for them and the lines the room left,
	// so the second print breaks where the draft did; should it not, the
	// numbers are taken again and the sheets that moved keep their lines.
	for try := 0; ; try++ {
		if err := adjust(ctx, a); err != nil {
			return nil, nil, err
		}
		buf, err := printPDF(ctx, paper, true)
		if err != nil {
			return nil, nil, err
		}
		f, err := readPDF(buf)
		if err != nil {
			return nil, nil, fmt.Errorf("reading the PDF: %w", err)
		}
		now := f.dests()
		moved := false
		if pages := contentsPages(p, now); !maps.Equal(pages, a.Pages) {
			a.Pages, moved = pages, true
		}
		for i, sh := range p.Sheets {
			if !skip[i] && hasAny(a.Lines, sh) && (len(f.pages()) != pages || !samePages(dests, now, sh)) {
				skip[i], moved = true, true
			}
		}
		if !moved || try == 2 {
			return buf, p, nil
		}
		a.Lines = fill(p, g, dests, skip)
		for _, sh := range p.Sheets {
			for _, an := range sh.Answers {
				if _, ok := a.Lines[an.ID]; !ok {
					a.Lines[an.ID] = an.Lines
				}
			}
		}
	}
}

// samePages reports whether s ends, and each of its answers starts, on
// the same page in both prints.
func samePages(was, now map[string]dest, s sheetPlan) bool {
	if was[s.End].page != now[s.End].page {
		return false
	}
	for _, a := range s.Answers {
		if was[a.ID].page != now[a.ID].page {
			return false
		}
	}
	return true
}

// hasAny reports whether lines gives any of s's answers lines.
func hasAny(lines map[string]int, s sheetPlan) bool {
	for _, a := range s.Answers {
		if _, ok := lines[a.ID]; ok {
			return true
		}
	}
	return false
}

// printDraft prints the page with nothing drawn, only to learn where
// things land.
func printDraft(ctx context.Context, paper string) ([]byte, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`__lecternPrint.draft(true)`)); err != nil {
		return nil, err
	}
	buf, err := printPDF(ctx, paper, false)
	if err != nil {
		return nil, err
	}
	return buf, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`__lecternPrint.draft(false)`))
}

// printPDF prints the page. A draft leaves out what does not change where
// things land: backgrounds, the outline and the tags.
func printPDF(ctx context.Context, paper string, final bool) ([]byte, error) {
	size := chromedp.PaperA4
	if paper == "Letter" {
		size = chromedp.PaperLetter
	}
	opts := []chromedp.PDFOption{
		chromedp.PDFPaper(size),
		// The margins of print.css's @page rule win; these are for a theme
		// that sets none.
		chromedp.PDFMargins(defaultMargins[0], defaultMargins[1], defaultMargins[2], defaultMargins[3]),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFStream(),
	}
	if final {
		opts = append(opts, chromedp.PDFPrintBackground(), chromedp.PDFOutlineAndTagged())
	} else {
		opts = append(opts, func(p *page.PrintToPDFParams) {
			no := false
			p.GenerateTaggedPDF, p.GenerateDocumentOutline = &no, &no
		})
	}
	return chromedp.Run(ctx, chromedp.PrintToPDF(opts...))
}

// writeFile writes buf to dst through a file beside it.
func writeFile(dst string, buf []byte) error {
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

package chromium_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"lectern/generator/internal/chromium"
	"lectern/generator/internal/chromiumtest"
)

// fakeExe writes an executable shell script called name into dir.
func fakeExe(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindOrder(t *testing.T) {
	bin := t.TempDir()
	other := t.TempDir()
	t.Setenv("PATH", bin)
	t.Setenv(chromium.EnvChromium, "")

	if _, err := chromium.Find(""); !errors.Is(err, chromium.ErrNotFound) {
		t.Fatalf("empty PATH: got %v, want chromium.ErrNotFound", err)
	}
	if got, want := chromium.ErrNotFound.Error(), "no Chromium found: install it (Debian: apt-get install chromium) or pass --chromium PATH"; got != want {
		t.Errorf("error text %q, want %q", got, want)
	}

	chrome := fakeExe(t, bin, "google-chrome")
	check := func(explicit, want string) {
		t.Helper()
		got, err := chromium.Find(explicit)
		if err != nil {
			t.Fatalf("chromium.Find(%q): %v", explicit, err)
		}
		if got != want {
			t.Fatalf("chromium.Find(%q) = %q, want %q", explicit, got, want)
		}
	}
	check("", chrome)
	browser := fakeExe(t, bin, "chromium-browser")
	check("", browser)
	plain := fakeExe(t, bin, "chromium")
	check("", plain)

	// A non-executable file on PATH does not count.
	if err := os.Chmod(plain, 0o644); err != nil {
		t.Fatal(err)
	}
	check("", browser)

	env := fakeExe(t, other, "my-chromium")
	t.Setenv(chromium.EnvChromium, env)
	check("", env)

	flag := fakeExe(t, other, "flag-chromium")
	check(flag, flag)
	// A bare name in the flag is looked up on PATH.
	check("google-chrome", chrome)

	// A wrong explicit path or env value is an error, not a fallback.
	if _, err := chromium.Find(filepath.Join(other, "missing")); err == nil || !strings.Contains(err.Error(), "--chromium") {
		t.Errorf("missing --chromium path: got %v, want an error naming --chromium", err)
	}
	t.Setenv(chromium.EnvChromium, filepath.Join(other, "missing"))
	if _, err := chromium.Find(""); err == nil || !strings.Contains(err.Error(), chromium.EnvChromium) {
		t.Errorf("missing %s path: got %v, want an error naming it", chromium.EnvChromium, err)
	}
}

const clickPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Click test</title>
<style>@media print { #screen-only { display: none } }</style></head>
<body>
<main>
<h1>Click test</h1>
<h2>Second heading</h2>
<button id="go" type="button">Change the text</button>
<p id="out">before</p>
<p id="screen-only">Only on screen</p>
</main>
<script>
document.getElementById("go").addEventListener("click", function () {
  document.getElementById("out").textContent = "after";
});
</script>
</body>
</html>`

func servePage(t *testing.T) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(clickPage))
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestClickChangesText(t *testing.T) {
	ts := servePage(t)
	ctx := chromiumtest.Context(t)

	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL),
		chromedp.WaitVisible(chromedp.ID("go")),
	); err != nil {
		t.Fatal(err)
	}
	before, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("out")))
	if err != nil {
		t.Fatal(err)
	}
	if before != "before" {
		t.Fatalf("text before the click = %q, want %q", before, "before")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("out")))
	if err != nil {
		t.Fatal(err)
	}
	if after != "after" {
		t.Fatalf("text after the click = %q, want %q", after, "after")
	}

	// The window size that NewContext asks for.
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width != chromium.Width {
		t.Errorf("window.innerWidth = %d, want %d", width, chromium.Width)
	}
}

// TestPrintMediaAndPDF checks the calls that the PDF output relies on:
// emulating print media and printing with a document outline.
func TestPrintMediaAndPDF(t *testing.T) {
	ts := servePage(t)
	ctx := chromiumtest.Context(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL)); err != nil {
		t.Fatal(err)
	}
	emulatePrint := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	if err := chromedp.Do(ctx, emulatePrint); err != nil {
		t.Fatal(err)
	}
	display, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`getComputedStyle(document.getElementById("screen-only")).display`))
	if err != nil {
		t.Fatal(err)
	}
	if display != "none" {
		t.Errorf("with print media, #screen-only display = %q, want none", display)
	}

	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("PrintToPDF returned %d bytes that are not a PDF", len(pdf))
	}
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Errorf("the PDF has no /Outlines: generateDocumentOutline was not applied")
	}
}

func TestAxe(t *testing.T) {
	src := chromiumtest.Axe(t)
	ts := servePage(t)
	ctx := chromiumtest.Context(t)

	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL),
		chromedp.Evaluate[chromedp.Void](src),
	); err != nil {
		t.Fatal(err)
	}
	type violation struct {
		ID   string `json:"id"`
		Help string `json:"help"`
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](
		`axe.run(document).then(r => r.violations.map(v => ({id: v.id, help: v.help})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe: %s: %s", v.ID, v.Help)
	}
}

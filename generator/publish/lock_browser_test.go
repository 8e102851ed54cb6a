package publish_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lectern/generator/internal/chromiumtest"
	"lectern/generator/publish"
)

// TestLockedInBrowser opens a locked build in Chromium, from file:// and
// from a local web server: the page shows the kit's title and a prompt; a
// wrong passphrase says so and shows nothing; the right one opens the page
// with its scripts running, another page opens without asking again, the
// encrypted search index loads as the plain one would, a file only
// facilitator notes link to opens (from the web server), and Lock forgets
// the key.
func TestLockedInBrowser(t *testing.T) {
	base := t.TempDir()
	kit := lockKit(t, filepath.Join(base, "kit"), true)
	out := filepath.Join(base, "out")
	buildLock(t, publish.Options{Source: kit, Out: out, Passphrase: passphrase(lockPass)})

	ctx := chromiumtest.Context(t)
	var mu sync.Mutex
	var thrown []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			thrown = append(thrown, e.ExceptionDetails.Text+" "+exceptionText(e.ExceptionDetails))
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}

	ts := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer ts.Close()
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String()
	for _, root := range []string{fileURL, ts.URL + "/"} {
		t.Run(strings.SplitN(root, ":", 2)[0], func(t *testing.T) {
			lockedPages(t, ctx, root, out)
		})
	}
	mu.Lock()
	defer mu.Unlock()
	for _, e := range thrown {
		t.Errorf("uncaught: %s", e)
	}
}

const (
	promptShown = `(function(){var f=document.getElementById("lectern-lock");return !!f&&!f.hidden})()`
	pageOpen    = `document.documentElement.dataset.edition==="facilitator"`
)

func lockedPages(t *testing.T, ctx context.Context, root, out string) {
	chromiumtest.Do(t, ctx, chromedp.Navigate(root+"facilitator/index.html"))
	chromiumtest.WaitFor(t, ctx, promptShown)
	text := chromiumtest.Eval[string](t, ctx, `document.body.innerText`)
	if fields := strings.Fields(text); strings.Join(fields, " ") != "Locked & Loaded Facilitator passphrase Open" {
		t.Errorf("the locked page shows %q, want the kit's title and the prompt only", text)
	}
	if got := chromiumtest.Eval[string](t, ctx, `document.title`); got != "Locked & Loaded" {
		t.Errorf("the locked page's title: %q", got)
	}

	// A wrong passphrase: said so, nothing shown.
	chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#lectern-pass`), "staple horse battery wrong"+kb.Enter))
	chromiumtest.WaitFor(t, ctx, `document.getElementById("lectern-lock-status").textContent.indexOf("Wrong passphrase") >= 0`)
	if chromiumtest.Eval[bool](t, ctx, pageOpen+` || !document.getElementById("lectern-locked")`) {
		t.Fatal("a wrong passphrase opened the page")
	}
	if text := chromiumtest.Eval[string](t, ctx, `document.body.innerText`); strings.Contains(text, "Dashboard") {
		t.Errorf("after a wrong passphrase the page shows %q", text)
	}

	// The right one (typed over the wrong one, which is selected).
	chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#lectern-pass`), lockPass+kb.Enter))
	chromiumtest.WaitFor(t, ctx, pageOpen+` && document.readyState === "complete" && !!document.querySelector(".lectern-lock-button")`)
	if got := chromiumtest.Eval[string](t, ctx, `document.title`); !strings.Contains(got, "Dashboard") {
		t.Errorf("the opened dashboard's title: %q", got)
	}
	if chromiumtest.Eval[bool](t, ctx, `Object.keys(sessionStorage).some(function(k){return sessionStorage.getItem(k).indexOf("staple")>=0})`) {
		t.Error("the passphrase is in sessionStorage")
	}

	// Another page opens at once, with its scripts: the search box that
	// search.js shows, and the encrypted facilitator index it loads.
	chromiumtest.Do(t, ctx, chromedp.Navigate(root+"facilitator/intro/index.html"))
	chromiumtest.WaitFor(t, ctx, pageOpen)
	if chromiumtest.Eval[bool](t, ctx, promptShown) {
		t.Error("a second facilitator page asked for the passphrase again")
	}
	if text := chromiumtest.Eval[string](t, ctx, `document.body.innerText`); !strings.Contains(text, secrets[0]) {
		t.Errorf("the opened module page lacks its facilitator note:\n%s", text)
	}
	chromiumtest.WaitFor(t, ctx, `!document.querySelector(".site-search").hidden`)
	// The facilitator search index, loaded as a page loads it: by a
	// script element, whose load event comes once the plaintext has run.
	// What it defines is what its plaintext (decrypted in Go) defines.
	plain, err := publish.Unlock(lockPass, mustRead(t, filepath.Join(out, "facilitator", "search-index.js")))
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(function (done) {
		window.LECTERN_SEARCH = undefined;
		var s = document.createElement("script");
		s.src = "../search-index.js";
		s.onload = function () { done(JSON.stringify(window.LECTERN_SEARCH) || "undefined at load"); };
		s.onerror = function () { done("error"); };
		document.head.appendChild(s);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	want := chromiumtest.Eval[string](t, ctx, `(function () { var window = {}; eval(`+strconv.Quote(string(plain))+`); return JSON.stringify(window.LECTERN_SEARCH); })()`)
	if got != want || len(want) < 20 {
		t.Errorf("the locked search index defines\n%.300s\nwant\n%.300s", got, want)
	}

	// A file only facilitator notes link to opens from a web server,
	// decrypted; from file:// a page may not read it.
	chromiumtest.Do(t, ctx, chromedp.Navigate(root+"facilitator/sort/index.html"))
	chromiumtest.WaitFor(t, ctx, pageOpen)
	if strings.HasPrefix(root, "file:") {
		if href := chromiumtest.Eval[string](t, ctx, `document.querySelector('a[href$="key.txt"]').getAttribute("href")`); href != "../../facilitator/sort/key.txt" {
			t.Errorf("from file:// the answer key's link is %q", href)
		}
	} else {
		chromiumtest.WaitFor(t, ctx, `!!document.querySelector('a[href^="blob:"]')`)
		key, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href^="blob:"]').href).then(function (r) { return r.text(); })`, chromedp.EvalAwaitPromise))
		if err != nil || key != secrets[3]+"\n" {
			t.Errorf("the answer key opens as %q (%v), want %q", key, err, secrets[3])
		}
	}

	// A facilitator-only page, then Lock: the prompt again, the key gone.
	chromiumtest.Do(t, ctx, chromedp.Navigate(root+"facilitator/prep/index.html"))
	chromiumtest.WaitFor(t, ctx, pageOpen+` && !!document.querySelector(".lectern-lock-button")`)
	if text := chromiumtest.Eval[string](t, ctx, `document.body.innerText`); !strings.Contains(text, secrets[1]) {
		t.Errorf("the facilitator-only page lacks its text:\n%s", text)
	}
	chromiumtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.lectern-lock-button`)))
	chromiumtest.WaitFor(t, ctx, promptShown)
	if n := chromiumtest.Eval[int](t, ctx, `Object.keys(sessionStorage).filter(function(k){return k.indexOf("lectern-lock:")===0}).length`); n != 0 {
		t.Errorf("Lock left %d keys in sessionStorage", n)
	}
	chromiumtest.Do(t, ctx, chromedp.Navigate(root+"facilitator/guide/index.html"))
	chromiumtest.WaitFor(t, ctx, promptShown)
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description + " at " + d.URL
	}
	return d.URL
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLockedPageAccessible: axe finds nothing on the locked page, light or
// dark, asking or after a wrong passphrase.
func TestLockedPageAccessible(t *testing.T) {
	axe := chromiumtest.Axe(t)
	base := t.TempDir()
	kit := lockKit(t, filepath.Join(base, "kit"), true)
	out := filepath.Join(base, "out")
	buildLock(t, publish.Options{Source: kit, Out: out, Passphrase: passphrase(lockPass)})
	ctx := chromiumtest.Context(t)
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/facilitator/index.html"}).String()
	type violation struct {
		ID    string `json:"id"`
		Nodes []struct {
			Target []string `json:"target"`
			Why    string   `json:"failureSummary"`
		} `json:"nodes"`
	}
	check := func(where string) {
		t.Helper()
		chromiumtest.Eval[bool](t, ctx, axe+";true")
		vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document).then(r => r.violations)`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			for _, n := range v.Nodes {
				t.Errorf("%s: %s: %v: %s", where, v.ID, n.Target, n.Why)
			}
		}
	}
	for _, scheme := range []string{"light", "dark"} {
		chromiumtest.ColorScheme(t, ctx, scheme)
		chromiumtest.Do(t, ctx, chromedp.Navigate(page))
		chromiumtest.WaitFor(t, ctx, promptShown)
		check(scheme + ", asking")
		chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#lectern-pass`), "staple horse battery wrong"+kb.Enter))
		chromiumtest.WaitFor(t, ctx, `document.getElementById("lectern-lock-status").className === "bad"`)
		check(scheme + ", wrong passphrase")
	}
}

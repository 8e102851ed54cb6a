package a11y_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"lectern/generator/internal/chromiumtest"
	"lectern/generator/internal/kitgen"
	"lectern/generator/render"
)

// regionJS is the text a page shows of its own: its article, without the
// lists of other pages, the way to the next one and the facts the
// template adds (times, the objectives' "You will"). The part name above a
// module's title is found on the part's page.
const regionJS = `(() => {
	const a = document.querySelector("article");
	if (!a) return "";
	a.querySelectorAll(".prev-next, .module-facts, .offline-save, .module-list, .modules, .total, .eyebrow, #objectives-heading").forEach(e => e.remove());
	return a.innerText;
})()`

// pageNumbers maps each page's URL to its number in an edition's index,
// from the index's page files on disk.
func pageNumbers(t *testing.T, out, root string) map[string]int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(out, root, "search", "p*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no page files in %s: %v", filepath.Join(out, root, "search"), err)
	}
	re := regexp.MustCompile(`^LECTERN_SEARCH_LOAD\("p",(\d+),(.*)\);\n$`)
	m := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sub := re.FindSubmatch(b)
		if sub == nil {
			t.Fatalf("%s is not a page file", f)
		}
		var p struct {
			U string `json:"u"`
		}
		if err := json.Unmarshal(sub[2], &p); err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(string(sub[1]))
		m[p.U] = n
	}
	return m
}

// pageWords opens each page with its scripts off (the index holds what
// the build wrote, not what scripts add, such as a self-check's tally) and
// returns the words of the text js gives, split as search.js splits them,
// each with the pages it is on.
func pageWords(t *testing.T, ctx context.Context, out string, pages []render.PageRef, js string) map[string][]string {
	t.Helper()
	chromiumtest.NoScript(t, ctx, true)
	texts := make([]string, len(pages))
	for i, p := range pages {
		pctx := pageCtx(t, ctx)
		open(t, pctx, fileURL(out, p.Path))
		texts[i] = chromiumtest.Eval[string](t, pctx, js)
	}
	chromiumtest.NoScript(t, ctx, false)
	pctx := pageCtx(t, ctx)
	open(t, pctx, fileURL(out, "index.html"))
	b, _ := json.Marshal(texts)
	words := map[string][]string{}
	for i, list := range chromiumtest.Eval[[][]string](t, pctx, string(b)+`.map(s => [...new Set(lecternSearch.words(s))])`) {
		for _, w := range list {
			words[w] = append(words[w], pages[i].Path)
		}
	}
	return words
}

// findAll runs every query in the page open in ctx and returns, for each,
// the numbers of the pages its results are on.
func findAll(t *testing.T, ctx context.Context, queries []string) [][]int {
	t.Helper()
	q, _ := json.Marshal(queries)
	chromiumtest.Eval[bool](t, ctx, `(window.found = null, (async () => {
		const out = [];
		for (const q of `+string(q)+`) {
			out.push(await new Promise(done => lecternSearch.query(q, rs => done(rs ? [...new Set(rs.map(r => r.page))] : null))));
		}
		window.found = out;
	})(), true)`)
	chromiumtest.WaitFor(t, ctx, `window.found !== null`)
	return chromiumtest.Eval[[][]int](t, ctx, `window.found`)
}

// TestSearchFindsEveryWord takes every word of every attendee page's
// text, and finds each with a query for it, from file://, on the page
// it is on: all of the sample kit's words, and a sample of a generated
// kit's (every 23rd page, every 7th word). A query of one letter asks for
// a second, so one-letter words are left out.
func TestSearchFindsEveryWord(t *testing.T) {
	bctx := browser(t)
	gen := t.TempDir()
	if err := kitgen.Write(gen, kitgen.Options{Modules: 400, Parts: 16, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []struct {
		name      string
		src       string
		pageEvery int
		wordEvery int
	}{{"sample", repoRoot, 1, 1}, {"generated", gen, 23, 7}} {
		t.Run(k.name, func(t *testing.T) {
			res := build(t, k.src, false)
			nums := pageNumbers(t, res.Out, "")
			var pages []render.PageRef
			i := 0
			for _, p := range res.Site.Pages() {
				if p.Edition.String() != "attendee" || (p.Kind != "home" && p.Kind != "part" && p.Kind != "module") {
					continue
				}
				if i%k.pageEvery == 0 {
					pages = append(pages, p)
				}
				i++
			}
			words := pageWords(t, bctx, res.Out, pages, regionJS)
			ctx := pageCtx(t, bctx)
			var queries []string
			j := 0
			for w := range words {
				if len([]rune(w)) < 2 {
					continue
				}
				if j%k.wordEvery == 0 {
					queries = append(queries, w+" ")
				}
				j++
			}
			open(t, ctx, fileURL(res.Out, "index.html"))
			found := findAll(t, ctx, queries)
			missed := 0
			for i, q := range queries {
				w := strings.TrimSpace(q)
				for _, p := range words[w] {
					n, ok := nums[strings.TrimSuffix(p, "index.html")+"index.html"]
					if !ok {
						t.Fatalf("%s is not in the index", p)
					}
					if !containsInt(found[i], n) {
						missed++
						if missed <= 20 {
							t.Errorf("%q is on %s, which a search for it does not find (results on pages %v)", w, p, found[i])
						}
					}
				}
			}
			if missed > 20 {
				t.Errorf("… %d words missed in all", missed)
			}
			t.Logf("%d pages, %d words, %d queries", len(pages), len(words), len(queries))
		})
	}
}

// TestSearchFindsNoFacilitatorWord takes the words of the facilitator
// blocks of every module that no attendee page has (nor a word with the
// same stem) and searches for each in the attendee edition: no result, on
// the sample kit and on the search tests' kit.
// The facilitator edition finds them, so the list is not empty by mistake.
func TestSearchFindsNoFacilitatorWord(t *testing.T) {
	bctx := browser(t)
	// kitgen's notes share their words with its text: the sample kit and
	// the search kit have notes of their own.
	for _, src := range []string{repoRoot, searchKit(t)} {
		res := build(t, src, false)
		var att, fac []render.PageRef
		for _, p := range res.Site.Pages() {
			if p.Edition.String() == "attendee" {
				att = append(att, p)
			} else if p.Kind == "module" {
				fac = append(fac, p)
			}
		}
		seen := pageWords(t, bctx, res.Out, att, `document.body.innerText`)
		notes := pageWords(t, bctx, res.Out, fac, `[...document.querySelectorAll(".facilitator-note, [data-edition-only=facilitator]")].map(e => e.innerText).join("\n")`)
		ctx := pageCtx(t, bctx)
		open(t, ctx, fileURL(res.Out, "index.html"))
		var list, noted []string
		for w := range seen {
			list = append(list, w)
		}
		for w := range notes {
			noted = append(noted, w)
		}
		a, _ := json.Marshal(list)
		b, _ := json.Marshal(noted)
		secret := chromiumtest.Eval[[]string](t, ctx, `(() => {
			const stems = new Set(`+string(a)+`.map(lecternSearch.stem));
			return `+string(b)+`.filter(w => w.length > 1 && !stems.has(lecternSearch.stem(w))).map(w => w + " ");
		})()`)
		if len(secret) == 0 {
			t.Fatalf("%s: no word of the facilitator notes is theirs alone", src)
		}
		for i, pages := range findAll(t, ctx, secret) {
			if len(pages) > 0 {
				t.Errorf("%s: the attendee edition finds %q, a facilitator-only word, on pages %v", src, secret[i], pages)
			}
		}
		open(t, ctx, fileURL(res.Out, "facilitator/index.html"))
		missing := 0
		for _, pages := range findAll(t, ctx, secret) {
			if len(pages) == 0 {
				missing++
			}
		}
		if missing > 0 {
			t.Errorf("%s: the facilitator edition misses %d of the %d words only its notes have", src, missing, len(secret))
		}
		t.Logf("%s: %d facilitator-only words", src, len(secret))
	}
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

package render_test

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lectern/generator/publish"
)

// The aggregate pages put many modules' bodies on one page. These tests build
// real kits and read every aggregate page back as HTML: ids are unique on the
// page, and every link and image resolves, on the page itself or to a real
// file (with its fragment, if any, an id there).

// aggregatePages are the pages made of several modules, per edition.
var aggregatePages = []string{
	"handout/index.html",
	"worksheets/index.html",
	"quotes/index.html",
	"facilitator/worksheets/index.html",
	"facilitator/quotes/index.html",
	"facilitator/guide/index.html",
	"facilitator/agenda/index.html",
	"facilitator/materials/index.html",
}

// testKits are the kits checked: the sample kit at the root of the
// repository and a small kit with a part, a bundle, the same heading in
// several modules and links across them.
var testKits = map[string]string{
	"sample":   "../..",
	"partskit": "testdata/partskit",
}

func buildKit(t *testing.T, src string) string {
	t.Helper()
	out := t.TempDir()
	_, diags, err := publish.Build(publish.Options{Source: src, Out: out})
	if err != nil {
		t.Fatalf("build %s: %v\n%v", src, err, diags)
	}
	for _, d := range diags {
		t.Logf("%s", d.String())
	}
	return out
}

// page is a parsed output page.
type page struct {
	doc *html.Node
	ids map[string]int
}

type pages struct {
	t    *testing.T
	out  string
	seen map[string]*page
}

func (ps *pages) get(rel string) *page {
	if p, ok := ps.seen[rel]; ok {
		return p
	}
	f, err := os.Open(filepath.Join(ps.out, filepath.FromSlash(rel)))
	if err != nil {
		ps.seen[rel] = nil
		return nil
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		ps.t.Fatalf("%s: %v", rel, err)
	}
	p := &page{doc: doc, ids: map[string]int{}}
	walk(doc, func(n *html.Node) {
		if id, ok := attr(n, "id"); ok {
			p.ids[id]++
		}
	})
	ps.seen[rel] = p
	return p
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func TestAggregatePagesIDsAndLinks(t *testing.T) {
	for name, src := range testKits {
		t.Run(name, func(t *testing.T) {
			out := buildKit(t, src)
			ps := &pages{t: t, out: out, seen: map[string]*page{}}
			for _, rel := range aggregatePages {
				p := ps.get(rel)
				if p == nil {
					t.Errorf("%s: missing", rel)
					continue
				}
				checkPage(t, ps, rel, p)
			}
		})
	}
}

func checkPage(t *testing.T, ps *pages, rel string, p *page) {
	t.Helper()
	for id, n := range p.ids {
		if n > 1 {
			t.Errorf("%s: id %q appears %d times", rel, id, n)
		}
	}
	links := 0
	walk(p.doc, func(n *html.Node) {
		// Attributes that name ids on the same page.
		for _, key := range []string{"for", "aria-labelledby", "aria-describedby", "aria-controls"} {
			if v, ok := attr(n, key); ok {
				for _, id := range strings.Fields(v) {
					if p.ids[id] == 0 {
						t.Errorf("%s: <%s %s=%q>: no element has id %q", rel, n.Data, key, v, id)
					}
				}
			}
		}
		var ref string
		switch n.Data {
		case "a", "link":
			ref, _ = attr(n, "href")
		case "img", "script", "source":
			ref, _ = attr(n, "src")
		default:
			return
		}
		if ref == "" {
			return
		}
		links++
		u, err := url.Parse(ref)
		if err != nil {
			t.Errorf("%s: bad address %q: %v", rel, ref, err)
			return
		}
		if u.Scheme != "" || u.Host != "" {
			return // another site: not ours to check
		}
		if u.Path == "" {
			if u.Fragment != "" && p.ids[u.Fragment] == 0 {
				t.Errorf("%s: <%s href=%q>: no element on the page has id %q", rel, n.Data, ref, u.Fragment)
			}
			return
		}
		target := path.Clean(path.Join(path.Dir(rel), u.Path))
		if strings.HasPrefix(target, "../") {
			t.Errorf("%s: %q leaves the output folder", rel, ref)
			return
		}
		st, err := os.Stat(filepath.Join(ps.out, filepath.FromSlash(target)))
		if err != nil || st.IsDir() {
			t.Errorf("%s: %q points to %s, which is not a file in the output", rel, ref, target)
			return
		}
		if u.Fragment != "" && strings.HasSuffix(target, ".html") {
			tp := ps.get(target)
			if tp == nil || tp.ids[u.Fragment] == 0 {
				t.Errorf("%s: %q: %s has no element with id %q", rel, ref, target, u.Fragment)
			}
		}
	})
	if links == 0 {
		t.Errorf("%s: no links at all", rel)
	}
}

// TestAggregateLinksStayOnPage checks that links between modules that are
// all on an aggregate page become anchors on it, rather than trips to the
// module pages.
func TestAggregateLinksStayOnPage(t *testing.T) {
	out := buildKit(t, testKits["partskit"])
	ps := &pages{t: t, out: out, seen: map[string]*page{}}
	for _, rel := range []string{"handout/index.html", "facilitator/guide/index.html"} {
		p := ps.get(rel)
		hrefs := map[string]bool{}
		walk(p.doc, func(n *html.Node) {
			if v, ok := attr(n, "href"); ok && n.Data == "a" {
				hrefs[v] = true
			}
		})
		for _, want := range []string{
			"#day-2-feedback--ask",  // 02-day-2/05-feedback.md#ask from the welcome
			"#welcome--agenda",      // ../01-welcome.md#agenda from the feedback module
			"#day-2-wrap-up--close", // 06-wrap-up/index.md#close from the feedback module
			"#day-2-feedback",       // 05-feedback.md from the quote in the welcome
		} {
			if !hrefs[want] {
				t.Errorf("%s: no link to %s", rel, want)
			}
		}
		// Three modules have an Agenda heading, each with its own id.
		for _, id := range []string{"welcome--agenda", "day-2-feedback--agenda", "day-2-wrap-up--agenda"} {
			if p.ids[id] != 1 {
				t.Errorf("%s: id %q appears %d times, want once", rel, id, p.ids[id])
			}
		}
	}
}

// TestAggregateFacilitatorContent checks that what is inside a facilitator
// block stays out of the attendee aggregate pages and is in the guide.
func TestAggregateFacilitatorContent(t *testing.T) {
	out := buildKit(t, testKits["partskit"])
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, secret := range []string{"Secret welcome note", "Secret feedback note", "Facilitator checklist"} {
		for _, rel := range []string{"handout/index.html", "worksheets/index.html", "quotes/index.html"} {
			if strings.Contains(read(rel), secret) {
				t.Errorf("%s shows %q from a facilitator block", rel, secret)
			}
		}
		if !strings.Contains(read("facilitator/guide/index.html"), secret) {
			t.Errorf("the facilitator guide lacks %q", secret)
		}
	}
	if !strings.Contains(read("facilitator/worksheets/index.html"), "Facilitator checklist") {
		t.Errorf("the facilitator worksheet pack lacks the facilitator's worksheet")
	}
}

// copyKit copies the kit at src into a new folder, with extra top-level
// lines put at the start of its site.toml.
func copyKit(t *testing.T, src, siteTOML string) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dst, "site.toml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append([]byte(siteTOML+"\n"), b...), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestQRCodes checks the printed QR codes: one on the handout's cover
// holding base_url and one on each sheet of the pack (a worksheet or a
// self-check) holding its module's online page; none at all without
// base_url.
func TestQRCodes(t *testing.T) {
	count := func(out, rel string) (codes int, captions []string) {
		ps := &pages{t: t, out: out, seen: map[string]*page{}}
		walk(ps.get(rel).doc, func(n *html.Node) {
			if c, _ := attr(n, "class"); c == "qr-address" && n.FirstChild != nil {
				captions = append(captions, n.FirstChild.Data)
			}
			if c, _ := attr(n, "class"); n.Data == "svg" && c == "qr-code" {
				codes++
			}
		})
		return codes, captions
	}
	out := buildKit(t, testKits["partskit"])
	for _, rel := range aggregatePages {
		if n, _ := count(out, rel); n != 0 {
			t.Errorf("without base_url, %s has %d QR codes", rel, n)
		}
	}

	out = buildKit(t, copyKit(t, testKits["partskit"], `base_url = "https://example.org/parts"`))
	if n, caps := count(out, "handout/index.html"); n != 1 || len(caps) != 1 || caps[0] != "example.org/parts" {
		t.Errorf("handout: %d QR codes with captions %q, want one for example.org/parts", n, caps)
	}
	// The feedback module's self-check, then its worksheet.
	want := []string{"example.org/parts/welcome", "example.org/parts/day-2/feedback", "example.org/parts/day-2/feedback"}
	if n, caps := count(out, "worksheets/index.html"); n != len(want) || strings.Join(caps, " ") != strings.Join(want, " ") {
		t.Errorf("worksheet pack: %d QR codes with captions %q, want %q", n, caps, want)
	}
	// The facilitator's pack has the facilitator's worksheet too; its code
	// still leads to the attendee page.
	if n, caps := count(out, "facilitator/worksheets/index.html"); n != 4 || caps[3] != "example.org/parts/day-2/feedback" {
		t.Errorf("facilitator pack: %d QR codes with captions %q", n, caps)
	}
}

package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"lectern/generator/internal/chromium"
	"lectern/generator/internal/chromiumtest"
	"lectern/generator/kit"
	"lectern/generator/publish"
)

// The kits the tests print: the sample kit at the root of the repository (A4)
// and the small kit of the render tests, with a part, a bundle, a wide table,
// a long line of code and a long address (Letter).
const (
	sampleKit = "../.."
	partsKit  = "../render/testdata/partskit"
)

// Printable widths in CSS pixels: the paper less print.css's @page side
// margins (16 mm each).
const (
	a4Width     = (210.0 - 32) / 25.4 * 96
	letterWidth = (215.9 - 32) / 25.4 * 96
)

// copyKit copies site.toml, content/ and static/ of the kit at src into a new folder,
// with extra lines put at the start of site.toml, so the tests can change
// the paper or add a base_url.
func copyKit(t *testing.T, src, extra string) string {
	t.Helper()
	dst := t.TempDir()
	for _, dir := range []string{"content", "static"} {
		from := filepath.Join(src, dir)
		if _, err := os.Stat(from); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(src, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if extra != "" {
		// Top-level keys must come before the first table; a key given in
		// extra replaces the kit's own.
		for _, l := range strings.Split(extra, "\n") {
			key, _, _ := strings.Cut(l, "=")
			b = regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(strings.TrimSpace(key))+`\s*=.*\n`).ReplaceAll(b, nil)
		}
		b = append([]byte(extra+"\n"), b...)
	}
	if err := os.WriteFile(filepath.Join(dst, "site.toml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// needTool returns the path of a poppler tool, or skips the test (fails it
// when LECTERN_REQUIRE_BROWSER is set, as in CI).
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		msg := name + " not found: install Debian's poppler-utils to check the PDFs"
		if os.Getenv(chromiumtest.EnvRequireBrowser) != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(needTool(t, name), args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

// info is what pdfinfo says about a PDF.
type info struct {
	title         string
	pages         int
	width, height float64 // points
}

var pageSize = regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)

func pdfInfo(t *testing.T, file string) info {
	t.Helper()
	out := run(t, "pdfinfo", file)
	var in info
	for _, l := range strings.Split(out, "\n") {
		k, v, _ := strings.Cut(l, ":")
		v = strings.TrimSpace(v)
		switch k {
		case "Title":
			in.title = v
		case "Pages":
			in.pages, _ = strconv.Atoi(v)
		}
	}
	if m := pageSize.FindStringSubmatch(out); m != nil {
		in.width, _ = strconv.ParseFloat(m[1], 64)
		in.height, _ = strconv.ParseFloat(m[2], 64)
	}
	return in
}

// pageText is the text of one page of a PDF, in reading order.
func pageText(t *testing.T, file string, n int) string {
	t.Helper()
	return run(t, "pdftotext", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-layout", file, "-")
}

// flat collapses runs of white space, so text can be compared whatever the
// line breaks.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// printed is a kit printed by Build once for several tests.
type printed struct {
	res *Result
	kit *kit.Kit
	out string
}

func (p *printed) file(rel string) string { return filepath.Join(p.out, filepath.FromSlash(rel)) }

func printKit(t *testing.T, src string) *printed {
	t.Helper()
	exe := chromiumtest.Need(t)
	out := filepath.Join(t.TempDir(), "public")
	res, diags, err := Build(context.Background(), publish.Options{Source: src, Out: out}, exe)
	if err != nil {
		t.Fatalf("Build: %v\n%v", err, diags)
	}
	return &printed{res: res, kit: res.Build.Site.Kit, out: res.Build.Out}
}

// attendeeWorksheets are the titles of the worksheets of the attendee pack.
func (p *printed) attendeeWorksheets() []string {
	var titles []string
	for _, m := range p.kit.Modules {
		for _, w := range p.res.Build.Site.Doc(m).Worksheets {
			if !w.InFacilitator {
				titles = append(titles, w.Title)
			}
		}
	}
	return titles
}

func TestPDFs(t *testing.T) {
	kit := copyKit(t, sampleKit, `base_url = "https://example.org/leading/"`)
	p := printKit(t, kit)

	t.Run("files", func(t *testing.T) {
		if got, want := strings.Join(p.res.Files, " "), "pdf/handout.pdf pdf/worksheets.pdf pdf/facilitator-guide.pdf"; got != want {
			t.Errorf("Files = %q, want %q", got, want)
		}
		manifest, err := os.ReadFile(p.file(publish.Manifest))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.res.Files {
			b, err := os.ReadFile(p.file(f))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("%s is not a PDF", f)
			}
			if !bytes.Contains(manifest, []byte("\n"+f+"\n")) {
				t.Errorf("%s is not in the manifest, so a build would keep it", f)
			}
		}
		// No temporary files left beside them.
		entries, _ := os.ReadDir(p.file("pdf"))
		if len(entries) != 3 {
			t.Errorf("pdf/ holds %d files, want 3", len(entries))
		}
	})

	t.Run("title and paper", func(t *testing.T) {
		for file, kind := range map[string]string{"pdf/handout.pdf": "Handout", "pdf/worksheets.pdf": "Worksheets", "pdf/facilitator-guide.pdf": "Facilitator guide"} {
			in := pdfInfo(t, p.file(file))
			if !strings.Contains(in.title, p.kit.Config.Title) || !strings.Contains(in.title, kind) {
				t.Errorf("%s: title %q, want the kit title and %q", file, in.title, kind)
			}
			if in.width < 594 || in.width > 596 || in.height < 841 || in.height > 843 {
				t.Errorf("%s: page size %.2f x %.2f pts, want A4 (595 x 842)", file, in.width, in.height)
			}
		}
	})

	t.Run("worksheets one per page", func(t *testing.T) {
		checkWorksheetPages(t, p)
	})

	t.Run("handout", func(t *testing.T) {
		text := flat(run(t, "pdftotext", p.file("pdf/handout.pdf"), "-"))
		guide := flat(run(t, "pdftotext", p.file("pdf/facilitator-guide.pdf"), "-"))
		for _, m := range p.kit.Modules {
			if !strings.Contains(text, flat(m.Title)) {
				t.Errorf("the handout lacks the module %q", m.Title)
			}
		}
		notes := facilitatorNotes(t, p.file("facilitator/guide/index.html"))
		if len(notes) < 3 {
			t.Fatalf("found %d facilitator notes in the guide, want the sample kit's", len(notes))
		}
		for _, n := range notes {
			if strings.Contains(text, n) {
				t.Errorf("the handout shows facilitator note text %q", n)
			}
			if !strings.Contains(guide, n) {
				t.Errorf("the facilitator guide lacks its note text %q", n)
			}
		}
		if strings.Contains(text, "Facilitator note") || strings.Contains(text, "Facilitator edition") {
			t.Errorf("the handout mentions the facilitator edition")
		}
		if !strings.Contains(guide, "Facilitator edition") {
			t.Errorf("the guide's pages do not say they are the facilitator edition")
		}
		// The QR code's address is on the cover, the first page.
		if first := flat(pageText(t, p.file("pdf/handout.pdf"), 1)); !strings.Contains(first, "example.org/leading") {
			t.Errorf("the handout's first page has no online address: %q", first)
		}
	})

	t.Run("outline", func(t *testing.T) {
		for _, f := range p.res.Files {
			items := outline(t, p.file(f))
			if len(items) == 0 {
				t.Errorf("%s has no outline", f)
			}
			if f == "pdf/handout.pdf" {
				for _, m := range p.kit.Modules {
					if !contains(items, flat(m.Title)) {
						t.Errorf("%s: the outline %q lacks the module %q", f, items, m.Title)
					}
				}
			}
			if f == "pdf/worksheets.pdf" {
				for _, w := range p.attendeeWorksheets() {
					if !contains(items, w) {
						t.Errorf("%s: the outline %q lacks the worksheet %q", f, items, w)
					}
				}
			}
		}
	})

	t.Run("print rules", func(t *testing.T) {
		checkPrint(t, p)
	})

	t.Run("build removes them", func(t *testing.T) {
		if _, _, err := publish.Build(publish.Options{Source: kit, Out: p.out}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(p.file("pdf")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("after a plain build, pdf/ is still there (%v)", err)
		}
	})
}

// TestPDFsLetter prints the parts kit, which is on Letter paper and has
// worksheets in a part and one in a facilitator block.
func TestPDFsLetter(t *testing.T) {
	p := printKit(t, partsKit)
	for _, f := range p.res.Files {
		in := pdfInfo(t, p.file(f))
		if in.width != 612 || in.height != 792 {
			t.Errorf("%s: page size %.2f x %.2f pts, want Letter (612 x 792)", f, in.width, in.height)
		}
	}
	checkWorksheetPages(t, p)
	text := flat(run(t, "pdftotext", p.file("pdf/handout.pdf"), "-"))
	for _, secret := range []string{"Secret welcome note", "Secret feedback note", "Facilitator checklist"} {
		if strings.Contains(text, secret) {
			t.Errorf("the handout shows %q from a facilitator block", secret)
		}
	}
}

// checkWorksheetPages checks that each sheet of the attendee pack (each
// worksheet and self-check) starts a page of its own, with its title at the
// top, and that the pages after it until the next are its own, its title
// repeated at their top.
func checkWorksheetPages(t *testing.T, p *printed) {
	t.Helper()
	titles := p.attendeeWorksheets()
	if len(titles) == 0 {
		t.Fatal("the kit has no worksheets")
	}
	d := readDoc(t, p.file("pdf/worksheets.pdf"))
	n := 1
	for _, sh := range sheets(t, p.file("worksheets/index.html")) {
		if n > len(d.Pages) || !d.Starts(n, sh.title) || !named(d.Pages[n-1]) {
			t.Errorf("page %d does not start the sheet %q with its title and a name line", n, sh.title)
			return
		}
		for n < len(d.Pages) && !named(d.Pages[n]) {
			if !d.Starts(n+1, sh.title) {
				t.Errorf("page %d, after the sheet %q, neither goes on with it nor starts a sheet: %q", n+1, sh.title, firstLines(d.Pages[n]))
			}
			n++
		}
		titles = slices.DeleteFunc(titles, func(s string) bool { return s == sh.title })
		n++
	}
	if n-1 != len(d.Pages) {
		t.Errorf("the sheets take %d of the pack's %d pages", n-1, len(d.Pages))
	}
	if len(titles) > 0 {
		t.Errorf("the worksheets %q have no sheet in the pack", titles)
	}
}

// facilitatorNotes returns the first eight words of every paragraph in the
// facilitator notes of an HTML page, with smart punctuation as printed.
func facilitatorNotes(t *testing.T, page string) []string {
	t.Helper()
	f, err := os.Open(page)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	var in func(n *html.Node, inNote bool)
	in = func(n *html.Node, inNote bool) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && strings.Contains(" "+a.Val+" ", " facilitator-note ") {
					inNote = true
				}
			}
			if inNote && (n.Data == "p" || n.Data == "li") && !hasClass(n, "block-label") {
				words := strings.Fields(text(n))
				if len(words) >= 8 {
					notes = append(notes, strings.Join(words[:8], " "))
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			in(c, inNote)
		}
	}
	in(doc, false)
	return notes
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

var outlineItem = regexp.MustCompile(`<item[^>]*>([^<]*)</item>`)

// outline returns the titles of a PDF's bookmarks, as pdftohtml reads them.
func outline(t *testing.T, file string) []string {
	t.Helper()
	out := run(t, "pdftohtml", "-xml", "-stdout", "-i", "-q", file)
	i := strings.Index(out, "<outline")
	if i < 0 {
		return nil
	}
	var items []string
	for _, m := range outlineItem.FindAllStringSubmatch(out[i:], -1) {
		items = append(items, flat(html.UnescapeString(m[1])))
	}
	return items
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestPrintFitsThePage loads every aggregate page with print media at the
// width of the printable area and looks for any element that reaches past
// it.
func TestPrintFitsThePage(t *testing.T) {
	ctx := chromiumtest.Context(t)
	for _, c := range []struct {
		kit   string
		width float64
	}{{sampleKit, a4Width}, {partsKit, letterWidth}} {
		out := t.TempDir()
		if _, diags, err := publish.Build(publish.Options{Source: c.kit, Out: out}); err != nil {
			t.Fatalf("build %s: %v\n%v", c.kit, err, diags)
		}
		for _, rel := range []string{
			"handout/index.html", "worksheets/index.html", "quotes/index.html",
			"facilitator/worksheets/index.html", "facilitator/guide/index.html",
			"facilitator/agenda/index.html", "facilitator/materials/index.html", "facilitator/quotes/index.html",
		} {
			wide, err := overflowing(ctx, filepath.Join(out, filepath.FromSlash(rel)), int64(c.width))
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			for _, w := range wide {
				t.Errorf("%s %s: wider than the page: %s", c.kit, rel, w)
			}
		}
	}
}

// overflowing lists the elements of a page that reach outside a viewport
// width px wide, in print media.
func overflowing(ctx context.Context, page string, width int64) ([]string, error) {
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 1000),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}),
		chromedp.Navigate("file://"+filepath.ToSlash(page)),
	)
	if err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const width = document.documentElement.clientWidth;
		const wide = [];
		if (!matchMedia("print").matches) return ["print media is not emulated"];
		if (document.documentElement.scrollWidth > width) wide.push("the document scrolls sideways: " + document.documentElement.scrollWidth + " > " + width);
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0) continue;
			if (r.right > width + 0.5 || r.left < -0.5) {
				const what = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
				wide.push(what + " spans " + Math.round(r.left) + "…" + Math.round(r.right) + " of " + width);
			}
		}
		return wide.slice(0, 20);
	})()`))
}

func TestBuildWithoutChromium(t *testing.T) {
	cases := []struct {
		name, env, path, flag string
		want                  []string
	}{
		{"LECTERN_CHROMIUM names a missing file", filepath.Join(t.TempDir(), "no-chromium"), os.Getenv("PATH"), "",
			[]string{chromium.EnvChromium, "apt-get install chromium"}},
		{"--chromium names a missing file", "", os.Getenv("PATH"), filepath.Join(t.TempDir(), "no-chromium"),
			[]string{"--chromium", "apt-get install chromium"}},
		{"nothing on PATH", "", t.TempDir(), "",
			[]string{"no Chromium found", "apt-get install chromium"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(chromium.EnvChromium, c.env)
			t.Setenv("PATH", c.path)
			out := filepath.Join(t.TempDir(), "public")
			_, _, err := Build(context.Background(), publish.Options{Source: partsKit, Out: out}, c.flag)
			var env *publish.EnvError
			if !errors.As(err, &env) {
				t.Fatalf("err = %v (%T), want a *publish.EnvError", err, err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not say %q", err, w)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the output was written without Chromium (%v)", err)
			}
		})
	}
}

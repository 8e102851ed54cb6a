package render_test

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// build writes files as a kit (with a home page), builds it and returns the
// output folder.
func buildFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	return buildKit(t, writeKit(t, files))
}

// read returns an output file's text, or "" when there is none.
func read(t *testing.T, out, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		return ""
	}
	return string(b)
}

func exists(out, rel string) bool {
	_, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel)))
	return err == nil
}

// section is the part of page that the first match of the regular
// expression re (with (?s)) covers, or "".
func section(page, re string) string {
	return regexp.MustCompile("(?s)" + re).FindString(page)
}

// A kit with a page off the schedule and a page for facilitators only.
var referenceKit = map[string]string{
	"site.toml": "title = \"Reference kit\"\n\n[workshop]\nstart = \"09:00\"\nend = \"12:00\"\n",
	"content/01-open.md": "+++\ntitle = \"Open\"\nduration = 20\n+++\n\n## Start\n\nSee the [glossary](03-glossary.md).\n\n" +
		"::: facilitator\nYour [room notes](05-room/index.md).\n:::\n",
	"content/02-middle.md":   "+++\ntitle = \"Middle\"\nduration = 30\n+++\n\nMiddle text.\n",
	"content/03-glossary.md": "+++\ntitle = \"Glossary\"\nschedule = false\n+++\n\nBaseline\n: GLOSSARY-TERM.\n",
	"content/04-close.md":    "+++\ntitle = \"Close\"\nduration = 10\n+++\n\nClosing text.\n",
	"content/05-room/index.md": "+++\ntitle = \"Room notes\"\nschedule = false\naudience = \"facilitator\"\n+++\n\n" +
		"SECRET-ROOM-NOTE: see [the plan](plan.txt).\n\n::: quote {by=\"SECRET-BY\"}\nSECRET-QUOTE\n:::\n\n::: keypoints\n- SECRET-POINT\n:::\n",
	"content/05-room/plan.txt": "SECRET-PLAN\n",
}

// TestReferenceAndFacilitatorPages: a page with schedule = false is off the
// run-sheet and listed after the modules under "Reference"; a page with
// audience = "facilitator" is in the facilitator edition only, with its
// bundle files, and nowhere in the attendee edition: not in its pages,
// navigation, lists, search index, handout, aggregate pages or ZIP.
func TestReferenceAndFacilitatorPages(t *testing.T) {
	out := buildFiles(t, referenceKit)

	agenda := read(t, out, "facilitator/agenda/index.html")
	for _, want := range []string{">Open<", ">Middle<", ">Close<"} {
		if !strings.Contains(agenda, want) {
			t.Errorf("the run-sheet lacks %s", want)
		}
	}
	if table := section(agenda, `<table.*</table>`); strings.Contains(table, "Glossary") || strings.Contains(table, "Room notes") {
		t.Errorf("a page off the schedule is on the run-sheet:\n%s", section(agenda, `<table.*</table>`))
	}
	// 09:00 + 20 + 30 + 10: the reference pages take no time.
	if !strings.Contains(agenda, "10:00") {
		t.Errorf("the day does not end at 10:00:\n%s", section(agenda, `<tfoot>.*</tfoot>`))
	}

	// Navigation: the modules, then the Reference group.
	nav := section(read(t, out, "middle/index.html"), `<ul class="nav-list">.*?</ul>\s*</li>\s*</ul>`)
	if !regexp.MustCompile(`(?s)>Open<.*>Middle<.*>Close<.*class="nav-part"><a href="\.\./index\.html#reference-heading">Reference</a>\s*<ul><li><a href="\.\./glossary/index\.html">Glossary</a>`).MatchString(nav) {
		t.Errorf("attendee navigation is not the modules, then Reference with the glossary:\n%s", nav)
	}
	fnav := section(read(t, out, "facilitator/middle/index.html"), `<ul class="nav-list">.*?</ul>\s*</li>\s*</ul>`)
	if !strings.Contains(fnav, `<a href="../room/index.html">Room notes</a>`) {
		t.Errorf("facilitator navigation lacks the room notes:\n%s", fnav)
	}
	home := read(t, out, "index.html")
	if !strings.Contains(home, `<h2 id="reference-heading">Reference</h2>`) || !strings.Contains(section(home, `reference-heading.*</section>`), "Glossary") {
		t.Errorf("the home page does not list the glossary under Reference")
	}
	if strings.Contains(section(home, `modules-heading.*?</section>`), "Glossary") {
		t.Errorf("the home page lists the glossary among the modules")
	}
	if !strings.Contains(read(t, out, "facilitator/index.html"), `id="reference-heading"`) {
		t.Errorf("the dashboard has no Reference list for the navigation to point to")
	}

	// Previous and next stay within the modules, and within the reference pages.
	if pn := section(read(t, out, "middle/index.html"), `<nav class="prev-next".*?</nav>`); !strings.Contains(pn, `href="../open/index.html"`) || !strings.Contains(pn, `href="../close/index.html"`) {
		t.Errorf("middle's previous and next: %s", pn)
	}
	if pn := section(read(t, out, "close/index.html"), `<nav class="prev-next".*?</nav>`); strings.Contains(pn, "glossary") {
		t.Errorf("the last module leads on to the glossary: %s", pn)
	}
	if pn := section(read(t, out, "glossary/index.html"), `<nav class="prev-next".*?</nav>`); pn != "" {
		t.Errorf("the one attendee reference page has previous or next: %s", pn)
	}
	if pn := section(read(t, out, "facilitator/glossary/index.html"), `<nav class="prev-next".*?</nav>`); !strings.Contains(pn, `href="../room/index.html"`) {
		t.Errorf("facilitator glossary does not lead to the room notes: %s", pn)
	}

	// The facilitator page and its file, in the facilitator edition only.
	if exists(out, "room/index.html") || exists(out, "room/plan.txt") {
		t.Error("the attendee edition has the facilitator page or its file")
	}
	if !exists(out, "facilitator/room/index.html") || read(t, out, "facilitator/room/plan.txt") != "SECRET-PLAN\n" {
		t.Error("the facilitator edition lacks the facilitator page or its file")
	}
	if fr := read(t, out, "facilitator/room/index.html"); !strings.Contains(fr, `href="../../facilitator/room/plan.txt"`) || !strings.Contains(fr, `<a href="../../index.html">View the attendee page</a>`) {
		t.Errorf("the facilitator page's file link or attendee link is wrong:\n%s", section(fr, `<aside class="edition-banner".*?</aside>|href="[^"]*plan.txt"`))
	}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "facilitator/") || strings.HasPrefix(rel, ".") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".zip") {
			z, err := zip.NewReader(strings.NewReader(string(b)), int64(len(b)))
			if err != nil {
				return err
			}
			for _, f := range z.File {
				if strings.Contains(f.Name, "/room/") {
					t.Errorf("the offline ZIP holds %s", f.Name)
				}
				rc, err := f.Open()
				if err != nil {
					return err
				}
				data, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					return err
				}
				if strings.Contains(string(data), "SECRET") || strings.Contains(string(data), "Room notes") {
					t.Errorf("the offline ZIP's %s tells of the facilitator page", f.Name)
				}
			}
			return nil
		}
		if s := string(b); strings.Contains(s, "SECRET") || strings.Contains(s, "Room notes") || strings.Contains(s, "room/index.html") {
			t.Errorf("attendee %s tells of the facilitator page", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"facilitator/quotes/index.html", "facilitator/keypoints/index.html", "facilitator/guide/index.html"} {
		if !strings.Contains(read(t, out, rel), "SECRET") {
			t.Errorf("facilitator %s lacks the facilitator page's content", rel)
		}
	}
	// The facilitator search index: its page files hold the page's text.
	index, _ := filepath.Glob(filepath.Join(out, "facilitator", "search", "p*.js"))
	if !slices.ContainsFunc(index, func(f string) bool { return strings.Contains(read(t, out, strings.TrimPrefix(f, out+"/")), "SECRET") }) {
		t.Errorf("the facilitator search index (%d page files) lacks the facilitator page's content", len(index))
	}
	// The attendee edition has no quotes and no key points: no such pages.
	for _, rel := range []string{"quotes/index.html", "keypoints/index.html"} {
		if exists(out, rel) {
			t.Errorf("the attendee edition has %s, with nothing to show", rel)
		}
	}
	// The handout lists the glossary under Reference, after the modules.
	h := read(t, out, "handout/index.html")
	if !regexp.MustCompile(`(?s)id="close".*<h2 class="part-title">Reference</h2>.*id="glossary".*GLOSSARY-TERM`).MatchString(h) {
		t.Errorf("the handout does not end with the glossary under Reference")
	}
}

// TestPagesPresentOnlyWithContent: a kit without worksheets, quotes or key
// points has no worksheet pack, quote wall, projector view or key points
// page, and no page links to one; a worksheet in facilitator notes makes a
// pack for facilitators only, whose attendee link goes home.
func TestPagesPresentOnlyWithContent(t *testing.T) {
	out := buildFiles(t, map[string]string{
		"site.toml":          "title = \"Plain\"\n",
		"content/01-only.md": "+++\ntitle = \"Only\"\nduration = 5\n+++\n\nText.\n\n::: facilitator\n::: worksheet {title=\"Prep\"}\n::: answer\n:::\n:::\n:::\n",
	})
	for _, rel := range []string{"worksheets/index.html", "quotes/index.html", "keypoints/index.html",
		"facilitator/quotes/index.html", "facilitator/keypoints/index.html"} {
		if exists(out, rel) {
			t.Errorf("%s is written, with nothing to show", rel)
		}
	}
	if !exists(out, "facilitator/worksheets/index.html") {
		t.Error("the facilitators' worksheet pack is missing")
	}
	for _, rel := range []string{"index.html", "only/index.html", "handout/index.html"} {
		page := read(t, out, rel)
		for _, gone := range []string{"worksheets/index.html", "quotes/index.html", "keypoints/index.html"} {
			if strings.Contains(page, gone) {
				t.Errorf("%s links to %s, which does not exist", rel, gone)
			}
		}
	}
	fo := read(t, out, "facilitator/only/index.html")
	if !strings.Contains(fo, `href="../worksheets/index.html"`) || strings.Contains(fo, "quotes/index.html") {
		t.Errorf("the facilitator page's tools: %s", section(fo, `<ul class="nav-list nav-tools">.*?</ul>`))
	}
	if fw := read(t, out, "facilitator/worksheets/index.html"); !strings.Contains(fw, `<a href="../../index.html">View the attendee page</a>`) {
		t.Errorf("the facilitators' pack sends attendees to a pack they do not have")
	}
}

// solutionsKit is a kit whose one module has a solution, a hint and key
// points; print is its [print] table.
func solutionsKit(print string) map[string]string {
	return map[string]string{
		"site.toml": "title = \"Solutions\"\n" + print,
		"content/01-sort.md": "+++\ntitle = \"Sort\"\nduration = 10\n+++\n\nSort the tasks.\n\n" +
			"::: hint\nHINT-TEXT\n:::\n\n::: solution\nANSWER-ONE\n:::\n\n## Later\n\nMore text.\n\n::: solution {title=\"Second\"}\nANSWER-TWO\n:::\n\n" +
			"::: keypoints\n- POINT-ONE\n:::\n",
		"content/02-next.md": "+++\ntitle = \"Next\"\nduration = 10\n+++\n\n::: keypoints\n- POINT-TWO\n:::\n",
	}
}

// TestSolutionsInTheHandout: solutions are closed for attendees and open for
// facilitators on the module page; the handout gathers them after their
// module under the same numbers (end, the default), prints them where they
// stand (inline) or leaves them out (omit). The key points are gathered on
// their page and at the end of the handout.
func TestSolutionsInTheHandout(t *testing.T) {
	out := buildFiles(t, solutionsKit(""))
	page := read(t, out, "sort/index.html")
	if !strings.Contains(page, `<details class="reveal reveal-solution" id="solution-1">`) || !strings.Contains(page, `<details class="reveal reveal-hint" id="hint-1">`) {
		t.Errorf("the attendee page does not show the solution and hint closed:\n%s", section(page, `<div class="module-body">.*?</div>\s*</details>`))
	}
	if fp := read(t, out, "facilitator/sort/index.html"); !strings.Contains(fp, `<details class="reveal reveal-solution" id="solution-1" open>`) {
		t.Errorf("the facilitator page does not show the solution open")
	}

	h := read(t, out, "handout/index.html")
	body := section(h, `<section class="module-section" id="sort".*?<div class="module-body">.*?</div>\s*(<section class="handout-solutions"|</section>)`)
	for _, want := range []string{
		`<p class="reveal-stub"><a href="#sort--solution-1">Solution 1</a> is at the end of this module.</p>`,
		`<a href="#sort--solution-2">Solution 2</a>`, "HINT-TEXT"} {
		if !strings.Contains(body, want) {
			t.Errorf("the handout's module lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "ANSWER") {
		t.Errorf("the handout's module shows a solution in place:\n%s", body)
	}
	gathered := section(h, `<section class="handout-solutions".*?</section>`)
	if !regexp.MustCompile(`(?s)<h3 class="solutions-title" id="sort--solutions">Solutions</h3>\s*<details class="reveal reveal-solution" id="sort--solution-1">.*ANSWER-ONE.*id="sort--solution-2">.*solution 2</span>: Second.*ANSWER-TWO`).MatchString(gathered) {
		t.Errorf("the solutions are not gathered after the module, in order:\n%s", gathered)
	}
	if !regexp.MustCompile(`(?s)id="next".*<section id="key-points".*POINT-ONE.*POINT-TWO`).MatchString(h) {
		t.Errorf("the handout does not end with every module's key points")
	}
	kp := read(t, out, "keypoints/index.html")
	if !regexp.MustCompile(`(?s)<h1>Key points</h1>.*href="\.\./sort/index\.html">Sort</a>.*POINT-ONE.*href="\.\./next/index\.html">Next</a>.*POINT-TWO`).MatchString(kp) {
		t.Errorf("the key points page does not gather the key points in module order:\n%s", section(kp, `<main.*</main>`))
	}
	if !strings.Contains(section(page, `<ul class="nav-list nav-tools">.*?</ul>`), `href="../keypoints/index.html">Key points</a>`) {
		t.Error("no link to the key points page")
	}
	if !exists(out, "facilitator/keypoints/index.html") {
		t.Error("the facilitator edition has no key points page")
	}

	out = buildFiles(t, solutionsKit("\n[print]\nsolutions = \"inline\"\n"))
	h = read(t, out, "handout/index.html")
	if strings.Contains(h, "reveal-stub") || strings.Contains(h, "handout-solutions") ||
		!regexp.MustCompile(`(?s)<details class="reveal reveal-solution" id="sort--solution-1">.*ANSWER-ONE.*id="sort--later"`).MatchString(h) {
		t.Errorf("inline: the handout does not show the solutions where they stand")
	}

	out = buildFiles(t, solutionsKit("\n[print]\nsolutions = \"omit\"\n"))
	for _, rel := range []string{"handout/index.html"} {
		h = read(t, out, rel)
		if strings.Contains(h, "ANSWER") || strings.Contains(h, "reveal-stub") || !strings.Contains(h, "HINT-TEXT") {
			t.Errorf("omit: %s shows a solution, or no hint", rel)
		}
	}
	if !strings.Contains(read(t, out, "facilitator/guide/index.html"), "ANSWER-ONE") {
		t.Error("omit: the facilitator guide lost the solution")
	}
	if !strings.Contains(read(t, out, "sort/index.html"), "ANSWER-ONE") {
		t.Error("omit: the module page lost the solution")
	}
}

// TestTabsAndFigures: tabs are written out in order, each under its title;
// an image alone in its paragraph becomes a figure with a caption.
func TestTabsAndFigures(t *testing.T) {
	out := buildFiles(t, map[string]string{
		"site.toml": "title = \"Tabs\"\n",
		"content/01-setup/index.md": "+++\ntitle = \"Setup\"\nduration = 5\n+++\n\n:::: tabs\n::: tab {title=\"macOS\"}\nMAC-STEPS\n:::\n\n::: tab {title=\"Windows\"}\nWIN-STEPS\n:::\n::::\n\n" +
			"![The room, set up](room.png \"The room before the first session\")\n",
		"content/01-setup/room.png": "png",
	})
	page := read(t, out, "setup/index.html")
	if !regexp.MustCompile(`(?s)<div class="tabs" id="tabs-1">\s*<section class="tab-panel" id="tab-1" data-tab="macOS">\s*<p class="tab-title">macOS</p>\s*<p>MAC-STEPS</p>.*data-tab="Windows">\s*<p class="tab-title">Windows</p>\s*<p>WIN-STEPS</p>`).MatchString(page) {
		t.Errorf("the tabs are not written out in order under their titles:\n%s", section(page, `<div class="tabs".*?</div>`))
	}
	if !strings.Contains(page, "<figure class=\"figure\">\n<img src=\"../setup/room.png\" alt=\"The room, set up\" title=\"The room before the first session\">\n<figcaption>The room before the first session</figcaption>\n</figure>") {
		t.Errorf("no figure with its caption:\n%s", section(page, `<figure.*?</figure>`))
	}
}

// TestKeyPointsPageIDsAndLinks: on the sample kit's key points pages, as on
// the other aggregate pages, ids are unique and every link resolves.
func TestKeyPointsPageIDsAndLinks(t *testing.T) {
	out := buildKit(t, "../..")
	ps := &pages{t: t, out: out, seen: map[string]*page{}}
	for _, rel := range []string{"keypoints/index.html", "facilitator/keypoints/index.html"} {
		p := ps.get(rel)
		if p == nil {
			t.Fatalf("%s: missing", rel)
		}
		checkPage(t, ps, rel, p)
	}
}

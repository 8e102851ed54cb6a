package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// TestMaterialsPageData: the materials page lists Schedule.Materials, each
// line with what to bring, how it is counted and links to its modules.
func TestMaterialsPageData(t *testing.T) {
	s := loadSite(t, "testdata/timing")
	d := s.pageData(PageRef{Path: "facilitator/materials/index.html", Kind: "materials", Edition: markdown.Facilitator})
	var b strings.Builder
	for _, m := range d.Materials {
		var mods []string
		for _, l := range m.Modules {
			mods = append(mods, l.URL)
		}
		fmt.Fprintf(&b, "%s | %s | %s | %s\n", m.Key, m.Label, m.Basis, strings.Join(mods, " "))
	}
	want := `markers | Markers × 10 | 2 per group × 5 groups · the most one module needs | ../day-1/reading/index.html ../day-1/pinned/index.html ../day-3/last/index.html
flip chart | Flip chart |  | ../day-1/reading/index.html ../day-2/plain/index.html
sticky notes | Sticky notes × 54 | 3 per person × 18 · consumable, adds up | ../day-1/reading/index.html ../day-1/pinned/index.html
timer | Timer × 2 | 2 for the room · the most one module needs | ../day-1/pinned/index.html ../day-2/plain/index.html
`
	if got := b.String(); got != want {
		t.Errorf("materials page:\n%s\nwant:\n%s", got, want)
	}
	if d.Schedule == nil || d.Schedule.Groups != 5 {
		t.Errorf("the page does not know the room: %+v", d.Schedule)
	}
}

// TestMaterialBasis: how a line is counted, in words, for the ways a kit
// can count.
func TestMaterialBasis(t *testing.T) {
	for _, c := range []struct {
		materials []string // one module's materials each
		site      string
		want      string // label | basis | every
	}{
		{[]string{`{ item = "Pens", count = 1, per = "person" }`, `{ item = "Pens", count = 1, per = "person" }`},
			"participants = 10", "Pens × 10 | 1 per person × 10 | false"},
		{[]string{`{ item = "Cards", count = 2, per = "group", consumable = true }`, `{ item = "Cards", count = 1, per = "person", consumable = true }`},
			"participants = 10\ngroup_size = 4", "Cards × 16 | 1 per person × 10 · 2 per group × 3 groups · consumable, adds up | false"},
		{[]string{`{ item = "Timer", count = 3 }`, `"Timer"`}, "", "Timer × 3 |  | false"},
		{[]string{`"Projector"`, `"Projector"`, `"projector "`}, "", "Projector |  | true"},
		{[]string{`{ item = "Pads", count = 2, per = "person" }`}, "", "Pads | 2 per person | false"},
	} {
		files := map[string]string{
			"site.toml":         "title = \"M\"\n\n[workshop]\n" + c.site + "\n",
			"content/_index.md": "+++\ntitle = \"Home\"\n+++\n",
		}
		for i, m := range c.materials {
			files[fmt.Sprintf("content/%02d-m%d.md", i+1, i+1)] = fmt.Sprintf("+++\ntitle = \"M%d\"\nduration = 5\nmaterials = [%s]\n+++\nText.\n", i+1, m)
		}
		dir := t.TempDir()
		if err := kitgen.WriteFiles(dir, files); err != nil {
			t.Fatal(err)
		}
		lines := loadSite(t, dir).materialList(func(m *kit.Module) string { return m.URL() })
		if len(lines) != 1 {
			t.Fatalf("%v: %d lines", c.materials, len(lines))
		}
		l := lines[0]
		if got := fmt.Sprintf("%s | %s | %v", l.Label, l.Basis, l.Every); got != c.want {
			t.Errorf("%v with %q:\n got %s\nwant %s", c.materials, c.site, got, c.want)
		}
	}
}

// TestGuideData: the guide has the run-sheet and the materials list, and
// each module its slot on the run-sheet and its own materials, counted.
func TestGuideData(t *testing.T) {
	s := loadSite(t, "testdata/timing")
	d := s.pageData(PageRef{Path: "facilitator/guide/index.html", Kind: "guide", Edition: markdown.Facilitator})
	if d.Schedule != s.Schedule || len(d.Materials) != 4 {
		t.Fatalf("the guide lacks the run-sheet or the materials: %v, %d lines", d.Schedule != nil, len(d.Materials))
	}
	if got := d.Materials[0].Modules[0].URL; got != "#day-1-reading" {
		t.Errorf("the guide's materials link to %q, want the module further down the page", got)
	}
	var b strings.Builder
	for _, sec := range d.Sections {
		fmt.Fprintf(&b, "%s:", sec.ID)
		if sl := sec.Slot; sl != nil {
			fmt.Fprintf(&b, " %s %d %s–%s %q", sl.DayLabel, sl.Day, Clock(sl.Start), Clock(sl.End), sl.Note)
		}
		for _, n := range sec.Needs {
			fmt.Fprintf(&b, " [%s|%s]", n.Label, n.Basis)
		}
		b.WriteString("\n")
	}
	want := `day-1-reading: Day 1 1 09:00–09:30 "opens day 1" [Flip chart|] [Sticky notes × 18|1 per person, consumable] [Markers × 5|1 per group]
day-1-pinned: Day 1 1 09:45–10:25 "after the coffee" [sticky notes × 36|2 per person, consumable] [Markers × 10|2 per group] [Timer|]
day-2-plain: Day 2 2 10:00–10:20 "opens day 2" [Flip chart|] [Timer × 2|]
day-3-last: Day 3 3 09:30–09:45 "opens day 3" [MARKERS|]
`
	if got := b.String(); got != want {
		t.Errorf("guide sections:\n%s\nwant:\n%s", got, want)
	}
}

// TestGuideAndMaterialsPages renders both pages: the guide opens with the
// run-sheet and the materials before the first module, and shows each
// module's slot as clock tags; the materials page is one checklist with a
// box per line.
func TestGuideAndMaterialsPages(t *testing.T) {
	s := loadSite(t, "testdata/timing")
	render := func(p PageRef) string {
		var b strings.Builder
		if err := s.Render(&b, p); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	guide := render(PageRef{Path: "facilitator/guide/index.html", Kind: "guide", Edition: markdown.Facilitator})
	at := func(s string) int {
		i := strings.Index(guide, s)
		if i < 0 {
			t.Errorf("the guide has no %q", s)
		}
		return i
	}
	if run, mat, first := at(`id="run-sheet"`), at(`id="materials"`), at(`id="day-1-reading"`); !(run < mat && mat < first) {
		t.Errorf("the guide's order: run-sheet at %d, materials at %d, first module at %d", run, mat, first)
	}
	at(`<a href="#materials">Materials</a>`)
	at(`<time class="clock" data-day="1" data-min="585">09:45</time>–<time class="clock" data-day="1" data-min="625">10:25</time> · 40 min · after the coffee`)
	at(`<strong>Materials:</strong> <span class="need">sticky notes × 36 <span class="need-basis">(2 per person, consumable)</span></span>`)

	handout := render(PageRef{Path: "handout/index.html", Kind: "handout", Edition: markdown.Attendee})
	for _, no := range []string{`id="materials"`, `class="clock"`, "guide-needs", "Sticky notes"} {
		if strings.Contains(handout, no) {
			t.Errorf("the attendee handout has %q, which is the guide's", no)
		}
	}

	page := render(PageRef{Path: "facilitator/materials/index.html", Kind: "materials", Edition: markdown.Facilitator})
	boxes := regexp.MustCompile(`<input type="checkbox" data-item="([^"]*)">`).FindAllStringSubmatch(page, -1)
	var keys []string
	for _, b := range boxes {
		keys = append(keys, b[1])
	}
	if got := strings.Join(keys, ","); got != "markers,flip chart,sticky notes,timer" {
		t.Errorf("checkboxes for %q, want one per line", got)
	}
	for _, want := range []string{"for 18 participants in 5 groups of 4", `class="checklist-clear">Clear ticks</button>`,
		`<span class="material-what">Sticky notes × 54</span>`, `<a href="../day-2/plain/index.html">Plain</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the materials page lacks %q", want)
		}
	}
}

package render_test

import (
	"fmt"
	"strings"
	"testing"

	"lectern/generator/diag"
	"lectern/generator/internal/kitgen"
	"lectern/generator/kit"
	"lectern/generator/render"
	"lectern/themes"
)

// newSite loads the kit in dir and converts it, as a build does.
func newSite(t *testing.T, dir string) (*render.Site, diag.List) {
	t.Helper()
	k, errs := kit.Load(dir, kit.Options{})
	if errs.HasErrors() {
		t.Fatalf("load %s: %v", dir, errs)
	}
	th, terrs := render.LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
	if terrs.HasErrors() {
		t.Fatal(terrs)
	}
	s, serrs := render.New(k, th, render.Options{})
	return s, append(errs, serrs...)
}

// writeKit writes a small kit into a new folder.
func writeKit(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{"content/_index.md": "+++\ntitle = \"Home\"\n+++\n\nHello.\n"}
	for p, s := range files {
		all[p] = s
	}
	if err := kitgen.WriteFiles(dir, all); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestScheduleDatesAndSegments reads the run-sheet of testdata/timing, a
// three-day kit: days take the workshop's date, the next calendar day, or
// their own; segments stand where they are in their module.
func TestScheduleDatesAndSegments(t *testing.T) {
	s, diags := newSite(t, "testdata/timing")
	if len(diags) > 0 {
		t.Errorf("a clean kit gives no diagnostics: %v", diags)
	}
	var b strings.Builder
	for _, d := range s.Schedule.Days {
		fmt.Fprintf(&b, "day %d %s %s %s\n", d.Number, d.Title, d.Date, d.Date.Weekday())
		for _, sl := range d.Items {
			fmt.Fprintf(&b, "  %s %s\n", render.Clock(sl.Start), sl.Title)
			for _, sg := range sl.Segments {
				how := "≈"
				if sg.Pinned {
					how = "="
				}
				fmt.Fprintf(&b, "    %s%s +%d %s %s (%d) #%s\n", how, render.Clock(sg.Start), sg.Offset, sg.Kind, sg.Title, sg.Minutes, sg.ID)
			}
		}
	}
	want := `day 1 Thursday 2026-12-10 Thursday
  09:00 Reading first
    ≈09:07 +7 activity Pairs (10) #activity-1
    ≈09:20 +20 discussion Room (10) #discussion-1
  09:30 Coffee
  09:45 Pinned
    =09:50 +5 activity Pinned early (10) #activity-1
    ≈10:03 +18 discussion Between (10) #discussion-1
    =10:15 +30 worksheet Pinned late (10) #worksheet-1
day 2 Friday 2026-12-11 Friday
  10:00 Plain
    ≈10:00 +0 activity Straight in (5) #activity-1
day 3 Monday 2026-12-14 Monday
  09:30 Last
`
	if got := b.String(); got != want {
		t.Errorf("run-sheet:\n%s\nwant:\n%s", got, want)
	}
	k := s.Kit
	day, slot := s.Schedule.ModuleSlot(k.Modules[1])
	if day != s.Schedule.Days[0] || slot == nil || slot.Title != "Pinned" {
		t.Errorf("ModuleSlot(Pinned) = day %v, slot %v", day, slot)
	}
}

// TestMaterialsAddUp: an item counts once at the largest quantity a module
// needs, a consumable one adds up, and each line knows its modules.
func TestMaterialsAddUp(t *testing.T) {
	s, _ := newSite(t, "testdata/timing")
	sc := s.Schedule
	if sc.Participants != 18 || sc.GroupSize != 4 || sc.Groups != 5 {
		t.Errorf("numbers: %d participants in %d groups of %d", sc.Participants, sc.Groups, sc.GroupSize)
	}
	var b strings.Builder
	for _, l := range sc.Materials {
		var mods, uses []string
		for _, m := range l.Modules() {
			mods = append(mods, m.Slug)
		}
		for _, u := range l.Uses {
			uses = append(uses, fmt.Sprintf("%s=%d", u.Material, u.Quantity))
		}
		fmt.Fprintf(&b, "%s: %d consumable=%v [%s] {%s}\n", l.Item, l.Quantity, l.Consumable, strings.Join(mods, " "), strings.Join(uses, "; "))
	}
	want := `Markers: 10 consumable=false [reading pinned last] {Markers (1 per group)=5; Markers (2 per group)=10; MARKERS=0}
Flip chart: 0 consumable=false [reading plain] {Flip chart=0; Flip chart=0}
Sticky notes: 54 consumable=true [reading pinned] {Sticky notes (1 per person)=18; sticky notes  (2 per person)=36}
Timer: 2 consumable=false [pinned plain] {Timer=1; Timer (2)=2}
`
	if got := b.String(); got != want {
		t.Errorf("materials:\n%s\nwant:\n%s", got, want)
	}
}

// TestMaterialsNeedNumbers: counting per person or per group without the
// numbers in site.toml is warned about, once, at [workshop].
func TestMaterialsNeedNumbers(t *testing.T) {
	group := "+++\ntitle = \"G\"\nduration = 5\nmaterials = [{ item = \"Cards\", per = \"group\" }]\n+++\nG.\n"
	person := "+++\ntitle = \"P\"\nduration = 5\nmaterials = [{ item = \"Pens\", per = \"person\" }, { item = \"Pads\", per = \"person\" }]\n+++\nP.\n"
	for _, tc := range []struct {
		name, site string
		want       []string
	}{
		{"no numbers", "title = \"K\"\nsubtitle = \"A workshop\"\n", []string{
			"site.toml: warning: content/01-p.md counts materials per person, but [workshop] sets no participants: add participants = … to count them",
			"site.toml: warning: content/02-g.md counts materials per group, but [workshop] sets no group_size: add group_size = … to count them",
		}},
		{"no group size", "title = \"K\"\n\n[workshop]\nparticipants = 12\n", []string{
			"site.toml:3:1: warning: content/02-g.md counts materials per group, but [workshop] sets no group_size: add group_size = … to count them",
		}},
		{"both", "title = \"K\"\n\n[workshop]\nparticipants = 12\ngroup_size = 5\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeKit(t, map[string]string{"site.toml": tc.site, "content/01-p.md": person, "content/02-g.md": group})
			s, diags := newSite(t, dir)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
			if tc.want == nil && s.Schedule.Materials[2].Quantity != 3 { // 12 people in groups of 5
				t.Errorf("cards: %+v", s.Schedule.Materials[2])
			}
		})
	}
}

// TestDayDates: the first day takes the workshop's date; a day without its
// own is the day after the one before; a kit without dates has none; days
// out of order are warned about where the date is written.
func TestDayDates(t *testing.T) {
	mod := "+++\ntitle = \"M\"\nduration = 5\n+++\nM.\n"
	day := func(title, extra string) string {
		return "+++\ntitle = \"" + title + "\"\nstart = \"09:00\"\n" + extra + "+++\n"
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		dates string
		want  []string
	}{
		{"no date", map[string]string{"site.toml": "title = \"K\"\n"}, " /  / ", nil},
		{"from the workshop", map[string]string{"site.toml": "title = \"K\"\n[workshop]\ndate = 2026-12-31\n"},
			"2026-12-31 / 2027-01-01 / 2027-01-02", nil},
		{"a day dates itself, and the next follows it", map[string]string{"site.toml": "title = \"K\"\n[workshop]\ndate = 2026-12-10\n",
			"content/02-b/_index.md": day("B", "date = 2026-12-17\n")},
			"2026-12-10 / 2026-12-17 / 2026-12-18", nil},
		{"dates on the parts only", map[string]string{"site.toml": "title = \"K\"\n",
			"content/02-b/_index.md": day("B", "date = 2026-12-17\n")},
			" / 2026-12-17 / 2026-12-18", nil},
		{"out of order", map[string]string{"site.toml": "title = \"K\"\n[workshop]\ndate = 2026-12-10\n",
			"content/03-c/_index.md": day("C", "\ndate = 2026-12-09\n")},
			"2026-12-10 / 2026-12-11 / 2026-12-09", []string{
				"content/03-c/_index.md:5:1: warning: day 3 is dated 2026-12-09, before day 2 (2026-12-11): put the days in order or correct the date",
			}},
		{"the same day twice is fine", map[string]string{"site.toml": "title = \"K\"\n[workshop]\ndate = 2026-12-10\n",
			"content/02-b/_index.md": day("B", "date = 2026-12-10\n")},
			"2026-12-10 / 2026-12-10 / 2026-12-11", nil},
		{"the first part disagrees with the workshop", map[string]string{"site.toml": "title = \"K\"\n[workshop]\ndate = 2026-12-10\n",
			"content/01-a/_index.md": day("A", "date = 2026-12-11\n")},
			"2026-12-11 / 2026-12-12 / 2026-12-13", []string{
				"content/01-a/_index.md:4:1: warning: this part opens day 1 on 2026-12-11, but site.toml's workshop.date is 2026-12-10: the part's date is used",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"content/01-a/_index.md": day("A", ""), "content/01-a/01-m.md": mod,
				"content/02-b/_index.md": day("B", ""), "content/02-b/01-m.md": mod,
				"content/03-c/_index.md": day("C", ""), "content/03-c/01-m.md": mod,
			}
			for p, s := range tc.files {
				files[p] = s
			}
			s, diags := newSite(t, writeKit(t, files))
			var dates, got []string
			for _, d := range s.Schedule.Days {
				dates = append(dates, d.Date.String())
			}
			if j := strings.Join(dates, " / "); j != tc.dates {
				t.Errorf("dates %q, want %q", j, tc.dates)
			}
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
		})
	}
}

// TestSegmentPlacement places the segments of single modules, written as
// an author would, and checks the warnings about pins.
func TestSegmentPlacement(t *testing.T) {
	words := func(n int) string { return strings.Repeat("word ", n) + "\n\n" }
	block := func(attrs string) string { return "::: activity {" + attrs + "}\nx\n:::\n\n" }
	for _, tc := range []struct {
		name     string
		duration int
		body     string
		offsets  string
		want     []string
	}{
		{"no text: back to back, the spare time at the end", 30, block("minutes=10") + block("minutes=5"), "0 10", nil},
		{"reading before", 30, words(300) + block("minutes=10"), "20", nil},
		{"stretches share by words", 40, words(100) + block("minutes=10") + words(300) + block("minutes=10"), "5 30", nil},
		{"no duration: the segments fill the module", 0, words(500) + block("minutes=10") + words(100) + block("minutes=5"), "0 10", nil},
		{"more segments than time", 10, words(100) + block("minutes=10") + block("minutes=5"), "0 10", []string{
			"content/01-m.md:1:1: warning: timed segments add up to 15 minutes, more than the module's duration of 10"}},
		{"a pin, and the rest around it", 60, words(100) + block("minutes=10") + words(100) + block("minutes=10 at=30") + words(100) + block("minutes=10"),
			"10 30 50", nil},
		{"pinned at the start", 20, words(100) + block("minutes=10 at=0") + words(100), "0", nil},
		{"pins overlap", 60, block("minutes=20 at=10") + block("minutes=10 at=20"), "10 20", []string{
			`content/01-m.md:10:1: warning: activity is pinned at minute 20, which overlaps activity (pinned at minutes 10 to 30)`}},
		{"a pin before the one above it", 60, block("minutes=10 at=30") + block("minutes=10 at=5"), "30 5", []string{
			`content/01-m.md:10:1: warning: activity is pinned at minute 5, before activity above it ends (minute 40, pinned)`}},
		{"a pin inside an estimated segment", 60, words(100) + block("minutes=20 title=\"Warm-up\"") + block("minutes=10 at=5"), "0 5", []string{
			`content/01-m.md:12:1: warning: activity is pinned at minute 5, before activity "Warm-up" above it ends (minute 20, estimated)`}},
		{"a pin past the end", 30, block("minutes=10 at=25 title=\"Late\"") + words(10), "25", []string{
			`content/01-m.md:6:1: warning: activity "Late" is pinned at minute 25 and runs to minute 35, past the module's end at minute 30`}},
		{"a pin past the end of a module without duration", 0, block("minutes=10 at=5"), "5", []string{
			`content/01-m.md:5:1: warning: activity is pinned at minute 5 and runs to minute 15, past the module's end at minute 10: give the module a duration in its front matter`}},
		{"pins push a segment past the end", 30, block("minutes=10 at=15") + block("minutes=10"), "15 25", []string{
			`content/01-m.md:10:1: warning: activity runs to minute 35, past the module's end at minute 30: the pinned segments leave it no room`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			front := "+++\ntitle = \"M\"\n"
			if tc.duration > 0 {
				front += fmt.Sprintf("duration = %d\n", tc.duration)
			}
			dir := writeKit(t, map[string]string{"site.toml": "title = \"K\"\n", "content/01-m.md": front + "+++\n\n" + tc.body})
			s, diags := newSite(t, dir)
			var offs, got []string
			for _, sg := range s.Schedule.Days[0].Items[0].Segments {
				offs = append(offs, fmt.Sprint(sg.Offset))
			}
			if j := strings.Join(offs, " "); j != tc.offsets {
				t.Errorf("offsets %q, want %q", j, tc.offsets)
			}
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
		})
	}
}

package kit

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// loadKit writes files into a new kit folder and loads it.
func loadKit(t *testing.T, files map[string]string) (*Kit, []string) {
	t.Helper()
	dir := t.TempDir()
	base := map[string]string{
		"content/_index.md":   "+++\ntitle = \"Home\"\n+++\n",
		"content/01-intro.md": "+++\ntitle = \"Intro\"\nduration = 10\n+++\n\nIntro.\n",
	}
	for p, s := range files {
		base[p] = s
	}
	for p, s := range base {
		if s != "" {
			writeKitFile(t, dir, p, s)
		}
	}
	k, errs := Load(dir, Options{})
	var got []string
	for _, d := range errs {
		got = append(got, d.String())
	}
	return k, got
}

func sameDiags(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

func TestWorkshopDateAndNumbers(t *testing.T) {
	k, diags := loadKit(t, map[string]string{"site.toml": "title = \"K\"\n\n[workshop]\ndate = 2026-12-10\nparticipants = 18\ngroup_size = 3\n"})
	sameDiags(t, diags, nil)
	w := k.Config.Workshop
	if w.Date != (Date{Year: 2026, Month: time.December, Day: 10}) || w.Participants != 18 || w.GroupSize != 3 {
		t.Fatalf("workshop = %+v", w)
	}
	if w.Date.String() != "2026-12-10" || w.Date.Weekday() != time.Thursday {
		t.Errorf("date reads %s, a %s", w.Date, w.Date.Weekday())
	}
	// Calendar arithmetic crosses months and years.
	if d := w.Date.AddDays(22); d.String() != "2027-01-01" {
		t.Errorf("22 days later is %s", d)
	}
	if !w.Date.Before(w.Date.AddDays(1)) || w.Date.AddDays(1).Before(w.Date) || w.Date.Before(w.Date) {
		t.Error("Before is not the calendar order")
	}
	if (Date{}).String() != "" || !(Date{}).IsZero() {
		t.Error("the zero date must read as no date")
	}
}

func TestWorkshopBadValues(t *testing.T) {
	for _, tc := range []struct {
		name, toml string
		want       []string
	}{
		{"quoted date", "[workshop]\ndate = \"2026-12-10\"\n",
			[]string{"site.toml:4:1: error: workshop.date is a date, written without quotes: date = 2026-12-10"}},
		{"text", "[workshop]\ndate = \"next Thursday\"\n",
			[]string{"site.toml:4:1: error: workshop.date must be a date like date = 2026-12-10 (no quotes, no time of day), not text in quotes"}},
		{"number", "[workshop]\n  date = 20261210\n",
			[]string{"site.toml:4:3: error: workshop.date must be a date like date = 2026-12-10 (no quotes, no time of day), not a whole number"}},
		{"date and time", "[workshop]\ndate = 2026-12-10T09:00:00\n",
			[]string{"site.toml:4:1: error: workshop.date must be a date like date = 2026-12-10 (no quotes, no time of day), not a date and time"}},
		{"with offset", "[workshop]\ndate = 2026-12-10 09:00:00+01:00\n",
			[]string{"site.toml:4:1: error: workshop.date must be a date like date = 2026-12-10 (no quotes, no time of day), not a date and time"}},
		{"time of day", "[workshop]\ndate = 09:00:00\n",
			[]string{"site.toml:4:1: error: workshop.date must be a date like date = 2026-12-10 (no quotes, no time of day), not a time of day"}},
		{"no such day", "[workshop]\ndate = 2026-02-30\n",
			[]string{`site.toml:4:8: error: "2026-02-30" is not a date: write a real day as year-month-day, like 2026-12-10 (key "workshop.date")`}},
		{"short month", "[workshop]\ndate = 2026-1-05\n",
			[]string{`site.toml:4:8: error: "2026-1-05" is not a date: write a real day as year-month-day, like 2026-12-10 (key "workshop.date")`}},
		{"no participants", "[workshop]\nparticipants = 0\ngroup_size = -2\n",
			[]string{"site.toml:4:1: error: workshop.participants must be a number of people from 1 to 100000, not 0",
				"site.toml:5:1: error: workshop.group_size must be a number of people from 1 to 100000, not -2"}},
		{"participants as text", "[workshop]\nparticipants = \"18\"\n",
			[]string{"site.toml:4:1: error: participants must be a whole number, not text in quotes"}},
		{"groups bigger than the room", "[workshop]\nparticipants = 4\ngroup_size = 6\n",
			[]string{"site.toml:5:1: warning: workshop.group_size 6 is more than the 4 participants: they make one group"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, diags := loadKit(t, map[string]string{"site.toml": "title = \"K\"\n\n" + tc.toml})
			sameDiags(t, diags, tc.want)
			if !k.Config.Workshop.Date.IsZero() {
				t.Errorf("a bad date is kept: %v", k.Config.Workshop.Date)
			}
		})
	}
}

func TestPartDate(t *testing.T) {
	k, diags := loadKit(t, map[string]string{
		"site.toml":                "title = \"K\"\n",
		"content/02-day/_index.md": "+++\ntitle = \"Day two\"\nstart = \"09:00\"\n  date = 2026-12-14\n+++\n",
		"content/02-day/01-a.md":   "+++\ntitle = \"A\"\nduration = 5\n+++\nA.\n",
		"content/03-eve/_index.md": "+++\ntitle = \"Evening\"\ndate = 2026-12-14\n+++\n",
		"content/03-eve/01-b.md":   "+++\ntitle = \"B\"\nduration = 5\n+++\nB.\n",
		"content/04-bad/_index.md": "+++\ntitle = \"Bad\"\nstart = \"09:00\"\ndate = \"14 December\"\n+++\n",
		"content/04-bad/01-c.md":   "+++\ntitle = \"C\"\nduration = 5\n+++\nC.\n",
	})
	sameDiags(t, diags, []string{
		`content/03-eve/_index.md:3:1: warning: date is set, but without start the part does not begin a day: add start = "09:00" or remove date`,
		"content/04-bad/_index.md:4:1: error: date must be a date like date = 2026-12-10 (no quotes, no time of day), not text in quotes",
	})
	p := k.Parts[0]
	if p.Date.String() != "2026-12-14" || p.DateLine != 4 || p.DateCol != 3 {
		t.Errorf("part date %s at %d:%d", p.Date, p.DateLine, p.DateCol)
	}
	if !k.Parts[2].Date.IsZero() {
		t.Errorf("a bad date is kept: %v", k.Parts[2].Date)
	}
}

func TestMaterials(t *testing.T) {
	front := "+++\ntitle = \"M\"\nduration = 10\nmaterials = [\n" +
		"  \"Flip chart\",\n" +
		"  { item = \"Sticky notes\", count = 2, per = \"person\", consumable = true },\n" +
		"  {item=\"Markers\",per=\"group\"},\n" +
		"  { item = \"Timer\" },\n" +
		"]\n+++\nText.\n"
	k, diags := loadKit(t, map[string]string{"site.toml": "title = \"K\"\n", "content/02-m.md": front})
	sameDiags(t, diags, nil)
	got := k.Modules[1].Materials
	want := []Material{
		{Item: "Flip chart"},
		{Item: "Sticky notes", Count: 2, Per: "person", Consumable: true},
		{Item: "Markers", Count: 1, Per: "group"},
		{Item: "Timer", Count: 1, Per: "workshop"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("materials:\n got %+v\nwant %+v", got, want)
	}
	var s []string
	for _, m := range append(got, Material{Item: "Pens", Count: 3, Per: "workshop"}) {
		s = append(s, m.String())
	}
	if j := strings.Join(s, "; "); j != "Flip chart; Sticky notes (2 per person); Markers (1 per group); Timer; Pens (3)" {
		t.Errorf("as text: %s", j)
	}
}

// TestMaterialsArrayOfTables: [[materials]] tables are materials too, and
// their problems point into them.
func TestMaterialsArrayOfTables(t *testing.T) {
	front := "+++\ntitle = \"M\"\nduration = 10\n\n[[materials]]\nitem = \"Cards\"\ncount = 4\nper = \"group\"\n\n[[materials]]\nitem = \"Dice\"\nper = \"table\"\n+++\nText.\n"
	k, diags := loadKit(t, map[string]string{"site.toml": "title = \"K\"\n", "content/02-m.md": front})
	sameDiags(t, diags, []string{`content/02-m.md:12:1: error: per must be "person", "group" or "workshop", not "table"`})
	if got := k.Modules[1].Materials; !reflect.DeepEqual(got, []Material{{Item: "Cards", Count: 4, Per: "group"}}) {
		t.Errorf("materials: %+v", got)
	}
}

func TestMaterialsBad(t *testing.T) {
	front := "+++\ntitle = \"M\"\nduration = 10\nmaterials = [\"Fine\", 3, { count = 2 },\n" +
		"  { item = \"Pens\", per = \"team\", cnt = 2 }, # a comment, with ] and }\n" +
		"  { item = \"Tape\", count = 0, consumable = \"yes\" }, { item = 4 }, { item = \"\" },\n" +
		"  { item = \"Glue\", count = 1.5, per = 1 }, [\"nested\"], 'lit', \"\"\"multi\n]\"\"\",\n" +
		"  {item = \"Last\", \"per\" = \"room\"}]\n" +
		"summary = \"materials\"\n+++\nText.\n"
	k, diags := loadKit(t, map[string]string{"site.toml": "title = \"K\"\n", "content/02-m.md": front})
	sameDiags(t, diags, []string{
		`content/02-m.md:4:22: error: a material must be text in quotes or a table like { item = "Sticky notes", count = 1, per = "person" }, not a whole number`,
		`content/02-m.md:4:25: error: a material needs item = "…": { item = "Sticky notes", count = 1, per = "person" }`,
		`content/02-m.md:5:20: error: per must be "person", "group" or "workshop", not "team"`,
		`content/02-m.md:5:34: error: unknown key "cnt" in a material (it takes item, count, per, consumable)`,
		`content/02-m.md:6:20: error: count must be from 1 to 100000, not 0`,
		`content/02-m.md:6:31: error: consumable must be true or false, not text in quotes`,
		`content/02-m.md:6:55: error: item must be text in quotes, not a whole number`,
		`content/02-m.md:6:69: error: item must name the material, not be empty`,
		`content/02-m.md:7:20: error: count must be a whole number, not a number`,
		`content/02-m.md:7:33: error: per must be "person", "group" or "workshop", not a whole number`,
		`content/02-m.md:7:44: error: a material must be text in quotes or a table like { item = "Sticky notes", count = 1, per = "person" }, not a list`,
		`content/02-m.md:9:19: error: per must be "person", "group" or "workshop", not "room"`,
	})
	var items []string
	for _, m := range k.Modules[1].Materials {
		items = append(items, m.Item)
	}
	if j := strings.Join(items, ","); j != "Fine,lit,multi\n]" {
		t.Errorf("the whole materials kept: %q", j)
	}
}

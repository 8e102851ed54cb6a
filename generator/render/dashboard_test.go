package render_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestDashboard: the facilitator edition's home is the dashboard, the
// attendee home stays the overview. The dashboard has every day of the
// run-sheet in brief with its date, the edition's tools with what each is
// for, and the list of modules the navigation's "more" links point to.
func TestDashboard(t *testing.T) {
	out := buildKit(t, "testdata/timing")
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	dash := read("facilitator/index.html")
	home := read("index.html")
	if !strings.Contains(dash, `data-page="dashboard"`) || !strings.Contains(home, `data-page="home"`) {
		t.Fatal("the homes are not the dashboard (facilitator) and the overview (attendee)")
	}
	if strings.Contains(home, `class="clock"`) || strings.Contains(home, "brief-day") {
		t.Error("the attendee home shows clocks or the run-sheet")
	}
	doc, err := html.Parse(strings.NewReader(dash))
	if err != nil {
		t.Fatal(err)
	}
	var days, tools []string
	ids := map[string]bool{}
	walk(doc, func(n *html.Node) {
		if id, ok := attr(n, "id"); ok {
			ids[id] = true
		}
		if cls, _ := attr(n, "class"); cls == "brief-day" {
			d, _ := attr(n, "data-day")
			date, _ := attr(n, "data-date")
			days = append(days, d+"="+date)
		}
		if n.Data == "a" && n.Parent != nil && n.Parent.Parent != nil {
			if cls, _ := attr(n.Parent.Parent, "class"); cls == "tool-cards" {
				href, _ := attr(n, "href")
				tools = append(tools, href)
			}
		}
	})
	if got, want := strings.Join(days, " "), "1=2026-12-10 2=2026-12-11 3=2026-12-14"; got != want {
		t.Errorf("days in brief: %s, want %s", got, want)
	}
	// The kit has no quotes and no key points: no pages for them.
	if got, want := strings.Join(tools, " "), "agenda/index.html guide/index.html materials/index.html ../handout/index.html worksheets/index.html present/index.html"; got != want {
		t.Errorf("tool links: %s, want %s", got, want)
	}
	if !ids["modules-heading"] {
		t.Error("the dashboard has no #modules-heading, where a long navigation's links lead")
	}
	// Times of day follow the clock convention; starts that are estimates
	// say so.
	for _, want := range []string{
		`<time class="clock" data-day="1" data-min="547" data-est>≈09:07</time>`,
		`<time class="clock" data-day="1" data-min="590">09:50</time>`,
		`<time class="clock" data-day="3" data-min="570">09:30</time>`,
	} {
		if !strings.Contains(dash, want) {
			t.Errorf("the dashboard lacks %s", want)
		}
	}
	if n := len(regexp.MustCompile(`<a class="slot-title" href="day-1/pinned/index.html">`).FindAllString(dash, -1)); n != 1 {
		t.Errorf("%d links to the pinned module's page, want 1", n)
	}
}

// TestModuleSlot: a facilitator module page says where the module stands
// in its day; the attendee page does not.
func TestModuleSlot(t *testing.T) {
	out := buildKit(t, "testdata/timing")
	slot := regexp.MustCompile(`(?s)<div class="module-slot"[^>]*><dt>When</dt><dd>(.*?)</dd></div>`)
	tags := regexp.MustCompile(`<[^>]+>`)
	for rel, want := range map[string]string{
		"facilitator/day-1/reading/index.html": "Day 1 · 09:00–09:30 · opens day 1",
		"facilitator/day-1/pinned/index.html":  "Day 1 · 09:45–10:25 · after the coffee",
		"facilitator/day-3/last/index.html":    "Day 3 · 09:30–09:45 · opens day 3",
		"day-1/pinned/index.html":              "",
	} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if m := slot.FindSubmatch(b); m != nil {
			got = tags.ReplaceAllString(string(m[1]), "")
		}
		if got != want {
			t.Errorf("%s: slot %q, want %q", rel, got, want)
		}
	}
}

package render

import (
	"fmt"

	"lectern/generator/diag"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Schedule is the run-sheet: the workshop by the clock, by the timing rules
// of the contract.
type Schedule struct {
	Days []*Day
}

// Day runs from its start to its planned end.
type Day struct {
	Number     int
	Title      string // the part that starts it, if any
	Start, End int    // planned, minutes after midnight; End -1 when open
	Finish     int    // when the last item ends
	Items      []*Slot
}

// Overrun is how many minutes the day runs past its planned end.
func (d *Day) Overrun() int {
	if d.End < 0 || d.Finish <= d.End {
		return 0
	}
	return d.Finish - d.End
}

// Slot is a module or a break on the run-sheet.
type Slot struct {
	Start, End int
	Module     *kit.Module // nil for a break
	Title      string
	URL        string // edition path of the module page
	Segments   []SegmentSlot
	Break      bool
	// Over is true when the slot ends after the day's planned end.
	Over bool
}

// SegmentSlot is a timed block within a module.
type SegmentSlot struct {
	Start   int
	Kind    string
	Title   string
	Minutes int
}

// ModuleMinutes is a module's duration: its front matter, or the sum of its
// timed segments.
func ModuleMinutes(m *kit.Module, d *markdown.Doc) int {
	if m.Duration > 0 {
		return m.Duration
	}
	return segmentMinutes(d)
}

func segmentMinutes(d *markdown.Doc) int {
	n := 0
	if d != nil {
		for _, s := range d.Segments {
			n += s.Minutes
		}
	}
	return n
}

// schedule lays the kit out by the clock. It reports overruns and modules
// whose segments add up to more than their duration as warnings.
func schedule(k *kit.Kit, docs map[*kit.Module]*markdown.Doc, warn *diag.List) *Schedule {
	s := &Schedule{}
	start, ok := kit.ParseClock(k.Config.Workshop.Start)
	if !ok {
		start = 9 * 60
	}
	end, ok := kit.ParseClock(k.Config.Workshop.End)
	if !ok {
		end = -1
	}
	day := &Day{Number: 1, Start: start, End: end, Finish: start}
	s.Days = append(s.Days, day)
	breaks := map[string]kit.Break{}
	for _, b := range k.Config.Workshop.Breaks {
		breaks[b.After] = b
	}
	clock := start
	var lastPart *kit.Part
	for _, m := range k.Modules {
		if m.Part != nil && m.Part != lastPart && m.Part.Start != "" {
			ps, _ := kit.ParseClock(m.Part.Start)
			pe, ok := kit.ParseClock(m.Part.End)
			if !ok {
				pe = -1
			}
			if len(day.Items) > 0 {
				day = &Day{Number: day.Number + 1, Start: ps, End: pe}
				s.Days = append(s.Days, day)
			} else {
				day.Start, day.End = ps, pe
			}
			day.Title = m.Part.Title
			clock = ps
		} else if m.Part != nil && len(day.Items) == 0 && day.Title == "" {
			day.Title = m.Part.Title // a day that opens with a part is named after it
		}
		lastPart = m.Part
		d := docs[m]
		mins := ModuleMinutes(m, d)
		if seg := segmentMinutes(d); m.Duration > 0 && seg > m.Duration {
			warn.Warnf(m.Source, 1, 1, "timed segments add up to %d minutes, more than the module's duration of %d", seg, m.Duration)
		}
		slot := &Slot{Start: clock, End: clock + mins, Module: m, Title: m.Title, URL: m.URL()}
		t := clock
		if d != nil {
			for _, sg := range d.Segments {
				slot.Segments = append(slot.Segments, SegmentSlot{Start: t, Kind: sg.Kind, Title: sg.Title, Minutes: sg.Minutes})
				t += sg.Minutes
			}
		}
		day.Items = append(day.Items, slot)
		clock += mins
		if b, ok := breaks[m.Path()]; ok {
			title := b.Title
			if title == "" {
				title = "Break"
			}
			day.Items = append(day.Items, &Slot{Start: clock, End: clock + b.Minutes, Title: title, Break: true})
			clock += b.Minutes
		}
		day.Finish = clock
	}
	for _, d := range s.Days {
		for _, it := range d.Items {
			it.Over = d.End >= 0 && it.End > d.End
		}
		if o := d.Overrun(); o > 0 {
			where := "site.toml"
			if d.Title != "" {
				for _, p := range k.Parts {
					if p.Title == d.Title {
						where = p.Source
					}
				}
			}
			warn.Warnf(where, 0, 0, "day %d runs %s past its planned end of %s (it ends at %s)", d.Number, Minutes(o), Clock(d.End), Clock(d.Finish))
		}
	}
	return s
}

// Clock formats minutes after midnight as "09:30".
func Clock(m int) string {
	if m < 0 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", (m/60)%24, m%60)
}

// Minutes formats a duration for people: "45 min", "1 h 30 min".
func Minutes(m int) string {
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	if m%60 == 0 {
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

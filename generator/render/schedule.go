package render

import (
	"fmt"

	"lectern/generator/diag"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Schedule is the run-sheet: the workshop by the clock. A module starts when
// the one before it, and any break after that one, ends; a part with a start
// begins a new day.
type Schedule struct {
	Days []*Day
	// Participants and GroupSize are site.toml's [workshop] numbers; Groups
	// is how many groups the participants make. Each is 0 when not known.
	Participants, GroupSize, Groups int
	// Materials is everything to bring, counted (materials.go).
	Materials []*MaterialLine
	slots     map[*kit.Module]*Slot
	days      map[*Slot]*Day
}

// ModuleSlot finds a module's place on the run-sheet, or nils.
func (s *Schedule) ModuleSlot(m *kit.Module) (*Day, *Slot) {
	sl := s.slots[m]
	return s.days[sl], sl
}

// Day runs from its start to its planned end.
type Day struct {
	Number     int
	Title      string   // the part that starts it, if any
	Date       kit.Date // zero when the kit gives no date
	Start, End int      // planned, minutes after midnight; End -1 when open
	Finish     int      // when the last item ends
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
	Start   int // minutes after midnight
	Offset  int // minutes from the module's start
	Kind    string
	Title   string
	Minutes int
	ID      string // the block's id on the module page
	// Pinned is true when the block's at= sets its start; otherwise the
	// start is estimated from where the block stands in the module.
	Pinned bool
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

// schedule lays the kit out by the clock and by the calendar, and counts
// the materials. It reports overruns, modules whose segments add up to more
// than their duration, pinned segments that collide and days out of order
// as warnings.
func schedule(k *kit.Kit, docs map[*kit.Module]*markdown.Doc, warn *diag.List) *Schedule {
	s := &Schedule{slots: map[*kit.Module]*Slot{}, days: map[*Slot]*Day{}}
	start, ok := kit.ParseClock(k.Config.Workshop.Start)
	if !ok {
		start = 9 * 60
	}
	end, ok := kit.ParseClock(k.Config.Workshop.End)
	if !ok {
		end = -1
	}
	day := &Day{Number: 1, Start: start, End: end, Finish: start, Date: k.Config.Workshop.Date}
	s.Days = append(s.Days, day)
	breaks := map[string]kit.Break{}
	for _, b := range k.Config.Workshop.Breaks {
		breaks[b.After] = b
	}
	clock := start
	var lastPart *kit.Part
	for _, m := range k.Modules {
		if m.OffSchedule {
			continue // a reference page: not on the run-sheet
		}
		if p := m.Part; p != nil && p != lastPart && p.Start != "" {
			ps, _ := kit.ParseClock(p.Start)
			pe, ok := kit.ParseClock(p.End)
			if !ok {
				pe = -1
			}
			if len(day.Items) > 0 {
				prev := day
				day = &Day{Number: day.Number + 1, Start: ps, End: pe, Date: nextDate(prev, p, warn)}
				s.Days = append(s.Days, day)
			} else {
				day.Start, day.End = ps, pe
				if !p.Date.IsZero() {
					if !day.Date.IsZero() && day.Date != p.Date {
						warn.Warnf(p.Source, p.DateLine, p.DateCol, "this part opens day 1 on %s, but site.toml's workshop.date is %s: the part's date is used", p.Date, day.Date)
					}
					day.Date = p.Date
				}
			}
			day.Title = p.Title
			clock = ps
		} else if m.Part != nil && len(day.Items) == 0 && day.Title == "" {
			day.Title = m.Part.Title // a day that opens with a part is named after it
		}
		lastPart = m.Part
		d := docs[m]
		mins := ModuleMinutes(m, d)
		seg := segmentMinutes(d)
		if m.Duration > 0 && seg > m.Duration {
			warn.Warnf(m.Source, 1, 1, "timed segments add up to %d minutes, more than the module's duration of %d", seg, m.Duration)
		}
		slot := &Slot{Start: clock, End: clock + mins, Module: m, Title: m.Title, URL: m.URL()}
		if d != nil {
			offs := segmentOffsets(d.Segments, d.WordsAfter, mins)
			for i, sg := range d.Segments {
				slot.Segments = append(slot.Segments, SegmentSlot{Start: clock + offs[i], Offset: offs[i], Kind: sg.Kind,
					Title: sg.Title, Minutes: sg.Minutes, ID: sg.ID, Pinned: sg.Pinned})
			}
			pinWarnings(m, d.Segments, offs, mins, seg <= mins, warn)
		}
		day.Items = append(day.Items, slot)
		s.slots[m], s.days[slot] = slot, day
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
			warn.Warnf(where, 0, 0, "day %d runs %s past its planned end of %s (it ends at %s)", d.Number, Minutes(o), Clock(d.End), clockDay(d.Finish))
		}
	}
	w := k.Config.Workshop
	s.Participants, s.GroupSize = w.Participants, w.GroupSize
	if w.Participants > 0 && w.GroupSize > 0 {
		s.Groups = (w.Participants + w.GroupSize - 1) / w.GroupSize
	}
	s.Materials = materials(k, s, warn)
	return s
}

// nextDate is the date of the day part p begins after day prev: its own,
// or the calendar day after prev's.
func nextDate(prev *Day, p *kit.Part, warn *diag.List) kit.Date {
	if p.Date.IsZero() {
		if prev.Date.IsZero() {
			return kit.Date{}
		}
		return prev.Date.AddDays(1)
	}
	if !prev.Date.IsZero() && p.Date.Before(prev.Date) {
		warn.Warnf(p.Source, p.DateLine, p.DateCol, "day %d is dated %s, before day %d (%s): put the days in order or correct the date",
			prev.Number+1, p.Date, prev.Number, prev.Date)
	}
	return p.Date
}

// segmentOffsets places a module's timed segments, in minutes from its
// start. A pinned segment starts where its at= says. The others keep their
// place in the module: between two anchors (the module's start or end, a
// pinned segment), the untimed stretches share the minutes the segments
// leave free in proportion to their words, so an activity after five
// minutes of reading starts about five minutes in. Stretches without words
// take nothing, and the time left over comes at the end.
func segmentOffsets(segs []markdown.Segment, wordsAfter, total int) []int {
	n := len(segs)
	off := make([]int, n)
	words := func(j int) int {
		if j == n {
			return wordsAfter
		}
		return segs[j].WordsBefore
	}
	from, k := 0, -1 // the anchor: the end of segment k, pinned (or the start)
	for {
		l := k + 1
		for l < n && !segs[l].Pinned {
			l++
		}
		to := total
		if l < n {
			to = segs[l].At
		}
		// Segments k+1..l-1 and the stretches k+1..l lie between the anchors.
		busy, w := 0, 0
		for j := k + 1; j < l; j++ {
			busy += segs[j].Minutes
		}
		for j := k + 1; j <= l; j++ {
			w += words(j)
		}
		spare := max(to-from-busy, 0)
		seen, done := 0, 0
		for j := k + 1; j < l; j++ {
			seen += words(j)
			share := 0
			if w > 0 {
				share = (2*spare*seen + w) / (2 * w) // rounded, from the running total so errors do not add up
			}
			off[j] = from + done + share
			done += segs[j].Minutes
		}
		if l == n {
			return off
		}
		off[l] = segs[l].At
		from, k = segs[l].At+segs[l].Minutes, l
	}
}

// pinWarnings reports pinned segments that collide with the one before them
// or run past the module's end; with roomy set (the segments fit the
// module) also a segment the pins push past the end.
func pinWarnings(m *kit.Module, segs []markdown.Segment, offs []int, total int, roomy bool, warn *diag.List) {
	pinned := false
	for _, sg := range segs {
		pinned = pinned || sg.Pinned
	}
	if !pinned {
		return
	}
	hint := ""
	if m.Duration == 0 {
		hint = ": give the module a duration in its front matter"
	}
	for i, sg := range segs {
		endAt := offs[i] + sg.Minutes
		if !sg.Pinned {
			if roomy && endAt > total {
				warn.Warnf(m.Source, sg.Line, sg.Col, "%s runs to minute %d, past the module's end at minute %d: the pinned segments leave it no room%s",
					segmentName(sg), endAt, total, hint)
			}
			continue
		}
		if i > 0 {
			p, pEnd := segs[i-1], offs[i-1]+segs[i-1].Minutes
			switch {
			case sg.At >= pEnd:
			case p.Pinned && sg.At >= p.At:
				warn.Warnf(m.Source, sg.Line, sg.Col, "%s is pinned at minute %d, which overlaps %s (pinned at minutes %d to %d)",
					segmentName(sg), sg.At, segmentName(p), p.At, pEnd)
			default:
				how := "estimated"
				if p.Pinned {
					how = "pinned"
				}
				warn.Warnf(m.Source, sg.Line, sg.Col, "%s is pinned at minute %d, before %s above it ends (minute %d, %s)",
					segmentName(sg), sg.At, segmentName(p), pEnd, how)
			}
		}
		if endAt > total {
			warn.Warnf(m.Source, sg.Line, sg.Col, "%s is pinned at minute %d and runs to minute %d, past the module's end at minute %d%s",
				segmentName(sg), sg.At, endAt, total, hint)
		}
	}
}

// segmentName names a segment in a message: `activity "Pair share"`.
func segmentName(sg markdown.Segment) string {
	if sg.Title == "" {
		return sg.Kind
	}
	return fmt.Sprintf("%s %q", sg.Kind, sg.Title)
}

// Clock formats minutes after midnight as "09:30".
func Clock(m int) string {
	if m < 0 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", (m/60)%24, m%60)
}

// clockDay is Clock naming the day when m is past midnight: "02:10 the
// next day".
func clockDay(m int) string {
	switch days := m / (24 * 60); {
	case m < 0 || days == 0:
		return Clock(m)
	case days == 1:
		return Clock(m) + " the next day"
	default:
		return fmt.Sprintf("%s, %d days later", Clock(m), days)
	}
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

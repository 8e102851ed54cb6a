package render

import (
	"html/template"
	"strconv"
	"strings"

	"lectern/generator/markdown"
)

// The facilitator's deck (facilitator/present/): the workshop as slides,
// in run-sheet order. Each module opens with a title slide (its title, its
// slot, its objectives), then shows what its page puts on the screen in
// order: each activity, discussion and worksheet (the prompt and a timer),
// each quote, each slide block. A break says when the room is back. The
// presenter window (?presenter) is the same page laid out for the
// facilitator, with each module's notes.

// DeckData is the deck as its template shows it.
type DeckData struct {
	Slides []SlideData
	// Notes are the facilitator blocks of each module, by ModuleIndex.
	Notes []DeckNotes
	// Days is how many days the run-sheet has: slots name their day when
	// there are several.
	Days int
	// Start is the slide the deck opens at when its address names none.
	Start int
}

// SlideData is one slide.
type SlideData struct {
	N    int    // 1-based, as the deck's address (#N) and keys count
	Kind string // title, activity, discussion, worksheet, quote, slide, break
	// Title is the slide's heading; Module the module it belongs to.
	Title, Module string
	ModuleIndex   int // into DeckData.Notes; -1 for a break
	// Day, Start and End place the slide on the run-sheet: the module's
	// slot on a title slide, the break on a break slide (End is when the
	// room is back), the segment's start on a timed one (Est: estimated).
	Day, Start, End int
	Est             bool
	// From and To are the slot the slide belongs to (its module's, or the
	// break's), for the presenter's drift.
	From, To   int
	Seconds    int // a timed slide's timer; 0 for none
	Objectives []string
	By, Where  string
	HTML       template.HTML
	// FirstQuote marks the first quote slide, which carries the anchor
	// #quotes that the quote wall's projector link opens.
	FirstQuote bool
	// Attrs are the attributes of the slide's element: its class, id and
	// place (data-n, -module, -kind, -day, -from, -to, which lectern.js
	// reads), its ARIA role and label, and hidden unless it is the one the
	// deck opens at. They are made here, not in the theme: a large kit has
	// thousands of slides, and a dozen template actions each were half the
	// time the deck took to render.
	Attrs template.HTMLAttr
}

// DeckNotes are a module's facilitator notes, for the presenter window.
type DeckNotes struct {
	Index int
	Title string
	Notes []template.HTML
}

func (s *Site) deckPage(p PageRef, d *Data) {
	d.Title = s.t("tool_deck")
	d.Deck = s.deck(p, d)
	d.Deck.Start = 1
	var b strings.Builder
	attr := func(name, v string) { b.WriteString(" " + name + `="` + attrText.Replace(v) + `"`) }
	role := s.t("slide")
	for i := range d.Deck.Slides {
		sl := &d.Deck.Slides[i]
		b.Reset()
		attr("class", "slide slide-"+sl.Kind)
		attr("id", "slide-"+strconv.Itoa(sl.N))
		attr("data-n", strconv.Itoa(sl.N))
		attr("data-module", strconv.Itoa(sl.ModuleIndex))
		attr("data-kind", sl.Kind)
		attr("data-day", strconv.Itoa(sl.Day))
		attr("data-from", strconv.Itoa(sl.From))
		attr("data-to", strconv.Itoa(sl.To))
		attr("aria-roledescription", role)
		attr("aria-label", s.t("slide_of", sl.N, len(d.Deck.Slides), sl.Title))
		if sl.N != d.Deck.Start {
			b.WriteString(" hidden")
		}
		sl.Attrs = template.HTMLAttr(b.String()[1:])
	}
}

// attrText escapes text for a quoted attribute value as html/template does.
var attrText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

func (s *Site) deck(p PageRef, d *Data) *DeckData {
	e := markdown.Facilitator
	deck := &DeckData{Days: len(s.Schedule.Days)}
	add := func(sl SlideData) {
		sl.N = len(deck.Slides) + 1
		deck.Slides = append(deck.Slides, sl)
	}
	for _, day := range s.Schedule.Days {
		for _, it := range day.Items {
			if it.Module == nil {
				add(SlideData{Kind: "break", Title: it.Title, ModuleIndex: -1, Day: day.Number, Start: it.Start, End: it.End, From: it.Start, To: it.End})
				continue
			}
			m := it.Module
			doc := s.docs[m]
			mi := len(deck.Notes)
			notes := DeckNotes{Index: mi, Title: m.Title}
			add(SlideData{Kind: "title", Title: m.Title, Module: m.Title, ModuleIndex: mi, Day: day.Number,
				Start: it.Start, End: it.End, From: it.Start, To: it.End, Objectives: m.Objectives})
			if doc == nil {
				deck.Notes = append(deck.Notes, notes)
				continue
			}
			for _, n := range doc.Notes {
				h, _, _ := s.piece(m, n.HTML, e, d)
				notes.Notes = append(notes.Notes, h)
			}
			deck.Notes = append(deck.Notes, notes)
			for _, b := range doc.Shown {
				// What only the facilitator reads stays off the wall; a
				// slide block is the facilitator's content for it.
				if b.InFacilitator && b.Kind != "slide" {
					continue
				}
				ed := markdown.Attendee
				if b.Kind == "slide" {
					ed = markdown.Facilitator
				}
				h, _, _ := s.piece(m, b.HTML, ed, d)
				sl := SlideData{Kind: b.Kind, Title: b.Title, Module: m.Title, ModuleIndex: mi, Day: day.Number,
					Seconds: b.Minutes * 60, By: b.By, Where: b.Where, HTML: h, Start: -1, From: it.Start, To: it.End}
				for _, sg := range it.Segments {
					if sg.ID == b.ID {
						sl.Start, sl.Est = sg.Start, !sg.Pinned
					}
				}
				if sl.Title == "" {
					switch b.Kind {
					case "activity", "discussion", "worksheet":
						sl.Title = s.t(b.Kind)
					case "quote":
						sl.Title = s.t("quote")
						if b.By != "" {
							sl.Title = s.t("quote_by", b.By)
						}
					}
				}
				add(sl)
			}
		}
	}
	for i := range deck.Slides {
		if deck.Slides[i].Kind == "quote" {
			deck.Slides[i].FirstQuote = true
			break
		}
	}
	return deck
}

package pdf

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The layout Chromium cannot do from CSS alone (layout.js does it in the
// page). A block that may not break but is taller than a third of the page
// may (prepare measures them). The contents' page numbers and writing
// space down to the foot of a worksheet's pages take two prints: a
// draft with nothing drawn, whose named destinations say on which page,
// and how far down, each element the page links to landed; then the PDF,
// with what the draft showed put in. Paged.js could number the contents
// in the page instead, but it lays every page out again in script, needs
// the page's scripts on, fetches the stylesheets (which a file:// page
// refuses) and would put a polyfill the screen never uses in the theme;
// the draft costs a fraction of the print.

//go:embed layout.js
var layoutJS string

// paperMM is the size of each paper, in millimetres.
var paperMM = map[string][2]float64{"A4": {210, 297}, "Letter": {215.9, 279.4}}

const (
	pxPerMM = 96 / 25.4
	ptPerPx = 0.75
	// fillSlack is left blank at the foot of a filled page, in pixels, so
	// that rounding in the second layout cannot push a line over.
	fillSlack = 4
)

// defaultMargins are the margins, in inches (top, right, bottom, left),
// for a theme whose print styles set none (and do not say theirs).
var defaultMargins = [4]float64{0.7, 0.63, 0.7, 0.63}

// geometry is a page's text area, in CSS pixels.
type geometry struct {
	paper   [2]float64 // width and height of the sheet
	margins [4]float64 // top, right, bottom, left
}

func (g geometry) textWidth() float64  { return g.paper[0] - g.margins[1] - g.margins[3] }
func (g geometry) textHeight() float64 { return g.paper[1] - g.margins[0] - g.margins[2] }

// plan is what layout.js's prepare found on the page.
type plan struct {
	Split  int         `json:"split"` // blocks allowed to break for being tall
	TOC    []string    `json:"toc"`   // the targets of the contents' entries
	Sheets []sheetPlan `json:"sheets"`
	Pitch  float64     `json:"pitch"` // the height of a ruled line, in pixels
	Top    string      `json:"top"`   // the destination at the top of the first page's text area
}

type sheetPlan struct {
	Title   string       `json:"title"`
	End     string       `json:"end"` // the destination at the end of the sheet
	Answers []answerPlan `json:"answers"`
}

type answerPlan struct {
	ID     string  `json:"id"`
	Lines  int     `json:"lines"`
	Height float64 `json:"height"` // in pixels
	Next   string  `json:"next"`   // the destination of what follows it
}

// adjustment is what layout.js's adjust puts into the page.
type adjustment struct {
	Pages map[string]int `json:"pages"` // contents entry target → page, from 1
	Lines map[string]int `json:"lines"` // writing space → rules
}

func (p *plan) needsDraft() bool {
	if len(p.TOC) > 0 {
		return true
	}
	for _, s := range p.Sheets {
		if len(s.Answers) > 0 {
			return true
		}
	}
	return false
}

// prepare loads layout.js into the page, lays the page out as it will
// print and returns what the prints must measure.
func prepare(ctx context.Context, paper string) (*plan, geometry, error) {
	mm, ok := paperMM[paper]
	if !ok {
		mm = paperMM["A4"]
	}
	g := geometry{paper: [2]float64{mm[0] * pxPerMM, mm[1] * pxPerMM}}
	for i, in := range defaultMargins {
		g.margins[i] = in * 96
	}
	err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](layoutJS),
		media("print"),
	)
	if err != nil {
		return nil, g, err
	}
	m, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`__lecternPrint.margins()`))
	if err != nil {
		return nil, g, err
	}
	if len(m) == 4 {
		copy(g.margins[:], m)
	}
	w, h := g.textWidth(), g.textHeight()
	// Print media stays on: the print itself would switch to it anyway.
	p, err := chromedp.Run(ctx, chromedp.Evaluate[*plan](fmt.Sprintf(`__lecternPrint.prepare({width: %f, height: %f})`, w, h)))
	if err != nil {
		return nil, g, err
	}
	if p == nil {
		p = &plan{}
	}
	return p, g, nil
}

// media emulates a CSS media type.
func media(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// adjust puts a into the page.
func adjust(ctx context.Context, a adjustment) error {
	js, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`__lecternPrint.adjust(`+string(js)+`)`))
}

// contentsPages numbers each contents entry with the page its target
// starts on in the print that gave dests.
func contentsPages(p *plan, dests map[string]dest) map[string]int {
	pages := map[string]int{}
	for _, id := range p.TOC {
		if d, ok := dests[id]; ok {
			pages[id] = d.page + 1
		}
	}
	return pages
}

// fill gives the writing spaces of each page of each sheet the room left
// at the foot of that page, as whole ruled lines shared in proportion to
// the lines each asked for (the largest remainders first, the later answer
// first on a tie). The room on a sheet's last page is what lies below its
// end; on another page, what lies below the page's last answer when what
// follows it went to a later page (else something else ends the page, and
// the page is left alone). Growing into the room a page leaves moves
// nothing to another page. Sheets in skip get nothing.
func fill(p *plan, g geometry, dests map[string]dest, skip map[int]bool) map[string]int {
	lines := map[string]int{}
	if p.Pitch <= 0 {
		return lines
	}
	// The text area's foot, as high as the destinations' heights give it:
	// Chromium measures them from the top of the text area, as if it were
	// the top of the sheet, which the destination at the top shows.
	head := g.paper[1] * ptPerPx
	if d, ok := dests[p.Top]; ok {
		head = d.y
	}
	foot := head - g.textHeight()*ptPerPx
	for i, s := range p.Sheets {
		end, ok := dests[s.End]
		if !ok || skip[i] {
			continue
		}
		// The sheet's answers, page by page.
		byPage := map[int][]answerPlan{}
		var pages []int
		for _, a := range s.Answers {
			if d, ok := dests[a.ID]; ok {
				if byPage[d.page] == nil {
					pages = append(pages, d.page)
				}
				byPage[d.page] = append(byPage[d.page], a)
			}
		}
		for _, pg := range pages {
			on := byPage[pg]
			var room float64
			if pg == end.page {
				room = (end.y-foot)/ptPerPx - fillSlack
			} else {
				last := on[len(on)-1]
				next, ok := dests[last.Next]
				if !ok || next.page <= pg {
					continue
				}
				bottom := dests[last.ID].y - last.Height*ptPerPx
				room = (bottom-foot)/ptPerPx - fillSlack
			}
			share(on, int(room/p.Pitch), lines)
		}
	}
	return lines
}

// share gives extra lines to answers in proportion to the lines each has,
// the largest remainders first, the later answer first on a tie.
func share(answers []answerPlan, extra int, lines map[string]int) {
	total := 0
	for _, a := range answers {
		total += a.Lines
	}
	if extra <= 0 || total == 0 {
		return
	}
	n := make([]int, len(answers))
	rem := make([]float64, len(answers))
	given := 0
	for j, a := range answers {
		exact := float64(extra) * float64(a.Lines) / float64(total)
		n[j] = int(exact)
		rem[j] = exact - float64(n[j])
		given += n[j]
	}
	for ; given < extra; given++ {
		best := len(answers) - 1
		for j := len(answers) - 1; j >= 0; j-- {
			if rem[j] > rem[best] {
				best = j
			}
		}
		n[best]++
		rem[best] = -1
	}
	for j, a := range answers {
		lines[a.ID] = a.Lines + n[j]
	}
}

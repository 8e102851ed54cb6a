package ui_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"lectern/generator/internal/chromiumtest"
)

// TestWorksheetCellsOnScreen types into an empty cell of a worksheet's
// table: an input on screen, kept in the browser like an answer, shared
// by the module page and the worksheet pack. The pack's sheets are plain
// blocks on screen (the table that repeats a title on paper is for paper),
// and their name line, for paper, is not shown.
func TestWorksheetCellsOnScreen(t *testing.T) {
	ctx, base, _ := sample(t)
	desktop(t, ctx)
	open(t, ctx, base+"task-vs-people/index.html")
	const cell = `input[data-answer="worksheet-1-t1-r2c2"]`
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector('`+cell+`').getAttribute("aria-label")`); got != "T or P?: Approving holiday requests" {
		t.Errorf("the cell's label is %q", got)
	}
	chromiumtest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(cell), "T"), chromedp.Blur(chromedp.CSS(cell)))
	chromiumtest.WaitFor(t, ctx, `localStorage.getItem("lectern:leading-not-just-managing:task-vs-people:worksheet-1-t1-r2c2") === "T"`)

	open(t, ctx, base+"worksheets/index.html")
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector('[data-module="task-vs-people"] `+cell+`').value`); got != "T" {
		t.Errorf("the pack's cell holds %q, want the module page's T", got)
	}
	checks := map[string]string{
		`getComputedStyle(document.querySelector(".worksheet-sheet")).display`:                   "block",
		`getComputedStyle(document.querySelector(".worksheet-sheet > tbody > tr > td")).display`: "block",
		`getComputedStyle(document.querySelector(".name-line")).display`:                         "none",
		`String(!!document.querySelector(".table-scroll > .worksheet-sheet"))`:                   "false",
		`String(document.querySelectorAll(".worksheet-page.selfcheck-page .selfcheck").length)`:  "1",
	}
	for js, want := range checks {
		if got := chromiumtest.Eval[string](t, ctx, js); got != want {
			t.Errorf("%s = %q, want %q", js, got, want)
		}
	}
	chromiumtest.Do(t, ctx, chromedp.Reload())
	chromiumtest.WaitFor(t, ctx, `typeof window.lectern === "object"`)
	if got := chromiumtest.Eval[string](t, ctx, `document.querySelector('[data-module="task-vs-people"] `+cell+`').value`); got != "T" {
		t.Errorf("after reload the cell holds %q", got)
	}
}

package markdown

import (
	"regexp"
	"strings"
	"testing"
)

var cellInput = regexp.MustCompile(`<input type="text" class="cell-input" autocomplete="off" data-answer="([^"]*)" aria-label="([^"]*)">`)

func TestWorksheetCells(t *testing.T) {
	doc := convert(t, Options{}, `| Outside | worksheets |
|---|---|
| stays | |

:::: worksheet {title="Week"}
| Activity | T or P? | Hours |
|---|---|---|
| Status meeting | | 2 |
| **One-to-one** with Sam | P | |
| | | |

::: answer
:::

| | Why? |
|---|---|
| First | |
::::
`)
	h := string(doc.HTML.Bytes(Attendee))
	var got []string
	for _, m := range cellInput.FindAllStringSubmatch(h, -1) {
		got = append(got, m[1]+" "+m[2])
	}
	want := []string{
		"worksheet-1-t1-r1c2 T or P?: Status meeting",
		"worksheet-1-t1-r2c3 Hours: One-to-one with Sam",
		"worksheet-1-t1-r3c1 Activity",
		"worksheet-1-t1-r3c2 T or P?",
		"worksheet-1-t1-r3c3 Hours",
		"worksheet-1-t2-r1c2 Why?: First",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("inputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(h, `<td class="cell-answer">`); n != len(want) {
		t.Errorf("%d cells marked for writing, want %d", n, len(want))
	}
	if n := doc.Worksheets[0].Answers; n != len(want)+1 {
		t.Errorf("the worksheet counts %d writing spaces, want its %d cells and its answer", n, len(want))
	}
	// The cell outside a worksheet and the cells with text are left alone.
	if strings.Contains(h, `<td class="cell-answer"><strong>`) || strings.Count(h, "<td></td>") != 1 {
		t.Errorf("cells outside worksheets or with text changed:\n%s", h)
	}
}

package markdown

import (
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"lectern/generator/i18n"
)

// solutionBlock and hintBlock hold what an attendee should try without
// first: shown collapsed (details and summary, no script needed), open in
// the facilitator edition. Solutions are numbered within their module, so
// that a solution gathered after the module in the handout ([print]
// solutions) keeps the number the module gives it.
var (
	solutionBlock = revealBlock("solution")
	hintBlock     = revealBlock("hint")
)

// The ways the handout prints solution blocks (Options.PrintSolutions).
const (
	SolutionsEnd    = "end"    // each module's solutions after the module
	SolutionsInline = "inline" // where they stand
	SolutionsOmit   = "omit"   // not at all
)

func revealBlock(name string) *Block {
	return &Block{
		Name:  name,
		Attrs: map[string]AttrSpec{"title": {}},
		Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
			if name == "solution" {
				switch handoutSolutions(w) {
				case SolutionsEnd:
					if entering {
						// The module's handout section ends with the solution.
						w.WriteString(`<p class="reveal-stub">`)
						link := `<a href="#` + html.EscapeString(d.ElementID()) + `">` + html.EscapeString(revealLabel(w, d.ID)) + `</a>`
						w.WriteString(i18n.Fill(word(w, "solution_at_end"), link))
						w.WriteString("</p>\n")
					}
					return ast.WalkSkipChildren
				case SolutionsOmit:
					return ast.WalkSkipChildren
				}
			}
			if !entering {
				w.WriteString("</div>\n</details>\n")
				return ast.WalkContinue
			}
			w.WriteString(`<details`)
			blockAttrs(w, d, "reveal reveal-"+name, true)
			facilitatorOnly(w, true)
			w.WriteString(" open")
			facilitatorOnly(w, false)
			// The summary's words are lower case: the stylesheet adds "Show "
			// while the block is closed and capitalises the first letter, so
			// a closed block reads "Show solution 1" and an open or printed
			// one "Solution 1".
			w.WriteString(">\n<summary><span class=\"reveal-name\">")
			escText(w, strings.ToLower(revealLabel(w, d.ID)))
			w.WriteString("</span>")
			if t := d.Attr("title"); t != "" {
				w.WriteString(": ")
				escText(w, t)
			}
			w.WriteString("</summary>\n<div class=\"reveal-body\">\n")
			return ast.WalkContinue
		},
	}
}

// revealLabel is RevealLabel in the language of the rendering under way.
func revealLabel(w util.BufWriter, id string) string {
	if kind, n, _ := strings.Cut(id, "-"); kind == "solution" {
		if k, err := strconv.Atoi(n); err == nil {
			return wordText(w, "solution_n", k) // a number, in the language's digits
		}
		return wordText(w, "solution_n", n)
	}
	return wordText(w, "hint")
}

// RevealLabel names a solution or hint block by its id for people:
// "solution-2" is "Solution 2", a hint is just "Hint" (hints are not
// gathered, so they need no number). A title follows after a colon.
func RevealLabel(id, title string) string {
	kind, n, _ := strings.Cut(id, "-")
	label := "Hint"
	if kind == "solution" {
		label = "Solution " + n
	}
	if title != "" {
		label += ": " + title
	}
	return label
}

// handoutSolutions is how the rendering under way prints solution blocks:
// "" on a module's own page, else a SolutionsX for the handout.
func handoutSolutions(w util.BufWriter) string {
	if ew, ok := w.(*editionWriter); ok {
		return ew.solutions
	}
	return ""
}

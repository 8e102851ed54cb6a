package markdown

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// selfcheckBlock turns a list into questions on a five-point scale between
// two poles. In the browser the answers and a tally stay on the device; on
// paper the scale is bubbles to mark by hand.
var selfcheckBlock = &Block{
	Name:  "selfcheck",
	Attrs: map[string]AttrSpec{"title": {}, "left": {}, "right": {}},
	close: splitQuestions,
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if !entering {
			w.WriteString(`<p class="selfcheck-tally" aria-live="polite" hidden></p>` + "\n")
			w.WriteString(`<p class="selfcheck-actions" hidden><button type="button" class="selfcheck-clear">` + word(w, "clear_answers") + `</button></p>` + "\n")
			w.WriteString("</section>\n")
			return ast.WalkContinue
		}
		w.WriteString(`<section`)
		blockAttrs(w, d, "selfcheck", true)
		attr(w, "data-selfcheck", d.ID)
		attr(w, "data-right", d.Attr("right"))
		w.WriteString(">\n")
		if t := d.Attr("title"); t != "" {
			w.WriteString(`<h2 class="selfcheck-title">`)
			escText(w, t)
			w.WriteString("</h2>\n")
		}
		w.WriteString(`<p class="selfcheck-hint">` + word(w, "selfcheck_hint") + `</p>` + "\n")
		return ast.WalkContinue
	},
}

// KindQuestion is a self-check question: a list item with its two poles.
var KindQuestion = ast.NewNodeKind("Question")

// Question replaces a list item inside a self-check.
type Question struct {
	ast.BaseBlock
	Left, Right string
	Split       bool // the poles came from the question text
	ID          string
}

func (q *Question) Kind() ast.NodeKind { return KindQuestion }

func (q *Question) Dump(src []byte, level int) {
	ast.DumpHelper(q, src, level, map[string]string{"Left": q.Left, "Right": q.Right}, nil)
}

// splitQuestions runs when a self-check closes: its list items become
// questions. The poles come from the source text, before smart punctuation
// turns "--" into a dash.
func splitQuestions(d *Div, src []byte, pc parser.Context) {
	n := 0
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		list, ok := c.(*ast.List)
		if !ok {
			continue
		}
		for item := list.FirstChild(); item != nil; {
			next := item.NextSibling()
			n++
			q := &Question{ID: d.ID + "-q" + strconv.Itoa(n)}
			q.Left, q.Right, q.Split = SplitQuestion(itemText(item, src))
			if !q.Split {
				q.Left, q.Right = d.Attr("left"), d.Attr("right")
				if q.Left == "" || q.Right == "" {
					report(pc, itemOffset(item), warning, "self-check question has no two answers (write \"A — or B?\") and the block has no left and right labels")
				}
			}
			for gc := item.FirstChild(); gc != nil; {
				nx := gc.NextSibling()
				q.AppendChild(q, gc)
				gc = nx
			}
			list.ReplaceChild(list, item, q)
			item = next
		}
	}
	if n == 0 {
		report(pc, d.Off, warning, "self-check has no questions: put them in a list inside the block")
	}
}

// SplitQuestion splits "A — or B?" (em dash, en dash, "--" or "---" before "or")
// into its poles A and B. ok is false when the question has no such split.
func SplitQuestion(s string) (left, right string, ok bool) {
	s = strings.TrimSpace(s)
	for _, dash := range []string{"—", "–", "--"} {
		from := 0
		for {
			i := strings.Index(s[from:], dash)
			if i < 0 {
				break
			}
			i += from
			after := s[i+len(dash):]
			if dash == "--" {
				// "---" is an em dash to smart punctuation: the same split.
				after = strings.TrimLeft(after, "-")
			}
			rest := strings.TrimLeft(after, " ")
			if len(rest) > 3 && strings.EqualFold(rest[:3], "or ") {
				left = strings.TrimSpace(strings.TrimRight(s[:i], " ,"))
				right = strings.TrimSpace(rest[3:])
				right = strings.TrimRight(right, "?. ")
				if left != "" && right != "" {
					return shortPole(plain(left), plain(right)), capitalise(plain(right)), true
				}
			}
			from = i + len(dash)
		}
	}
	return "", "", false
}

// plain drops Markdown emphasis and code marks from a pole label.
func plain(s string) string { return marks.Replace(s) }

// marks is made once: building a Replacer costs far more than using it.
var marks = strings.NewReplacer("**", "", "__", "", "*", "", "`", "")

// itemText is the source text of a list item's first paragraph.
func itemText(item ast.Node, src []byte) string {
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock || c.Lines().Len() == 0 {
			continue
		}
		var b strings.Builder
		lines := c.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if i > 0 {
				b.WriteByte(' ')
			}
			b.Write(util.TrimRightSpace(seg.Value(src)))
		}
		return b.String()
	}
	return ""
}

func itemOffset(item ast.Node) int {
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return item.Pos()
}

func (r *Renderer) renderQuestion(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	q := n.(*Question)
	if entering {
		w.WriteString(`<li class="question"`)
		attr(w, "data-question", q.ID)
		w.WriteString(">\n")
		w.WriteString(`<div class="question-text"`)
		attr(w, "id", q.ID+"-text")
		w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("</div>\n")
	left, right := q.Left, q.Right
	if left == "" {
		left = wordText(w, "not_at_all")
	}
	if right == "" {
		right = wordText(w, "completely")
	}
	w.WriteString(`<fieldset class="scale"`)
	attr(w, "aria-labelledby", q.ID+"-text")
	w.WriteString(">\n")
	w.WriteString(`<span class="pole pole-left">`)
	escText(w, left)
	w.WriteString("</span>\n")
	w.WriteString(`<span class="points">`)
	for i := 1; i <= 5; i++ {
		v := strconv.Itoa(i)
		w.WriteString(`<label class="point"><input type="radio"`)
		attr(w, "name", q.ID)
		w.WriteString(` value="` + v + `"><span class="bubble" aria-hidden="true"></span><span class="visually-hidden">`)
		switch i {
		case 1:
			escText(w, left)
		case 5:
			escText(w, right)
		case 3:
			w.WriteString(word(w, "in_between"))
		case 2:
			escText(w, wordText(w, "closer_to", left))
		case 4:
			escText(w, wordText(w, "closer_to", right))
		}
		w.WriteString(`</span></label>`)
	}
	w.WriteString("</span>\n")
	w.WriteString(`<span class="pole pole-right">`)
	escText(w, right)
	w.WriteString("</span>\n</fieldset>\n</li>\n")
	return ast.WalkContinue, nil
}

// shortPole trims the question's stem from the left pole so the two ends of
// the scale read alike: "When someone misses a deadline, do I get angry"
// against "do I try to help" becomes "Do I get angry", and "Do I spend more
// time giving orders" against "asking questions and listening" becomes "More
// time giving orders" (four words, as many as the right pole). It starts the
// pole where the right pole's first word last appears, or keeps as many
// words as the right pole has (at least two).
func shortPole(left, right string) string {
	lw := strings.Fields(left)
	rw := strings.Fields(right)
	if len(rw) == 0 || len(lw) <= 2 {
		return capitalise(left)
	}
	for i := len(lw) - 1; i >= 0; i-- {
		if strings.EqualFold(strings.Trim(lw[i], ",;:"), rw[0]) {
			return capitalise(strings.Join(lw[i:], " "))
		}
	}
	n := max(len(rw), 2)
	if n >= len(lw) {
		return capitalise(left)
	}
	return capitalise(strings.Join(lw[len(lw)-n:], " "))
}

func capitalise(s string) string {
	// The first rune's size in s: an invalid byte is one byte, though the
	// RuneError that stands for it is three.
	_, size := utf8.DecodeRuneInString(s)
	return strings.ToUpper(s[:size]) + s[size:]
}

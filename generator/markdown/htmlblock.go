package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// htmlBlockParser is goldmark's HTML block parser with two changes, for
// blocks of CommonMark's types 6 and 7 (a <div>, a <details>, any lone
// tag), which run to a blank line:
//
//   - a fence line ends such a block, and then opens or closes a kit block
//     as it would after a blank line: authors write `:::` right under
//     `</details>`, and CommonMark would have published the fence as HTML
//     text and left the kit block unclosed;
//   - a blank line inside a comment does not end it: the block runs on to
//     the comment's end, as a browser reads it, so the text after the blank
//     line is not published.
//
// Blocks of types 1 to 5 (<script>, <pre>, a comment, …) run to their end
// condition, fences and blank lines included, as in CommonMark.
type htmlBlockParser struct{ parser.BlockParser }

func newHTMLBlockParser() parser.BlockParser {
	return htmlBlockParser{parser.NewHTMLBlockParser()}
}

// commentOpenKey maps each open HTML block of type 6 or 7 whose lines so
// far leave a comment open to true; per document, on the parser context.
var commentOpenKey = parser.NewContextKey()

func (p htmlBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	n, st := p.BlockParser.Open(parent, reader, pc)
	if b, ok := n.(*ast.HTMLBlock); ok {
		noteRawHTML(pc, b) // rawhtml.go
		if runsToBlank(b) && commentOpenAfter(false, line) {
			setCommentOpen(pc, b, true)
		}
	}
	return n, st
}

func (p htmlBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	b := node.(*ast.HTMLBlock)
	if !runsToBlank(b) {
		return p.BlockParser.Continue(node, reader, pc)
	}
	line, seg := reader.PeekLine()
	open := commentOpen(pc, b)
	if !open {
		if colons, _, _ := fence(line); colons > 0 {
			return parser.Close // the line is read again, as a fence (div.go)
		}
		if util.IsBlank(line) {
			return parser.Close
		}
	}
	if now := commentOpenAfter(open, line); now != open {
		setCommentOpen(pc, b, now)
	}
	b.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// SetOption passes parser options on to goldmark's parser.
func (p htmlBlockParser) SetOption(name parser.OptionName, value any) {
	if s, ok := p.BlockParser.(parser.SetOptioner); ok {
		s.SetOption(name, value)
	}
}

func runsToBlank(b *ast.HTMLBlock) bool {
	return b.HTMLBlockType == ast.HTMLBlockType6 || b.HTMLBlockType == ast.HTMLBlockType7
}

func commentOpen(pc parser.Context, b *ast.HTMLBlock) bool {
	m, _ := pc.Get(commentOpenKey).(map[*ast.HTMLBlock]bool)
	return m[b]
}

func setCommentOpen(pc parser.Context, b *ast.HTMLBlock, open bool) {
	m, _ := pc.Get(commentOpenKey).(map[*ast.HTMLBlock]bool)
	if m == nil {
		m = map[*ast.HTMLBlock]bool{}
		pc.Set(commentOpenKey, m)
	}
	if open {
		m[b] = true
	} else {
		delete(m, b)
	}
}

// commentOpenAfter reads a line of HTML, in a comment or not at its start,
// and reports whether a comment is open at its end. Like a browser it takes
// `<!-->` and `<!--->` for empty comments and `--!>` for an end. (It does not
// know attribute values: `<a title="<!--">` opens one here. The cost of that
// mistake is a block that runs past a blank line.)
func commentOpenAfter(open bool, line []byte) bool {
	for len(line) > 0 {
		if open {
			i := bytes.Index(line, []byte("--"))
			if i < 0 {
				return true
			}
			rest := line[i+2:]
			switch {
			case bytes.HasPrefix(rest, []byte(">")):
				open, line = false, rest[1:]
			case bytes.HasPrefix(rest, []byte("!>")):
				open, line = false, rest[2:]
			default:
				line = line[i+1:]
			}
			continue
		}
		i := bytes.Index(line, []byte("<!--"))
		if i < 0 {
			return false
		}
		rest := line[i+4:]
		switch {
		case bytes.HasPrefix(rest, []byte(">")):
			line = rest[1:]
		case bytes.HasPrefix(rest, []byte("->")):
			line = rest[2:]
		default:
			open, line = true, rest
		}
	}
	return open
}

// An HTML block of CommonMark's types 1 to 5 (<script>, <pre>, a comment, a
// processing instruction, a declaration, CDATA) ends on the line that holds
// its end condition. goldmark notices that only when it is handed the next
// line, and a div passes each line to what is open inside it first: a
// closing fence right below `<!-- note -->` went to the comment, and the
// block was reported unclosed. htmlTakes tells the div parser whether the
// open HTML block n takes the line, or has ended.

var htmlEnd1 = regexp.MustCompile(`(?i)</(?:script|pre|style|textarea)>`)

var htmlEnds = map[ast.HTMLBlockType][]byte{
	ast.HTMLBlockType2: []byte("-->"),
	ast.HTMLBlockType3: []byte("?>"),
	ast.HTMLBlockType4: []byte(">"),
	ast.HTMLBlockType5: []byte("]]>"),
}

// htmlTakes reports whether the open HTML block n takes line: not once it
// has ended, and for types 6 and 7 not a fence line (outside a comment).
func htmlTakes(n ast.Node, line []byte, pc parser.Context, src []byte) bool {
	b, ok := n.(*ast.HTMLBlock)
	if !ok {
		return false
	}
	if runsToBlank(b) {
		colons, _, _ := fence(line)
		return colons == 0 || commentOpen(pc, b)
	}
	return !htmlEnded(b, src)
}

// htmlEnded reports whether the HTML block b, of type 1 to 5, ended on its
// first line (a block that ends on a later line is closed on that line).
func htmlEnded(b *ast.HTMLBlock, src []byte) bool {
	if b.Lines().Len() != 1 {
		return false
	}
	seg := b.Lines().At(0)
	first := seg.Value(src)
	if b.HTMLBlockType == ast.HTMLBlockType1 {
		return htmlEnd1.Match(first)
	}
	end := htmlEnds[b.HTMLBlockType]
	return end != nil && bytes.Contains(first, end)
}

package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

// An HTML block of CommonMark's types 1 to 5 (<script>, <pre>, a comment, a
// processing instruction, a declaration, CDATA) ends on the line that holds
// its end condition. goldmark notices that only when it is handed the next
// line, and a div passes each line to what is open inside it first: a
// closing fence right below `<!-- note -->` went to the comment, and the
// block was reported unclosed. htmlEnded tells the div parser such a block
// is over.

var htmlEnd1 = regexp.MustCompile(`(?i)</(?:script|pre|style|textarea)>`)

var htmlEnds = map[ast.HTMLBlockType][]byte{
	ast.HTMLBlockType2: []byte("-->"),
	ast.HTMLBlockType3: []byte("?>"),
	ast.HTMLBlockType4: []byte(">"),
	ast.HTMLBlockType5: []byte("]]>"),
}

// htmlEnded reports whether the open HTML block n ended on its first line
// (a block that ends on a later line is closed on that line).
func htmlEnded(n ast.Node, src []byte) bool {
	b, ok := n.(*ast.HTMLBlock)
	if !ok || b.Lines().Len() != 1 {
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

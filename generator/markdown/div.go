package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindDiv is the node kind of every kit block.
var KindDiv = ast.NewNodeKind("Div")

// Div is a fenced div (`::: name {attrs}` … `:::`). Its Block says what it
// is; per-block data lives here, on the node, so one shared parser is safe
// across goroutines.
type Div struct {
	ast.BaseBlock
	Name  string // block name after aliases, "" for an unknown one
	Block *Block
	Attrs []Attr
	// ID is stable within its document, e.g. "worksheet-2": it numbers
	// the block and names where the browser keeps an attendee's answers.
	// OwnID and Classes are the author's {#id .class}: they go on the
	// block's element (ElementID, blockAttrs).
	ID      string
	OwnID   string
	Classes []string
	Off     int // byte offset of the opening fence
	// InFacilitator is true inside a facilitator block: the attendee edition
	// never shows it, nor gathers it onto aggregate pages.
	InFacilitator bool
	closed        bool // a closing fence was seen
	// from and to are where the block's HTML starts and ends in its page's
	// HTML, set when the page is rendered (span): the pages that show the
	// block on its own take those bytes instead of rendering it again.
	from, to int
	rendered bool
	// badHeader is set when the opening fence's name or attributes were
	// reported as wrong: the block still opens, so its closing fence is not
	// taken for a stray one, but it is not reported again as unclosed.
	badHeader bool
}

// Kind implements ast.Node.
func (d *Div) Kind() ast.NodeKind { return KindDiv }

// Dump implements ast.Node.
func (d *Div) Dump(source []byte, level int) {
	m := map[string]string{"Name": d.Name, "ID": d.ID, "OwnID": d.OwnID, "Classes": strings.Join(d.Classes, " ")}
	for _, a := range d.Attrs {
		m[a.Key] = a.Value
	}
	ast.DumpHelper(d, source, level, m, nil)
}

// ElementID is the id of the block's element: the author's, else ID. Links
// to the block (from the run-sheet, the quote wall) use it.
func (d *Div) ElementID() string {
	if d.OwnID != "" {
		return d.OwnID
	}
	return d.ID
}

// Attr returns the value of an attribute, or "".
func (d *Div) Attr(key string) string {
	for _, a := range d.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// IntAttr returns an integer attribute already checked by the block's spec.
func (d *Div) IntAttr(key string) int {
	n := 0
	for _, c := range d.Attr(key) {
		n = n*10 + int(c-'0')
	}
	return n
}

// fence classifies a line: colons is the count of leading colons (0 when the
// line is not a fence), rest is what follows them, trimmed of trailing
// colons and spaces; off is rest's offset in line.
func fence(line []byte) (colons int, rest []byte, off int) {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	start := i
	for i < len(line) && line[i] == ':' {
		i++
	}
	if i-start < 3 {
		return 0, nil, 0
	}
	colons = i - start
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	end := len(line)
	for end > i && (line[end-1] == '\n' || line[end-1] == '\r' || line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	// Pandoc allows colons after the attributes: `::: note :::`.
	for end > i && line[end-1] == ':' {
		end--
	}
	for end > i && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	return colons, line[i:end], i
}

// indent counts the spaces before a fence (at most three).
func indent(line []byte) int {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	return i
}

// maxDepth caps nesting so hostile input cannot exhaust the stack.
const maxDepth = 32

type divParser struct {
	blocks  map[string]*Block
	aliases map[string]string
}

func (p *divParser) Trigger() []byte { return []byte{':'} }

func (p *divParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	colons, rest, off := fence(line)
	if colons == 0 {
		return nil, parser.NoChildren
	}
	// Positions point at the colons, past any indent. A line inside a quote
	// or list item may start with spaces standing for the rest of a tab the
	// container took part of (seg.Padding): they are in line, not in the
	// source.
	lineOff := seg.Start - seg.Padding
	docOff := lineOff + indent(line)
	if len(rest) == 0 {
		// A closing fence with no open block: in Pandoc it is text. It may
		// belong to a fence refused for depth, already reported.
		if n, _ := pc.Get(refusedKey).(int); n > 0 {
			pc.Set(refusedKey, n-1)
			return nil, parser.NoChildren
		}
		report(pc, docOff, warning, "a closing ::: with no open block: it is shown as text")
		return nil, parser.NoChildren
	}
	depth := 0
	inFac := false
	for n := parent; n != nil; n = n.Parent() {
		if d, ok := n.(*Div); ok {
			depth++
			if facilitatorBlockName(d.Name) || d.InFacilitator {
				inFac = true
			}
		}
	}
	if depth >= maxDepth {
		// One error for the page; deeper fences and their closing lines
		// are text.
		n, _ := pc.Get(refusedKey).(int)
		if n == 0 {
			report(pc, docOff, errorSev, "blocks are nested more than %d deep", maxDepth)
		}
		pc.Set(refusedKey, n+1)
		return nil, parser.NoChildren
	}
	name, attrs, ok := p.header(rest, lineOff+off, pc)
	d := &Div{Off: docOff, InFacilitator: inFac, badHeader: !ok}
	var id *Attr
	for i, a := range attrs {
		switch a.Key {
		case "#":
			if id != nil {
				report(pc, a.Off, warning, "a block has one id: #%s is ignored", a.Value)
				continue
			}
			id = &attrs[i]
		case ".":
			d.Classes = append(d.Classes, a.Value)
		default:
			d.Attrs = append(d.Attrs, a)
		}
	}
	if b, known := p.blocks[name]; ok && known {
		d.Name, d.Block = name, b
		b.check(d, pc)
	} else if ok {
		report(pc, lineOff+off, errorSev, "unknown block %q (known: %s)", name, blockNames(p.blocks))
	}
	d.ID = nextID(pc, d.Name)
	if id != nil {
		d.OwnID = id.Value
		claimID(pc, id.Off, id.Value)
	}
	reader.AdvanceToEOL()
	return d, parser.HasChildren
}

// header parses what follows the colons: `name`, `name {attrs}` or `{.name attrs}`.
func (p *divParser) header(rest []byte, off int, pc parser.Context) (string, []Attr, bool) {
	s := string(rest)
	name := ""
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	name = s[:i]
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	var attrs []Attr
	if i < len(s) {
		if s[i] != '{' {
			report(pc, off+i, errorSev, "unexpected %q after the block name: attributes go in {…}", s[i:])
			return "", nil, false
		}
		a, n, err := parseAttrs(s[i:])
		if err != nil {
			report(pc, off+i+err.Off, errorSev, "%s", err.Msg)
			return "", nil, false
		}
		if i+n != len(s) {
			report(pc, off+i+n, errorSev, "unexpected text after the attributes")
			return "", nil, false
		}
		for _, x := range a {
			x.Off += off + i
			if x.Key == "." && name == "" {
				name = x.Value // {.name key=…} names the block
				continue
			}
			attrs = append(attrs, x) // the id and further classes too (Open)
		}
	}
	if name == "" {
		report(pc, off, errorSev, "a block needs a name: write ::: name or ::: {.name}")
		return "", nil, false
	}
	if alias, ok := p.aliases[name]; ok {
		name = alias
	}
	return name, attrs, true
}

func (p *divParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	// A fence belongs to the innermost open div, and colons inside an open
	// code or HTML block are text: look at what is open below this div.
	below := false
	for _, b := range pc.OpenedBlocks() {
		if b.Node == node {
			below = true
			continue
		}
		if !below {
			continue
		}
		switch b.Node.Kind() {
		case KindDiv, ast.KindFencedCodeBlock:
			return parser.Continue | parser.HasChildren
		case ast.KindCodeBlock:
			// An indented code block ends at a line indented less than
			// four columns: a fence there is this div's.
			if w, _ := util.IndentWidth(line, reader.LineOffset()); w >= 4 || util.IsBlank(line) {
				return parser.Continue | parser.HasChildren
			}
		case ast.KindHTMLBlock:
			if htmlTakes(b.Node, line, pc, reader.Source()) { // htmlblock.go
				return parser.Continue | parser.HasChildren
			}
		}
	}
	if colons, rest, _ := fence(line); colons > 0 && len(rest) == 0 {
		node.(*Div).closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (p *divParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	d := node.(*Div)
	if !d.closed && !d.badHeader {
		what := "block" // an unknown name was reported already
		if d.Name != "" {
			what = d.Name + " block"
		}
		report(pc, d.Off, errorSev, "unclosed %s: add a line ::: to close it", what)
	}
	if d.Block != nil && d.Block.close != nil {
		d.Block.close(d, reader.Source(), pc)
	}
	noteHeadingTitle(d, pc) // div_title.go
}

func (p *divParser) CanInterruptParagraph() bool { return true }
func (p *divParser) CanAcceptIndentedLine() bool { return false }

var idKey = parser.NewContextKey()

// refusedKey counts fences refused for depth whose closing lines are still to come.
var refusedKey = parser.NewContextKey()

// nextID numbers blocks of each name in document order, so a block keeps its
// id (and an attendee's saved answer) when other kinds of block are added.
func nextID(pc parser.Context, name string) string {
	m, _ := pc.Get(idKey).(map[string]int)
	if m == nil {
		m = map[string]int{}
		pc.Set(idKey, m)
	}
	if name == "" {
		name = "block"
	}
	m[name]++
	return name + "-" + strconv.Itoa(m[name])
}

package markdown

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Block describes one kit block: its attributes and how it renders. Each
// block lives in its own block_*.go file and is listed in builtinBlocks.
type Block struct {
	Name  string
	Attrs map[string]AttrSpec
	// Render writes the block's opening (entering) or closing HTML. It
	// returns ast.WalkSkipChildren to hide the block's content.
	Render func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus
	// close, when set, runs once the block's content is parsed.
	close func(d *Div, src []byte, pc parser.Context)
	// Segment marks a timed segment on the run-sheet (activity, discussion,
	// worksheet with minutes).
	Segment bool
}

// AttrSpec says what values an attribute takes.
type AttrSpec struct {
	Int      bool // a whole number between Min and Max
	Min, Max int
	Required bool
}

func (b *Block) check(d *Div, pc parser.Context) {
	for _, a := range d.Attrs {
		spec, ok := b.Attrs[a.Key]
		if !ok {
			report(pc, a.Off, errorSev, "unknown attribute %q for block %q (%s)", a.Key, b.Name, attrNames(b))
			continue
		}
		if spec.Int {
			n, err := strconv.Atoi(a.Value)
			if err != nil || n < spec.Min || n > spec.Max || strings.HasPrefix(a.Value, "+") {
				report(pc, a.Off, errorSev, "%s must be a whole number from %d to %d, not %q", a.Key, spec.Min, spec.Max, a.Value)
				d.removeAttr(a.Key)
			}
		}
	}
	for k, spec := range b.Attrs {
		if spec.Required && d.Attr(k) == "" {
			report(pc, d.Off, errorSev, "block %q needs %s=\"…\"", b.Name, k)
		}
	}
}

func (d *Div) removeAttr(key string) {
	for i, a := range d.Attrs {
		if a.Key == key {
			d.Attrs = append(d.Attrs[:i:i], d.Attrs[i+1:]...)
			return
		}
	}
}

func attrNames(b *Block) string {
	if len(b.Attrs) == 0 {
		return "it takes no attributes"
	}
	var n []string
	for k := range b.Attrs {
		n = append(n, k)
	}
	sort.Strings(n)
	return "it takes " + strings.Join(n, ", ")
}

func blockNames(m map[string]*Block) string {
	var n []string
	for k := range m {
		n = append(n, k)
	}
	sort.Strings(n)
	return strings.Join(n, ", ")
}

// minutes is the attribute spec every timed block shares.
var minutes = AttrSpec{Int: true, Min: 1, Max: 600}

// builtinBlocks returns the kit's vocabulary, keyed by name.
func builtinBlocks() map[string]*Block {
	m := map[string]*Block{}
	for _, b := range []*Block{
		facilitatorBlock,
		calloutBlock("note"), calloutBlock("tip"), calloutBlock("warning"),
		segmentBlock("activity"), segmentBlock("discussion"),
		quoteBlock, worksheetBlock, answerBlock, selfcheckBlock,
		solutionBlock, hintBlock, tabsBlock, tabBlock, keypointsBlock, slideBlock,
	} {
		m[b.Name] = b
	}
	return m
}

// BlockNames lists the kit's blocks by name, sorted.
func BlockNames() []string {
	return slices.Sorted(maps.Keys(builtinBlocks()))
}

// IsBlock reports whether name is a kit block, for checking aliases.
func IsBlock(name string) bool {
	_, ok := builtinBlocks()[name]
	return ok
}

// PlainName reports whether name can name a block in a fence: a letter,
// then letters, digits, "-" or "_".
func PlainName(name string) bool {
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '_'):
		default:
			return false
		}
	}
	return name != ""
}

// Problems found while parsing are kept in the parser context as byte
// offsets; Convert turns them into positions.
type severity int

const (
	errorSev severity = iota
	warning
)

type problem struct {
	off int
	sev severity
	msg string
}

var problemsKey = parser.NewContextKey()

func report(pc parser.Context, off int, sev severity, format string, args ...any) {
	ps, _ := pc.Get(problemsKey).(*[]problem)
	if ps == nil {
		ps = &[]problem{}
		pc.Set(problemsKey, ps)
	}
	*ps = append(*ps, problem{off, sev, fmt.Sprintf(format, args...)})
}

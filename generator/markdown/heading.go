package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// headingParser is goldmark's ATX or setext heading parser, reading Pandoc
// attributes at the end of the heading, `## Heading {#id .class}`, and then
// giving the heading its id: the author's, or one made from its text.
// goldmark's own attribute option is not used: it takes any attribute
// (style among them), and panics on `{id=5}`.
type headingParser struct {
	parser.BlockParser
	atx bool
}

func (p headingParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	h := node.(*ast.Heading)
	if h.Parent() == nil {
		return // a setext underline with no text: goldmark made it a paragraph
	}
	src := reader.Source()
	id, classes := headingAttrs(h, src, pc, p.atx)
	if id == "" {
		var line []byte
		if n := h.Lines().Len(); n > 0 {
			last := h.Lines().At(n - 1)
			line = last.Value(src)
		}
		h.SetAttribute(attrID, pc.IDs().Generate(line, ast.KindHeading))
	} else {
		h.SetAttribute(attrID, []byte(id))
	}
	if len(classes) > 0 {
		h.SetAttribute(attrClass, []byte(strings.Join(classes, " ")))
	}
}

// Attribute names, allocated once.
var attrID, attrClass = []byte("id"), []byte("class")

// headingAttrs takes Pandoc attributes off the end of a heading's last line
// (and an ATX heading's closing #s before them) and returns its id
// (claimed) and classes.
func headingAttrs(h *ast.Heading, src []byte, pc parser.Context, atx bool) (id string, classes []string) {
	n := h.Lines().Len()
	if n == 0 {
		return "", nil
	}
	seg := h.Lines().At(n - 1)
	line := bytes.TrimRight(seg.Value(src), " \t\r\n")
	if len(line) == 0 || line[len(line)-1] != '}' {
		return "", nil
	}
	// The attributes are the last {…} that parses to the end of the line
	// and follows a space; a few tries, from the right.
	end := len(line)
	for tries := 0; tries < 4; tries++ {
		i := bytes.LastIndexByte(line[:end], '{')
		if i <= 0 {
			return "", nil
		}
		end = i
		if line[i-1] != ' ' && line[i-1] != '\t' {
			continue
		}
		attrs, used, err := parseAttrs(string(line[i:]))
		if err != nil {
			if i+1 < len(line) && (line[i+1] == '#' || line[i+1] == '.') {
				report(pc, seg.Start+i+err.Off, warning, "these heading attributes are shown as text: %s", err.Msg)
				return "", nil
			}
			continue
		}
		if used != len(line)-i {
			continue
		}
		id, classes = pandocAttrs(attrs, seg.Start+i, "heading", pc)
		seg.Stop = seg.Start + i
		seg = seg.TrimRightSpace(src)
		if atx {
			v := seg.Value(src)
			j := len(v)
			for j > 0 && v[j-1] == '#' {
				j--
			}
			if j < len(v) && j > 0 && (v[j-1] == ' ' || v[j-1] == '\t') {
				seg.Stop = seg.Start + j
				seg = seg.TrimRightSpace(src)
			}
		}
		h.Lines().Set(n-1, seg)
		return id, classes
	}
	return "", nil
}

// pandocAttrs reads Pandoc attributes on a heading or a span, found at
// offset off: the id (claimed for the page) and the classes. Other
// attributes are reported and dropped.
func pandocAttrs(attrs []Attr, off int, what string, pc parser.Context) (id string, classes []string) {
	for _, a := range attrs {
		switch a.Key {
		case "#":
			if id != "" {
				report(pc, off+a.Off, warning, "a %s has one id: #%s is ignored", what, a.Value)
				continue
			}
			id = a.Value
			claimID(pc, off+a.Off, id)
		case ".":
			classes = append(classes, a.Value)
		default:
			report(pc, off+a.Off, warning, "%s=… is ignored: a %s keeps only an #id and .classes", a.Key, what)
		}
	}
	return id, classes
}

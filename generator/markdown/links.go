package markdown

import (
	"html"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Link is a link or image in a document, for checking.
type Link struct {
	Dest  string
	Off   int // byte offset in the document
	Image bool
	// Resolved is false when the destination is inside the kit but points
	// nowhere (a missing .md file or bundle file).
	Resolved bool
	// Alt is the image's alternative text.
	Alt string
	// InFacilitator is set for a link inside a facilitator block.
	InFacilitator bool
}

// Resolver maps a relative link destination (e.g. "02-intro.md#ask" or
// "diagram.png") to the address Lectern writes, and reports whether it
// points anywhere. It returns "" to leave the destination as written.
type Resolver func(dest string) (to string, ok bool)

var resolverKey = parser.NewContextKey()
var facResolverKey = parser.NewContextKey()
var linksKey = parser.NewContextKey()

// linkTransformer rewrites links to .md files and bundle files, so an
// author links to the file they see and every edition gets a page address.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	attResolve, _ := pc.Get(resolverKey).(Resolver)
	facResolve, _ := pc.Get(facResolverKey).(Resolver)
	var links []Link
	src := reader.Source()
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		l := Link{Off: n.Pos(), InFacilitator: inFacilitator(n)}
		switch v := n.(type) {
		case *ast.Link:
			dest = &v.Destination
			if short := shortURL(string(v.Destination)); short != "" {
				// Print shows the short address after the link text.
				v.SetAttributeString("data-short", []byte(short))
			}
		case *ast.Image:
			dest = &v.Destination
			l.Image = true
			l.Alt = plainText(v, src)
		case *ast.AutoLink:
			// Recorded for check (a <javascript:…> autolink is left out of
			// the page, and says so); an address is never resolved.
			if v.AutoLinkType != ast.AutoLinkURL {
				return ast.WalkContinue, nil
			}
			l.Dest, l.Resolved = string(v.URL(src)), true
			links = append(links, l)
			return ast.WalkContinue, nil
		default:
			return ast.WalkContinue, nil
		}
		l.Dest = string(*dest)
		l.Resolved = true
		resolve := attResolve
		if l.InFacilitator && facResolve != nil {
			resolve = facResolve
		}
		if resolve != nil && IsRelative(l.Dest) {
			to, ok := resolve(l.Dest)
			l.Resolved = ok
			if to != "" {
				*dest = []byte(to)
			}
		}
		links = append(links, l)
		return ast.WalkContinue, nil
	})
	pc.Set(linksKey, links)
}

// IsRelative reports whether dest is a path inside the kit: no scheme, not
// absolute, not only a fragment. Only such links go to the Resolver.
func IsRelative(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == ""
}

// plainText is the text of a node's inline content, for headings and alt text.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if t.IsCode() {
				// Smart punctuation is an entity ("&rsquo;"): the text wants
				// the character.
				b.WriteString(html.UnescapeString(string(t.Value)))
			} else {
				b.Write(t.Value)
			}
		case *ast.CodeSpan:
			for x := t.FirstChild(); x != nil; x = x.NextSibling() {
				if tx, ok := x.(*ast.Text); ok {
					b.Write(tx.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// shortURL is the address of a link to another site as a reader would type
// it: no scheme, no "www.", no trailing slash, long paths shortened.
func shortURL(dest string) string {
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	s := strings.TrimPrefix(u.Host, "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	if r := []rune(s); len(r) > 48 {
		s = string(r[:47]) + "…"
	}
	return s
}

// A link reference definition ([key]: address "title") inside a
// facilitator block is facilitator text: attendee text that uses it would
// publish its address and title. scopedContext notes which definitions are
// such, refScope marks where the paragraph being read for definitions
// stands, and refUses turns an attendee use into plain text.

// scopedContext is the parser context with the facilitator definitions.
type scopedContext struct {
	parser.Context
	inFac bool            // the paragraph read for definitions is facilitator text
	fac   map[string]bool // labels defined first inside a facilitator block
}

func (c *scopedContext) AddReference(ref parser.Reference) {
	key := util.ToLinkReference(ref.Label())
	if _, ok := c.Context.Reference(key); !ok && c.inFac {
		c.fac[key] = true
	}
	c.Context.AddReference(ref)
}

// refScope runs just before goldmark reads a paragraph's definitions.
type refScope struct{}

func (refScope) Transform(node *ast.Paragraph, _ text.Reader, pc parser.Context) {
	if c, ok := pc.(*scopedContext); ok {
		c.inFac = facilitatorAt(node)
	}
}

// refUses replaces a link or image in attendee text that takes its address
// from a facilitator definition by its text, with a warning.
type refUses struct{}

func (refUses) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	c, ok := pc.(*scopedContext)
	if !ok || len(c.fac) == 0 {
		return
	}
	var bad []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var ref *ast.ReferenceLink
		switch v := n.(type) {
		case *ast.Link:
			ref = v.Reference
		case *ast.Image:
			ref = v.Reference
		}
		if ref != nil && c.fac[util.ToLinkReference(ref.Value)] && !inFacilitator(n) {
			bad = append(bad, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		var label []byte
		switch v := n.(type) {
		case *ast.Link:
			label = v.Reference.Value
		case *ast.Image:
			label = v.Reference.Value
		}
		report(pc, n.Pos(), warning, "the link reference [%s] is defined inside a facilitator block, so attendee text cannot use it: it shows as plain text (move the definition out of the block)", label)
		parent := n.Parent()
		for ch := n.FirstChild(); ch != nil; {
			next := ch.NextSibling()
			parent.InsertBefore(parent, n, ch)
			ch = next
		}
		parent.RemoveChild(parent, n)
	}
}

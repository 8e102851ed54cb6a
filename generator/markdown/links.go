package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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
}

// Resolver maps a relative link destination (e.g. "02-intro.md#ask" or
// "diagram.png") to the address Lectern writes, and reports whether it
// points anywhere. It returns "" to leave the destination as written.
type Resolver func(dest string) (to string, ok bool)

var resolverKey = parser.NewContextKey()
var linksKey = parser.NewContextKey()

// linkTransformer rewrites links to .md files and bundle files, so an
// author links to the file they see and every edition gets a page address.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	resolve, _ := pc.Get(resolverKey).(Resolver)
	var links []Link
	src := reader.Source()
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		l := Link{Off: n.Pos()}
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
			return ast.WalkContinue, nil
		default:
			return ast.WalkContinue, nil
		}
		l.Dest = string(*dest)
		l.Resolved = true
		if resolve != nil && isRelative(l.Dest) {
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

// isRelative reports whether dest is a path inside the kit: no scheme, not
// absolute, not only a fragment.
func isRelative(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
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
			b.Write(t.Value)
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

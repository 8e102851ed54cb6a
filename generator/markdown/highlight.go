package markdown

import (
	"bytes"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced code with chroma, writing CSS classes so a
// single stylesheet (ChromaCSS) colours every page in light and dark.
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderCode)
}

var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// lexerCache remembers every look-up, misses included: chroma's search for an
// unknown language such as "output" is slow enough to dominate a build.
var lexerCache sync.Map // string -> chroma.Lexer (nil for none)

func lexer(lang string) chroma.Lexer {
	if v, ok := lexerCache.Load(lang); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	l := lexers.Get(lang)
	if l != nil {
		l = chroma.Coalesce(l)
	}
	lexerCache.Store(lang, l)
	return l
}

func renderCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	cb := n.(*ast.FencedCodeBlock)
	lang := ""
	if l := cb.Language(src); l != nil {
		lang = strings.ToLower(string(l))
	}
	var code bytes.Buffer
	lines := cb.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	w.WriteString(`<pre class="chroma"`)
	if lang != "" {
		attr(w, "data-lang", lang)
	}
	w.WriteString(`><code>`)
	if l := lexer(lang); lang != "" && l != nil {
		if it, err := l.Tokenise(nil, code.String()); err == nil {
			if err := formatter.Format(w, styles.Fallback, it); err == nil {
				w.WriteString("</code></pre>\n")
				return ast.WalkSkipChildren, nil
			}
		}
	}
	w.Write(util.EscapeHTML(code.Bytes()))
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// ChromaCSS is the stylesheet for highlighted code: a light style, and a dark
// one for readers whose system asks for it.
func ChromaCSS() []byte {
	var b bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	f.WriteCSS(&b, styles.Get("github"))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	f.WriteCSS(&b, styles.Get("github-dark"))
	b.WriteString("}\n")
	return b.Bytes()
}

package markdown

import (
	"bytes"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/dlclark/regexp2/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced code with chroma, writing CSS classes so a
// single stylesheet (ChromaCSS) colours every page in light and dark.
type codeRenderer struct{ highlights *Highlights }

func (r codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.renderCode)
}

// Chroma gives each of its regular expressions 250 ms per match, and a
// match that runs out of time is taken as no match: the text becomes error
// tokens. On a loaded machine the same code then highlights differently from
// one build to the next, and the cache would keep the wrong HTML. The
// deadline is regexp2's coarse clock plus its tick period, so a tick period
// of centuries puts every deadline out of reach: highlighting depends on the
// code alone; a pathological block costs time, never different bytes.
func init() {
	regexp2.SetTimeoutCheckPeriod(time.Duration(math.MaxInt64 / 4))
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

func (r codeRenderer) renderCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	// Both editions, and a quote or worksheet rendered again on its own,
	// show the same code: highlight it once and keep the HTML on the node
	// (chroma's lexing is most of a module's conversion).
	if v, ok := n.AttributeString(highlightedAttr); ok {
		w.Write(v.([]byte))
		return ast.WalkSkipChildren, nil
	}
	html := r.highlights.highlight(src, n.(*ast.FencedCodeBlock))
	n.SetAttributeString(highlightedAttr, html)
	w.Write(html)
	return ast.WalkSkipChildren, nil
}

// Highlights remembers code blocks' HTML by language and text, across
// pages and builds: a snippet recurs across a kit's modules, and in `lectern
// serve` a page converted again after an edit keeps most of its code. It
// holds at most highlightedMax bytes and starts afresh when full. Whoever
// builds again keeps one and passes it to every Converter (Options); Save
// and Load carry it to the next process. The zero value is empty and ready;
// it is safe for concurrent use.
type Highlights struct {
	mu   sync.Mutex
	html map[codeKey][]byte
	size int
}

type codeKey struct{ lang, code string }

const highlightedMax = 8 << 20

func (h *Highlights) highlight(src []byte, cb *ast.FencedCodeBlock) []byte {
	k := codeKey{}
	if l := cb.Language(src); l != nil {
		k.lang = strings.ToLower(string(l))
	}
	var code strings.Builder
	lines := cb.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	k.code = code.String()
	h.mu.Lock()
	html, ok := h.html[k]
	h.mu.Unlock()
	if ok {
		return html
	}
	var out bytes.Buffer
	highlightCode(&out, k.lang, k.code)
	html = out.Bytes()
	h.mu.Lock()
	if h.html == nil || h.size > highlightedMax {
		h.html, h.size = map[codeKey][]byte{}, 0
	}
	h.html[k] = html
	h.size += len(k.lang) + len(k.code) + len(html)
	h.mu.Unlock()
	return html
}

// highlightedAttr holds a code block's rendered HTML on its node. It is not
// a name Markdown can give, and nothing renders a code block's attributes.
const highlightedAttr = "\x00lectern-highlighted"

// highlightCode writes code as chroma highlights it for lang.
func highlightCode(w *bytes.Buffer, lang, code string) {
	w.WriteString(`<pre class="chroma"`)
	if lang != "" {
		w.WriteString(` data-lang="`)
		w.Write(util.EscapeHTML([]byte(lang)))
		w.WriteByte('"')
	}
	w.WriteString(`><code>`)
	if l := lexer(lang); lang != "" && l != nil {
		if it, err := l.Tokenise(nil, code); err == nil {
			if err := formatter.Format(w, styles.Fallback, it); err == nil {
				w.WriteString("</code></pre>\n")
				return
			}
		}
	}
	w.Write(util.EscapeHTML([]byte(code)))
	w.WriteString("</code></pre>\n")
}

// ChromaCSS is the stylesheet for highlighted code: a light style, and a dark
// one for screens whose reader asks for it (print stays light).
func ChromaCSS() []byte {
	var b bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	f.WriteCSS(&b, styles.Get("github"))
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	// The dark style leaves some token classes unstyled, which would keep
	// their light colours (#1f2328 on #0d1117 is 1.2:1). Reset every token
	// first, with the light rules' specificity, then apply the dark ones.
	b.WriteString(".chroma [class] { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit; text-decoration: inherit }\n")
	f.WriteCSS(&b, styles.Get("github-dark"))
	b.WriteString("}\n")
	return b.Bytes()
}

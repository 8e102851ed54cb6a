//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// The floor is the least a tool on Lectern's stack can do with a kit: decode
// each module's front matter, convert its Markdown with goldmark (the
// extensions Lectern uses) and highlight its code with chroma, on every
// core, and write one page per module in a bare HTML frame. No navigation,
// no second edition, no aggregate page, no search index, no ZIP. It is
// timed beside Lectern and Hugo, so "how far from the floor" is a figure
// of the same run; lectern-bench runs it as a child process of its own
// executable (`lectern-bench floor KIT OUT`), for the same rusage figures.

const floorCommand = "floor"

func floor(kitDir, out string) error {
	var paths []string
	content := filepath.Join(kitDir, "content")
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(floorCode{}, 100))),
	)
	jobs := make(chan string)
	errs := make(chan error, len(paths))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var page bytes.Buffer
			for p := range jobs {
				page.Reset()
				if err := floorPage(md, &page, p); err != nil {
					errs <- err
					continue
				}
				rel, _ := filepath.Rel(content, strings.TrimSuffix(p, ".md"))
				dst := filepath.Join(out, rel, "index.html")
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					errs <- err
					continue
				}
				if err := os.WriteFile(dst, page.Bytes(), 0o644); err != nil {
					errs <- err
				}
			}
		})
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

func floorPage(md goldmark.Markdown, page *bytes.Buffer, path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var front struct{ Title string }
	if rest, ok := bytes.CutPrefix(src, []byte("+++\n")); ok {
		head, body, found := bytes.Cut(rest, []byte("\n+++\n"))
		if !found {
			return fmt.Errorf("%s: unclosed front matter", path)
		}
		if _, err := toml.Decode(string(head), &front); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		src = body
	}
	page.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	page.Write(util.EscapeHTML([]byte(front.Title)))
	page.WriteString("</title>\n</head>\n<body>\n<main>\n")
	if err := md.Convert(src, page); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	page.WriteString("</main>\n</body>\n</html>\n")
	return nil
}

// floorCode highlights every fenced code block with chroma, nothing cached.
type floorCode struct{}

var floorFormatter = chromahtml.New(chromahtml.WithClasses(true))

// floorLexers remembers look-ups: chroma's search for a language it does
// not know (such as "output") costs more than highlighting.
var floorLexers sync.Map // string -> chroma.Lexer

func floorLexer(lang string) chroma.Lexer {
	if l, ok := floorLexers.Load(lang); ok {
		return l.(chroma.Lexer)
	}
	l := lexers.Get(lang)
	if l == nil {
		l = lexers.Fallback
	}
	l = chroma.Coalesce(l)
	floorLexers.Store(lang, l)
	return l
}

func (floorCode) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		cb := n.(*ast.FencedCodeBlock)
		var code strings.Builder
		for i := range cb.Lines().Len() {
			seg := cb.Lines().At(i)
			code.Write(seg.Value(src))
		}
		it, err := floorLexer(string(cb.Language(src))).Tokenise(nil, code.String())
		if err != nil {
			return ast.WalkStop, err
		}
		return ast.WalkSkipChildren, floorFormatter.Format(w, styles.Fallback, it)
	})
}

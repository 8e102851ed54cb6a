package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// tabsBlock holds one tab block per choice (macOS, Windows, Linux). The
// page shows every tab in order, each under its title, which is what a
// reader without script and a printed page get; the theme's script turns
// them into tabs and remembers the reader's choice by its title.
var tabsBlock = &Block{
	Name:  "tabs",
	Attrs: map[string]AttrSpec{"title": {}},
	close: checkTabs,
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if !entering {
			w.WriteString("</div>\n")
			return ast.WalkContinue
		}
		w.WriteString(`<div`)
		blockAttrs(w, d, "tabs", true)
		if t := d.Attr("title"); t != "" {
			attr(w, "data-label", t)
		}
		w.WriteString(">\n")
		return ast.WalkContinue
	},
}

// tabBlock is one choice of a tabs block.
var tabBlock = &Block{
	Name:  "tab",
	Attrs: map[string]AttrSpec{"title": {Required: true}},
	close: checkTab,
	Render: func(w util.BufWriter, d *Div, entering bool) ast.WalkStatus {
		if !entering {
			w.WriteString("</section>\n")
			return ast.WalkContinue
		}
		w.WriteString(`<section`)
		blockAttrs(w, d, "tab-panel", true)
		attr(w, "data-tab", d.Attr("title"))
		w.WriteString(">\n")
		w.WriteString(`<p class="tab-title">`)
		escText(w, d.Attr("title"))
		w.WriteString("</p>\n")
		return ast.WalkContinue
	},
}

// checkTabs warns about a tabs block that has no tab, about content beside
// its tabs (the tabs would hide it among none of them) and about two tabs
// with one title (a reader's choice is remembered by the title).
func checkTabs(d *Div, _ []byte, pc parser.Context) {
	tabs := 0
	titles := map[string]bool{}
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*Div)
		if !ok || t.Name != "tab" {
			if ok && t.Name == "" {
				continue // an unknown block, reported already
			}
			report(pc, nodeOffset(c, d), warning, "text in a tabs block outside its tab blocks: put it inside a ::: tab {title=\"…\"}, or after the tabs block")
			continue
		}
		tabs++
		title := t.Attr("title")
		if title != "" && titles[title] {
			report(pc, t.Off, warning, "two tabs of one tabs block are titled %q: a reader's choice is remembered by its title", title)
		}
		titles[title] = true
	}
	if tabs == 0 {
		report(pc, d.Off, warning, "tabs block has no tab: put each choice in a ::: tab {title=\"…\"} block inside it")
	}
}

// checkTab reports a tab block outside a tabs block.
func checkTab(d *Div, _ []byte, pc parser.Context) {
	if p, ok := d.Parent().(*Div); !ok || p.Name != "tabs" {
		report(pc, d.Off, errorSev, "a tab block belongs directly inside a tabs block: put ::: tabs around the tabs (with a longer fence, like ::::)")
	}
}

// nodeOffset is where a block node starts in the source, or the offset of
// the block holding it when the node has no lines of its own.
func nodeOffset(n ast.Node, in *Div) int {
	if d, ok := n.(*Div); ok {
		return d.Off
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			if off := nodeOffset(c, in); off != in.Off {
				return off
			}
		}
	}
	return in.Off
}

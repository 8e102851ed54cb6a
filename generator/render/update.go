package render

import (
	"strings"

	"lectern/generator/diag"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Update is New for a kit that changed since prev was made from it, as the
// dev server sees it after a save: it converts again only the pages whose
// Markdown, or the addresses their links point to, changed, and takes every
// other page's conversion from prev (Conversions). The result equals
// New(k, th, opt). Converting is the costly step; the layout, the run-sheet
// and the pages themselves are cheap and made again (pages only when
// rendered). prev may be nil.
func Update(prev *Site, k *kit.Kit, th *Theme, opt Options) (*Site, diag.List) {
	return build(k, th, opt, prev)
}

// Asset returns a file of Files that the theme or the Markdown stage makes
// (under assets/), without making the rest: Files also builds the search
// index, which on a large kit costs as much as a conversion of every page,
// and the dev server is asked for the stylesheets on every reload. ok is
// false for every other path.
func (s *Site) Asset(p string) (data []byte, ok bool) {
	name, ok := strings.CutPrefix(p, "assets/")
	if !ok {
		return nil, false
	}
	if name == "chroma.css" {
		return markdown.ChromaCSS(), true
	}
	data, ok = s.Theme.Assets[name]
	return data, ok
}

// DropSources lets go of the kit's Markdown. A site rendered once, as by
// lectern build, is done with it after New; on a large kit it is a fifth
// of what the site holds while it is written. Such a site's search files
// are let go as they are asked for, too.
func (s *Site) DropSources() {
	s.search.once1 = true
	if s.Kit.Home != nil {
		s.Kit.Home.Body = nil
	}
	for _, p := range s.Kit.Parts {
		p.Body = nil
	}
	for _, m := range s.Kit.Modules {
		m.Body = nil
	}
}

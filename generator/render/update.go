package render

import (
	"bytes"
	"maps"
	"reflect"
	"strings"

	"lectern/generator/diag"
	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// Update is New for a kit that changed since prev was made from it, as the
// dev server sees it after a save: it converts again only the pages whose
// Markdown, or the addresses their links point to, changed, and takes every
// other page's conversion from prev. The result equals New(k, th, opt).
// Converting is the costly step; the layout, the run-sheet and the pages
// themselves are cheap and made again (pages only when rendered). prev may
// be nil.
func Update(prev *Site, k *kit.Kit, th *Theme, opt Options) (*Site, diag.List) {
	if prev != nil && !sameConverter(prev.Kit, k) {
		prev = nil
	}
	return build(k, th, opt, prev)
}

// converted is one page's conversion and what it was made from.
type converted struct {
	body     []byte
	bodyLine int
	doc      *markdown.Doc
	diags    diag.List // the conversion's problems, with its links' warnings
}

func newConverted(p *kit.Page, d *markdown.Doc, e diag.List) *converted {
	return &converted{body: p.Body, bodyLine: p.BodyLine, doc: d, diags: e}
}

// reuser returns the function that finds prev's conversion of a page for
// the new site s, or nil when the page must be converted again. A
// conversion depends on the Markdown, the converter's options
// (sameConverter), and what each link resolves to: checking every link of
// the page against both sites' resolvers covers renamed, added and removed
// pages, bundle files and static files. s needs its kit, targets and files.
func (prev *Site) reuser(s *Site) func(p *kit.Page) *converted {
	if prev == nil {
		return func(*kit.Page) *converted { return nil }
	}
	same := prev.sameTargets(s)
	return func(p *kit.Page) *converted {
		c := prev.converted[p.Source]
		if c == nil || c.bodyLine != p.BodyLine || !bytes.Equal(c.body, p.Body) {
			return nil
		}
		if same {
			return c
		}
		was, is := prev.resolver(p.Source), s.resolver(p.Source)
		wasFac, isFac := prev.facilitatorResolver(p.Source), s.facilitatorResolver(p.Source) // bundles.go
		for _, l := range c.doc.Links {
			w, i := was, is
			if l.InFacilitator {
				w, i = wasFac, isFac
			}
			u1, ok1 := w(l.Dest)
			u2, ok2 := i(l.Dest)
			if u1 != u2 || ok1 != ok2 {
				return nil
			}
		}
		return c
	}
}

// sameTargets reports whether links resolve the same in both sites: the
// same pages at the same addresses, the same files at the same paths.
func (prev *Site) sameTargets(s *Site) bool {
	return maps.Equal(prev.targets, s.targets) && maps.Equal(prev.files, s.files) && maps.Equal(prev.bundles, s.bundles)
}

// sameConverter reports whether the two kits convert Markdown alike.
func sameConverter(a, b *kit.Kit) bool {
	// Whole sections, so a setting added to either is not missed.
	return reflect.DeepEqual(a.Config.Markdown, b.Config.Markdown) && reflect.DeepEqual(a.Config.Blocks, b.Config.Blocks) &&
		a.Config.Print == b.Config.Print && // the handout's solutions are rendered with the page
		a.Config.Language == b.Config.Language && reflect.DeepEqual(a.Strings, b.Strings) // the blocks' labels

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

// DropSources lets go of the kit's Markdown, which a site keeps for Update.
// A site rendered once, as by lectern build, is done with it after New; on
// a large kit it is a fifth of what the site holds while it is written.
// Such a site's search files are let go as they are asked for, too.
func (s *Site) DropSources() {
	s.converted = nil
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

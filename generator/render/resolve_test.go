package render

import (
	"path"
	"path/filepath"
	"strings"
	"testing"

	"lectern/generator/kit"
)

// TestLinkTargetAgrees checks that what LinkTarget and PageAt say a link
// names is what the resolver writes for it, for links from every page to
// every page, page folder and bundle file of a kit with parts and bundles.
func TestLinkTargetAgrees(t *testing.T) {
	s := loadSite(t, "testdata/partskit")
	k := s.Kit
	url := map[*kit.Page]string{k.Home: "index.html"}
	pages := []*kit.Page{k.Home}
	named := []string{"content", k.Home.Source}
	for _, p := range k.Parts {
		url[&p.Page] = p.URL()
		pages = append(pages, &p.Page)
		named = append(named, p.Source, path.Dir(p.Source))
	}
	for _, m := range k.Modules {
		url[&m.Page] = m.URL()
		pages = append(pages, &m.Page)
		named = append(named, m.Source)
		if m.BundleDir != "" {
			named = append(named, m.BundleDir)
			for _, b := range m.Bundle {
				named = append(named, m.BundleDir+"/"+b)
			}
		}
	}
	if len(k.Parts) == 0 || len(named) < 8 {
		t.Fatalf("the kit has %d parts and %d linkable paths: too few to test", len(k.Parts), len(named))
	}
	named = append(named, "content/nothing.md", "static/nothing.pdf")

	for _, from := range pages {
		resolve := s.resolver(from.Source)
		var dests []string
		for _, to := range named {
			rel, err := filepath.Rel(path.Dir(from.Source), to)
			if err != nil {
				t.Fatal(err)
			}
			rel = filepath.ToSlash(rel)
			dests = append(dests, rel, rel+"#top", rel+"?print#a%20b", rel+"/")
		}
		dests = append(dests, "?print#top", "?q", "../../../outside.md#x")
		for _, dest := range dests {
			addr, ok := resolve(dest)
			target, frag, hasFrag := LinkTarget(from.Source, dest)
			p := s.PageAt(target)
			raw, _, _ := strings.Cut(dest, "#")
			switch {
			case strings.HasPrefix(addr, pageMarker):
				want := pageMarker + url[p]
				if hasFrag {
					want += "#" + dest[strings.IndexByte(dest, '#')+1:]
				}
				if p == nil || addr != want {
					t.Errorf("%s: %q resolves to %q, but LinkTarget names %q (page %s)", from.Source, dest, addr, target, source(p))
				}
			case strings.HasPrefix(addr, fileMarker):
				if p != nil {
					t.Errorf("%s: %q resolves to the file %q, but PageAt finds %s", from.Source, dest, addr, p.Source)
				}
			case ok && strings.HasPrefix(raw, "?"):
				if target != from.Source || p != from {
					t.Errorf("%s: %q names %q (page %s), want the page itself", from.Source, dest, target, source(p))
				}
			case ok:
				t.Errorf("%s: %q resolves to nothing, yet is fine", from.Source, dest)
			default:
				if p != nil {
					t.Errorf("%s: %q points nowhere, but PageAt finds %s", from.Source, dest, p.Source)
				}
			}
			if hasFrag && strings.Contains(dest, "%20") && frag != "a b" {
				t.Errorf("%s: %q: fragment %q, want it unescaped", from.Source, dest, frag)
			}
		}
	}
}

func source(p *kit.Page) string {
	if p == nil {
		return "none"
	}
	return p.Source
}

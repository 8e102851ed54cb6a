package render

import (
	"path"
	"strings"

	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// A relative link in a page names a kit path: a page's source, the folder
// that holds a page (the content folder, a part, a module bundle), a bundle
// file or a static file. The Markdown stage asks resolver what address to
// write for it; a later stage (lectern check) asks LinkTarget and PageAt
// what it names.

// LinkTarget takes dest, a relative link in the page at src (one
// markdown.IsRelative accepts), apart as the site resolves it: the kit path
// it names, cleaned, and its fragment, unescaped. A link with no path, such
// as "?q#top", names the page itself.
func LinkTarget(src, dest string) (target, frag string, hasFrag bool) {
	target, frag, hasFrag = splitLink(path.Dir(src), dest)
	if target == "" {
		target = src
	}
	return target, unescape(frag), hasFrag
}

// splitLink is LinkTarget from the page's folder, with the fragment as
// written and "" for a link with no path.
func splitLink(dir, dest string) (target, frag string, hasFrag bool) {
	p, frag, hasFrag := strings.Cut(dest, "#")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if p == "" {
		return "", frag, hasFrag
	}
	return path.Clean(path.Join(dir, unescape(p))), frag, hasFrag
}

// PageAt returns the page a kit path from LinkTarget names, or nil when it
// names none (a bundle or static file, or nothing).
func (s *Site) PageAt(target string) *kit.Page {
	var found *kit.Page
	pagePaths(s.Kit, func(kitPath, _ string, p *kit.Page) {
		if found == nil && kitPath == target {
			found = p
		}
	})
	return found
}

// pagePaths calls f with every kit path that names a page, the page's
// edition path and the page (nil for a kit with no home page).
func pagePaths(k *kit.Kit, f func(kitPath, url string, p *kit.Page)) {
	f("content/_index.md", "index.html", k.Home)
	f("content", "index.html", k.Home)
	for _, p := range k.Parts {
		f(p.Source, p.URL(), &p.Page)
		f(path.Dir(p.Source), p.URL(), &p.Page)
	}
	for _, m := range k.Modules {
		f(m.Source, m.URL(), &m.Page)
		if m.BundleDir != "" {
			f(m.BundleDir, m.URL(), &m.Page)
		}
	}
}

// targets maps every kit path that names a page to its edition path, for
// .md links.
func targets(k *kit.Kit) map[string]string {
	t := map[string]string{}
	pagePaths(k, func(kitPath, url string, _ *kit.Page) { t[kitPath] = url })
	return t
}

// published maps the kit path of every file a page may link to, a bundle's
// or a static file, to its path in the output.
func published(k *kit.Kit) map[string]string {
	f := map[string]string{}
	for _, st := range k.Static {
		f["static/"+st] = st
	}
	for _, m := range k.Modules {
		for _, b := range m.Bundle {
			f[m.BundleDir+"/"+b] = bundlePath(m, b)
		}
	}
	return f
}

// resolver maps a relative link in the page at src to a marked address.
func (s *Site) resolver(src string) markdown.Resolver {
	dir := path.Dir(src)
	return func(dest string) (string, bool) {
		target, frag, hasFrag := splitLink(dir, dest)
		if target == "" {
			return "", true
		}
		if strings.HasPrefix(target, "../") || target == ".." {
			return "", false
		}
		if u, ok := s.targets[target]; ok {
			if hasFrag {
				u += "#" + frag
			}
			return pageMarker + u, true
		}
		if f, ok := s.files[target]; ok {
			u := fileMarker + escapePath(f)
			if hasFrag { // a PDF's #page=2
				u += "#" + frag
			}
			return u, true
		}
		return "", false
	}
}

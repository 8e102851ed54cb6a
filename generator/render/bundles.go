package render

import (
	"path"
	"strings"

	"lectern/generator/kit"
	"lectern/generator/markdown"
)

// A bundle file that only facilitator text links to (an answer key) is the
// facilitator edition's: it is published under facilitator/, which the
// attendee site and ZIP leave out, and facilitator text links to that copy.
// A file attendees link to, or that nothing links to, stays where it was;
// so does every file of a kit with [markdown] unsafe, whose raw HTML may use
// any file by its address.

// facilitatorResolver is resolver for links in facilitator text.
func (s *Site) facilitatorResolver(src string) markdown.Resolver {
	base := s.resolver(src)
	dir := path.Dir(src)
	return func(dest string) (string, bool) {
		to, ok := base(dest)
		if !ok || !strings.HasPrefix(to, fileMarker) || s.Kit.Config.Markdown.Unsafe {
			return to, ok
		}
		if target, _, _ := splitLink(dir, dest); s.bundles[target] {
			to = fileMarker + escapePath(editionRoot(markdown.Facilitator)) + to[len(fileMarker):]
		}
		return to, ok
	}
}

// bundleKitPaths is the kit path of every bundle file not already in the
// facilitator edition (a facilitator-only module's).
func bundleKitPaths(k *kit.Kit) map[string]bool {
	b := map[string]bool{}
	for _, m := range k.Modules {
		if m.FacilitatorOnly {
			continue
		}
		for _, f := range m.Bundle {
			b[m.BundleDir+"/"+f] = true
		}
	}
	return b
}

// bundleUse notes, after every page is converted, which bundle files
// attendee text and facilitator text link to.
func (s *Site) bundleUse() {
	s.attUses, s.facUses = map[string]bool{}, map[string]bool{}
	note := func(p *kit.Page, d *markdown.Doc, facPage bool) {
		if p == nil || d == nil {
			return
		}
		for _, l := range d.Links {
			if !l.Resolved || !markdown.IsRelative(l.Dest) {
				continue
			}
			target, _, _ := splitLink(path.Dir(p.Source), l.Dest)
			if !s.bundles[target] {
				continue
			}
			if l.InFacilitator || facPage {
				s.facUses[target] = true
			} else {
				s.attUses[target] = true
			}
		}
	}
	note(s.Kit.Home, s.home, false)
	for _, p := range s.Kit.Parts {
		note(&p.Page, s.parts[p], false)
	}
	for _, m := range s.Kit.Modules {
		note(&m.Page, s.docs[m], m.FacilitatorOnly)
	}
}

// bundleFiles lists the bundle files to publish: the facilitator copy of
// each that facilitator text links to, and the file itself unless only
// facilitator text links to it.
func (s *Site) bundleFiles() []File {
	var out []File
	for _, m := range s.Kit.Modules {
		for _, b := range m.Bundle {
			kp, src, to := m.BundleDir+"/"+b, path.Join(s.Kit.Dir, m.BundleDir, b), bundlePath(m, b)
			fac := s.bundles[kp] && s.facUses[kp] && !s.Kit.Config.Markdown.Unsafe
			if fac {
				out = append(out, File{Path: editionRoot(markdown.Facilitator) + to, Src: src})
			}
			if !fac || s.attUses[kp] {
				out = append(out, File{Path: to, Src: src})
			}
		}
	}
	return out
}

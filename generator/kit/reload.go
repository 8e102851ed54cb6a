package kit

import (
	"path"

	"lectern/generator/diag"
)

// This file serves the dev server, which must not read a whole kit again on
// every save: Reload re-reads one page file, and Ignored says which files an
// editor leaves behind.

// Ignored reports whether a file or folder name is one that Load skips:
// editor backups, swap and lock files, and hidden files.
func Ignored(name string) bool { return ignored(name) }

// Reload reads the page file src (a module's Source, or the home page's) of
// k again, as Load reads it, and returns a copy of k with that page
// replaced; k itself is not changed, so pages being rendered from it stay
// consistent. ok is false when a Load of the whole kit is needed instead: src
// is not such a page, it can no longer be read, it has a problem, or its
// front matter changes the kit's shape (a module's slug or weight, or a
// draft leaving a build without drafts). When ok is true, a Load of the
// whole kit would give the returned kit and the same problems as before.
func Reload(k *Kit, src string, opt Options) (nk *Kit, ok bool) {
	var errs diag.List
	c := k.clone()
	l := loader{k: c, opt: opt, errs: &errs}
	if c.Home != nil && c.Home.Source == src {
		l.home(src)
		return c, len(errs) == 0
	}
	i := -1
	for j, m := range c.Modules {
		if m.Source == src {
			i = j
			break
		}
	}
	if i < 0 {
		return nil, false
	}
	old := c.Modules[i]
	name := ""
	if old.BundleDir != "" {
		name = path.Base(old.BundleDir)
	}
	m := l.module(src, old.Part, name)
	if m == nil || len(errs) > 0 || m.Slug != old.Slug || m.Weight != old.Weight || m.order != old.order {
		return nil, false
	}
	m.BundleDir, m.Bundle = old.BundleDir, old.Bundle
	*old = *m // old is c's own copy
	return c, true
}

// clone copies the kit's structure: every Module, Part and the home Page are
// new values pointing at each other as in k; bodies and lists are shared,
// as nothing changes them after Load.
func (k *Kit) clone() *Kit {
	c := *k
	if k.Home != nil {
		h := *k.Home
		c.Home = &h
	}
	parts := make(map[*Part]*Part, len(k.Parts))
	c.Parts = make([]*Part, len(k.Parts))
	for i, p := range k.Parts {
		np := *p
		np.Modules = make([]*Module, len(p.Modules))
		parts[p] = &np
		c.Parts[i] = &np
	}
	mods := make(map[*Module]*Module, len(k.Modules))
	c.Modules = make([]*Module, len(k.Modules))
	for i, m := range k.Modules {
		nm := *m
		if m.Part != nil {
			nm.Part = parts[m.Part]
		}
		mods[m] = &nm
		c.Modules[i] = &nm
	}
	for _, p := range k.Parts {
		for i, m := range p.Modules {
			parts[p].Modules[i] = mods[m]
		}
	}
	c.Entries = make([]Entry, len(k.Entries))
	for i, e := range k.Entries {
		c.Entries[i] = Entry{Module: mods[e.Module], Part: parts[e.Part]}
	}
	return &c
}

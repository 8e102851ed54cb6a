// Package site assembles a kit into a site ready to render: it runs the
// stages that come before writing (the kit, its theme, the Markdown of
// every page) and checks that every output the site would write can be
// written (Verify). It is the one place that strings the stages together:
// `lectern build` and `lectern pdf` write what it assembles (publish),
// `lectern check` reads it, and `lectern serve` keeps an Assembly and runs
// its steps again as files change. It writes nothing.
//
// The stages in order: kit → markdown → render → site → publish, then the
// commands' packages (serve, pdf, check).
//
// Start with Load; Assembly runs the stages one at a time.
package site

import (
	"lectern/generator/diag"
	"lectern/generator/kit"
	"lectern/generator/markdown"
	"lectern/generator/render"
	"lectern/themes"
)

// Options say which kit to assemble, and how.
type Options struct {
	Source string // the kit folder
	Drafts bool   // include draft modules
	Only   string // "", "attendee" or "facilitator"
	// Highlights remembers highlighted code from earlier builds (publish
	// keeps it between builds in its spare output folder); nil: the
	// Assembly keeps one of its own, for all its conversions.
	Highlights *markdown.Highlights
	// Before returns the last build's conversions (publish keeps them in
	// its cache folder), for the first Convert to take pages from; it is
	// called then, so that they may be read while the kit loads.
	Before func() *render.Conversions
}

// Load loads the kit and its theme, converts every page and verifies the
// outputs, stopping after the first stage that has errors. The diagnostics
// hold every problem found, sorted; the site is nil when they hold an error.
func Load(o Options) (*render.Site, diag.List) {
	a := New(o)
	if a.LoadKit() && a.LoadTheme() {
		a.Convert()
	}
	errs := a.Diags()
	if errs.HasErrors() {
		return nil, errs
	}
	return a.Site, errs
}

// An Assembly runs the stages for one kit folder and keeps what each made,
// so that after a change only the stages it reaches run again. Each step
// runs one stage on what the steps before it made, whether or not they
// found errors (a check reads as far as it can); the caller decides whether
// to go on. Kit, Theme and Site are for reading: the steps set them.
// An Assembly is used from one goroutine.
type Assembly struct {
	// Kit is the kit as last loaded, errors or not, or nil.
	Kit *kit.Kit
	// Theme is the theme as last loaded for Kit, or nil.
	Theme *render.Theme
	// Site is what the last Convert made. After a step that loads
	// something it is out of date until the next Convert, which reuses its
	// conversions.
	Site *render.Site

	source               string
	kopt                 kit.Options
	ropt                 render.Options
	before               func() *render.Conversions // Options.Before, until Convert calls it
	kitDiags, themeDiags diag.List
	siteDiags            diag.List // the last Convert's
	converted            bool      // Site and siteDiags are of Kit and Theme as they are
	// verify is Verify of Site, which looks only at the site's output
	// paths; verified is false when they may have changed since.
	verify   diag.List
	verified bool
}

// New returns an Assembly for the kit o names; nothing is loaded yet.
func New(o Options) *Assembly {
	h := o.Highlights
	if h == nil {
		h = new(markdown.Highlights)
	}
	return &Assembly{
		source: o.Source,
		kopt:   kit.Options{Drafts: o.Drafts, Reserved: render.Reserved()},
		ropt:   render.Options{Only: o.Only, Drafts: o.Drafts, Highlights: h},
		before: o.Before,
	}
}

// LoadKit loads the whole kit again, and forgets its theme, which the kit
// names. It reports whether the kit has no errors.
func (a *Assembly) LoadKit() bool {
	a.Kit, a.kitDiags = kit.Load(a.source, a.kopt)
	a.Theme, a.themeDiags = nil, nil
	a.converted, a.verified = false, false
	return a.KitOK()
}

// ReloadPage reads one page of the kit again (kit.Reload): src is the home
// page's or a module's source, relative to the kit. It reports false, and
// changes nothing, when the page cannot be read on its own or has a
// problem: load the whole kit then.
func (a *Assembly) ReloadPage(src string) bool {
	if !a.KitOK() {
		return false
	}
	k, ok := kit.Reload(a.Kit, src, a.kopt)
	if ok {
		a.Kit, a.converted = k, false
	}
	return ok
}

// LoadTheme loads the kit's theme again: the built-in one, with the kit's
// own theme folder over it. It reports whether the theme has no errors.
func (a *Assembly) LoadTheme() bool {
	a.Theme, a.themeDiags = render.LoadTheme(themes.Default(), a.Kit.Dir, a.Kit.ThemeDir)
	a.converted = false
	return a.ThemeOK()
}

// PathsChanged says the set of output paths may have changed without the
// kit being loaded again (a file of the kit's theme came or went): the next
// Convert verifies them again.
func (a *Assembly) PathsChanged() { a.verified = false }

// Convert makes the site from Kit and Theme, converting again only the
// pages that changed since the last Convert (render.Update), and verifies
// its outputs when they may have changed. Its problems are in Diags.
func (a *Assembly) Convert() *render.Site {
	if a.before != nil {
		a.ropt.Before, a.before = a.before(), nil
	}
	a.Site, a.siteDiags = render.Update(a.Site, a.Kit, a.Theme, a.ropt)
	a.ropt.Before = nil // the site has them now
	a.converted = true
	if !a.verified {
		a.verify, a.verified = Verify(a.Site), true
	}
	return a.Site
}

// KitOK reports whether the kit as last loaded has no errors.
func (a *Assembly) KitOK() bool { return a.Kit != nil && !a.kitDiags.HasErrors() }

// ThemeOK reports whether the theme as last loaded has no errors.
func (a *Assembly) ThemeOK() bool { return a.Theme != nil && !a.themeDiags.HasErrors() }

// Diags returns every problem the steps found in the kit as it is now,
// sorted: the loader's and the theme's, and once converted, the pages' and
// Verify's.
func (a *Assembly) Diags() diag.List {
	all := append(append(diag.List(nil), a.kitDiags...), a.themeDiags...)
	if a.converted {
		all = append(append(all, a.siteDiags...), a.verify...)
	}
	all.Sort()
	return all
}

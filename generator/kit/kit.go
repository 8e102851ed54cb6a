// Package kit loads a workshop kit from disk: site.toml, the content folder
// with its parts, modules and bundles, front matter, static files and a kit's
// own theme folder. It yields plain data (a Kit) and a diag.List of every
// problem found; it knows nothing about Markdown or HTML.
//
// Start with Load.
package kit

import "lectern/generator/i18n"

// Kit is a loaded kit, in the order its pages are read.
type Kit struct {
	Dir    string // absolute kit folder
	Config Config
	Home   *Page
	// Entries is the top level of the kit in order: modules and parts.
	Entries []Entry
	// Modules lists every module in kit order, parts' modules in place.
	Modules []*Module
	Parts   []*Part
	// Static lists the files under static/, slash-separated and relative to it.
	Static []string
	// ThemeDir is the kit's own theme folder (themes/<theme>) or "" when the
	// kit uses the built-in theme only.
	ThemeDir string
	// Strings are the kit's own catalogues (i18n/<tag>.toml) by tag, over
	// the theme's built-in ones; StringFiles say where each key is, for
	// check (strings.go).
	Strings     i18n.Overrides
	StringFiles []StringFile
}

// Entry is one top-level item: exactly one of Module or Part is set.
type Entry struct {
	Module *Module
	Part   *Part
}

// Page is the Markdown source shared by the home page, parts and modules.
type Page struct {
	Source   string // slash path relative to the kit folder, e.g. content/01-intro.md
	Title    string
	Summary  string
	Body     []byte
	BodyLine int // line in Source where Body starts
}

// Module is one unit of the workshop.
type Module struct {
	Page
	Slug       string
	Weight     int
	Duration   int // minutes from front matter; 0 when not given
	Objectives []string
	Materials  []Material
	Draft      bool
	// OffSchedule is set by schedule = false: a reference page (setup,
	// glossary) that is not on the run-sheet and is listed after the
	// modules.
	OffSchedule bool
	// FacilitatorOnly is set by audience = "facilitator": the page is in
	// the facilitator edition only.
	FacilitatorOnly bool
	Part            *Part // nil for a top-level module
	// BundleDir is the bundle folder relative to the kit ("" for a plain
	// file); Bundle lists the files beside index.md, relative to BundleDir.
	BundleDir string
	Bundle    []string
	order     string // file name, the tie-break after weight
}

// URL is the module page's path inside an edition, e.g. "day-2/feedback/index.html".
func (m *Module) URL() string { return m.Dir() + "index.html" }

// Dir is the module's folder inside an edition, with a trailing slash.
func (m *Module) Dir() string {
	if m.Part != nil {
		return m.Part.Slug + "/" + m.Slug + "/"
	}
	return m.Slug + "/"
}

// Path is the module's path as site.toml's breaks name it: "slug" or "part/slug".
func (m *Module) Path() string {
	if m.Part != nil {
		return m.Part.Slug + "/" + m.Slug
	}
	return m.Slug
}

// Part is a group of modules: a day or a session.
type Part struct {
	Page
	Slug    string
	Weight  int
	Start   string // "09:00": the part begins a new day on the run-sheet
	End     string
	Modules []*Module
	order   string

	// Date is the day the part begins, when its _index.md sets one; a day
	// without one follows the day before it. DateLine and DateCol are where
	// it is set in Source, for messages.
	Date              Date
	DateLine, DateCol int
}

// URL is the part page's path inside an edition.
func (p *Part) URL() string { return p.Slug + "/index.html" }

// ModuleBySource finds a module by its source path (content/02-x.md or a
// bundle's content/02-x/index.md).
func (k *Kit) ModuleBySource(src string) *Module {
	for _, m := range k.Modules {
		if m.Source == src {
			return m
		}
	}
	return nil
}

package serve

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"lectern/generator/diag"
	"lectern/generator/i18n"
	"lectern/generator/render"
	"lectern/generator/site"
)

// Build is one build of the kit as the server shows it.
type Build struct {
	// Site is the rendered kit, or nil while it has errors.
	Site *render.Site
	// Diags holds every problem, as `lectern build --drafts` reports them.
	Diags diag.List
	// Touched lists the output paths of static and bundle files that changed
	// in place: the site is the same, but tabs showing them must refresh.
	Touched []string
	// What says what was rebuilt, for the terminal: "content/01-x.md",
	// "the theme" or "the whole kit".
	What string
	// Took is how long the rebuild took.
	Took time.Duration
	// Layout is true when the set of output paths may have changed.
	Layout bool
	// Locale is the kit's language as site.toml and i18n/ set it, errors
	// or not, for the pages the server writes itself (the error page);
	// nil when the kit could not be read at all, which English stands for.
	Locale *i18n.Locale
}

// builder keeps the loaded kit, theme and site between rebuilds (a
// site.Assembly) and decides how much each batch of changes needs:
//
//   - a module's or the home page's file edited in place (or saved over by
//     an editor's rename): that page is read and converted again, nothing
//     else (kit.Reload, render.Update);
//   - a file of the kit's theme: the theme is loaded again and every page
//     re-rendered from the same conversions;
//   - a static or bundle file edited in place: nothing to rebuild, tabs
//     refresh;
//   - anything else (site.toml, a new, removed or renamed file or folder,
//     a part's _index.md, lost events): the whole kit is loaded again, still
//     reusing the conversion of every page whose Markdown and links did not
//     change.
//
// Whatever the path, the result equals what a cold `lectern build --drafts`
// makes of the kit as it is on disk; build_test.go checks that over long
// runs of changes. The assembly's memory of highlighted code lasts as long
// as the server. A builder is used from one goroutine.
type builder struct {
	dir  string         // absolute kit folder
	site *site.Assembly // the kit, its theme and the site as last made
	last Build          // what the last rebuild gave
	// known lists what was under content/, static/ and themes/ at the last
	// full load (slash paths relative to the kit, files and folders), to
	// tell a file that existed before from an editor's temporary file that
	// came and went.
	known map[string]bool
}

func newBuilder(dir string) *builder {
	return &builder{dir: dir, site: site.New(site.Options{Source: dir, Drafts: true})}
}

// full loads the whole kit again.
func (b *builder) full() Build {
	start := time.Now()
	b.known = scan(b.dir)
	out := Build{What: "the whole kit", Layout: true}
	if b.site.LoadKit() && b.site.LoadTheme() {
		b.render(&out)
	} else {
		out.Diags = b.site.Diags()
	}
	out.Locale = b.locale(out.Site)
	out.Took = time.Since(start)
	b.last = out
	return out
}

// locale is the language of the kit as last loaded: the site's when it
// rendered, else the one its settings name.
func (b *builder) locale(s *render.Site) *i18n.Locale {
	if s != nil {
		return s.Locale()
	}
	if b.site.Kit == nil {
		return nil
	}
	return render.KitLocale(b.site.Kit)
}

// render makes the site from the kit and theme loaded, reusing the last
// site's conversions.
func (b *builder) render(out *Build) {
	s := b.site.Convert()
	out.Diags = b.site.Diags()
	if !out.Diags.HasErrors() {
		out.Site = s
	}
}

// apply rebuilds what a batch of changes needs. ok is false when nothing
// the kit is made of changed.
func (b *builder) apply(ch batch) (out Build, ok bool) {
	if ch.empty() {
		return Build{}, false
	}
	if !b.site.KitOK() || ch.overflow {
		return b.full(), true
	}
	start := time.Now()
	var pages, touched []string
	themeChanged := false
	themeRel := ""
	if k := b.site.Kit; k.ThemeDir != "" {
		themeRel = "themes/" + k.Config.Theme
	}
	for p := range ch.paths {
		top, _, _ := strings.Cut(p, "/")
		switch {
		case p == "site.toml":
			return b.full(), true
		case top == "themes":
			if themeRel == "" {
				continue // the kit has no theme of its own: themes/ is not read
			}
			if p == "themes" || p == themeRel {
				return b.full(), true // the theme folder came or went
			}
			if strings.HasPrefix(p, themeRel+"/") {
				themeChanged = true
				if !b.known[p] || !b.exists(p) {
					out.Layout = true // a file came or went: output paths may change
				}
			}
			continue
		case top == "i18n":
			return b.full(), true // the kit's strings: every page may change
		case top != "content" && top != "static":
			continue // not part of the kit: public/, README.md, .git …
		}
		isFile, exists := b.stat(p)
		switch {
		case isFile && b.isPage(p):
			pages = append(pages, p)
		case isFile && b.known[p] && b.fileOut(p) != "":
			touched = append(touched, b.fileOut(p))
		case exists || b.known[p]:
			return b.full(), true // a file or folder came, went or changed kind
		default:
			// An editor's temporary file that came and went: nothing read it.
		}
	}
	if len(pages) == 0 && !themeChanged {
		if len(touched) == 0 {
			return Build{}, false
		}
		out = b.last
		out.Touched, out.What, out.Layout = touched, strings.Join(touched, ", "), false
		out.Took = time.Since(start)
		return out, true
	}
	out.Touched = touched
	if out.Layout {
		b.site.PathsChanged()
	}
	if themeChanged {
		b.site.LoadTheme()
		out.What = "the theme"
	} else {
		out.What = strings.Join(pages, ", ")
	}
	if !b.site.ThemeOK() && !themeChanged {
		return b.full(), true
	}
	for _, p := range pages {
		if !b.site.ReloadPage(p) {
			full := b.full()
			full.Touched = touched
			return full, true
		}
	}
	if b.site.ThemeOK() {
		b.render(&out)
	} else {
		out.Diags = b.site.Diags()
	}
	out.Locale = b.locale(out.Site)
	out.Took = time.Since(start)
	b.last = out
	return out, true
}

// isPage reports whether p is the source of the home page or a module: the
// pages kit.Reload can read again on their own.
func (b *builder) isPage(p string) bool {
	k := b.site.Kit
	if k.Home != nil && k.Home.Source == p {
		return true
	}
	return k.ModuleBySource(p) != nil
}

// fileOut is the output path of a static or bundle file, or "".
func (b *builder) fileOut(p string) string {
	k := b.site.Kit
	if f, ok := strings.CutPrefix(p, "static/"); ok {
		for _, s := range k.Static {
			if s == f {
				return f
			}
		}
		return ""
	}
	for _, m := range k.Modules {
		if m.BundleDir == "" || !strings.HasPrefix(p, m.BundleDir+"/") {
			continue
		}
		f := strings.TrimPrefix(p, m.BundleDir+"/")
		for _, x := range m.Bundle {
			if x == f {
				return m.Dir() + f
			}
		}
	}
	return ""
}

func (b *builder) stat(p string) (isFile, exists bool) {
	st, err := os.Stat(filepath.Join(b.dir, filepath.FromSlash(p)))
	if err != nil {
		return false, false
	}
	return st.Mode().IsRegular(), true
}

func (b *builder) exists(p string) bool {
	_, ok := b.stat(p)
	return ok
}

// scan lists the files and folders a kit is made of (content/, static/,
// themes/), skipping the names the loader skips.
func scan(dir string) map[string]bool {
	known := map[string]bool{}
	walkKit(dir, func(p string, _ fs.DirEntry) {
		r, _ := filepath.Rel(dir, p)
		known[filepath.ToSlash(r)] = true
	})
	return known
}

// relPath is p (absolute) relative to the kit folder, slash-separated, or ""
// when it is outside it or is the folder itself.
func relPath(dir, p string) string {
	r, err := filepath.Rel(dir, p)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return ""
	}
	return path.Clean(filepath.ToSlash(r))
}

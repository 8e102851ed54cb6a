package kit

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"lectern/generator/diag"
)

// Options change what Load keeps.
type Options struct {
	Drafts bool // keep modules marked draft = true
	// Reserved are the names the outputs use at the top of an edition
	// (render.Reserved): no top-level module or part may take one as its slug.
	Reserved []string
}

// Load reads the kit in dir. It always returns a Kit (possibly partial) and
// every problem found; the kit is usable only when the list has no errors.
func Load(dir string, opt Options) (*Kit, diag.List) {
	var errs diag.List
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	k := &Kit{Dir: abs}
	l := loader{k: k, opt: opt, errs: &errs, drafts: map[string]bool{}}
	// site.toml is read like content: a link to a file elsewhere on the
	// machine (a credentials file) would publish its values.
	if st, err := os.Lstat(filepath.Join(abs, "site.toml")); err == nil && st.Mode()&fs.ModeSymlink != 0 && !l.symlinkInside("site.toml") {
		return k, errs
	}
	src, err := readAtMost(filepath.Join(abs, "site.toml"), MaxConfig)
	if st, serr := os.Stat(filepath.Join(abs, "site.toml")); serr == nil && st.IsDir() {
		err = errors.New("is a directory")
	}
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			errs.Errorf("site.toml", 0, 0, "no site.toml in %s: is this a kit folder? (lectern new kit DIR makes one)", dir)
		case errors.Is(err, errTooLarge):
			errs.Errorf("site.toml", 0, 0, "the file is larger than %d KB: site.toml holds settings, not content", MaxConfig>>10)
		default:
			errs.Errorf("site.toml", 0, 0, "cannot read: %v", unwrapPath(err))
		}
		return k, errs
	}
	if !utf8.Valid(src) {
		errs.Errorf("site.toml", 0, 0, "the file is not UTF-8 text: save it as UTF-8")
		return k, errs
	}
	k.Config = loadConfig(src, "site.toml", &errs)
	if k.Config.Theme != "" {
		if !safeName(k.Config.Theme) {
			l, c := keyPos(src, []string{"theme"}, 0)
			errs.Errorf("site.toml", l, c, "theme must be a folder name under themes/, not %q", k.Config.Theme)
		} else {
			td := filepath.Join(abs, "themes", k.Config.Theme)
			if st, err := os.Stat(td); err != nil || !st.IsDir() {
				l, c := keyPos(src, []string{"theme"}, 0)
				errs.Errorf("site.toml", l, c, "theme %q not found: add the folder themes/%s", k.Config.Theme, k.Config.Theme)
			} else if !l.leavesKit("themes/" + k.Config.Theme) {
				k.ThemeDir = td
				// Only for its checks: a theme file may not link outside the theme.
				listFiles(td, &errs, "themes/"+k.Config.Theme)
			}
		}
	}
	l.language(src) // strings.go
	if !l.leavesKit("static") {
		k.Static = listFiles(filepath.Join(abs, "static"), &errs, "static")
	}
	if !l.leavesKit("content") {
		l.content()
	}
	l.slugs()
	l.breaks(src)
	errs.Sort()
	return k, errs
}

type loader struct {
	k    *Kit
	opt  Options
	errs *diag.List
	// drafts holds the paths of draft modules this build leaves out, so a
	// break after one is not mistaken for a typo.
	drafts map[string]bool
}

var numPrefix = regexp.MustCompile(`^[0-9]+-`)

// slugOf is the address a module or part takes from its file or folder name:
// the name without the leading NN- and the .md extension.
func slugOf(name string) string {
	return numPrefix.ReplaceAllString(strings.TrimSuffix(name, ".md"), "")
}

// ignored names are editor and system files that never belong to a kit.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp")
}

func (l *loader) content() {
	dir := filepath.Join(l.k.Dir, "content")
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.errs.Errorf("content", 0, 0, "no content folder: add content/_index.md and a module such as content/01-welcome.md")
		} else {
			l.errs.Errorf("content", 0, 0, "cannot read: %v", unwrapPath(err))
		}
		return
	}
	// Each part and top-level module is read on its own, on all cores
	// (reading and decoding front matter was a tenth of a large kit's build
	// on one core); their results and problems are gathered in order.
	type loaded struct {
		part   *Part
		module *Module
		errs   diag.List
		drafts map[string]bool
	}
	results := make([]loaded, len(entries))
	var wg sync.WaitGroup
	cores := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		name := e.Name()
		rel := "content/" + name
		if ignored(name) {
			continue
		}
		if !fileNameOK(name) {
			l.errs.Errorf("content", 0, 0, badName, name)
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if !l.symlinkInside(rel) {
				continue
			}
		}
		isDir := l.isDir(rel)
		switch {
		case name == "_index.md" && !isDir:
			l.home(rel)
		case isDir || strings.HasSuffix(name, ".md"):
			wg.Add(1)
			cores <- struct{}{}
			go func(r *loaded) {
				defer func() { <-cores; wg.Done() }()
				sub := &loader{k: l.k, opt: l.opt, errs: &r.errs, drafts: map[string]bool{}}
				r.drafts = sub.drafts
				switch {
				case !isDir:
					r.module = sub.module(rel, nil, "")
				default:
					if r.part = sub.folder(rel, nil); r.part == nil {
						r.module = sub.bundle(rel, nil)
					}
				}
			}(&results[i])
		default:
			l.errs.Warnf(rel, 0, 0, "this file belongs to no module: move it into a bundle folder beside its index.md, or into static/")
		}
	}
	wg.Wait()
	var parts []*Part
	var modules []*Module
	for _, r := range results {
		*l.errs = append(*l.errs, r.errs...)
		for d := range r.drafts {
			l.drafts[d] = true
		}
		if r.part != nil {
			parts = append(parts, r.part)
		}
		if r.module != nil {
			modules = append(modules, r.module)
		}
	}
	if l.k.Home == nil {
		l.errs.Errorf("content/_index.md", 0, 0, "missing home page: add content/_index.md with a title")
		l.k.Home = &Page{Source: "content/_index.md", Title: l.k.Config.Title}
	}
	sortModules(modules)
	sort.SliceStable(parts, func(i, j int) bool {
		if parts[i].Weight != parts[j].Weight {
			return parts[i].Weight < parts[j].Weight
		}
		return parts[i].order < parts[j].order
	})
	// Interleave top-level modules and parts by weight, then name.
	i, j := 0, 0
	for i < len(modules) || j < len(parts) {
		takeModule := j >= len(parts) || (i < len(modules) &&
			(modules[i].Weight < parts[j].Weight || (modules[i].Weight == parts[j].Weight && modules[i].order < parts[j].order)))
		if takeModule {
			l.k.Entries = append(l.k.Entries, Entry{Module: modules[i]})
			l.k.Modules = append(l.k.Modules, modules[i])
			i++
		} else {
			p := parts[j]
			l.k.Entries = append(l.k.Entries, Entry{Part: p})
			l.k.Parts = append(l.k.Parts, p)
			l.k.Modules = append(l.k.Modules, p.Modules...)
			j++
		}
	}
	if len(l.k.Modules) == 0 && !l.errs.HasErrors() {
		l.errs.Errorf("content", 0, 0, "the kit has no modules: add one such as content/01-welcome.md")
	}
}

func sortModules(ms []*Module) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Weight != ms[j].Weight {
			return ms[i].Weight < ms[j].Weight
		}
		return ms[i].order < ms[j].order
	})
}

// MaxPage is the largest Markdown file Lectern reads. A workshop module is
// tens of kilobytes; the limit keeps a runaway file (a pasted log, a
// generated dump) from taking the memory of the machine, since converting
// takes many times a file's size.
const MaxPage = 4 << 20

// MaxMinutes bounds a module's duration and a break: a day. Beyond it a
// value is a typo, and sums of such values would overflow the run-sheet.
const MaxMinutes = 24 * 60

// MaxConfig bounds site.toml, which holds a few dozen settings: a runaway
// file (a pasted log, a huge comment) is refused before it is decoded.
const MaxConfig = 1 << 20

func (l *loader) read(rel string) ([]byte, bool) {
	b, err := readAtMost(filepath.Join(l.k.Dir, filepath.FromSlash(rel)), MaxPage)
	if errors.Is(err, errTooLarge) {
		l.errs.Errorf(rel, 0, 0, "the file is larger than %d MB: split it into several modules", MaxPage>>20)
		return nil, false
	}
	if err != nil {
		l.errs.Errorf(rel, 0, 0, "cannot read: %v", unwrapPath(err))
		return nil, false
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, n := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line, col := diag.Position(b, off)
		l.errs.Errorf(rel, line, col, "the file is not UTF-8 text: save it as UTF-8")
		return nil, false
	}
	return b, true
}

var errTooLarge = errors.New("file too large")

// readAtMost reads a file of at most max bytes without reading more.
func readAtMost(name string, max int64) ([]byte, error) {
	// Opening a named pipe would block until someone writes to it.
	if st, err := os.Stat(name); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Room for the size the file has, and one byte to see its end: a kit's
	// sources stay in memory for the whole build, and io.ReadAll's doubling
	// would keep a third more.
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, min(st.Size(), max)+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > max {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) { // the file grew
			b = append(b, 0)[:len(b)]
		}
	}
}

func (l *loader) home(rel string) {
	src, ok := l.read(rel)
	if !ok {
		return
	}
	var f homeFront
	_, body, bl, _ := decodeFront(src, rel, &f, l.errs)
	if f.Title == "" {
		f.Title = l.k.Config.Title
	}
	l.k.Home = &Page{Source: rel, Title: f.Title, Summary: f.Summary, Body: body, BodyLine: bl}
}

// folder loads a part when rel has _index.md (and not index.md). It reports a
// folder that is neither part nor bundle, or both.
func (l *loader) folder(rel string, parent *Part) *Part {
	if _, err := os.ReadDir(filepath.Join(l.k.Dir, filepath.FromSlash(rel))); err != nil {
		l.errs.Errorf(rel, 0, 0, "cannot read: %v", unwrapPath(err))
		return nil
	}
	hasIndex := l.exists(rel + "/index.md")
	hasList := l.exists(rel + "/_index.md")
	switch {
	case hasIndex && hasList:
		l.errs.Errorf(rel, 0, 0, "folder has both _index.md and index.md: keep _index.md for a part or index.md for a module bundle, not both")
		return nil
	case !hasIndex && !hasList:
		if parent != nil {
			l.errs.Errorf(rel, 0, 0, "folder is not a module bundle: add %s/index.md (parts are one level deep)", rel)
		} else {
			l.errs.Errorf(rel, 0, 0, "folder is neither a part nor a module bundle: add %s/_index.md for a part or %s/index.md for a module", rel, rel)
		}
		return nil
	case hasIndex:
		return nil // a bundle
	}
	if parent != nil {
		l.errs.Errorf(rel+"/_index.md", 0, 0, "parts are one level deep: make this folder a module bundle (index.md) or move it up to content/")
		return nil
	}
	src, ok := l.read(rel + "/_index.md")
	if !ok {
		return nil
	}
	var f partFront
	_, body, bl, good := decodeFront(src, rel+"/_index.md", &f, l.errs)
	name := path.Base(rel)
	p := &Part{Page: Page{Source: rel + "/_index.md", Title: f.Title, Summary: f.Summary, Body: body, BodyLine: bl},
		Slug: slugOf(name), Weight: f.Weight, Start: f.Start, End: f.End, order: name}
	if strings.TrimSpace(p.Title) == "" {
		if good {
			l.errs.Errorf(p.Source, 1, 1, "title is required: add title = \"…\" to the front matter")
		}
		p.Title = p.Slug
	}
	for _, k := range []string{"start", "end"} {
		v := f.Start
		if k == "end" {
			v = f.End
		}
		if v == "" {
			continue
		}
		if _, ok := ParseClock(v); !ok {
			fl, fc := keyPos(src, []string{k}, 0)
			l.errs.Errorf(p.Source, fl, fc, "%s must be a clock time like \"09:00\", not %q", k, v)
		}
	}
	if st, ok := ParseClock(f.Start); ok {
		if en, ok := ParseClock(f.End); ok && en <= st {
			fl, fc := keyPos(src, []string{"end"}, 0)
			l.errs.Errorf(p.Source, fl, fc, "end %q is not after start %q", f.End, f.Start)
		}
	}
	if msg := f.Date.problem("date"); msg != "" {
		fl, fc := keyPos(src, []string{"date"}, 0)
		l.errs.Errorf(p.Source, fl, fc, "%s", msg)
	} else if !f.Date.IsZero() {
		p.Date = f.Date
		p.DateLine, p.DateCol = keyPos(src, []string{"date"}, 0)
		if f.Start == "" {
			l.errs.Warnf(p.Source, p.DateLine, p.DateCol, "date is set, but without start the part does not begin a day: add start = \"09:00\" or remove date")
		}
	}
	entries, err := os.ReadDir(filepath.Join(l.k.Dir, filepath.FromSlash(rel)))
	if err != nil {
		l.errs.Errorf(rel, 0, 0, "cannot read: %v", unwrapPath(err))
		return p
	}
	for _, e := range entries {
		name := e.Name()
		crel := rel + "/" + name
		if ignored(name) || name == "_index.md" {
			continue
		}
		if !fileNameOK(name) {
			l.errs.Errorf(rel, 0, 0, badName, name)
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 && !l.symlinkInside(crel) {
			continue
		}
		switch {
		case l.isDir(crel):
			if l.folder(crel, p) == nil && l.exists(crel+"/index.md") && !l.exists(crel+"/_index.md") {
				if m := l.bundle(crel, p); m != nil {
					p.Modules = append(p.Modules, m)
				}
			}
		case strings.HasSuffix(name, ".md"):
			if m := l.module(crel, p, ""); m != nil {
				p.Modules = append(p.Modules, m)
			}
		default:
			l.errs.Warnf(crel, 0, 0, "this file belongs to no module: move it into a bundle folder beside its index.md, or into static/")
		}
	}
	sortModules(p.Modules)
	return p
}

func (l *loader) bundle(rel string, p *Part) *Module {
	if !l.exists(rel+"/index.md") || l.exists(rel+"/_index.md") {
		return nil
	}
	m := l.module(rel+"/index.md", p, path.Base(rel))
	if m == nil {
		return nil
	}
	m.BundleDir = rel
	for _, f := range listFiles(filepath.Join(l.k.Dir, filepath.FromSlash(rel)), l.errs, rel) {
		if f != "index.md" {
			m.Bundle = append(m.Bundle, f)
		}
	}
	return m
}

// module loads one module file; name is the bundle folder's name for a bundle.
func (l *loader) module(rel string, p *Part, name string) *Module {
	src, ok := l.read(rel)
	if !ok {
		return nil
	}
	if name == "" {
		name = path.Base(rel)
	}
	var f moduleFront
	front, body, bl, good := decodeFront(src, rel, &f, l.errs)
	m := &Module{Page: Page{Source: rel, Title: f.Title, Summary: f.Summary, Body: body, BodyLine: bl},
		Slug: slugOf(name), Weight: f.Weight, Duration: f.Duration, Objectives: f.Objectives,
		Materials: checkMaterials(f.Materials, front, rel, l.errs), Draft: f.Draft, Part: p, order: name}
	if good && strings.TrimSpace(f.Title) == "" {
		if f.Title == "" {
			l.errs.Errorf(rel, 1, 1, "title is required: add title = \"…\" to the front matter")
		} else {
			fl, fc := keyPos(front, []string{"title"}, 0)
			l.errs.Errorf(rel, fl+1, fc, "title is blank: write the module's name between the quotes")
		}
	}
	if strings.TrimSpace(m.Title) == "" {
		m.Title = m.Slug
	}
	if f.Slug != "" {
		m.Slug = f.Slug
		if !safeName(f.Slug) {
			fl, fc := keyPos(front, []string{"slug"}, 0)
			l.errs.Errorf(rel, fl+1, fc, "slug %q must be a plain name: no slashes, no leading dot, no control characters", f.Slug)
			m.Slug = slugOf(name)
		}
	}
	if f.Duration < 0 {
		fl, fc := keyPos(front, []string{"duration"}, 0)
		l.errs.Errorf(rel, fl+1, fc, "duration must be minutes (0 or more), not %d", f.Duration)
	} else if f.Duration > MaxMinutes {
		fl, fc := keyPos(front, []string{"duration"}, 0)
		l.errs.Errorf(rel, fl+1, fc, "duration must be at most %d minutes (a day), not %d", MaxMinutes, f.Duration)
		m.Duration = 0
	}
	m.OffSchedule = f.Schedule != nil && !*f.Schedule
	switch f.Audience {
	case "", "everyone":
	case "facilitator":
		m.FacilitatorOnly = true
	default:
		fl, fc := keyPos(front, []string{"audience"}, 0)
		l.errs.Errorf(rel, fl+1, fc, "audience must be \"everyone\" or \"facilitator\", not %q", f.Audience)
	}
	if m.Draft && !l.opt.Drafts {
		if l.drafts != nil {
			l.drafts[m.Path()] = true
		}
		return nil
	}
	return m
}

// slugs checks that slugs are plain, not reserved and unique where they
// share a folder.
func (l *loader) slugs() {
	reserved := map[string]string{}
	for _, r := range l.opt.Reserved {
		reserved[r] = "the outputs use it"
	}
	for _, s := range l.k.Static {
		top, _, _ := strings.Cut(s, "/")
		reserved[top] = "static/" + top + " uses it"
	}
	seen := map[string]string{}
	check := func(scope, slug, src string, top bool) {
		if !safeName(slug) {
			l.errs.Errorf(src, 0, 0, "name %q cannot be a page address: rename the file", slug)
			return
		}
		if why := portable(slug); why != "" {
			l.errs.Errorf(src, 0, 0, "slug %q cannot be a page address: %s; rename the file or set slug in its front matter", slug, why)
			return
		}
		if why, ok := reserved[slug]; ok && top {
			l.errs.Errorf(src, 0, 0, "slug %q is reserved (%s): rename the file or set slug in its front matter", slug, why)
			return
		}
		key := scope + "/" + strings.ToLower(slug)
		if other, ok := seen[key]; ok {
			l.errs.Errorf(src, 0, 0, "duplicate slug %q: %s has it too; rename one or set slug in its front matter", slug, other)
			return
		}
		seen[key] = src
	}
	for _, e := range l.k.Entries {
		if e.Module != nil {
			check("", e.Module.Slug, e.Module.Source, true)
			continue
		}
		check("", e.Part.Slug, e.Part.Source, true)
		for _, m := range e.Part.Modules {
			check(e.Part.Slug, m.Slug, m.Source, false)
		}
	}
}

// breaks checks that every break follows a module that exists, once.
func (l *loader) breaks(src []byte) {
	seen := map[string]bool{}
	for i, b := range l.k.Config.Workshop.Breaks {
		line := nthKeyLine(src, "after", i)
		if seen[b.After] {
			l.errs.Errorf("site.toml", line, 0, "a second break after %q: make it one break", b.After)
			continue
		}
		seen[b.After] = true
		found, off := false, false
		for _, m := range l.k.Modules {
			if m.Path() == b.After {
				found, off = true, m.OffSchedule
				break
			}
		}
		switch {
		case off:
			l.errs.Warnf("site.toml", line, 0, "break after %q: that page is off the schedule (schedule = false), so the run-sheet has no place for the break", b.After)
		case found:
		case l.drafts[b.After]:
			l.errs.Warnf("site.toml", line, 0, "break after %q: that module is a draft, so this build leaves the break out", b.After)
		default:
			l.errs.Errorf("site.toml", line, 0, "break after %q: no module has that path (use a module's slug, or part/slug for a module in a part)", b.After)
		}
	}
}

func (l *loader) exists(rel string) bool {
	_, err := os.Stat(filepath.Join(l.k.Dir, filepath.FromSlash(rel)))
	return err == nil
}

func (l *loader) isDir(rel string) bool {
	st, err := os.Stat(filepath.Join(l.k.Dir, filepath.FromSlash(rel)))
	return err == nil && st.IsDir()
}

// symlinkInside reports whether a symbolic link stays inside the kit; a link
// that leaves it is reported and skipped, so content cannot pull in files
// from elsewhere on the machine.
func (l *loader) symlinkInside(rel string) bool {
	full := filepath.Join(l.k.Dir, filepath.FromSlash(rel))
	target, err := filepath.EvalSymlinks(full)
	if err != nil {
		l.errs.Errorf(rel, 0, 0, "broken symbolic link: %v", unwrapPath(err))
		return false
	}
	root, err := filepath.EvalSymlinks(l.k.Dir)
	if err != nil {
		root = l.k.Dir
	}
	if r, err := filepath.Rel(root, target); err != nil || r == ".." || strings.HasPrefix(r, "../") {
		l.errs.Errorf(rel, 0, 0, "symbolic link points outside the kit (%s): copy the file into the kit instead", target)
		return false
	}
	return true
}

// leavesKit reports a folder of the kit (content, static, a theme) that is
// a symbolic link to somewhere outside it, so a shared kit cannot publish
// files from the machine that builds it. A missing folder does not leave.
func (l *loader) leavesKit(rel string) bool {
	if _, err := os.Lstat(filepath.Join(l.k.Dir, filepath.FromSlash(rel))); err != nil {
		return false
	}
	return !l.symlinkInside(rel)
}

// listFiles lists regular files under dir, slash-separated and relative to
// it; links that leave the kit are skipped with an error.
func listFiles(dir string, errs *diag.List, relTo string) []string {
	var out []string
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			r, _ := filepath.Rel(root, p)
			errs.Errorf(path.Join(relTo, filepath.ToSlash(r)), 0, 0, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if ignored(d.Name()) && p != root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		r, _ := filepath.Rel(root, p)
		r = filepath.ToSlash(r)
		if p != root && !fileNameOK(d.Name()) {
			// Such a name breaks the page address, the output path or the
			// one-name-a-line manifest; the message names its folder.
			errs.Errorf(path.Join(relTo, path.Dir(r)), 0, 0, badName, d.Name())
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if p != root {
			if why := portable(d.Name()); why != "" {
				errs.Warnf(path.Join(relTo, r), 0, 0, "this name breaks the offline ZIP or a copy on another system: %s; rename it", why)
			}
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t, err := filepath.EvalSymlinks(p)
			if rr, err2 := filepath.Rel(root, t); err != nil || err2 != nil || rr == ".." || strings.HasPrefix(rr, "../") {
				errs.Errorf(path.Join(relTo, r), 0, 0, "symbolic link points outside its folder: copy the file in instead")
				return nil
			}
			if st, err := os.Stat(t); err == nil && st.Mode().IsRegular() {
				out = append(out, r)
			} else if err == nil && !st.IsDir() {
				errs.Errorf(path.Join(relTo, r), 0, 0, "%s", notAFile(st.Mode()))
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, r)
		} else if !d.IsDir() {
			errs.Errorf(path.Join(relTo, r), 0, 0, "%s", notAFile(d.Type()))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// notAFile says why a special file in a published folder is not
// published: its "content" is a stream or a device, not bytes to copy.
func notAFile(m fs.FileMode) string {
	what := "a special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return what + ", not a file: Lectern publishes only regular files, so remove it from the kit"
}

// safeName reports whether s can be one path segment of a page address.
func safeName(s string) bool {
	if s == "" || s == "." || s == ".." || strings.HasPrefix(s, ".") || len(s) > 200 {
		return false
	}
	for _, r := range s {
		if r == '/' || r == '\\' || r < 0x20 || r == 0x7f || r == ':' || r == '?' || r == '#' || r == '%' || r == '"' || r == '<' || r == '>' {
			return false
		}
	}
	return utf8.ValidString(s)
}

const badName = "file name %q cannot be published: rename it without control characters or backslashes"

// fileNameOK reports whether a bundle or static file name can be written
// into the output as it is.
func fileNameOK(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return false
		}
	}
	return utf8.ValidString(s)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

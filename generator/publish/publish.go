// Package publish writes a rendered site to disk safely: everything goes
// into a fresh folder beside the output, which replaces the output only when
// the whole build succeeded. Files Lectern did not write (a .git folder, a
// CNAME, notes) are carried over; a manifest records what Lectern wrote.
//
// Start with Build.
package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"lectern/generator/diag"
	"lectern/generator/kit"
	"lectern/generator/render"
	"lectern/themes"
)

// Manifest is the file in the output that lists what Lectern wrote.
const Manifest = ".lectern-manifest"

// Options for a build.
type Options struct {
	Source string // kit folder
	Out    string // output folder; default <source>/public
	Drafts bool
	Only   string // "", "attendee" or "facilitator"
}

// Result describes a finished build.
type Result struct {
	Out        string
	Pages      int
	Files      int
	Modules    int
	Worksheets int
	Site       *render.Site
	Duration   time.Duration
}

// EnvError is a problem with the machine rather than the kit (the output
// cannot be written); commands exit 3 for it.
type EnvError struct{ Err error }

func (e *EnvError) Error() string { return e.Err.Error() }
func (e *EnvError) Unwrap() error { return e.Err }

// Load loads and converts the kit without writing anything.
func Load(o Options) (*render.Site, diag.List) {
	k, errs := kit.Load(o.Source, kit.Options{Drafts: o.Drafts})
	if errs.HasErrors() {
		return nil, errs
	}
	th, terrs := render.LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
	errs = append(errs, terrs...)
	if terrs.HasErrors() {
		return nil, errs
	}
	s, serrs := render.New(k, th, render.Options{Only: o.Only, Drafts: o.Drafts})
	errs = append(errs, serrs...)
	errs = append(errs, Verify(s)...)
	errs.Sort()
	if errs.HasErrors() {
		return nil, errs
	}
	return s, errs
}

// Build loads the kit, renders it and replaces the output folder. The
// diagnostics hold every problem; err is non-nil when nothing was published
// (a *EnvError when the cause is the machine, a diag.List for the kit).
func Build(o Options) (*Result, diag.List, error) {
	start := time.Now()
	if o.Out == "" {
		o.Out = filepath.Join(o.Source, "public")
	}
	loadHighlights(o.Out) // spare.go
	s, errs := Load(o)
	if s == nil {
		return nil, errs, errs
	}
	s.DropSources() // rendered once: the Markdown is done with
	res, err := Write(s, o.Out)
	if err != nil {
		return nil, errs, err
	}
	saveHighlights(o.Out)
	res.Duration = time.Since(start)
	return res, errs, nil
}

// Write renders every page and file of s into a fresh folder and swaps it in
// for out.
func Write(s *render.Site, out string) (*Result, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, &EnvError{err}
	}
	if within(out, s.Kit.Dir) && samePath(out, s.Kit.Dir) {
		return nil, &EnvError{fmt.Errorf("%s: the output folder cannot be the kit folder", out)}
	}
	if within(s.Kit.Dir, out) {
		// The swap would replace the folder that holds the kit.
		return nil, &EnvError{fmt.Errorf("%s: the output folder cannot contain the kit folder", out)}
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, &EnvError{fmt.Errorf("cannot create the output folder: %w", err)}
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".lectern-new-")
	if err != nil {
		return nil, &EnvError{fmt.Errorf("cannot write beside the output folder %s: %w", out, err)}
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(stage)
		}
	}()
	reused := takeSpare(out, stage) // spare.go
	os.Chmod(stage, 0o755)

	pages := s.Pages()
	files := s.Files()
	written := make([]string, 0, len(pages)+len(files))
	for _, p := range pages {
		written = append(written, p.Path)
	}
	for _, f := range files {
		written = append(written, f.Path)
	}
	w := &writer{root: stage, dirs: map[string]bool{}}
	if reused {
		keep := written
		if name := s.OfflineZip(); name != "" {
			// The spare's ZIP lends the new one its unchanged entries (zip.go).
			keep = append(written[:len(written):len(written)], name)
		}
		kept, files, err := cleanSpare(stage, keep)
		if err != nil {
			// Whatever the spare holds, an empty folder does as well.
			if err := os.RemoveAll(stage); err != nil {
				return nil, &EnvError{err}
			}
			if err := os.Mkdir(stage, 0o755); err != nil {
				return nil, &EnvError{err}
			}
			kept, files = nil, nil
		}
		for _, d := range kept {
			w.dirs[d] = true
		}
		w.existing = files
	}
	z, err := newOfflineZip(s, stage) // zip.go
	if err != nil {
		return nil, &EnvError{err}
	}
	defer z.close()
	w.zip = z
	var firstErr error
	var mu sync.Mutex
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	// Pages go straight to their files: the aggregates are tens of megabytes
	// on a large kit, and a buffer would hold each whole.
	buffers := sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}
	do := func(i int) {
		if i < len(pages) {
			f, err := w.create(pages[i].Path)
			if err != nil {
				fail(&EnvError{err})
				return
			}
			bw := buffers.Get().(*bufio.Writer)
			defer buffers.Put(bw)
			bw.Reset(f)
			rerr := s.Render(bw, pages[i])
			ferr := bw.Flush()
			cerr := w.close(f, nil)
			switch {
			case ferr != nil: // the disk, not the kit
				fail(&EnvError{ferr})
			case rerr != nil:
				fail(fmt.Errorf("%s: %w", pages[i].Path, rerr))
			case cerr != nil:
				fail(&EnvError{cerr})
			}
			return
		}
		f := files[i-len(pages)]
		data, err := f.Content()
		if err != nil {
			fail(&EnvError{err})
			return
		}
		if err := w.write(f.Path, data); err != nil {
			fail(&EnvError{err})
		}
	}
	// The user's files come over from the old output meanwhile: none of
	// them is at a path the build writes.
	carried := make(chan error, 1)
	go func() { carried <- carryOver(out, stage, written) }()
	// Aggregate pages and made files (the search index) one at a time
	// and first (jobs.go).
	runJobs(len(pages)+len(files), func(i int) bool {
		if i >= len(pages) {
			return files[i-len(pages)].Make != nil
		}
		k := pages[i].Kind
		return k != "home" && k != "part" && k != "module"
	}, do)
	if err := <-carried; err != nil {
		return nil, &EnvError{err}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if z != nil {
		name, err := z.write(s, written) // zip.go
		if err != nil {
			return nil, err
		}
		z.close() // the scratch file goes before the stage becomes the output
		written = append(written, name)
	}
	sort.Strings(written)
	if err := os.WriteFile(filepath.Join(stage, Manifest), []byte(strings.Join(written, "\n")+"\n"), 0o644); err != nil {
		return nil, &EnvError{err}
	}
	old, err := swap(stage, out)
	if err != nil {
		return nil, &EnvError{err}
	}
	ok = true
	if old != "" {
		if err := keepSpare(old, out); err != nil { // spare.go
			return nil, &EnvError{err}
		}
	}
	res := &Result{Out: out, Pages: len(pages), Files: len(files), Modules: len(s.Kit.Modules), Site: s}
	for _, m := range s.Kit.Modules {
		res.Worksheets += len(s.Doc(m).Worksheets)
	}
	return res, nil
}

// writer writes files under root, creating folders once.
type writer struct {
	root     string
	mu       sync.Mutex
	dirs     map[string]bool
	existing map[string]bool // files of a spare to write over (spare.go)
	zip      *offlineZip     // takes the ZIP's entries as they are written, or nil
}

func (w *writer) write(rel string, data []byte) error {
	f, err := w.create(rel)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := w.close(f, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }); err == nil {
		err = cerr
	}
	return err
}

// create opens rel for writing, emptied, making its folder if needed.
func (w *writer) create(rel string) (*outFile, error) {
	p, err := safeJoin(w.root, rel)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(p)
	w.mu.Lock()
	known := w.dirs[dir]
	w.mu.Unlock()
	if !known {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		w.mu.Lock()
		w.dirs[dir] = true
		w.mu.Unlock()
	}
	sum := w.zip.wants(rel)
	if w.existing[rel] {
		if f, err := os.OpenFile(p, os.O_RDWR, 0); err == nil {
			return &outFile{File: f, rel: rel, over: true, same: true, sum: sum}, nil
		}
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &outFile{File: f, rel: rel, sum: sum}, nil
}

// close closes f and gives the offline ZIP its entry, if it wants one;
// content reads what was written (nil: the file again).
func (w *writer) close(f *outFile, content func() (io.ReadCloser, error)) error {
	if err := f.Close(); err != nil || !f.sum {
		return err
	}
	if content == nil {
		content = func() (io.ReadCloser, error) { return os.Open(f.Name()) }
	}
	return w.zip.add(f.rel, f.crc, f.n, f.unchanged, content)
}

// outFile is a file being written. One of a spare's is written over in
// place and cut to length when closed, not emptied first: on ext4, a file
// emptied and written again is flushed when it is closed (auto_da_alloc),
// which cost several times the writing. And as long as what is written is
// what the file holds already (the spare is the output before last, and
// most pages do not change between builds), it is only compared, not
// written: reading the page cache costs less than dirtying it, and on a
// large kit writing back gigabytes set the pace of a rebuild.
type outFile struct {
	*os.File
	rel       string
	n         int64  // bytes written, or found the same
	over      bool   // a spare's file
	same      bool   // over, and every byte so far is the file's already
	sum       bool   // keep crc, for the offline ZIP
	crc       uint32 // of the bytes written
	unchanged bool   // closed, and what it holds is what it held
}

var comparePages = sync.Pool{New: func() any { return new([64 << 10]byte) }}

func (f *outFile) Write(b []byte) (int, error) {
	if f.sum {
		f.crc = crc32.Update(f.crc, crc32.IEEETable, b)
	}
	if f.same {
		buf := comparePages.Get().(*[64 << 10]byte)
		done := 0
		for done < len(b) && f.same {
			chunk := b[done:min(len(b), done+len(buf))]
			m, _ := f.File.ReadAt(buf[:len(chunk)], f.n+int64(done))
			if m == len(chunk) && bytes.Equal(buf[:m], chunk) {
				done += m
			} else {
				f.same = false
			}
		}
		comparePages.Put(buf)
		f.n += int64(done)
		if done == len(b) {
			return len(b), nil
		}
		m, err := f.File.WriteAt(b[done:], f.n)
		f.n += int64(m)
		return done + m, err
	}
	var m int
	var err error
	if f.over {
		m, err = f.File.WriteAt(b, f.n)
	} else {
		m, err = f.File.Write(b)
	}
	f.n += int64(m)
	return m, err
}

func (f *outFile) Close() error {
	var err error
	if f.over {
		// Cut what the file held beyond the new content.
		if st, serr := f.File.Stat(); serr != nil || st.Size() != f.n {
			err = f.File.Truncate(f.n)
		} else {
			f.unchanged = f.same
		}
	}
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	return err
}

// safeJoin joins a slash path under root and refuses anything that would
// leave it, whatever names content chose.
func safeJoin(root, rel string) (string, error) {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || strings.ContainsFunc(rel, isControl) {
		return "", fmt.Errorf("refusing to write %q: not a plain path inside the output", rel)
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("refusing to write %q: not a plain path inside the output", rel)
		}
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if !within(p, root) {
		return "", fmt.Errorf("refusing to write %q: outside the output", rel)
	}
	return p, nil
}

// isControl matches what may not be in an output name: a newline would
// also split the manifest, which has one name a line.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// Verify reports what would make the site's pages and files unwritable or
// ambiguous: a path that is not a plain path inside the output, or two
// outputs at one path (a static/index.html over the home page, a bundle's
// index.html over its module's page). Load runs it; so does check.
func Verify(s *render.Site) diag.List {
	var errs diag.List
	owner := map[string]string{} // output path -> kit file that makes it, "" for Lectern
	for _, p := range s.Pages() {
		owner[p.Path] = ""
	}
	for _, f := range s.Files() {
		from := kitSource(s, f)
		if _, err := safeJoin(string(filepath.Separator), f.Path); err != nil {
			errs.Errorf(from, 0, 0, "cannot be published as %q: rename it", f.Path)
			continue
		}
		other, taken := owner[f.Path]
		switch {
		case !taken:
			owner[f.Path] = from
		case from == "" && other == "":
			errs.Errorf("", 0, 0, "Lectern writes %s twice", f.Path)
		case from == "" || other == "":
			if from == "" {
				from = other
			}
			errs.Errorf(from, 0, 0, "would be published as %s, which Lectern writes itself: rename or move it", f.Path)
		default:
			errs.Errorf(from, 0, 0, "would be published as %s, like %s: rename or move one of them", f.Path, other)
		}
	}
	return errs
}

// kitSource names the kit file a published file comes from, relative to the
// kit, or "" when Lectern makes it (the built-in theme, generated files).
func kitSource(s *render.Site, f render.File) string {
	src := f.Src
	if src == "" && s.Kit.ThemeDir != "" {
		if p := filepath.Join(s.Kit.ThemeDir, filepath.FromSlash(f.Path)); fileExists(p) {
			src = p
		}
	}
	if src == "" {
		return ""
	}
	if r, err := filepath.Rel(s.Kit.Dir, src); err == nil {
		return filepath.ToSlash(r)
	}
	return src
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func within(p, root string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

func samePath(a, b string) bool {
	return filepath.Clean(a) == filepath.Clean(b)
}

// carryOver links every file of the old output that Lectern did not write
// into the new one, so a user's files survive. With no manifest, nothing in
// the folder was Lectern's.
func carryOver(out, stage string, written []string) error {
	st, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", out)
	}
	ours := map[string]bool{Manifest: true}
	if f, err := os.Open(filepath.Join(out, Manifest)); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			ours[sc.Text()] = true
		}
		f.Close()
	}
	newSet := make(map[string]bool, len(written))
	for _, p := range written {
		newSet[p] = true
	}
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if rel == "." {
			return nil
		}
		slash := filepath.ToSlash(rel)
		if d.IsDir() {
			return nil
		}
		if ours[slash] || newSet[slash] {
			return nil // Lectern's own, or about to be replaced by a page of the same name
		}
		dst := filepath.Join(stage, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(t, dst)
		}
		if err := os.Link(p, dst); err == nil {
			return nil
		}
		return copyFile(p, dst)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

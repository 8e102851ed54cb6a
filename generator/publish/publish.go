// Package publish writes a site to disk safely: everything goes into a
// fresh folder on the output's file system (place.go), which replaces the
// output only when the whole build succeeded. Files and folders Lectern did
// not write (a .git folder, a CNAME, notes) are carried over, and a build
// that would write where one of them is stops and names it; a manifest
// records what Lectern wrote, and a checksum of each file. It comes after
// the site package, which assembles what it writes.
//
// Start with Build, which is site.Load then Write.
package publish

import (
	"bufio"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"lectern/generator/diag"
	"lectern/generator/markdown"
	"lectern/generator/render"
	"lectern/generator/site"
)

// Manifest is the file in the output that lists what Lectern wrote.
const Manifest = ".lectern-manifest"

// Options for a build.
type Options struct {
	Source string // kit folder
	Out    string // output folder; default <source>/public
	Drafts bool
	Only   string // "", "attendee" or "facilitator"
	// Overwrite replaces what the user put where the build writes,
	// instead of stopping.
	Overwrite bool
	// Passphrase gives the passphrase of a kit that locks its facilitator
	// edition ([facilitator] lock, lock.go); it is asked only then.
	Passphrase func() (string, error)
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
	// Locked says the facilitator edition in the output is encrypted.
	Locked bool
}

// EnvError is a problem with the machine rather than the kit (the output
// cannot be written); commands exit 3 for it.
type EnvError struct{ Err error }

func (e *EnvError) Error() string { return e.Err.Error() }
func (e *EnvError) Unwrap() error { return e.Err }

// Build loads the kit (site.Load), writes it (Write) and keeps the code it
// highlighted and the pages it converted, for the next build of the same
// output. The
// diagnostics hold every problem; err is non-nil when nothing was published
// (a *EnvError when the cause is the machine, a diag.List for the kit).
func Build(o Options) (*Result, diag.List, error) {
	start := time.Now()
	if o.Out == "" {
		o.Out = filepath.Join(o.Source, "public")
	}
	// The place is checked before the kit is read: an output inside the
	// kit's content would be read as content.
	p, err := newPlace(o.Source, o.Out)
	if err != nil {
		return nil, nil, err
	}
	defer p.unlock()
	h := loadHighlights(p) // spare.go
	before := make(chan *render.Conversions, 1)
	go func() { before <- loadConversions(p) }() // while the kit loads
	stage := p.startStage()                      // and this too (spare.go)
	s, errs := site.Load(site.Options{Source: o.Source, Drafts: o.Drafts, Only: o.Only, Highlights: h,
		Before: func() *render.Conversions { return <-before }})
	if s == nil {
		p.dropStage(<-stage)
		return nil, errs, errs
	}
	// Written while the pages are, on the other core.
	defer saveConversions(p, s.Conversions())() // spare.go
	s.DropSources()                             // rendered once: the Markdown is done with
	// A locked facilitator edition asks for its passphrase (lock.go).
	lk, lerrs := lockFor(s, o)
	if lerrs != nil {
		p.dropStage(<-stage)
		errs = append(errs, lerrs...)
		return nil, errs, errs
	}
	res, err := write(s, p, <-stage, o.Overwrite, lk)
	if err != nil {
		return nil, errs, err
	}
	saveHighlights(p, h)
	res.Duration = time.Since(start)
	return res, errs, nil
}

// Write renders every page and file of s into a fresh folder (or the spare
// of out, spare.go) and swaps it in for out. It stops at anything of the
// user's where it writes.
func Write(s *render.Site, out string) (*Result, error) {
	p, err := newPlace(s.Kit.Dir, out)
	if err != nil {
		return nil, err
	}
	defer p.unlock()
	return write(s, p, <-p.startStage(), false, nil)
}

// write writes s into st; lk, when not nil, encrypts the facilitator
// edition.
func write(s *render.Site, p *place, st staged, overwrite bool, lk *locker) (*Result, error) {
	out := p.out
	pages, files := s.Pages(), s.Files()
	written := outputPaths(pages, files)
	// What the old output holds is looked at while the new one is staged
	// beside it, on another core: it decides what is carried over into the
	// stage and whether the stage may take the output's place at all (a
	// link or file of the user's where the build writes stops the build
	// before anything of out is touched).
	var old *oldOutput
	scanned := make(chan error, 1)
	go func() {
		var err error
		old, err = scanOld(out, written, overwrite)
		scanned <- err
	}()
	stage, err := st.dir, st.err
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(stage)
		}
	}()
	w := &writer{root: stage, dirs: map[string]bool{}, sums: map[string]string{}, keys: map[string]string{}, lock: lk}
	if st.listed != nil {
		if err := w.reuseSpare(s, st.listed, written); err != nil { // spare.go
			return nil, err
		}
	}
	if w.zip, err = newOfflineZip(s, stage); err != nil { // zip.go
		return nil, &EnvError{err}
	}
	defer w.zip.close()
	if err := w.writeAll(s, pages, files, func() (*oldOutput, error) {
		err := <-scanned // before old is read
		return old, err
	}); err != nil {
		return nil, err
	}
	if written, err = w.writeZip(s, written); err != nil {
		return nil, err
	}
	if err := writeManifest(stage, written, w.sums, w.keys); err != nil {
		return nil, err
	}
	if err := old.modes(stage); err != nil {
		return nil, &EnvError{err}
	}
	os.Remove(filepath.Join(stage, stageMark))
	prev, err := swap(stage, out)
	if err != nil {
		return nil, &EnvError{err}
	}
	ok = true
	if prev != "" {
		if err := p.keepSpare(prev); err != nil { // spare.go
			return nil, &EnvError{err}
		}
	}
	res := &Result{Out: out, Pages: len(pages), Files: len(files), Modules: len(s.Kit.Modules), Site: s, Locked: lk != nil}
	for _, m := range s.Kit.Modules {
		res.Worksheets += len(s.Doc(m).Worksheets)
	}
	return res, nil
}

// outputPaths lists the paths of pages and files, in that order.
func outputPaths(pages []render.PageRef, files []render.File) []string {
	written := make([]string, 0, len(pages)+len(files))
	for _, p := range pages {
		written = append(written, p.Path)
	}
	for _, f := range files {
		written = append(written, f.Path)
	}
	return written
}

// writeAll writes every page and file of s on all cores, and meanwhile
// carries the user's files over from the old output, once scanned has
// looked at it: none of them is at a path the build writes. It returns the
// scan's error, or else the first error.
func (w *writer) writeAll(s *render.Site, pages []render.PageRef, files []render.File, scanned func() (*oldOutput, error)) error {
	var firstErr error
	var mu sync.Mutex
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	carried := make(chan error, 1)
	go func() {
		old, err := scanned()
		if err == nil {
			if cerr := old.carry(w.root); cerr != nil {
				err = &EnvError{cerr}
			}
		}
		carried <- err
	}()
	// Aggregate pages and made files (the search index) first (jobs.go).
	runJobs(len(pages)+len(files), func(i int) bool {
		if i >= len(pages) {
			return files[i-len(pages)].Make != nil
		}
		return pages[i].Heavy()
	}, func(i int) {
		var err error
		if i < len(pages) {
			err = w.page(s, pages[i])
		} else {
			err = w.file(files[i-len(pages)])
		}
		if err != nil {
			fail(err)
		}
	})
	if err := <-carried; err != nil {
		return err
	}
	return firstErr
}

// pageBuffers hold what a page is rendered into on its way to its file.
// Pages go straight to their files: the aggregates are tens of megabytes on
// a large kit, and a buffer would hold each whole.
var pageBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// page renders p of s into its file.
func (w *writer) page(s *render.Site, p render.PageRef) error {
	if w.lock != nil && p.Edition == markdown.Facilitator {
		return w.lockedPage(s, p) // lock.go
	}
	if key, ok := s.PageKey(p); ok {
		w.mu.Lock()
		w.keys[p.Path] = key
		w.mu.Unlock()
		if old := w.existing[p.Path]; old.key == key && old.sum != "" {
			// The spare holds this page as the build before last made it
			// from the same: it stays as it is.
			return w.keep(p.Path, old.sum)
		}
	}
	f, err := w.create(p.Path)
	if err != nil {
		return &EnvError{err}
	}
	bw := pageBuffers.Get().(*bufio.Writer)
	defer pageBuffers.Put(bw)
	bw.Reset(f)
	rerr := s.Render(bw, p)
	ferr := bw.Flush()
	cerr := w.close(f, nil)
	switch {
	case ferr != nil: // the disk, not the kit
		return &EnvError{ferr}
	case rerr != nil:
		return fmt.Errorf("%s: %w", p.Path, rerr)
	case cerr != nil:
		return &EnvError{cerr}
	}
	return nil
}

// keep keeps a spare's file as it is, with its checksum sum, as if it had
// been written again.
func (w *writer) keep(rel, sum string) error {
	w.mu.Lock()
	w.sums[rel] = sum
	w.mu.Unlock()
	if !w.zip.wants(rel) {
		return nil
	}
	crc, n, ok := sumCRC(sum)
	if !ok {
		return fmt.Errorf("%s: a checksum without its CRC: %q", rel, sum)
	}
	p := filepath.Join(w.root, filepath.FromSlash(rel))
	return w.zip.add(rel, crc, n, true, func() (io.ReadCloser, error) { return os.Open(p) })
}

// file writes f, made or copied.
func (w *writer) file(f render.File) error {
	data, err := f.Content()
	if err == nil && w.lock != nil && render.FacilitatorOnly(f.Path) {
		data, err = w.lock.lockFile(f.Path, data) // lock.go
	}
	if err == nil {
		err = w.write(f.Path, data)
	}
	if err != nil {
		return &EnvError{err}
	}
	return nil
}

// writeZip finishes the offline ZIP, when the site has one, from the files
// written, and returns written with the ZIP's name added.
func (w *writer) writeZip(s *render.Site, written []string) ([]string, error) {
	if w.zip == nil {
		return written, nil
	}
	name, err := w.zip.write(s, written) // zip.go
	if err != nil {
		return nil, err
	}
	w.zip.close() // the scratch file goes before the stage becomes the output
	return append(written, name), nil
}

// writeManifest lists written, sorted, in the stage's manifest, each with
// the checksum of what was written when there is one (sums) and the key of
// what a page was made from when it has one (keys): a path, a tab and the
// checksum, then a tab and the key, a line each.
func writeManifest(stage string, written []string, sums, keys map[string]string) error {
	sort.Strings(written)
	var b strings.Builder
	for _, p := range written {
		b.WriteString(p)
		if sum := sums[p]; sum != "" {
			b.WriteString("\t" + sum)
			if key := keys[p]; key != "" {
				b.WriteString("\t" + key)
			}
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(stage, Manifest), []byte(b.String()), 0o644); err != nil {
		return &EnvError{err}
	}
	return nil
}

// writer writes files under root, creating folders once.
type writer struct {
	root     string
	mu       sync.Mutex
	dirs     map[string]bool
	existing map[string]spareFile // files of a spare to write over (spare.go)
	sums     map[string]string    // checksum of each file written, for the manifest
	keys     map[string]string    // what each page with a key was made from (render.PageKey)
	zip      *offlineZip          // takes the ZIP's entries as they are written, or nil
	lock     *locker              // encrypts the facilitator edition, or nil (lock.go)
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
	f := &outFile{path: p, rel: rel, sum: w.zip.wants(rel)}
	old, over := w.existing[rel]
	if want := old.sum; want != "" {
		f.want, f.held = want, heldPages.Get().(*[]byte)
		return f, nil // opened only if what is written differs
	}
	if err := f.open(over); err != nil {
		return nil, err
	}
	return f, nil
}

// close closes f and gives the offline ZIP its entry, if it wants one;
// content reads what was written (nil: the file again).
func (w *writer) close(f *outFile, content func() (io.ReadCloser, error)) error {
	if err := f.Close(); err != nil {
		return err
	}
	w.mu.Lock()
	w.sums[f.rel] = checksum(f.crc, f.crcC, f.n)
	w.mu.Unlock()
	if !f.sum {
		return nil
	}
	if content == nil {
		content = func() (io.ReadCloser, error) { return os.Open(f.path) }
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
//
// Better still, a spare's file whose checksum the manifest vouches for
// (cleanSpare) is not opened at all while what is written is held: when it
// is closed with the same checksum, the file is already right. Opening,
// reading and closing thousands of unchanged files was a tenth of a
// rebuild's time.
type outFile struct {
	*os.File         // nil until opened
	path      string // where the file is
	rel       string
	n         int64   // bytes written, or found the same
	over      bool    // a spare's file
	same      bool    // over, and every byte so far is the file's already
	sum       bool    // the offline ZIP wants crc
	want      string  // not opened yet: the checksum of what the file holds
	held      *[]byte // what is written while the file is not open
	crc       uint32  // of the bytes written, for the manifest and the ZIP
	crcC      uint32  // the same with the Castagnoli polynomial, for the manifest
	unchanged bool    // closed, and what it holds is what it held
}

var comparePages = sync.Pool{New: func() any { return new([64 << 10]byte) }}

// heldPages hold what is written to files not yet opened, up to maxHeld;
// a longer file (an aggregate page) is opened and compared as it comes.
var heldPages = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

const maxHeld = 1 << 20

// open opens the file, a spare's to write over if over, and writes what
// was held into it.
func (f *outFile) open(over bool) error {
	var err error
	if over {
		if f.File, err = os.OpenFile(f.path, os.O_RDWR, 0); err == nil {
			f.over, f.same = true, true
		}
	}
	if f.File == nil {
		if f.File, err = os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644); err != nil {
			return err
		}
	}
	if f.held != nil {
		held := *f.held
		f.n = 0
		_, err = f.put(held)
		f.release()
	}
	return err
}

func (f *outFile) release() {
	if f.held != nil {
		*f.held = (*f.held)[:0]
		heldPages.Put(f.held)
		f.held = nil
	}
}

func (f *outFile) Write(b []byte) (int, error) {
	f.crc = crc32.Update(f.crc, crc32.IEEETable, b)
	f.crcC = crc32.Update(f.crcC, castagnoli, b)
	if f.File == nil {
		if len(*f.held)+len(b) <= maxHeld {
			*f.held = append(*f.held, b...)
			f.n += int64(len(b))
			return len(b), nil
		}
		if err := f.open(true); err != nil {
			return 0, err
		}
	}
	return f.put(b)
}

// put writes b at the file's end so far, or only compares it with what the
// file holds there while that is the same.
func (f *outFile) put(b []byte) (int, error) {
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
	if f.File == nil {
		if checksum(f.crc, f.crcC, f.n) == f.want {
			f.release()
			f.unchanged = true
			return nil
		}
		if err := f.open(true); err != nil {
			f.release()
			return err
		}
	}
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
	if !site.PlainPath(rel) {
		return "", fmt.Errorf("refusing to write %q: not a plain path inside the output", rel)
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if !within(p, root) {
		return "", fmt.Errorf("refusing to write %q: outside the output", rel)
	}
	return p, nil
}

func within(p, root string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

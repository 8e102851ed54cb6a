package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"lectern/generator/markdown"
	"lectern/generator/render"
)

// A rebuild reuses the folders and files of the output before last. Making
// a site's thousands of folders and files anew, and deleting as many from
// the output it replaces, costs the kernel several times what writing the
// same bytes into files that exist does: on a kit of 2,000 modules it was
// most of a build. So the output a swap replaces is not deleted but kept as
// the spare, in the user's cache folder (place.go), and the next build
// takes the spare as its staging folder. Before writing, it
// deletes from the spare everything the build will not write itself: pages
// that are gone, the user's files (carried over afresh from the output, as
// into a new folder), and anything that is not a plain file of Lectern's
// own with one link, so that no write can reach through a hard link or a
// symbolic link into a file elsewhere. Every page and file is then written
// in full, so the result is the same as in an empty folder; the output is
// still replaced in one step. The price is a second copy of the site on
// disk, in the cache folder; when that is on another file system than the
// output, there is no spare and every build starts from an empty folder.

// place is an output folder being built, and where the build keeps what
// it keeps between builds (place.go).
type place struct {
	out    string // the output folder's real path
	home   string // the folder for its spare and stages, or ""
	beside bool   // home is on another file system: stage beside out, no spare
	unlock func()
}

// newPlace checks the output folder out of the kit source, takes the lock
// of its home, and deletes what killed builds of it left.
func newPlace(source, out string) (*place, error) {
	real, err := realPath(out)
	if err != nil {
		return nil, &EnvError{err}
	}
	if err := checkPlace(source, real); err != nil {
		return nil, err
	}
	if err := checkNotMount(real); err != nil {
		return nil, err
	}
	p := &place{out: real, unlock: func() {}}
	parent := filepath.Dir(real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, &EnvError{fmt.Errorf("cannot create the output folder: %w", err)}
	}
	if h := home(real); h != "" && os.MkdirAll(h, 0o700) == nil {
		unlock, err := lock(h)
		if err != nil {
			return nil, &EnvError{fmt.Errorf("cannot lock %s: %w", h, err)}
		}
		p.home, p.unlock = h, unlock
		p.beside = !sameDevice(h, parent)
		if b, err := os.ReadFile(filepath.Join(h, outputName)); err != nil || string(b) != real {
			os.WriteFile(filepath.Join(h, outputName), []byte(real), 0o600)
		}
		prune(h)
	} else {
		p.beside = true
	}
	cleanStale(p.home, real)
	return p, nil
}

// spareName is the spare's path, or "" when the place keeps none.
func (p *place) spareName() string {
	if p.home == "" || p.beside {
		return ""
	}
	return filepath.Join(p.home, "spare")
}

// newStage makes the folder a build writes into, on the output's file
// system, and moves the spare there when there is one; reused says
// whether it did.
func (p *place) newStage() (stage string, reused bool, err error) {
	if !p.beside {
		stage, err = os.MkdirTemp(p.home, "stage-")
	} else {
		stage, err = os.MkdirTemp(filepath.Dir(p.out), stagePrefix(p.out))
		if err == nil {
			err = os.WriteFile(filepath.Join(stage, stageMark), nil, 0o644)
		}
	}
	if err != nil {
		return "", false, &EnvError{fmt.Errorf("cannot make a folder to build %s in: %w", p.out, err)}
	}
	reused = takeSpare(p.spareName(), stage)
	os.Chmod(stage, 0o755)
	return stage, reused, nil
}

// staged is the folder a build writes into (newStage), and the spare in it
// listed (listSpare) when it is one.
type staged struct {
	dir    string
	listed *spareList
	err    error
}

// startStage makes the folder the build writes into and lists the spare it
// takes, on another goroutine, while the kit loads; the build receives
// them once.
func (p *place) startStage() <-chan staged {
	done := make(chan staged, 1)
	go func() {
		dir, reused, err := p.newStage()
		st := staged{dir: dir, err: err}
		if reused {
			st.listed = listSpare(dir)
		}
		done <- st
	}()
	return done
}

// dropStage undoes st for a build that stops before writing: a spare taken
// goes back as it was.
func (p *place) dropStage(st staged) {
	switch {
	case st.err != nil:
	case st.listed != nil:
		os.Remove(filepath.Join(st.dir, stageMark))
		p.keepSpare(st.dir)
	default:
		os.RemoveAll(st.dir)
	}
}

// takeSpare moves the spare to stage, a new empty folder's name, and
// reports whether it did; stage is an empty folder either way.
func takeSpare(spare, stage string) bool {
	if spare == "" {
		return false
	}
	if st, err := os.Lstat(spare); err != nil || !st.IsDir() {
		return false
	}
	// os.Rename does not replace a folder, even an empty one.
	if os.Remove(stage) != nil {
		return false
	}
	if os.Rename(spare, stage) == nil {
		return true
	}
	os.Mkdir(stage, 0o700)
	return false
}

// keepSpare keeps old, the output a swap replaced, as the spare, or deletes
// it when the place keeps none.
func (p *place) keepSpare(old string) error {
	if spare := p.spareName(); spare != "" {
		if err := os.Rename(old, spare); err == nil {
			return nil
		}
	}
	return os.RemoveAll(old)
}

// reuseSpare readies the spare taken as w's stage, as listed (listSpare):
// it deletes what the build will not write (clean), and tells w the folders
// and files that stay, so that it makes no folder twice and writes the
// files over in place. The spare's offline ZIP stays too: it lends the new
// one its unchanged entries (zip.go).
func (w *writer) reuseSpare(s *render.Site, listed *spareList, written []string) error {
	keep := written
	if name := s.OfflineZip(); name != "" {
		keep = append(written[:len(written):len(written)], name)
	}
	dirs, files, err := listed.clean(keep)
	if err != nil {
		// Whatever the spare holds, an empty folder does as well.
		if err := os.RemoveAll(w.root); err != nil {
			return &EnvError{err}
		}
		if err := os.Mkdir(w.root, 0o755); err != nil {
			return &EnvError{err}
		}
		return nil
	}
	for _, d := range dirs {
		w.dirs[d] = true
	}
	w.existing = files
	return nil
}

// spareList is a spare just taken, as listSpare found it: what its
// manifest says, and every folder and file with what clean needs to know
// of it. Listing is thousands of system calls, made while the kit loads,
// before the build knows what it will write.
type spareList struct {
	root       string
	ours, keys map[string]string // the manifest's (readManifest)
	mode       fs.FileMode       // of a file Lectern made, as the umask let it
	made       time.Time         // the manifest's modification time
	top        *spareDir
}

type spareDir struct {
	p, r  string // path, and slash path under the spare
	files []spareEntry
	subs  []*spareDir
	err   error
}

// spareEntry is anything in a folder but a folder: info is set for a plain
// file that could be written over in place (plain).
type spareEntry struct {
	p, r string
	info fs.FileInfo
}

// listSpare lists stage, a spare just taken.
func listSpare(stage string) *spareList {
	l := &spareList{root: stage}
	mp := filepath.Join(stage, Manifest)
	if st, err := os.Lstat(mp); err == nil && st.Mode().IsRegular() {
		l.mode, l.made = st.Mode().Perm(), st.ModTime()
		l.ours, l.keys = readManifest(mp)
	}
	// Folders are listed on all cores, each by a goroutine of its own
	// while one is free.
	free := make(chan struct{}, runtime.GOMAXPROCS(0)-1)
	var list func(d *spareDir)
	list = func(d *spareDir) {
		entries, err := os.ReadDir(d.p)
		if err != nil {
			d.err = err
			return
		}
		var wg sync.WaitGroup
		for _, e := range entries {
			name := e.Name()
			p, r := filepath.Join(d.p, name), name
			if d.r != "" {
				r = d.r + "/" + name
			}
			if !e.IsDir() {
				f := spareEntry{p: p, r: r}
				if e.Type().IsRegular() {
					f.info = plain(e, l.mode)
				}
				d.files = append(d.files, f)
				continue
			}
			sd := &spareDir{p: p, r: r}
			d.subs = append(d.subs, sd)
			select {
			case free <- struct{}{}:
				wg.Go(func() {
					defer func() { <-free }()
					list(sd)
				})
			default:
				list(sd)
			}
		}
		wg.Wait()
	}
	l.top = &spareDir{p: stage}
	list(l.top)
	return l
}

// clean deletes from the spare everything but the files of written (slash
// paths) that its manifest lists as Lectern's and that are plain files
// with one link and the mode Lectern gives, and the folders that written
// needs. It returns the folders kept, as absolute paths, so the writer does
// not make them again, and the files kept, which the writer writes over,
// each with its checksum in the manifest when the file is as the build
// before wrote it: not changed since the manifest was (its ctime is
// earlier) and of the length it records. Folders keep their mode.
func (l *spareList) clean(written []string) (dirs []string, files map[string]spareFile, err error) {
	keep := make(map[string]bool, len(written))
	needed := map[string]bool{}
	for _, p := range written {
		if _, ok := l.ours[p]; ok {
			keep[p] = true
		}
		for d := path.Dir(p); d != "." && !needed[d]; d = path.Dir(d) {
			needed[d] = true
		}
	}
	files = make(map[string]spareFile, len(keep))
	kept := []string{l.root}
	var clean func(d *spareDir) (empty bool, err error)
	clean = func(d *spareDir) (bool, error) {
		if d.err != nil {
			return false, d.err
		}
		left := 0
		for _, f := range d.files {
			if f.info == nil || !keep[f.r] {
				if err := os.Remove(f.p); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return false, err
				}
				continue
			}
			sum := l.ours[f.r]
			// A file's time is the clock's last tick, not the instant:
			// one as recent as the manifest may be newer.
			if ch, ok := changed(f.info); !ok || !ch.Before(l.made) || f.info.Size() != sumSize(sum) {
				sum = ""
			}
			sf := spareFile{sum: sum}
			if sum != "" {
				sf.key = l.keys[f.r]
			}
			files[f.r] = sf
			left++
		}
		for _, sd := range d.subs {
			empty, err := clean(sd)
			if err != nil {
				return false, err
			}
			if empty && !needed[sd.r] {
				if err := os.Remove(sd.p); err != nil {
					return false, err
				}
				continue
			}
			if needed[sd.r] {
				kept = append(kept, sd.p)
			}
			left++
		}
		return left == 0, nil
	}
	if _, err := clean(l.top); err != nil {
		return nil, nil, err
	}
	return kept, files, nil
}

// spareFile is a file of the spare that the build writes over: its
// checksum when the file is as the manifest records it ("" when it may
// not be), and then the key of what the page was made from, if any.
type spareFile struct{ sum, key string }

// plain returns a file's information if it can be written over in place:
// one link (no other name shares its content) and the mode a new file
// would get; or else nil.
func plain(e fs.DirEntry, mode fs.FileMode) fs.FileInfo {
	info, err := e.Info()
	if err != nil || info.Mode().Perm() != mode || mode == 0 || links(info) != 1 {
		return nil
	}
	return info
}

// highlightsName is the file in the spare that keeps highlighted code for
// the next build (markdown.Highlights.Save); cleanSpare deletes it with
// everything else the build does not write.
const highlightsName = ".lectern-highlight"

// loadHighlights returns the code the last build of out highlighted, if its
// spare keeps it, for the Markdown stage to take instead of highlighting
// it again.
func loadHighlights(p *place) *markdown.Highlights {
	h := new(markdown.Highlights)
	if p.spareName() == "" {
		return h
	}
	if f, err := os.Open(filepath.Join(p.spareName(), highlightsName)); err == nil {
		h.Load(f)
		f.Close()
	}
	return h
}

// saveHighlights keeps h, the code this build highlighted, in the spare of
// out, if there is one.
func saveHighlights(p *place, h *markdown.Highlights) {
	if p.spareName() != "" {
		keepCache(filepath.Join(p.spareName(), highlightsName), h.Save)
	}
}

// conversionsName is the file in the place's home that keeps the pages the
// last build converted (render.Conversions), for the next build to take
// those whose Markdown and links are as they were.
const conversionsName = "conversions"

func loadConversions(p *place) *render.Conversions {
	if p.home == "" {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(p.home, conversionsName))
	if err != nil {
		return nil
	}
	return render.ReadConversions(b)
}

// saveConversions starts writing c for the next build when it differs from
// what the home keeps; wait returns once it is written.
func saveConversions(p *place, c *render.Conversions) (wait func()) {
	if p.home == "" || c == nil || c.Unchanged() {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		keepCache(filepath.Join(p.home, conversionsName), func(w io.Writer) error {
			_, err := c.WriteTo(w)
			return err
		})
	}()
	return func() { <-done }
}

// keepCache writes dst whole, through a new file renamed over it, or
// leaves it as it was. It is only a cache: failing is no error.
func keepCache(dst string, write func(io.Writer) error) {
	tmp := dst + ".new"
	os.Remove(tmp) // a killed build's
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
	}
}

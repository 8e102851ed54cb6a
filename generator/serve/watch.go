package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"lectern/generator/kit"
	"lectern/generator/publish"
)

// batch is the changes seen during one burst of file-system activity.
type batch struct {
	paths    map[string]bool // slash paths relative to the kit folder
	overflow bool            // events were lost: rebuild everything
}

func (b *batch) add(p string) {
	if b.paths == nil {
		b.paths = map[string]bool{}
	}
	b.paths[p] = true
}

func (b *batch) empty() bool { return len(b.paths) == 0 && !b.overflow }

// roots are the parts of a kit folder that are watched, besides site.toml:
// everything else in it (public/, .git, notes) is none of Lectern's business.
var roots = []string{"content", "static", "themes", "i18n"}

// relevant reports whether a path relative to the kit belongs to the kit.
func relevant(rel string) bool {
	if rel == "" {
		return false
	}
	top, _, _ := strings.Cut(rel, "/")
	if top == "site.toml" {
		return rel == top
	}
	for _, r := range roots {
		if top == r {
			// Editors' backups, swap and lock files are never part of a kit.
			for _, seg := range strings.Split(rel, "/") {
				if kit.Ignored(seg) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// hintLimit is printed when the system will not watch more folders.
const hintLimit = `the system's limit on watched folders is reached (fs.inotify.max_user_watches or max_user_instances):
  run lectern serve --poll, which checks for changes every %v instead,
  or raise the limit, e.g. sudo sysctl fs.inotify.max_user_watches=524288`

// watcher turns file-system events under a kit folder into batches: after
// the first event it waits until nothing has happened for quiet, so an
// editor's save (often several events: write a temporary file, rename it
// over the old one) makes one batch. Folders created later are watched as
// they appear; renamed and removed folders are forgotten.
type watcher struct {
	dir   string
	quiet time.Duration
	fsw   *fsnotify.Watcher
	dirs  map[string]bool // watched folders, absolute
	logf  func(format string, args ...any)
	limit bool // the watch limit was hit and reported
}

// pollEvery is how often --poll looks at the kit's files.
const pollEvery = 300 * time.Millisecond

// watch starts watching dir and returns the channel of batches; it is closed
// when ctx ends. Everything present when watch returns is watched, so a
// build started afterwards misses no change. Without notifications (poll),
// the files' sizes and times are compared every pollEvery.
func watch(ctx context.Context, dir string, quiet time.Duration, poll bool, logf func(string, ...any)) (<-chan batch, error) {
	out := make(chan batch)
	if poll {
		p := &poller{dir: dir, last: snapshot(dir)}
		go p.run(ctx, out)
		return out, nil
	}
	w, err := newWatcher(dir, quiet, logf)
	if err != nil {
		return nil, err
	}
	go w.run(ctx, out)
	return out, nil
}

func newWatcher(dir string, quiet time.Duration, logf func(string, ...any)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, watchError(dir, err)
	}
	w := &watcher{dir: dir, quiet: quiet, fsw: fsw, dirs: map[string]bool{}, logf: logf}
	if err := w.addAll(); err != nil {
		fsw.Close()
		return nil, err
	}
	return w, nil
}

// addAll watches the kit folder (for site.toml and the roots appearing) and
// every folder under the roots.
func (w *watcher) addAll() error {
	if err := w.add(w.dir); err != nil {
		return err
	}
	for _, r := range roots {
		if err := w.addTree(filepath.Join(w.dir, r)); err != nil {
			return err
		}
	}
	return nil
}

func (w *watcher) add(p string) error {
	if w.dirs[p] {
		return nil
	}
	if err := w.fsw.Add(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone already; its parent's event says so
		}
		return watchError(p, err)
	}
	w.dirs[p] = true
	return nil
}

// watchError explains why p cannot be watched; at the system's limit on
// watches (ENOSPC from inotify) or on watchers (EMFILE) it says what to do.
func watchError(p string, err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return &publish.EnvError{Err: fmt.Errorf("cannot watch %s: %v\n"+hintLimit, p, err, pollEvery)}
	}
	return &publish.EnvError{Err: fmt.Errorf("cannot watch %s: %v (try --poll)", p, err)}
}

// addTree watches root and every folder under it. It is called for a new
// folder after the folder's own event, so the walk also finds folders made
// inside it before its watch was added; files made there before are read by
// the rebuild that the batch causes.
func (w *watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != root && kit.Ignored(d.Name()) {
			return filepath.SkipDir
		}
		return w.add(p)
	})
}

// forget stops watching p and every folder under it (p was removed or
// renamed away: a watch on a renamed folder would report the old names).
func (w *watcher) forget(p string) {
	for d := range w.dirs {
		if d == p || strings.HasPrefix(d, p+string(filepath.Separator)) {
			w.fsw.Remove(d) // fails when the folder is gone, which is fine
			delete(w.dirs, d)
		}
	}
}

// resync makes the watched set match the folders on disk, after events were
// lost.
func (w *watcher) resync() {
	for d := range w.dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			w.forget(d)
		}
	}
	if err := w.addAll(); err != nil {
		w.reportLimit(err)
	}
}

func (w *watcher) reportLimit(err error) {
	if !w.limit {
		w.limit = true
		w.logf("lectern: %v", err)
	}
}

func (w *watcher) run(ctx context.Context, out chan<- batch) {
	defer close(out)
	defer w.fsw.Close()
	var pending batch
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	ready := false
	for {
		var send chan<- batch
		if ready && !pending.empty() {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.event(ev, &pending) {
				ready = false
				timer.Reset(w.quiet)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.logf("lectern: too many changes at once to follow; rebuilding everything")
				w.resync()
				pending.overflow = true
				ready = false
				timer.Reset(w.quiet)
				continue
			}
			w.logf("lectern: watching: %v", err)
		case <-timer.C:
			ready = true
		case send <- pending:
			pending = batch{}
			ready = false
		}
	}
}

// event records one event; it reports whether the event concerns the kit.
func (w *watcher) event(ev fsnotify.Event, b *batch) bool {
	rel := relPath(w.dir, ev.Name)
	if !relevant(rel) {
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			if err := w.addTree(ev.Name); err != nil {
				w.reportLimit(err)
			}
		}
	}
	b.add(rel)
	return true
}

// poller finds changes by looking: for file systems that send no
// notifications (network shares, some containers).
type poller struct {
	dir  string
	last map[string]fileStamp
}

type fileStamp struct {
	size, mtime int64
	mode        fs.FileMode
}

func (p *poller) run(ctx context.Context, out chan<- batch) {
	defer close(out)
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := snapshot(p.dir)
		b := changes(p.last, now)
		p.last = now
		if b.empty() {
			continue
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return
		}
	}
}

// changes lists what differs between two snapshots: files and folders that
// came or went, files that changed. A folder's own time changes with its
// entries, which are listed themselves.
func changes(before, after map[string]fileStamp) batch {
	var b batch
	for k, v := range after {
		old, ok := before[k]
		if !ok || old != v && !(old.mode.IsDir() && v.mode.IsDir()) {
			b.add(k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			b.add(k)
		}
	}
	return b
}

// snapshot records every file and folder of the kit.
func snapshot(dir string) map[string]fileStamp {
	m := map[string]fileStamp{}
	stamp := func(p string, st fs.FileInfo) {
		m[relPath(dir, p)] = fileStamp{size: st.Size(), mtime: st.ModTime().UnixNano(), mode: st.Mode()}
	}
	if st, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		stamp(filepath.Join(dir, "site.toml"), st)
	}
	walkKit(dir, func(p string, d fs.DirEntry) {
		if st, err := d.Info(); err == nil {
			stamp(p, st)
		}
	})
	return m
}

// walkKit calls fn for every file and folder under the kit's roots (the
// roots included), skipping the names the loader skips.
func walkKit(dir string, fn func(p string, d fs.DirEntry)) {
	for _, r := range roots {
		root := filepath.Join(dir, r)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != root && kit.Ignored(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			fn(p, d)
			return nil
		})
	}
}

package publish

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"

	"lectern/generator/markdown"
)

// A rebuild reuses the folders and files of the output before last. Making
// a site's thousands of folders and files anew, and deleting as many from
// the output it replaces, costs the kernel several times what writing the
// same bytes into files that exist does: on a kit of 2,000 modules it was
// most of a build. So the output a swap replaces is not deleted but kept
// beside the output as the spare (".public.lectern-spare" for "public"), and
// the next build takes the spare as its staging folder. Before writing, it
// deletes from the spare everything the build will not write itself: pages
// that are gone, the user's files (carried over afresh from the output, as
// into a new folder), and anything that is not a plain file of Lectern's
// own with one link, so that no write can reach through a hard link or a
// symbolic link into a file elsewhere. Every page and file is then written
// in full, so the result is the same as in an empty folder; the output is
// still replaced in one step. The price is a second copy of the site on
// disk, beside the output.

// spareName is the spare's path for the output folder out.
func spareName(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lectern-spare")
}

// takeSpare moves the spare of out to stage, a new empty folder's name, and
// reports whether it did; stage is an empty folder either way. Only one
// build can take a spare: the rename is atomic.
func takeSpare(out, stage string) bool {
	spare := spareName(out)
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

// keepSpare keeps old, the output a swap replaced, as the spare of out, or
// deletes it when that is not possible (another build's spare is there).
func keepSpare(old, out string) error {
	spare := spareName(out)
	if err := os.Rename(old, spare); err == nil {
		// In a Git work tree, the spare is not the user's business: a
		// .gitignore of "*" hides it and itself. The old output may hold the
		// user's own .gitignore as a link: unlink, never write through it.
		ignore := filepath.Join(spare, ".gitignore")
		os.Remove(ignore)
		if f, err := os.OpenFile(ignore, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err == nil {
			f.WriteString("# Lectern's spare output folder, reused by the next build.\n*\n")
			f.Close()
		}
		return nil
	}
	return os.RemoveAll(old)
}

// cleanSpare deletes from stage, a spare just taken, everything but the
// files of written (slash paths) that its manifest lists as Lectern's and
// that are plain files with one link and the mode Lectern gives, and the
// folders that written needs. It returns the folders kept, as absolute
// paths, so the writer does not make them again, and the files kept, which
// the writer writes over. Folders keep their mode.
func cleanSpare(stage string, written []string) (dirs []string, files map[string]bool, err error) {
	mp := filepath.Join(stage, Manifest)
	ours := map[string]bool{}
	var mode fs.FileMode
	if f, err := os.Open(mp); err == nil {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			mode = st.Mode().Perm() // a file Lectern made, as the umask let it
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				ours[sc.Text()] = true
			}
		}
		f.Close()
	}
	keep := make(map[string]bool, len(written))
	needed := map[string]bool{}
	for _, p := range written {
		if ours[p] {
			keep[p] = true
		}
		for d := path.Dir(p); d != "." && !needed[d]; d = path.Dir(d) {
			needed[d] = true
		}
	}
	files = make(map[string]bool, len(keep))
	kept := []string{stage}
	var mu sync.Mutex // kept and files
	// The walk is thousands of system calls: folders are walked on all
	// cores, each by a goroutine of its own while one is free.
	free := make(chan struct{}, runtime.GOMAXPROCS(0)-1)
	var clean func(dir, rel string) (empty bool, err error)
	clean = func(dir, rel string) (bool, error) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return false, err
		}
		type sub struct {
			p, r  string
			empty bool
			err   error
		}
		var subs []*sub
		var wg sync.WaitGroup
		left := 0
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(dir, name)
			r := name
			if rel != "" {
				r = rel + "/" + name
			}
			switch {
			case e.IsDir():
				sd := &sub{p: p, r: r}
				subs = append(subs, sd)
				select {
				case free <- struct{}{}:
					wg.Go(func() {
						defer func() { <-free }()
						sd.empty, sd.err = clean(sd.p, sd.r)
					})
				default:
					sd.empty, sd.err = clean(p, r)
				}
			case e.Type().IsRegular() && keep[r] && plain(e, mode):
				mu.Lock()
				files[r] = true
				mu.Unlock()
				left++
			default:
				if rerr := os.Remove(p); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && err == nil {
					err = rerr // once the folders being walked are done
				}
			}
		}
		wg.Wait()
		if err != nil {
			return false, err
		}
		for _, sd := range subs {
			if sd.err != nil {
				return false, sd.err
			}
			if sd.empty && !needed[sd.r] {
				if err := os.Remove(sd.p); err != nil {
					return false, err
				}
				continue
			}
			if needed[sd.r] {
				mu.Lock()
				kept = append(kept, sd.p)
				mu.Unlock()
			}
			left++
		}
		return left == 0, nil
	}
	if _, err := clean(stage, ""); err != nil {
		return nil, nil, err
	}
	return kept, files, nil
}

// plain reports whether a file can be written over in place: one link (no
// other name shares its content) and the mode a new file would get.
func plain(e fs.DirEntry, mode fs.FileMode) bool {
	info, err := e.Info()
	if err != nil || info.Mode().Perm() != mode || mode == 0 {
		return false
	}
	return links(info) == 1
}

// highlightsName is the file in the spare that keeps highlighted code for
// the next build (markdown.SaveHighlights); cleanSpare deletes it with
// everything else the build does not write.
const highlightsName = ".lectern-highlight"

// loadHighlights gives the Markdown stage the code the last build of out
// highlighted, if its spare keeps it.
func loadHighlights(out string) {
	if f, err := os.Open(filepath.Join(spareName(out), highlightsName)); err == nil {
		markdown.LoadHighlights(f)
		f.Close()
	}
}

// saveHighlights keeps the code this build highlighted in the spare of out,
// if there is one. It is only a cache: failing to write it is no error.
func saveHighlights(out string) {
	dst := filepath.Join(spareName(out), highlightsName)
	tmp := dst + ".new"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return
	}
	err = markdown.SaveHighlights(f)
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

package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Where a build writes. The output folder is taken by its real path: a
// link to it stays a link and the build replaces the folder it names. What
// Lectern keeps between builds of one output (the spare, spare.go, and the
// folders a build writes into) lives in the user's cache folder, keyed by
// that real path, not beside the output, where a web root or a Git work tree
// would hold it; only when the cache is on another file system, where no
// folder can be swapped for the output in one step, does a build write
// beside the output, in a folder marked as Lectern's.

// realPath is p, absolute, with every link resolved in the part of it that
// exists.
func realPath(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest), nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// kitParts are the kit's folders Lectern reads: an output among them would
// be read back by the next build.
var kitParts = []string{"content", "static", "themes"}

// checkPlace returns an error when the output folder out (a real path)
// would replace, hold or lie inside the kit folder kit or one of the
// folders of it that a build reads. Folders are compared by real path and
// by device and inode, so that no link or second mount of the kit gets by.
func checkPlace(kit, out string) error {
	kit, err := realPath(kit)
	if err != nil {
		return &EnvError{err}
	}
	same := func(a, b string) bool {
		if a == b {
			return true
		}
		sa, err1 := os.Stat(a)
		sb, err2 := os.Stat(b)
		return err1 == nil && err2 == nil && os.SameFile(sa, sb)
	}
	// under reports whether p is dir or inside it.
	under := func(p, dir string) bool {
		for {
			if same(p, dir) {
				return true
			}
			parent := filepath.Dir(p)
			if parent == p {
				return false
			}
			p = parent
		}
	}
	switch {
	case same(out, kit):
		return &EnvError{fmt.Errorf("%s: the output folder cannot be the kit folder", out)}
	case under(kit, out):
		// The swap would replace the folder that holds the kit.
		return &EnvError{fmt.Errorf("%s: the output folder cannot contain the kit folder %s", out, kit)}
	}
	for _, part := range kitParts {
		dir := filepath.Join(kit, part)
		if under(out, dir) {
			return &EnvError{fmt.Errorf("%s: the output folder cannot be inside the kit's %s/ folder: the next build would read it back", out, part)}
		}
	}
	return nil
}

// checkNotMount returns an error when out exists and is a mount point: it
// cannot be replaced in one step, and nothing is moved across a mount.
func checkNotMount(out string) error {
	st, err := os.Lstat(out)
	if err != nil {
		return nil
	}
	pst, err := os.Stat(filepath.Dir(out))
	if err != nil {
		return nil
	}
	if d, ok := device(st); ok && st.IsDir() {
		if pd, ok := device(pst); ok && pd != d {
			return &EnvError{fmt.Errorf("%s: the output folder is a mount point; Lectern replaces the output folder whole and moves nothing across a mount: build into a folder inside it", out)}
		}
	}
	return nil
}

// home is the folder that keeps what Lectern holds between builds of the
// output out (a real path): its spare and the folders builds write into.
// It is "" when the user has no cache folder.
func home(out string) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(out))
	return filepath.Join(cache, "lectern", hex.EncodeToString(sum[:12]))
}

// outputName is the file in a home that names the output it is for.
const outputName = "output"

// prune deletes the homes, other than own, of outputs that are gone (a
// temporary folder, an old site), and the spares they keep: without
// it the cache would grow with every output ever built. A home another
// build holds is left.
func prune(own string) {
	dirs, _ := filepath.Glob(filepath.Join(filepath.Dir(own), "*"))
	for _, h := range dirs {
		if h == own {
			continue
		}
		b, err := os.ReadFile(filepath.Join(h, outputName))
		if err != nil {
			continue // not a home, or one being made
		}
		if _, err := os.Lstat(string(b)); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if unlock, err := tryLock(h); err == nil {
			os.RemoveAll(h)
			unlock()
		}
	}
}

// stageMark is the file in a folder a build writes into beside the output:
// it marks the folder as Lectern's, for the next build to delete if the one
// that made it was killed. It goes before the folder becomes the output.
const stageMark = ".lectern-stage"

// stagePrefix starts the name of a folder a build writes into beside the
// output out.
func stagePrefix(out string) string { return "." + filepath.Base(out) + ".lectern-new-" }

// cleanStale deletes what killed builds of out left: the folders they wrote
// into, in the home h or beside out with Lectern's mark. When there is no
// spare, the newest folder left in h becomes it: it is the output before
// last, partly rewritten, and the spare needs no more than that (every
// file is written in full). Run with the lock of h held.
func cleanStale(h, out string) {
	if h != "" {
		names, _ := filepath.Glob(filepath.Join(h, "stage-*"))
		sort.Slice(names, func(i, j int) bool { return modTime(names[i]) > modTime(names[j]) })
		spare := filepath.Join(h, "spare")
		for _, n := range names {
			if _, err := os.Lstat(spare); errors.Is(err, fs.ErrNotExist) && isDir(n) && os.Rename(n, spare) == nil {
				continue
			}
			os.RemoveAll(n)
		}
	}
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(out), stagePrefix(out)+"*"))
	for _, n := range names {
		if st, err := os.Lstat(filepath.Join(n, stageMark)); err == nil && st.Mode().IsRegular() && isDir(n) {
			os.RemoveAll(n)
		}
	}
	// Lectern once kept the spare beside the output, where a web root
	// published it: a folder by that name with Lectern's manifest goes.
	old := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lectern-spare")
	if st, err := os.Lstat(filepath.Join(old, Manifest)); err == nil && st.Mode().IsRegular() && isDir(old) {
		os.RemoveAll(old)
	}
}

func isDir(p string) bool {
	st, err := os.Lstat(p)
	return err == nil && st.IsDir()
}

func modTime(p string) int64 {
	st, err := os.Lstat(p)
	if err != nil {
		return 0
	}
	return st.ModTime().UnixNano()
}

// sameDevice reports whether a and b are on one file system.
func sameDevice(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		return false
	}
	da, ok1 := device(sa)
	db, ok2 := device(sb)
	return ok1 && ok2 && da == db
}

// conflicts is the error for paths of the output that hold what Lectern did
// not write where the build writes.
func conflicts(out string, paths []string) error {
	sort.Strings(paths)
	var b strings.Builder
	for i, p := range paths {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s: Lectern did not write this, and the build writes here: move it away, or build with --overwrite to replace it", filepath.Join(out, filepath.FromSlash(p)))
	}
	return &EnvError{errors.New(b.String())}
}

package publish

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Record adds paths (slash-separated, relative to out) to the manifest of
// the output folder out, for files a later stage of Lectern writes there
// after Build (the PDFs). The next build then knows them as Lectern's own
// and leaves none of them behind. Record before writing the files: a listed
// file that is missing costs nothing, a written one that is not listed would
// be kept as the user's.
func Record(out string, paths ...string) error {
	for _, p := range paths {
		if _, err := safeJoin(out, p); err != nil {
			return err
		}
	}
	m := filepath.Join(out, Manifest)
	set := map[string]string{} // path: its line, with its checksum if any
	var built time.Time
	f, err := os.Open(m)
	switch {
	case err == nil:
		if st, err := f.Stat(); err == nil {
			built = st.ModTime()
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if l := sc.Text(); l != "" {
				p, _, _ := strings.Cut(l, "\t")
				set[p] = l
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return &EnvError{fmt.Errorf("reading %s: %w", m, err)}
		}
	case errors.Is(err, fs.ErrNotExist):
	default:
		return &EnvError{err}
	}
	for _, p := range paths {
		set[p] = p // written after this: no checksum yet
	}
	list := make([]string, 0, len(set))
	for _, l := range set {
		list = append(list, l)
	}
	sort.Strings(list)
	tmp, err := os.CreateTemp(out, Manifest+".new-")
	if err != nil {
		return &EnvError{err}
	}
	_, err = tmp.WriteString(strings.Join(list, "\n") + "\n")
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		os.Chmod(tmp.Name(), 0o644)
		// The manifest's time stays the build's: files changed after it
		// are not trusted to hold what it lists (cleanSpare).
		if !built.IsZero() {
			err = os.Chtimes(tmp.Name(), built, built)
		}
	}
	if err == nil {
		err = os.Rename(tmp.Name(), m)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return &EnvError{err}
	}
	return nil
}

package carpentries

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// checkOut refuses a kit folder that holds anything, that is a file, or
// that is or lies inside the lesson: the lesson is only ever read.
func checkOut(lesson, out string) error {
	if entries, err := os.ReadDir(out); err == nil {
		if len(entries) > 0 {
			return usagef("%s is not empty: choose a new folder for the kit, so that nothing in it is overwritten", out)
		}
	} else if st, serr := os.Stat(out); serr == nil && !st.IsDir() {
		return usagef("%s is a file, not a folder", out)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	l, err := realPath(lesson)
	if err != nil {
		return nil // read reports a missing lesson
	}
	o, err := realPath(out)
	if err != nil {
		return err
	}
	if o == l || strings.HasPrefix(o, l+string(filepath.Separator)) {
		return usagef("%s is inside the lesson folder %s: write the kit somewhere else, as the lesson is never written to", out, lesson)
	}
	return nil
}

// realPath resolves p's links, for a path that may not exist yet: its
// nearest existing folder is resolved and the rest joined on.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", fs.ErrNotExist
		}
		rest = append([]string{filepath.Base(abs)}, rest...)
		abs = parent
	}
}

// write writes the kit into out and returns the files, sorted. A missing
// out is written beside it first and renamed into place, so that a failed
// import leaves no half kit behind.
func (k *kitOut) write(out string) ([]string, error) {
	dir := out
	fresh := false
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		parent := filepath.Dir(filepath.Clean(out))
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, err
		}
		tmp, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(out))+".import-")
		if err != nil {
			return nil, err
		}
		dir, fresh = tmp, true
	}
	wrote, err := k.writeInto(dir)
	if err == nil && fresh {
		if err = os.Chmod(dir, 0o755); err == nil {
			err = os.Rename(dir, out)
		}
	}
	if err != nil && fresh {
		os.RemoveAll(dir)
	}
	return wrote, err
}

func (k *kitOut) writeInto(dir string) ([]string, error) {
	var wrote []string
	for _, rel := range sortedKeys(k.files) {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(rel)), func(w io.Writer) error {
			_, err := w.Write(k.files[rel])
			return err
		}); err != nil {
			return nil, err
		}
		wrote = append(wrote, rel)
	}
	for _, rel := range sortedKeys(k.copies) {
		src := filepath.Join(k.lessonDir, filepath.FromSlash(k.copies[rel]))
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(rel)), func(w io.Writer) error {
			f, err := os.Open(src)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(w, f)
			return err
		}); err != nil {
			return nil, err
		}
		wrote = append(wrote, rel)
	}
	return wrote, nil
}

// writeNew creates a file that must not exist yet, and its folders.
func writeNew(name string, fill func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

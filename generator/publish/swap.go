package publish

import (
	"errors"
	"io/fs"
	"os"
)

// swap puts stage in place of out. Where the kernel can exchange two paths
// in one step it does, so there is no moment without an output folder;
// otherwise the old folder is moved aside first (a rename cannot replace a
// non-empty folder). It returns the folder that now holds the previous
// output, "" when there was none, for the caller to keep or delete.
func swap(stage, out string) (old string, err error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(stage, out)
	}
	if err := exchange(stage, out); err == nil {
		return stage, nil // stage now holds the old output
	}
	old = stage + ".old"
	if err := os.Rename(out, old); err != nil {
		return "", err
	}
	if err := os.Rename(stage, out); err != nil {
		os.Rename(old, out)
		return "", err
	}
	return old, nil
}

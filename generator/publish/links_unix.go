//go:build unix

package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// links is the number of names a file has, or 0 when unknown.
func links(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}

// device is the file system a file is on.
func device(info fs.FileInfo) (uint64, bool) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), true
	}
	return 0, false
}

// lock waits until no other build of the same output holds the folder h,
// and holds it until unlock is called (or the process ends, killed or not).
func lock(h string) (unlock func(), err error) { return flock(h, syscall.LOCK_EX) }

// tryLock is lock when no build holds h, and an error at once otherwise.
func tryLock(h string) (unlock func(), err error) {
	return flock(h, syscall.LOCK_EX|syscall.LOCK_NB)
}

func flock(h string, how int) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(h, "lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

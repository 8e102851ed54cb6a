//go:build unix

package publish

import (
	"io/fs"
	"syscall"
)

// links is the number of names a file has, or 0 when unknown.
func links(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}

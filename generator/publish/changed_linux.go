package publish

import (
	"io/fs"
	"syscall"
	"time"
)

// changed is when a file's content or information last changed (its
// ctime), which, unlike its modification time, nothing can set back.
func changed(info fs.FileInfo) (time.Time, bool) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return time.Unix(st.Ctim.Sec, st.Ctim.Nsec), true
	}
	return time.Time{}, false
}

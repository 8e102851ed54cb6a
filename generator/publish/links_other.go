//go:build !unix

package publish

import (
	"errors"
	"io/fs"
)

// links is unknown here: every file of a spare is made anew.
func links(fs.FileInfo) uint64 { return 0 }

// device is unknown here.
func device(fs.FileInfo) (uint64, bool) { return 0, false }

// lock cannot wait for another build here.
func lock(string) (func(), error) { return func() {}, nil }

// tryLock cannot tell whether another build holds h here.
func tryLock(string) (func(), error) { return nil, errors.New("not supported") }

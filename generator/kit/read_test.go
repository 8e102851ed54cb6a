package kit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestReadAtMost reads files around the limit: whole up to it, refused past
// it, without spare room kept beyond the file's end.
func TestReadAtMost(t *testing.T) {
	dir := t.TempDir()
	const max = 1000
	for _, size := range []int{0, 1, 511, 512, max - 1, max, max + 1, 5 * max} {
		p := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("ab\n"), size/3+1)[:size]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readAtMost(p, max)
		if size > max {
			if !errors.Is(err, errTooLarge) {
				t.Errorf("%d bytes: err %v, want errTooLarge", size, err)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: got %d bytes, err %v", size, len(got), err)
		}
		if cap(got) > size+1 {
			t.Errorf("%d bytes: capacity %d", size, cap(got))
		}
	}
	if _, err := readAtMost(dir, max); err == nil {
		t.Error("a folder was read")
	}
}

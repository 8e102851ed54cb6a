package publish

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// A rebuild changes few pages, so the ZIP in the output it replaces already
// holds most entries deflated. An entry is taken from it, without
// deflating again, when the new content is byte for byte the old output's
// file of that name, and the old entry's size and checksum match it too:
// the old entry was deflated from that content, by the same code, so the
// bytes are the ones deflating would give.

// prevZip is the previous output's ZIP, open for reading.
type prevZip struct {
	out    string // the previous output folder
	folder string // the folder inside the ZIP, "name/"
	r      *zip.ReadCloser
	files  map[string]*zip.File
}

// openPrevZip opens out's ZIP of the given name, or returns nil.
func openPrevZip(out, name, folder string) *prevZip {
	r, err := zip.OpenReader(filepath.Join(out, name))
	if err != nil {
		return nil
	}
	p := &prevZip{out: out, folder: folder, r: r, files: make(map[string]*zip.File, len(r.File))}
	for _, f := range r.File {
		p.files[f.Name] = f
	}
	return p
}

func (p *prevZip) Close() {
	if p != nil {
		p.r.Close()
	}
}

// deflated returns the old entry's deflated bytes for the entry e of the
// output file rel, or nil. It is safe for concurrent use.
func (p *prevZip) deflated(rel string, e zipEntry) []byte {
	if p == nil {
		return nil
	}
	f := p.files[p.folder+rel]
	if f == nil || f.Method != zip.Deflate {
		return nil
	}
	cur, err := e.open()
	if err != nil {
		return nil
	}
	defer cur.Close()
	old, err := os.Open(filepath.Join(p.out, filepath.FromSlash(rel)))
	if err != nil {
		return nil
	}
	defer old.Close()
	if !sameContent(cur, old, f) {
		return nil
	}
	rc, err := f.OpenRaw()
	if err != nil {
		return nil
	}
	b, err := io.ReadAll(rc)
	if err != nil || uint64(len(b)) != f.CompressedSize64 {
		return nil
	}
	return b
}

var comparePool = sync.Pool{New: func() any { return new([2][32 << 10]byte) }}

// sameContent reports whether a and b read the same bytes, whose size and
// checksum are f's.
func sameContent(a, b io.Reader, f *zip.File) bool {
	bufs := comparePool.Get().(*[2][32 << 10]byte)
	defer comparePool.Put(bufs)
	bufA, bufB := &bufs[0], &bufs[1]
	var n uint64
	crc := crc32.NewIEEE()
	for {
		na, err := io.ReadFull(a, bufA[:])
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return false
		}
		if nb, _ := io.ReadFull(b, bufB[:na]); nb != na || !bytes.Equal(bufA[:na], bufB[:na]) {
			return false
		}
		crc.Write(bufA[:na])
		n += uint64(na)
		if na < len(bufA) { // a is done: b must be too
			if m, _ := io.ReadFull(b, bufB[:1]); m != 0 {
				return false
			}
			return n == f.UncompressedSize64 && crc.Sum32() == f.CRC32
		}
	}
}

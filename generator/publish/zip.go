package publish

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/flate"

	"lectern/generator/render"
)

// The offline ZIP ("save for offline") holds the attendee site as the build
// wrote it, under one folder named like the ZIP, so attendees can unzip it
// on a phone or laptop and open index.html without a network. It never
// holds the facilitator edition, the manifest or files Lectern did not
// write. The same kit gives the same bytes: entries are sorted and carry a
// fixed time and mode.
//
// Its entries are made as the pages and files are written, on all cores,
// while their content is at hand: a file that is byte for byte the spare's
// (spare.go) takes the spare ZIP's entry as it is, deflated already, when
// that entry's size and checksum match too; any other is deflated into a
// scratch file. Once everything is written, the ZIP is put together from
// those bytes in order, without reading a page again. Deflating the whole
// site after the pages, and reading every page back to compare it with the
// last ZIP, had been the one step of a build that did not use all cores.

// zipTime is the time on every entry; a build's own time would make each
// ZIP differ from the last.
var zipTime = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// zipLevel is klauspost/compress's fast level 3. On a 2,000-module kit's
// attendee site (54 MB) it deflates 3.6 times as fast as the standard
// library at archive/zip's level 5, for an archive 13% larger (12.0 MB
// against 10.6).
const zipLevel = 3

// zipComment names how the ZIP is made. A spare ZIP's entries, or the
// whole spare ZIP, are taken only when it has the same comment, so that a
// ZIP never mixes the output of two compressors and the same kit keeps
// giving the same bytes: change it whenever the bytes of a ZIP would.
const zipComment = "Made by Lectern (deflate: klauspost/compress level 3)"

// stored are extensions that are compressed already; deflating them again
// costs time and saves nothing.
var stored = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true,
	".avif": true, ".zip": true, ".gz": true, ".pdf": true, ".woff": true, ".woff2": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".webm": true, ".ogg": true}

// inOfflineZip reports whether an output path belongs in the ZIP.
func inOfflineZip(p, zipName string) bool {
	return p != zipName && p != Manifest && !render.FacilitatorOnly(p)
}

// offlineZip gathers the ZIP's entries while a build writes into stage.
type offlineZip struct {
	name, folder, stage string
	spare               *zip.ReadCloser // the spare's ZIP, or nil
	old                 map[string]*zip.File
	scratch             *os.File     // deflated entries, one after another
	end                 atomic.Int64 // bytes of scratch taken
	mu                  sync.Mutex
	entries             map[string]zipItem
}

// zipItem is one entry: its checksum and size, and where its bytes are.
type zipItem struct {
	method uint16
	crc    uint32
	size   int64
	old    *zip.File // the spare ZIP's entry, as it is
	off, n int64     // deflated, in scratch
}

// newOfflineZip starts the ZIP of s in stage, or returns nil when the build
// has no attendee edition. A ZIP in stage (the spare's, which cleanSpare
// keeps) lends its entries.
func newOfflineZip(s *render.Site, stage string) (*offlineZip, error) {
	name := s.OfflineZip()
	if name == "" {
		return nil, nil
	}
	z := &offlineZip{name: name, folder: strings.TrimSuffix(name, ".zip") + "/", stage: stage, entries: map[string]zipItem{}}
	if r, err := zip.OpenReader(filepath.Join(stage, name)); err == nil {
		if r.Comment != zipComment {
			r.Close()
		} else {
			z.spare, z.old = r, make(map[string]*zip.File, len(r.File))
			for _, f := range r.File {
				z.old[f.Name] = f
			}
		}
	}
	f, err := os.CreateTemp(stage, ".lectern-zip-")
	if err != nil {
		z.close()
		return nil, err
	}
	z.scratch = f
	return z, nil
}

// close releases the spare's ZIP and removes the scratch file.
func (z *offlineZip) close() {
	if z == nil {
		return
	}
	if z.spare != nil {
		z.spare.Close()
		z.spare = nil
	}
	if z.scratch != nil {
		z.scratch.Close()
		os.Remove(z.scratch.Name())
		z.scratch = nil
	}
}

// wants reports whether rel, about to be written, goes into the ZIP as it is
// written; the home page does not (the ZIP's own is rendered at the end).
func (z *offlineZip) wants(rel string) bool {
	return z != nil && rel != "index.html" && inOfflineZip(rel, z.name)
}

var copyBuffers = sync.Pool{New: func() any { return new([32 << 10]byte) }}

// copyPooled is io.Copy with a pooled buffer: an *os.File source would
// otherwise make a new 32 KB buffer for every entry.
func copyPooled(dst io.Writer, src io.Reader) (int64, error) {
	buf := copyBuffers.Get().(*[32 << 10]byte)
	defer copyBuffers.Put(buf)
	return io.CopyBuffer(dst, struct{ io.Reader }{src}, buf[:])
}

var zipBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

var zipWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, zipLevel)
	return w
}}

// add records the entry of rel, whose content (crc, size) has just been
// written. same says the content is byte for byte the spare's file of that
// name; content reads it again, for deflating.
func (z *offlineZip) add(rel string, crc uint32, size int64, same bool, content func() (io.ReadCloser, error)) error {
	it := zipItem{method: zip.Deflate, crc: crc, size: size}
	if stored[strings.ToLower(path.Ext(rel))] {
		it.method = zip.Store
	}
	old := z.old[z.folder+rel]
	switch {
	case same && old != nil && old.Method == it.method && old.CRC32 == crc && old.UncompressedSize64 == uint64(size):
		it.old = old
	case it.method == zip.Store:
		// Copied from the output at the end.
	default:
		r, err := content()
		if err != nil {
			return err
		}
		buf := zipBuffers.Get().(*bytes.Buffer)
		defer zipBuffers.Put(buf)
		buf.Reset()
		fw := zipWriters.Get().(*flate.Writer)
		defer zipWriters.Put(fw)
		fw.Reset(buf)
		_, err = copyPooled(fw, r)
		r.Close()
		if err == nil {
			err = fw.Close()
		}
		if err != nil {
			return err
		}
		it.n = int64(buf.Len())
		it.off = z.end.Add(it.n) - it.n
		if _, err := z.scratch.WriteAt(buf.Bytes(), it.off); err != nil {
			return err
		}
	}
	z.mu.Lock()
	z.entries[rel] = it
	z.mu.Unlock()
	return nil
}

// write puts the ZIP together in stage and returns its name. written lists
// the build's outputs; the home page is rendered once more, without the
// link to the ZIP it sits in.
func (z *offlineZip) write(s *render.Site, written []string) (string, error) {
	for _, p := range s.Pages() {
		if p.OffersOffline() {
			p.InZip = true
			var b bytes.Buffer
			if err := s.Render(&b, p); err != nil {
				return "", fmt.Errorf("%s: %w", p.Path, err)
			}
			home := b.Bytes()
			if err := z.add(p.Path, crc32.ChecksumIEEE(home), int64(len(home)), z.holds(p.Path, home), func() (io.ReadCloser, error) {
				return io.NopCloser(bytes.NewReader(home)), nil
			}); err != nil {
				return "", &EnvError{err}
			}
		}
	}
	var paths []string
	for _, p := range written {
		if p == z.name {
			// A kit's own file (static/) at the ZIP's name: a kit problem.
			return "", fmt.Errorf("%s is the name of the offline ZIP, which Lectern writes itself: rename the file", z.name)
		}
		if inOfflineZip(p, z.name) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)

	dst, err := safeJoin(z.stage, z.name)
	if err != nil {
		return "", err
	}
	if z.spareWhole(paths) {
		return z.name, nil // the spare's ZIP, already at dst
	}
	// Written beside the spare's ZIP, which it reads from, and renamed over
	// it once that is closed.
	tmp := filepath.Join(z.stage, ".lectern-zip-new")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return "", &EnvError{err}
	}
	err = z.fill(f, paths)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = &EnvError{cerr}
	}
	z.close()
	if err == nil {
		if rerr := os.Rename(tmp, dst); rerr != nil {
			err = &EnvError{rerr}
		}
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return z.name, nil
}

// holds reports whether the spare's ZIP holds content as rel's entry.
func (z *offlineZip) holds(rel string, content []byte) bool {
	old := z.old[z.folder+rel]
	if old == nil || old.UncompressedSize64 != uint64(len(content)) {
		return false
	}
	r, err := old.Open()
	if err != nil {
		return false
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	return err == nil && bytes.Equal(b, content)
}

// spareWhole reports whether the ZIP to write is the spare's, byte for byte:
// every entry comes from it and it has no other. Entries go in sorted
// order and the headers follow from them (and from zipComment), so
// nothing else can differ.
func (z *offlineZip) spareWhole(paths []string) bool {
	if z.spare == nil {
		return false
	}
	files := 0
	for _, f := range z.spare.File {
		if !strings.HasSuffix(f.Name, "/") {
			files++
		}
	}
	if files != len(paths) {
		return false
	}
	for _, p := range paths {
		if z.entries[p].old == nil {
			return false
		}
	}
	return true
}

// fill writes the folder entries, then each path's entry from where add
// left its bytes.
func (z *offlineZip) fill(w io.Writer, paths []string) error {
	zw := zip.NewWriter(w)
	if err := zw.SetComment(zipComment); err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, p := range paths {
		// Folder entries first, so every unzip tool makes them with the
		// same mode.
		for d := path.Dir(p); ; d = path.Dir(d) {
			if d == "." {
				d = ""
			}
			if dirs[d] {
				break
			}
			dirs[d] = true
			if d == "" {
				break
			}
		}
	}
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		h := &zip.FileHeader{Name: strings.TrimSuffix(z.folder+d, "/") + "/", Method: zip.Store, Modified: zipTime}
		h.SetMode(os.ModeDir | 0o755)
		if _, err := zw.CreateHeader(h); err != nil {
			return &EnvError{err}
		}
	}
	hs := newHeaders()
	for _, p := range paths {
		it, ok := z.entries[p]
		if !ok {
			return &EnvError{fmt.Errorf("%s was not written", p)}
		}
		var raw io.Reader
		h := hs.file(z.folder+p, it.method)
		h.CRC32, h.UncompressedSize64 = it.crc, uint64(it.size)
		switch {
		case it.old != nil:
			r, err := it.old.OpenRaw()
			if err != nil {
				return &EnvError{err}
			}
			raw, h.CompressedSize64 = r, it.old.CompressedSize64
		case it.method == zip.Store:
			src, err := os.Open(filepath.Join(z.stage, filepath.FromSlash(p)))
			if err != nil {
				return &EnvError{err}
			}
			raw, h.CompressedSize64 = src, uint64(it.size)
		default:
			raw, h.CompressedSize64 = io.NewSectionReader(z.scratch, it.off, it.n), uint64(it.n)
		}
		ew, err := zw.CreateRaw(h)
		if err != nil {
			return &EnvError{err}
		}
		n, err := copyPooled(ew, io.LimitReader(raw, int64(h.CompressedSize64)))
		if c, ok := raw.(io.Closer); ok {
			c.Close()
		}
		if err == nil && uint64(n) != h.CompressedSize64 {
			err = fmt.Errorf("%s: %d bytes for the ZIP, want %d", p, n, h.CompressedSize64)
		}
		if err != nil {
			return &EnvError{err}
		}
	}
	if err := zw.Close(); err != nil {
		return &EnvError{err}
	}
	return nil
}

// headers makes, for CreateRaw (which takes a header as it is), the header
// archive/zip's CreateHeader would give a file entry: its time, mode,
// versions and flags. The sizes and checksum go in the local header, so it
// needs no data descriptor.
type headers struct{ zw *zip.Writer }

func newHeaders() headers {
	zw := zip.NewWriter(io.Discard)
	// CreateHeader would otherwise make a compressor for every header.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return nopCloser{w}, nil })
	return headers{zw}
}

func (hs headers) file(name string, method uint16) *zip.FileHeader {
	h := &zip.FileHeader{Name: name, Method: method, Modified: zipTime}
	h.SetMode(0o644)
	hs.zw.CreateHeader(h) // fills h in, and keeps it to change later
	c := *h
	c.Flags &^= 0x8
	return &c
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

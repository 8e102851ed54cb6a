package publish

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"lectern/generator/render"
)

// The offline ZIP ("save for offline") holds the attendee site as the build
// wrote it, under one folder named like the ZIP, so attendees can unzip it
// on a phone or laptop and open index.html without a network. It never
// holds the facilitator edition, the manifest or files Lectern did not
// write. The same kit gives the same bytes: entries are sorted and carry a
// fixed time and mode.

// zipTime is the time on every entry; a build's own time would make each
// ZIP differ from the last.
var zipTime = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// stored are extensions that are compressed already; deflating them again
// costs time and saves nothing.
var stored = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true,
	".avif": true, ".zip": true, ".gz": true, ".pdf": true, ".woff": true, ".woff2": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".webm": true, ".ogg": true}

// inOfflineZip reports whether an output path belongs in the ZIP.
func inOfflineZip(p, zipName string) bool {
	return p != zipName && p != Manifest && p != "facilitator" && !strings.HasPrefix(p, "facilitator/")
}

// writeOfflineZip writes s.OfflineZip() into stage from the files already
// written there (written lists them) and returns its path, or "" when the
// build has no attendee edition. The home page is rendered once more for the
// ZIP, without the link to the ZIP it sits in. out is the output folder,
// whose ZIP lends the entries that did not change (zip_reuse.go).
func writeOfflineZip(s *render.Site, stage, out string, written []string) (string, error) {
	name := s.OfflineZip()
	if name == "" {
		return "", nil
	}
	var home []byte
	for _, p := range s.Pages() {
		if p.Kind == "home" && p.Path == "index.html" {
			p.InZip = true
			var b bytes.Buffer
			if err := s.Render(&b, p); err != nil {
				return "", fmt.Errorf("%s: %w", p.Path, err)
			}
			home = b.Bytes()
		}
	}
	var paths []string
	for _, p := range written {
		if p == name {
			// A kit's own file (static/) at the ZIP's name: a kit problem.
			return "", fmt.Errorf("%s is the name of the offline ZIP, which Lectern writes itself: rename the file", name)
		}
		if inOfflineZip(p, name) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)

	dst, err := safeJoin(stage, name)
	if err != nil {
		return "", err
	}
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return "", &EnvError{err}
	}
	folder := strings.TrimSuffix(name, ".zip") + "/"
	prev := openPrevZip(out, name, folder)
	defer prev.Close()
	if err := fillZip(f, stage, folder, paths, home, prev); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", &EnvError{err}
	}
	return name, nil
}

// fillZip writes the entries: each path's file from stage under folder, with
// home in place of index.html when it is not nil, and the deflated bytes of
// unchanged entries from prev (which may be nil).
func fillZip(w io.Writer, stage, folder string, paths []string, home []byte, prev *prevZip) error {
	zw := zip.NewWriter(w)
	// Entries are deflated ahead, on all cores (zip_ahead.go); the
	// compressor writes each entry's deflated bytes.
	var deflated []byte
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return &precompressed{out: out, deflated: deflated}, nil
	})
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
		h := &zip.FileHeader{Name: strings.TrimSuffix(folder+d, "/") + "/", Method: zip.Store, Modified: zipTime}
		h.SetMode(os.ModeDir | 0o755)
		if _, err := zw.CreateHeader(h); err != nil {
			return &EnvError{err}
		}
	}
	next, stop := deflateAhead(len(paths), func(i int) (zipEntry, bool) {
		p := paths[i]
		deflate := !stored[strings.ToLower(path.Ext(p))]
		if p == "index.html" && home != nil {
			return zipEntry{data: home}, deflate
		}
		return loadEntry(filepath.Join(stage, filepath.FromSlash(p)), p, deflate, prev), deflate
	})
	defer stop()
	for _, p := range paths {
		e := next()
		if e.err != nil {
			return &EnvError{e.err}
		}
		h := &zip.FileHeader{Name: folder + p, Method: zip.Deflate, Modified: zipTime}
		if stored[strings.ToLower(path.Ext(p))] {
			h.Method = zip.Store
		}
		h.SetMode(0o644)
		deflated = e.deflated
		ew, err := zw.CreateHeader(h)
		if err != nil {
			return &EnvError{err}
		}
		r, err := e.open()
		if err != nil {
			return &EnvError{err}
		}
		_, err = io.Copy(ew, r)
		r.Close()
		if err != nil {
			return &EnvError{err}
		}
	}
	if err := zw.Close(); err != nil {
		return &EnvError{err}
	}
	return nil
}

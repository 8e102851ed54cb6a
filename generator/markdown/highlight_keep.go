package markdown

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// Highlighting code is chroma's regular expressions over every code block:
// about a sixth of the CPU of a rebuild of the 2,000-module kit, spent
// again on every build of an unchanged kit. Highlights.Save writes what a
// build highlighted, and Highlights.Load gives it to the next build (publish
// keeps it in the spare output folder), keyed like the cache in memory:
// language and text. The file names the chroma version and the way Lectern
// wraps its output (highlightFormat); a file from another build of Lectern,
// or one that does not read back whole, is ignored.

// highlightFormat changes whenever highlightCode's output would, for the
// same chroma.
// Format 2: before it, code could be highlighted under chroma's match
// deadline, and a file of format 1 may keep the error tokens that gave.
const highlightFormat = "lectern-highlight 2"

// highlightVersion is the header a file must start with: the format and
// the chroma module's version or, in a binary without module information
// (a test), a hash of the executable itself. It is "" when neither is known.
var highlightVersion = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/alecthomas/chroma/v2" && m.Version != "" && m.Version != "(devel)" {
				return highlightFormat + " chroma " + m.Version + "\n"
			}
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return fmt.Sprintf("%s executable %x\n", highlightFormat, h.Sum(nil))
})

// Save writes the code h holds.
func (h *Highlights) Save(w io.Writer) error {
	version := highlightVersion()
	if version == "" {
		return errors.New("no chroma version to name")
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(version)
	h.mu.Lock()
	for k, html := range h.html {
		for _, s := range [][]byte{[]byte(k.lang), []byte(k.code), html} {
			bw.Write(binary.AppendUvarint(nil, uint64(len(s))))
			bw.Write(s)
		}
	}
	h.mu.Unlock()
	return bw.Flush()
}

// Load adds to h what Save wrote, if it was written by the same chroma and
// format, and reads back whole.
func (h *Highlights) Load(r io.Reader) {
	version := highlightVersion()
	if version == "" {
		return
	}
	br := bufio.NewReader(r)
	head := make([]byte, len(version))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != version {
		return
	}
	got, size, ok := readHighlights(br)
	if !ok {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.html == nil || h.size+size > highlightedMax {
		h.html, h.size = map[codeKey][]byte{}, 0
	}
	for k, html := range got {
		if _, ok := h.html[k]; !ok {
			h.html[k] = html
			h.size += len(k.lang) + len(k.code) + len(html)
		}
	}
}

// readHighlights reads the entries after the header: language, code and
// HTML, each its length then its bytes. ok is false unless the input ends
// right after a whole entry and holds at most twice the cache's bound.
func readHighlights(br *bufio.Reader) (got map[codeKey][]byte, size int, ok bool) {
	got = map[codeKey][]byte{}
	for {
		var parts [3][]byte
		for i := range parts {
			n, err := binary.ReadUvarint(br)
			if err == io.EOF && i == 0 {
				return got, size, true
			}
			if err != nil || n > highlightedMax || size+int(n) > 2*highlightedMax {
				return nil, 0, false
			}
			parts[i] = make([]byte, n)
			if _, err := io.ReadFull(br, parts[i]); err != nil {
				return nil, 0, false
			}
			size += int(n)
		}
		got[codeKey{lang: string(parts[0]), code: string(parts[1])}] = parts[2]
	}
}

// Package kitgen writes large synthetic workshop kits for benchmarks and tests.
//
// Write produces a complete Lectern kit (site.toml plus content/); WriteHugo
// produces the same front matter and Markdown bodies as a Hugo site, so the
// two generators can be timed side by side on identical input. Both are
// deterministic: the same Options give byte-identical files.
//
// Layout of a kit with Parts > 0 (numbers are zero-padded so that name order
// is kit order, and every slug is unique):
//
//	site.toml
//	content/_index.md
//	content/01-part-1/_index.md
//	content/01-part-1/0001-module-1.md
//	content/01-part-1/0002-module-2.md
//	content/02-part-2/_index.md
//	…
//
// With Parts == 0 the module files sit directly in content/. Each module is
// about 4 KB of Markdown exercising most of what Lectern renders: headings
// (some with non-ASCII words), emphasis, links to other modules' .md files,
// lists, a GFM table, a blockquote, a fenced code block and kit blocks
// (facilitator, quote, activity, discussion and, in some modules, worksheet
// with answer, selfcheck and callouts). Start with Write and moduleSource.
package kitgen

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Options sizes a generated kit.
type Options struct {
	// Modules is the number of modules in the kit.
	Modules int
	// Parts is the number of parts (content folders) the modules are split
	// into: a new part starts every Modules/Parts modules and the last part
	// takes the remainder. Zero puts the modules directly in content/. More
	// parts than modules is treated as one part per module.
	Parts int
	// Seed varies the generated text; equal seeds give identical kits.
	Seed int64
}

// Write writes a complete Lectern kit into dir, creating it if needed.
// Existing files with the generated names are overwritten; other files in
// dir are left alone.
func Write(dir string, o Options) error {
	k, err := newLayout(o)
	if err != nil {
		return err
	}
	files := append([]file{{"site.toml", k.siteTOML()}}, k.contentFiles()...)
	return writeFiles(dir, files)
}

// file is one generated file, its path slash-separated and relative to the
// kit folder.
type file struct {
	path string
	data []byte
}

// WriteFiles writes files (slash paths relative to dir, and their text),
// making folders: for tests that write a small kit of their own.
func WriteFiles(dir string, files map[string]string) error {
	list := make([]file, 0, len(files))
	for p, s := range files {
		list = append(list, file{p, []byte(s)})
	}
	return writeFiles(dir, list)
}

func writeFiles(dir string, files []file) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("kitgen: %w", err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return fmt.Errorf("kitgen: %w", err)
		}
	}
	return nil
}

// layout decides where every module and part goes.
type layout struct {
	o         Options
	parts     int // parts actually written (0: modules in content/)
	perPart   int // modules per part, except the last which takes the rest
	partWidth int // digits in a part folder's number prefix
	modWidth  int // digits in a module file's number prefix
}

func newLayout(o Options) (layout, error) {
	if o.Modules < 0 {
		return layout{}, errors.New("kitgen: Modules must not be negative")
	}
	if o.Parts < 0 {
		return layout{}, errors.New("kitgen: Parts must not be negative")
	}
	k := layout{o: o, parts: min(o.Parts, o.Modules)}
	if k.parts > 0 {
		k.perPart = o.Modules / k.parts
	}
	k.partWidth = max(2, len(strconv.Itoa(k.parts)))
	k.modWidth = max(4, len(strconv.Itoa(o.Modules)))
	return k, nil
}

// partOf returns the 0-based part of the 0-based module i, or -1 when the
// kit has no parts.
func (k layout) partOf(i int) int {
	if k.parts == 0 {
		return -1
	}
	return min(i/k.perPart, k.parts-1)
}

// partModules returns the 0-based range [lo, hi) of modules in part p.
func (k layout) partModules(p int) (lo, hi int) {
	lo = p * k.perPart
	hi = lo + k.perPart
	if p == k.parts-1 {
		hi = k.o.Modules
	}
	return lo, hi
}

// partDir is the folder name of the 0-based part p, e.g. "03-part-3".
func (k layout) partDir(p int) string {
	if p < 0 {
		return ""
	}
	return fmt.Sprintf("%0*d-part-%d", k.partWidth, p+1, p+1)
}

// modFile is the file name of the 0-based module i, e.g. "0042-module-42.md";
// its slug ("module-42") is unique in the kit.
func (k layout) modFile(i int) string {
	return fmt.Sprintf("%0*d-module-%d.md", k.modWidth, i+1, i+1)
}

// modPath is module i's path relative to content/.
func (k layout) modPath(i int) string {
	return path.Join(k.partDir(k.partOf(i)), k.modFile(i))
}

// link is the relative link from module from to module to, as a writer
// would type it: "0043-module-43.md" within a folder,
// "../03-part-3/0105-module-105.md" across parts.
func (k layout) link(from, to int) string {
	fd, td := k.partDir(k.partOf(from)), k.partDir(k.partOf(to))
	switch {
	case fd == td:
		return k.modFile(to)
	case fd == "":
		return td + "/" + k.modFile(to)
	case td == "":
		return "../" + k.modFile(to)
	default:
		return "../" + td + "/" + k.modFile(to)
	}
}

// rng returns the random stream for one file, so that each file depends
// only on the seed and its own position.
func (k layout) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(k.o.Seed), stream))
}

const (
	streamHome = 1 << 40
	streamPart = 1 << 41
)

func (k layout) siteTOML() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "title = %s\n", TOMLString(fmt.Sprintf("Synthetic workshop kit (%d modules)", k.o.Modules)))
	fmt.Fprintf(&b, "subtitle = %s\n", TOMLString(fmt.Sprintf("Generated by kitgen with seed %d", k.o.Seed)))
	b.WriteString("author = \"Lectern kitgen\"\n")
	b.WriteString("language = \"en\"\n")
	b.WriteString("paper = \"A4\"\n")
	b.WriteString("\n[workshop]\nstart = \"09:00\"\nend = \"17:00\"\n")
	return []byte(b.String())
}

// contentFiles returns every file under content/, shared by Write and
// WriteHugo.
func (k layout) contentFiles() []file {
	files := []file{{"content/_index.md", k.homeSource()}}
	for p := range k.parts {
		files = append(files, file{"content/" + k.partDir(p) + "/_index.md", k.partSource(p)})
	}
	for i := range k.o.Modules {
		files = append(files, file{"content/" + k.modPath(i), k.moduleSource(i)})
	}
	return files
}

func (k layout) homeSource() []byte {
	r := k.rng(streamHome)
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", TOMLString(fmt.Sprintf("Synthetic workshop kit (%d modules)", k.o.Modules)))
	fmt.Fprintf(&b, "summary = %s\n", TOMLString(sentence(r)))
	b.WriteString("+++\n\n")
	b.WriteString(paragraph(r, 3) + "\n\n## Where to start\n\n")
	if k.parts > 0 {
		for p := range min(k.parts, 12) {
			lo, _ := k.partModules(p)
			fmt.Fprintf(&b, "- Part %d opens with [module %d](%s).\n", p+1, lo+1, k.modPath(lo))
		}
	} else {
		for i := range min(k.o.Modules, 12) {
			fmt.Fprintf(&b, "- [Module %d](%s)\n", i+1, k.modPath(i))
		}
	}
	b.WriteString("\n" + paragraph(r, 2) + "\n")
	return []byte(b.String())
}

func (k layout) partSource(p int) []byte {
	r := k.rng(streamPart + uint64(p))
	lo, hi := k.partModules(p)
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", TOMLString(fmt.Sprintf("Part %d: %s", p+1, pick(r, topics))))
	fmt.Fprintf(&b, "weight = %d\n", p+1)
	fmt.Fprintf(&b, "summary = %s\n", TOMLString(sentence(r)))
	b.WriteString("+++\n\n")
	b.WriteString(paragraph(r, 2) + "\n\n")
	for i := lo; i < min(hi, lo+6); i++ {
		fmt.Fprintf(&b, "- [Module %d](%s)\n", i+1, k.modFile(i))
	}
	return []byte(b.String())
}

// TOMLString quotes s as a TOML basic string.
func TOMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlList(items []string) string {
	var b strings.Builder
	b.WriteString("[\n")
	for _, it := range items {
		b.WriteString("  " + TOMLString(it) + ",\n")
	}
	b.WriteString("]")
	return b.String()
}

// Copy copies the kit folder src to dst, for tests that edit a kit.
func Copy(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

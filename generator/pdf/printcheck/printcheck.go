// Package printcheck reads a printed PDF as someone leafing through it
// would: how far down each page the content reaches, whether anything is
// past the margins, which heading each page starts with, and what page
// numbers the contents give. It runs poppler-utils' pdftoppm (every page
// rasterised), pdftotext (words and where they are), pdfinfo and
// pdftohtml (the outline), and knows nothing of how the PDF was made.
//
// cmd/lectern-printcheck reports what it finds; package pdf's tests hold
// Lectern's PDFs to its print rules with it. Start with Read.
package printcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Margins are a page's margins in millimetres: the text area is what they
// leave, and the running head and foot sit just outside it.
type Margins struct{ Top, Right, Bottom, Left float64 }

// DefaultMargins are those of Lectern's default theme (print.css).
var DefaultMargins = Margins{Top: 18, Right: 16, Bottom: 18, Left: 16}

const (
	// dpi is the resolution pages are rasterised at: a pixel is 0.5 mm.
	dpi = 50
	// ink is the grey (of 255) below which a pixel is content: light
	// backgrounds (#f0f0f0) count, paper does not.
	ink = 250
	// headBand is how far above and below the text area the running head
	// and foot may reach, in millimetres; ink further out is past the
	// margins. Sideways, 1 mm is allowed for antialiasing.
	headBand  = 10
	sideSlack = 1
)

// Doc is a PDF as printcheck reads it.
type Doc struct {
	File string
	// Width and Height are the first page's, in millimetres.
	Width, Height float64
	Margins       Margins
	Pages         []Page
	Outline       []Entry
	// Info is pdfinfo's report: Title, Author, Tagged, Pages, …
	Info map[string]string
	// BodySize is the commonest height of a word, in points: a line of
	// text taller than 1.25 times it is a heading.
	BodySize float64
}

// Page is one page.
type Page struct {
	N int // from 1
	// Reach is how far down the text area the lowest content is, from 0
	// (an empty page) to 1 (the foot of the text area); Top is where the
	// highest is.
	Reach, Top float64
	// Past describes content outside the text area, beyond the running
	// head and foot: "left margin, 120 mm down".
	Past []string
	// Lines are the lines of text inside the text area, top to bottom.
	Lines []Line
}

// Line is a line of text on a page.
type Line struct {
	Text string
	// Top and Left are where it starts, in millimetres from the page's
	// top left corner; Size is its height in points (the tallest word's).
	Top, Left, Size float64
	words           []Word
}

// Entry is an item of the PDF's outline (its bookmarks).
type Entry struct {
	Title string
	Page  int
	Level int // 0 for the top
}

// Read rasterises and reads file, whose pages have margins m.
func Read(file string, m Margins) (*Doc, error) {
	d := &Doc{File: file, Margins: m}
	var err error
	if d.Info, err = pdfinfo(file); err != nil {
		return nil, err
	}
	if d.Pages, d.Width, d.Height, err = raster(file, m); err != nil {
		return nil, err
	}
	if err := d.readText(); err != nil {
		return nil, err
	}
	if d.Outline, err = outline(file); err != nil {
		return nil, err
	}
	return d, nil
}

func run(name string, args ...string) ([]byte, error) {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, bytes.TrimSpace(ee.Stderr))
		}
		if errors.Is(err, exec.ErrNotFound) {
			return nil, fmt.Errorf("%s not found: install poppler-utils (Debian: apt-get install poppler-utils)", name)
		}
		return nil, err
	}
	return out, nil
}

func pdfinfo(file string) (map[string]string, error) {
	out, err := run("pdfinfo", file)
	if err != nil {
		return nil, err
	}
	info := map[string]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info, nil
}

// raster rasterises every page and measures where its ink is.
func raster(file string, m Margins) (pages []Page, w, h float64, err error) {
	dir, err := os.MkdirTemp("", "printcheck-")
	if err != nil {
		return nil, 0, 0, err
	}
	defer os.RemoveAll(dir)
	if _, err := run("pdftoppm", "-r", strconv.Itoa(dpi), "-gray", file, filepath.Join(dir, "p")); err != nil {
		return nil, 0, 0, err
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	num := func(f string) int {
		n, _ := strconv.Atoi(strings.TrimSuffix(f[strings.LastIndex(f, "-")+1:], ".pgm"))
		return n
	}
	slices.SortFunc(files, func(a, b string) int { return num(a) - num(b) })
	for i, f := range files {
		img, err := readPGM(f)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("page %d: %w", i+1, err)
		}
		if i == 0 {
			w, h = float64(img.w)/dpi*25.4, float64(img.h)/dpi*25.4
		}
		pages = append(pages, measure(img, m, i+1))
	}
	return pages, w, h, nil
}

type gray struct {
	w, h int
	pix  []byte
}

func readPGM(file string) (*gray, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	// "P5" width height maxval, then one byte a pixel.
	var fields []string
	i := 0
	for len(fields) < 4 && i < len(b) {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
		s := i
		for i < len(b) && !(b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
		fields = append(fields, string(b[s:i]))
	}
	i++
	if len(fields) < 4 || fields[0] != "P5" || fields[3] != "255" {
		return nil, errors.New("not an 8-bit PGM")
	}
	w, _ := strconv.Atoi(fields[1])
	h, _ := strconv.Atoi(fields[2])
	if w <= 0 || h <= 0 || len(b)-i < w*h {
		return nil, errors.New("short PGM")
	}
	return &gray{w: w, h: h, pix: b[i : i+w*h]}, nil
}

func measure(img *gray, m Margins, n int) Page {
	px := func(mm float64) int { return int(math.Round(mm * dpi / 25.4)) }
	top, bottom := px(m.Top), img.h-px(m.Bottom)
	left, right := px(m.Left), img.w-px(m.Right)
	slack, band := px(sideSlack), px(headBand)
	p := Page{N: n}
	lowest, highest := -1, -1
	var past [4]int // rows or columns of the first ink found: left, right, top, bottom
	for i := range past {
		past[i] = -1
	}
	for y := 0; y < img.h; y++ {
		row := img.pix[y*img.w : (y+1)*img.w]
		for x, v := range row {
			if v >= ink {
				continue
			}
			switch {
			case x < left-slack:
				if past[0] < 0 {
					past[0] = y
				}
			case x >= right+slack:
				if past[1] < 0 {
					past[1] = y
				}
			case y < top-band:
				if past[2] < 0 {
					past[2] = x
				}
			case y >= bottom+band:
				if past[3] < 0 {
					past[3] = x
				}
			case y >= top && y < bottom:
				if highest < 0 {
					highest = y
				}
				lowest = y
			}
		}
	}
	mm := func(v int) int { return int(float64(v) * 25.4 / dpi) }
	if past[0] >= 0 {
		p.Past = append(p.Past, fmt.Sprintf("left margin, %d mm down", mm(past[0])))
	}
	if past[1] >= 0 {
		p.Past = append(p.Past, fmt.Sprintf("right margin, %d mm down", mm(past[1])))
	}
	if past[2] >= 0 {
		p.Past = append(p.Past, fmt.Sprintf("top margin, %d mm across", mm(past[2])))
	}
	if past[3] >= 0 {
		p.Past = append(p.Past, fmt.Sprintf("bottom margin, %d mm across", mm(past[3])))
	}
	if lowest >= 0 {
		p.Reach = float64(lowest+1-top) / float64(bottom-top)
		p.Top = float64(highest-top) / float64(bottom-top)
	}
	return p
}

// Word is a word on a page, in points from the top left corner.
type Word struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// WordPage is a page's words, as pdftotext -bbox places them.
type WordPage struct {
	Width  float64 `xml:"width,attr"`
	Height float64 `xml:"height,attr"`
	Words  []Word  `xml:"word"`
}

// Words reads the words of every page of a PDF with pdftotext, or of page
// n only when n > 0.
func Words(file string, n int) ([]WordPage, error) {
	args := []string{"-bbox"}
	if n > 0 {
		args = append(args, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n))
	}
	out, err := run("pdftotext", append(args, file, "-")...)
	if err != nil {
		return nil, err
	}
	var x struct {
		Pages []WordPage `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("reading pdftotext's words: %w", err)
	}
	return x.Pages, nil
}

// readText reads every page's words and makes them lines.
func (d *Doc) readText() error {
	pages, err := Words(d.File, 0)
	if err != nil {
		return err
	}
	const ptPerMM = 72 / 25.4
	sizes := map[int]int{}
	for i, pg := range pages {
		if i >= len(d.Pages) {
			break
		}
		top, bottom := d.Margins.Top*ptPerMM, pg.Height-d.Margins.Bottom*ptPerMM
		var words []Word
		for _, w := range pg.Words {
			mid := (w.YMin + w.YMax) / 2
			if mid < top || mid > bottom {
				continue // the running head and foot
			}
			words = append(words, w)
			sizes[int(math.Round((w.YMax-w.YMin)*2))]++
		}
		d.Pages[i].Lines = lines(words)
	}
	best := 0
	for s, n := range sizes {
		if n > sizes[best] || (n == sizes[best] && s < best) {
			best = s
		}
	}
	d.BodySize = float64(best) / 2
	return nil
}

// lines groups words whose heights overlap by more than half into lines,
// left to right, and orders the lines top to bottom.
func lines(words []Word) []Line {
	slices.SortStableFunc(words, func(a, b Word) int {
		switch {
		case a.YMax < b.YMax:
			return -1
		case a.YMax > b.YMax:
			return 1
		}
		return 0
	})
	var out []Line
	for _, w := range words {
		placed := false
		for i := len(out) - 1; i >= 0 && i >= len(out)-3; i-- {
			l := &out[i]
			last := l.words[len(l.words)-1]
			overlap := min(last.YMax, w.YMax) - max(last.YMin, w.YMin)
			if overlap > 0.5*min(last.YMax-last.YMin, w.YMax-w.YMin) {
				l.words = append(l.words, w)
				placed = true
				break
			}
		}
		if !placed {
			out = append(out, Line{words: []Word{w}})
		}
	}
	const mmPerPt = 25.4 / 72
	for i := range out {
		l := &out[i]
		slices.SortFunc(l.words, func(a, b Word) int {
			switch {
			case a.XMin < b.XMin:
				return -1
			case a.XMin > b.XMin:
				return 1
			}
			return 0
		})
		var texts []string
		l.Top, l.Left = math.Inf(1), math.Inf(1)
		for _, w := range l.words {
			texts = append(texts, w.Text)
			l.Top = min(l.Top, w.YMin*mmPerPt)
			l.Left = min(l.Left, w.XMin*mmPerPt)
			l.Size = max(l.Size, w.YMax-w.YMin)
		}
		l.Text = strings.Join(texts, " ")
	}
	slices.SortStableFunc(out, func(a, b Line) int {
		switch {
		case a.Top < b.Top:
			return -1
		case a.Top > b.Top:
			return 1
		}
		return 0
	})
	return out
}

var (
	outlineTag = regexp.MustCompile(`<outline>|</outline>|<item page="(\d+)">([^<]*)</item>`)
)

// outline reads the bookmarks, as pdftohtml lists them.
func outline(file string) ([]Entry, error) {
	out, err := run("pdftohtml", "-xml", "-stdout", "-i", "-q", file)
	if err != nil {
		return nil, err
	}
	s := string(out)
	i := strings.Index(s, "<outline>")
	if i < 0 {
		return nil, nil
	}
	var entries []Entry
	depth := -1
	for _, m := range outlineTag.FindAllStringSubmatch(s[i:], -1) {
		switch m[0] {
		case "<outline>":
			depth++
		case "</outline>":
			depth--
		default:
			n, _ := strconv.Atoi(m[1])
			entries = append(entries, Entry{Title: Flat(html.UnescapeString(m[2])), Page: n, Level: depth})
		}
	}
	return entries, nil
}

// Flat collapses runs of white space and makes curly quotes straight, so
// that text can be compared however it was broken or typeset.
func Flat(s string) string {
	s = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "\u00a0", " ", "\u00ad", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Heading reports whether l is set larger than the body text.
func (d *Doc) Heading(l Line) bool { return l.Size >= 1.25*d.BodySize }

// startsWith reports whether line l begins with the words of title (as
// many as fit on the line: a long title wraps).
func startsWith(l Line, title string) bool {
	t, lt := Flat(title), Flat(l.Text)
	if t == "" {
		return false
	}
	if lt == t || strings.HasPrefix(lt, t+" ") {
		return true
	}
	// The line holds the title's first words and the title goes on.
	return len(lt) >= 12 && strings.HasPrefix(t, lt+" ")
}

// Starts reports whether page n (from 1) starts with the heading title.
func (d *Doc) Starts(n int, title string) bool {
	if n < 1 || n > len(d.Pages) || len(d.Pages[n-1].Lines) == 0 {
		return false
	}
	l := d.Pages[n-1].Lines[0]
	return d.Heading(l) && startsWith(l, title)
}

// HeadingPages are the pages (from 1) with a heading that starts with
// title, one for each such heading, in order.
func (d *Doc) HeadingPages(title string) []int {
	var out []int
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if d.Heading(l) && startsWith(l, title) {
				out = append(out, p.N)
			}
		}
	}
	return out
}

// HeadingPage is the first of HeadingPages, or 0.
func (d *Doc) HeadingPage(title string) int {
	if h := d.HeadingPages(title); len(h) > 0 {
		return h[0]
	}
	return 0
}

// InContents reports whether the contents (on the first three pages)
// have an entry that starts with title.
func (d *Doc) InContents(title string) bool {
	for _, p := range d.Pages[:min(3, len(d.Pages))] {
		for _, l := range p.Lines {
			if !d.Heading(l) && startsWith(l, title) {
				return true
			}
		}
	}
	return false
}

var pageNumber = regexp.MustCompile(`^\d{1,4}$`)

// ContentsPages are the page numbers the contents (on the first three
// pages) give title, one for each entry that starts with it, in order:
// each the last word of the line where its entry starts, which holds the
// number whether or not the title wraps.
func (d *Doc) ContentsPages(title string) []int {
	var out []int
	for _, p := range d.Pages[:min(3, len(d.Pages))] {
		for _, l := range p.Lines {
			if d.Heading(l) || !startsWith(l, title) || len(l.words) < 2 {
				continue
			}
			if last := l.words[len(l.words)-1].Text; pageNumber.MatchString(last) {
				n, _ := strconv.Atoi(last)
				out = append(out, n)
			}
		}
	}
	return out
}

// ContentsPage is the first of ContentsPages, or 0.
func (d *Doc) ContentsPage(title string) int {
	if c := d.ContentsPages(title); len(c) > 0 {
		return c[0]
	}
	return 0
}

// Problem is something wrong on a page.
type Problem struct {
	Page int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("page %d: %s", p.Page, p.Msg) }

// Short lists the pages whose content stops above least (a fraction of the
// text area), other than the last and those before a page that had to be
// new: one that starts a part (its title and its first module's, one
// heading after the other), or, unless the document flows (a handout,
// which starts only its parts on a new page), a module the contents list
// or, in a document without contents (the worksheet pack), any heading.
func (d *Doc) Short(least float64, flow bool) []Problem {
	contents := false
	for _, p := range d.Pages[:min(2, len(d.Pages))] {
		for _, l := range p.Lines {
			contents = contents || Flat(l.Text) == "Contents"
		}
	}
	excused := func(next Page) bool {
		if len(next.Lines) == 0 || !d.Heading(next.Lines[0]) {
			return false
		}
		if len(next.Lines) > 1 && d.Heading(next.Lines[1]) {
			return true
		}
		return !flow && (!contents || d.InContents(next.Lines[0].Text))
	}
	var out []Problem
	for i, p := range d.Pages {
		if i == len(d.Pages)-1 || p.Reach >= least || excused(d.Pages[i+1]) {
			continue
		}
		out = append(out, Problem{p.N, fmt.Sprintf("the content stops %.0f%% of the way down", 100*p.Reach)})
	}
	return out
}

// PastMargins lists the content found outside the text area.
func (d *Doc) PastMargins() []Problem {
	var out []Problem
	for _, p := range d.Pages {
		for _, s := range p.Past {
			out = append(out, Problem{p.N, "content in the " + s})
		}
	}
	return out
}

// CheckContents compares each outline entry that the contents list with
// the page the contents give, the page the outline gives and the page
// where the heading is.
func (d *Doc) CheckContents() []Problem {
	var out []Problem
	seen := map[string]bool{}
	for _, e := range d.Outline {
		n := d.ContentsPage(e.Title)
		if n == 0 || e.Title == "Contents" || seen[e.Title] {
			continue // a title listed again later (key points) is not its start
		}
		seen[e.Title] = true
		if n != e.Page {
			out = append(out, Problem{n, fmt.Sprintf("the contents put %q on page %d, the outline on page %d", e.Title, n, e.Page)})
		}
		if h := d.HeadingPage(e.Title); h != n {
			out = append(out, Problem{n, fmt.Sprintf("the contents put %q on page %d, its heading is on page %d", e.Title, n, h)})
		}
	}
	return out
}

// Rule is a horizontal line across the text area, as rasterised: the
// first row it darkens, how many rows it takes and its darkest grey.
type Rule struct {
	Y, Rows int
	Gray    int
}

// RightEdge rasterises page n (from 1) at res dots per inch and returns
// the length, in millimetres, of the longest vertical line in the last two
// millimetres of the text area: the right border of a box as wide as the
// text, which a print cut off at the edge would lose.
func RightEdge(file string, n, res int, m Margins) (float64, error) {
	img, err := rasterPage(file, n, res)
	if err != nil {
		return 0, err
	}
	px := func(mm float64) int { return int(math.Round(mm * float64(res) / 25.4)) }
	right := img.w - px(m.Right)
	longest := 0
	for x := right - px(2); x < right && x < img.w; x++ {
		run := 0
		for y := px(m.Top); y < img.h-px(m.Bottom); y++ {
			if img.pix[y*img.w+x] < ink {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
	}
	return float64(longest) * 25.4 / float64(res), nil
}

// rasterPage rasterises page n of file at res dots per inch.
func rasterPage(file string, n, res int) (*gray, error) {
	dir, err := os.MkdirTemp("", "printcheck-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	pn := strconv.Itoa(n)
	if _, err := run("pdftoppm", "-r", strconv.Itoa(res), "-gray", "-f", pn, "-l", pn, "-singlefile", file, filepath.Join(dir, "p")); err != nil {
		return nil, err
	}
	return readPGM(filepath.Join(dir, "p.pgm"))
}

// Rules rasterises page n (from 1) at res dots per inch and finds the
// horizontal lines that start at the left edge of the text area and run
// across at least nine tenths of it: ruled writing lines and table
// borders, not the name line after its label.
func Rules(file string, n, res int, m Margins) ([]Rule, error) {
	img, err := rasterPage(file, n, res)
	if err != nil {
		return nil, err
	}
	px := func(mm float64) int { return int(math.Round(mm * float64(res) / 25.4)) }
	left, right := px(m.Left), img.w-px(m.Right)
	need := (right - left) * 9 / 10
	var out []Rule
	for y := px(m.Top); y < img.h-px(m.Bottom); y++ {
		row := img.pix[y*img.w : (y+1)*img.w]
		// The run of ink starting within a millimetre of the left edge.
		x := left - px(1)
		for x < left+px(1) && row[x] >= ink {
			x++
		}
		start, darkest := x, 255
		for x < img.w && row[x] < ink {
			darkest = min(darkest, int(row[x]))
			x++
		}
		if start >= left+px(1) || x-start < need {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].Y+out[k].Rows == y {
			out[k].Rows++
			out[k].Gray = min(out[k].Gray, darkest)
			continue
		}
		out = append(out, Rule{Y: y, Rows: 1, Gray: darkest})
	}
	return out, nil
}

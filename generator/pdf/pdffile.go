package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"
	"unicode/utf16"
)

// A reader of just enough of the PDFs Chromium writes (Skia's PDF backend:
// a classic cross-reference table, dictionaries outside object streams) to
// learn where each named destination landed, and to add what the printing
// leaves out of the document information by an incremental update, which
// keeps every byte Chromium wrote.

// A PDF value, as read: dict, array, name, pdfString (bytes), ref, or a
// number or keyword kept as its text (number, keyword).
type (
	dict      map[string]any
	array     []any
	name      string
	pdfString []byte
	number    string
	keyword   string
	ref       struct{ num, gen int }
)

func (n number) float() float64 {
	f, _ := strconv.ParseFloat(string(n), 64)
	return f
}

// pdfFile is a PDF read into memory.
type pdfFile struct {
	data      []byte
	offsets   map[int]int // object number to byte offset
	trailer   dict
	startxref int
}

var errNotPDF = errors.New("not a PDF with a cross-reference table")

func readPDF(b []byte) (*pdfFile, error) {
	i := bytes.LastIndex(b, []byte("startxref"))
	if i < 0 {
		return nil, errNotPDF
	}
	l := &lexer{b: b, i: i + len("startxref")}
	v, err := l.value()
	n, ok := v.(number)
	if err != nil || !ok {
		return nil, errNotPDF
	}
	f := &pdfFile{data: b, offsets: map[int]int{}}
	f.startxref, _ = strconv.Atoi(string(n))
	// Follow the sections from the newest: an object's newest offset wins.
	for at, seen := f.startxref, map[int]bool{}; ; {
		if seen[at] || at <= 0 || at >= len(b) {
			return nil, errNotPDF
		}
		seen[at] = true
		tr, err := f.xrefSection(at)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer = tr
		}
		prev, ok := tr["Prev"].(number)
		if !ok {
			break
		}
		at, _ = strconv.Atoi(string(prev))
	}
	return f, nil
}

// xrefSection reads the table at off into f.offsets (keeping offsets
// already known) and returns its trailer.
func (f *pdfFile) xrefSection(off int) (dict, error) {
	l := &lexer{b: f.data, i: off}
	if kw, _ := l.value(); kw != keyword("xref") {
		return nil, errNotPDF
	}
	for {
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		if v == keyword("trailer") {
			t, err := l.value()
			d, ok := t.(dict)
			if err != nil || !ok {
				return nil, errNotPDF
			}
			return d, nil
		}
		start, ok1 := v.(number)
		c, err := l.value()
		count, ok2 := c.(number)
		if err != nil || !ok1 || !ok2 {
			return nil, errNotPDF
		}
		s, _ := strconv.Atoi(string(start))
		n, _ := strconv.Atoi(string(count))
		for k := range n {
			o, _ := l.value()
			_, _ = l.value()
			kind, _ := l.value()
			if kind == keyword("n") {
				if _, known := f.offsets[s+k]; !known {
					off, _ := strconv.Atoi(string(o.(number)))
					f.offsets[s+k] = off
				}
			}
		}
	}
}

// object reads object r.
func (f *pdfFile) object(r ref) (any, error) {
	off, ok := f.offsets[r.num]
	if !ok {
		return nil, fmt.Errorf("object %d is not in the file", r.num)
	}
	l := &lexer{b: f.data, i: off}
	for range 2 {
		if _, err := l.value(); err != nil {
			return nil, err
		}
	}
	if kw, _ := l.value(); kw != keyword("obj") {
		return nil, fmt.Errorf("object %d: no obj at its offset", r.num)
	}
	return l.value()
}

// get returns v, or the object it refers to.
func (f *pdfFile) get(v any) any {
	if r, ok := v.(ref); ok {
		o, err := f.object(r)
		if err != nil {
			return nil
		}
		return o
	}
	return v
}

func (f *pdfFile) dict(v any) dict {
	d, _ := f.get(v).(dict)
	return d
}

func (f *pdfFile) catalog() dict { return f.dict(f.trailer["Root"]) }

// pages are the page objects in order.
func (f *pdfFile) pages() []ref {
	var out []ref
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		r, ok := v.(ref)
		d := f.dict(v)
		if !ok || d == nil || depth > 64 {
			return
		}
		if d["Type"] == name("Page") {
			out = append(out, r)
			return
		}
		kids, _ := f.get(d["Kids"]).(array)
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	walk(f.catalog()["Pages"], 0)
	return out
}

// dest is where a named destination points: a page, from 0, and the height
// on it in points from the foot of the page (the top of the element).
type dest struct {
	page int
	y    float64
}

// dests are the file's named destinations, from the catalog's Dests
// dictionary (what Chromium writes) or its Names tree.
func (f *pdfFile) dests() map[string]dest {
	index := map[ref]int{}
	for i, p := range f.pages() {
		index[p] = i
	}
	out := map[string]dest{}
	add := func(n string, v any) {
		if d := f.dict(v); d != nil {
			v = d["D"]
		}
		a, _ := f.get(v).(array)
		if len(a) < 2 {
			return
		}
		r, ok := a[0].(ref)
		p, found := index[r]
		if !ok || !found {
			return
		}
		y := 0.0
		if a[1] == name("XYZ") && len(a) >= 4 {
			if n, ok := a[3].(number); ok {
				y = n.float()
			}
		}
		out[n] = dest{page: p, y: y}
	}
	c := f.catalog()
	for k, v := range f.dict(c["Dests"]) {
		add(k, v)
	}
	var tree func(v any, depth int)
	tree = func(v any, depth int) {
		d := f.dict(v)
		if d == nil || depth > 64 {
			return
		}
		if names, ok := f.get(d["Names"]).(array); ok {
			for i := 0; i+1 < len(names); i += 2 {
				if s, ok := f.get(names[i]).(pdfString); ok {
					add(string(s), names[i+1])
				}
			}
		}
		kids, _ := f.get(d["Kids"]).(array)
		for _, k := range kids {
			tree(k, depth+1)
		}
	}
	if names := f.dict(c["Names"]); names != nil {
		tree(names["Dests"], 0)
	}
	return out
}

// patch is what an incremental update changes.
type patch struct {
	// info sets entries of the document information (text).
	info map[string]string
	// lang is the document's language, set when the catalog has none.
	lang string
	// titles gives outline items new titles, by the title they have.
	titles map[string]string
}

// update returns the PDF with an incremental update that makes the changes
// of p.
func (f *pdfFile) update(p patch) ([]byte, error) {
	rootRef, ok := f.trailer["Root"].(ref)
	catalog := f.catalog()
	if !ok || catalog == nil {
		return nil, errNotPDF
	}
	size := 0
	if n, ok := f.trailer["Size"].(number); ok {
		size, _ = strconv.Atoi(string(n))
	}
	for n := range f.offsets {
		size = max(size, n+1)
	}

	var b bytes.Buffer
	b.Write(f.data)
	if !bytes.HasSuffix(f.data, []byte("\n")) {
		b.WriteByte('\n')
	}
	type entry struct{ num, off int }
	var entries []entry
	write := func(num int, v any) {
		entries = append(entries, entry{num, b.Len()})
		fmt.Fprintf(&b, "%d 0 obj\n", num)
		writeValue(&b, v)
		b.WriteString("\nendobj\n")
	}

	if _, has := catalog["Lang"]; !has && p.lang != "" {
		c := maps.Clone(catalog)
		c["Lang"] = textString(p.lang)
		write(rootRef.num, c)
	}
	for r, title := range f.outlineItems() {
		if to, ok := p.titles[title]; ok {
			item := maps.Clone(f.dict(r))
			item["Title"] = textString(to)
			write(r.num, item)
		}
	}
	info := dict{}
	for k, v := range f.dict(f.trailer["Info"]) {
		info[k] = v
	}
	for k, v := range p.info {
		if v != "" {
			info[k] = textString(v)
		}
	}
	infoNum := size
	write(infoNum, info)

	xref := b.Len()
	b.WriteString("xref\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", e.num, e.off)
	}
	trailer := dict{"Size": number(strconv.Itoa(size + 1)), "Root": rootRef, "Info": ref{infoNum, 0},
		"Prev": number(strconv.Itoa(f.startxref))}
	if id, ok := f.trailer["ID"]; ok {
		trailer["ID"] = id
	}
	b.WriteString("trailer\n")
	writeValue(&b, trailer)
	fmt.Fprintf(&b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes(), nil
}

// outlineItems are the outline's items (the PDF's bookmarks) with their
// titles, in order.
func (f *pdfFile) outlineItems() iter.Seq2[ref, string] {
	return func(yield func(ref, string) bool) {
		seen := map[ref]bool{}
		var walk func(v any, depth int) bool
		walk = func(v any, depth int) bool {
			for depth < 64 {
				r, ok := v.(ref)
				d := f.dict(v)
				if !ok || d == nil || seen[r] {
					return true
				}
				seen[r] = true
				if t, ok := f.get(d["Title"]).(pdfString); ok && !yield(r, decodeText(t)) {
					return false
				}
				if !walk(d["First"], depth+1) {
					return false
				}
				v = d["Next"]
			}
			return true
		}
		if o := f.dict(f.catalog()["Outlines"]); o != nil {
			walk(o["First"], 0)
		}
	}
}

// decodeText decodes a PDF text string: UTF-16BE after its byte order mark, else
// (PDFDocEncoding, for what Lectern reads) Latin-1.
func decodeText(s pdfString) string {
	if len(s) >= 2 && s[0] == 0xfe && s[1] == 0xff {
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(s))
	for i, c := range s {
		r[i] = rune(c)
	}
	return string(r)
}

// textString is s as a PDF text string: plain bytes when ASCII, else
// UTF-16BE with its byte order mark.
func textString(s string) pdfString {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return pdfString(s)
	}
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

func writeValue(b *bytes.Buffer, v any) {
	switch v := v.(type) {
	case dict:
		b.WriteString("<<")
		// Sorted, so the same input gives the same bytes.
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			writeValue(b, name(k))
			b.WriteByte(' ')
			writeValue(b, v[k])
			b.WriteByte('\n')
		}
		b.WriteString(">>")
	case array:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeValue(b, x)
		}
		b.WriteByte(']')
	case name:
		b.WriteByte('/')
		for i := 0; i < len(v); i++ {
			c := v[i]
			if c <= ' ' || c >= 0x7f || c == '#' || isDelimiter(c) {
				fmt.Fprintf(b, "#%02X", c)
			} else {
				b.WriteByte(c)
			}
		}
	case pdfString:
		fmt.Fprintf(b, "<%X>", []byte(v))
	case ref:
		fmt.Fprintf(b, "%d %d R", v.num, v.gen)
	case number:
		b.WriteString(string(v))
	case keyword:
		b.WriteString(string(v))
	default:
		b.WriteString("null")
	}
}

// lexer reads PDF values from b at i.
type lexer struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skip() {
	for l.i < len(l.b) {
		c := l.b[l.i]
		if c == '%' {
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
			continue
		}
		if !isSpace(c) {
			return
		}
		l.i++
	}
}

func (l *lexer) regular() string {
	s := l.i
	for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelimiter(l.b[l.i]) {
		l.i++
	}
	return string(l.b[s:l.i])
}

var errSyntax = errors.New("PDF syntax")

// value reads the next value (or keyword), joining "n g R" into a ref.
func (l *lexer) value() (any, error) {
	l.skip()
	if l.i >= len(l.b) {
		return nil, errSyntax
	}
	switch c := l.b[l.i]; {
	case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
		l.i += 2
		d := dict{}
		for {
			l.skip()
			if l.i+1 < len(l.b) && l.b[l.i] == '>' && l.b[l.i+1] == '>' {
				l.i += 2
				return d, nil
			}
			k, err := l.value()
			if err != nil {
				return nil, err
			}
			kn, ok := k.(name)
			if !ok {
				return nil, errSyntax
			}
			v, err := l.value()
			if err != nil {
				return nil, err
			}
			d[string(kn)] = v
		}
	case c == '<':
		l.i++
		var out []byte
		var hi, half = byte(0), false
		for l.i < len(l.b) && l.b[l.i] != '>' {
			x := l.b[l.i]
			l.i++
			var v byte
			switch {
			case x >= '0' && x <= '9':
				v = x - '0'
			case x >= 'a' && x <= 'f':
				v = x - 'a' + 10
			case x >= 'A' && x <= 'F':
				v = x - 'A' + 10
			default:
				continue
			}
			if half {
				out = append(out, hi<<4|v)
			} else {
				hi = v
			}
			half = !half
		}
		if half {
			out = append(out, hi<<4)
		}
		l.i++
		return pdfString(out), nil
	case c == '[':
		l.i++
		var a array
		for {
			l.skip()
			if l.i < len(l.b) && l.b[l.i] == ']' {
				l.i++
				return a, nil
			}
			v, err := l.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == '(':
		return l.literal()
	case c == '/':
		l.i++
		raw := l.regular()
		var n []byte
		for i := 0; i < len(raw); i++ {
			if raw[i] == '#' && i+2 < len(raw) {
				if x, err := strconv.ParseUint(raw[i+1:i+3], 16, 8); err == nil {
					n = append(n, byte(x))
					i += 2
					continue
				}
			}
			n = append(n, raw[i])
		}
		return name(n), nil
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		t := l.regular()
		// "n g R" is a reference.
		if _, err := strconv.Atoi(t); err == nil {
			save := l.i
			l.skip()
			g := l.regular()
			if _, err := strconv.Atoi(g); err == nil && g != "" {
				l.skip()
				if l.i < len(l.b) && l.b[l.i] == 'R' && (l.i+1 == len(l.b) || isSpace(l.b[l.i+1]) || isDelimiter(l.b[l.i+1])) {
					l.i++
					num, _ := strconv.Atoi(t)
					gen, _ := strconv.Atoi(g)
					return ref{num, gen}, nil
				}
			}
			l.i = save
		}
		return number(t), nil
	default:
		if isDelimiter(c) {
			l.i++
			return nil, errSyntax
		}
		return keyword(l.regular()), nil
	}
}

// literal reads a (string), with its escapes and balanced parentheses.
func (l *lexer) literal() (any, error) {
	l.i++
	var out []byte
	depth := 1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return pdfString(out), nil
			}
		case '\\':
			if l.i >= len(l.b) {
				return nil, errSyntax
			}
			e := l.b[l.i]
			l.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.i < len(l.b) && l.b[l.i] == '\n' {
					l.i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; k++ {
						v = v*8 + int(l.b[l.i]-'0')
						l.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, errSyntax
}

// Package wire is the plain binary form in which a build keeps what it
// made for the next build (varint numbers, length-prefixed bytes). It is
// read only by the binary that wrote it, so it has no versions; a Reader
// never panics on damaged bytes, it says so.
package wire

import "encoding/binary"

// Writer appends to B.
type Writer struct{ B []byte }

func (w *Writer) Int(v int) { w.B = binary.AppendVarint(w.B, int64(v)) }

func (w *Writer) Bool(v bool) {
	if v {
		w.B = append(w.B, 1)
	} else {
		w.B = append(w.B, 0)
	}
}

func (w *Writer) String(s ...string) {
	for _, s := range s {
		w.Int(len(s))
		w.B = append(w.B, s...)
	}
}

func (w *Writer) Bytes(b []byte) {
	w.Int(len(b))
	w.B = append(w.B, b...)
}

func (w *Writer) Ints(v []int) {
	w.Int(len(v))
	for _, x := range v {
		w.Int(x)
	}
}

// Reader reads from the front of B. Once Bad, every read returns a zero
// value: a caller reads a whole record, then looks at Bad once.
type Reader struct {
	B   []byte
	Bad bool
}

func (r *Reader) Int() int {
	v, k := binary.Varint(r.B)
	if k <= 0 || v != int64(int(v)) {
		r.fail()
		return 0
	}
	r.B = r.B[k:]
	return int(v)
}

// Count is a list's length: no more than the bytes left could hold, so a
// damaged length cannot ask for a huge allocation.
func (r *Reader) Count() int {
	v := r.Int()
	if v < 0 || v > len(r.B) {
		r.fail()
		return 0
	}
	return v
}

func (r *Reader) Bool() bool {
	if len(r.B) == 0 {
		r.fail()
		return false
	}
	v := r.B[0]
	r.B = r.B[1:]
	return v == 1
}

// Bytes returns bytes of B itself, not a copy (nil when empty).
func (r *Reader) Bytes() []byte {
	n := r.Count()
	if n == 0 {
		return nil
	}
	b := r.B[:n:n]
	r.B = r.B[n:]
	return b
}

func (r *Reader) String() string { return string(r.Bytes()) }

func (r *Reader) Ints() []int {
	n := r.Count()
	if n == 0 {
		return nil
	}
	v := make([]int, n)
	for i := range v {
		v[i] = r.Int()
	}
	return v
}

func (r *Reader) fail() { r.Bad, r.B = true, nil }

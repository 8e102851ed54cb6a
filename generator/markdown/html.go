package markdown

import "iter"

// HTML is a rendering in both editions: the facilitator edition's bytes,
// and the ranges of them that the attendee edition leaves out (facilitator
// notes, timers). A site keeps every page converted until it is written;
// a second copy for attendees was a quarter of a build's peak heap.
type HTML struct {
	b    []byte
	cuts []int // start and end offsets in b, in pairs, in order
}

// Pieces yields edition e's HTML in pieces, without copying: for the
// attendee edition, the runs between the cuts. The bytes are shared: do
// not modify them.
func (h HTML) Pieces(e Edition) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		from := 0
		if e != Facilitator {
			for i := 0; i < len(h.cuts); i += 2 {
				if h.cuts[i] > from && !yield(h.b[from:h.cuts[i]]) {
					return
				}
				from = h.cuts[i+1]
			}
		}
		if from < len(h.b) {
			yield(h.b[from:])
		}
	}
}

// Len is the length of edition e's HTML.
func (h HTML) Len(e Edition) int {
	n := len(h.b)
	if e != Facilitator {
		for i := 0; i < len(h.cuts); i += 2 {
			n -= h.cuts[i+1] - h.cuts[i]
		}
	}
	return n
}

// AppendTo appends edition e's HTML to dst.
func (h HTML) AppendTo(dst []byte, e Edition) []byte {
	for p := range h.Pieces(e) {
		dst = append(dst, p...)
	}
	return dst
}

// Bytes is edition e's HTML in one slice: the facilitator edition's own
// bytes (do not modify them), or a copy for attendees.
func (h HTML) Bytes(e Edition) []byte {
	if e == Facilitator || len(h.cuts) == 0 {
		return h.b
	}
	return h.AppendTo(make([]byte, 0, h.Len(e)), e)
}

// slice is h's bytes from..to, with the cuts that fall in them: the bytes
// are shared.
func (h HTML) slice(from, to int) HTML {
	out := HTML{b: h.b[from:to:to]}
	for i := 0; i < len(h.cuts); i += 2 {
		start, end := max(h.cuts[i], from), min(h.cuts[i+1], to)
		if start < end {
			out.cuts = append(out.cuts, start-from, end-from)
		}
	}
	return out
}

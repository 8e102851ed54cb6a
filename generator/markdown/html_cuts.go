package markdown

// Cuts are the ranges of the facilitator edition's bytes (Bytes(Facilitator))
// that the attendee edition leaves out: start and end offsets in pairs, in
// order. With them one pass over a page serves both editions, as the search
// index reads pages. Do not modify them.
func (h HTML) Cuts() []int { return h.cuts }

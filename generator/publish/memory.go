package publish

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// A build holds the converted kit from start to end (every module's HTML in
// both editions is most of its live memory) and makes short-lived garbage
// for each page. Go's collector lets the heap grow to twice the live size
// before it collects, which would double the build's peak for nothing. So
// while Build writes, the soft memory limit is the live heap after loading
// (the site) plus a budget for the pages in flight, and the collector runs
// a little more often near it instead. The limit is soft: a kit whose pages
// need more still builds.

// pageBudget is the memory allowed beyond the loaded site: the pages, the
// search index and ZIP entries in flight, and the runtime's own. An
// aggregate page makes each module's body as it writes it (render.Section),
// so the largest page needs little more than the others.
const pageBudget = 32 << 20

// limitMemory sets the soft memory limit for writing the loaded site and
// returns the function that restores the previous one. It never raises a
// limit that is lower already (GOMEMLIMIT).
func limitMemory() (restore func()) {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return func() {}
	}
	live := s[0].Value.Uint64()
	limit := int64(min(live+live/2+pageBudget, math.MaxInt64/2))
	prev := debug.SetMemoryLimit(-1)
	if prev <= limit {
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}

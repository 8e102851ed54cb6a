package publish

import (
	"runtime"
	"sync"
)

// runJobs runs do(0..n-1) on all cores, the long jobs first: an aggregate
// page (the guide, the deck) or a search index takes a hundred times as
// long as a module page, and started last it would leave the other cores
// idle at the end. Aggregates write each module's body as they reach it
// (Section.Body), so running several at once costs little memory.
func runJobs(n int, long func(i int) bool, do func(i int)) {
	next := make(chan int, n)
	for i := range n {
		if long(i) {
			next <- i
		}
	}
	for i := range n {
		if !long(i) {
			next <- i
		}
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	wg.Wait()
}

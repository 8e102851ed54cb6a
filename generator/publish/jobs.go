package publish

import (
	"runtime"
	"sync"
)

// runJobs runs do(0..n-1) on all cores, the heavy jobs one at a time: an
// aggregate page (the handout, the guide) holds every module's body while
// it renders, and two at once would double the build's peak memory. The
// heavy jobs start first, so that the other cores have light ones to do
// meanwhile.
func runJobs(n int, heavy func(i int) bool, do func(i int)) {
	var heavyJobs, lightJobs []int
	for i := range n {
		if heavy(i) {
			heavyJobs = append(heavyJobs, i)
		} else {
			lightJobs = append(lightJobs, i)
		}
	}
	queue := func(jobs []int) chan int {
		c := make(chan int, len(jobs))
		for _, i := range jobs {
			c <- i
		}
		close(c)
		return c
	}
	hq, lq := queue(heavyJobs), queue(lightJobs)
	slot := make(chan struct{}, 1) // held while a heavy job runs
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case slot <- struct{}{}:
					i, ok := <-hq
					if ok {
						do(i)
						<-slot
						continue
					}
					<-slot
					for i := range lq {
						do(i)
					}
					return
				default:
				}
				if i, ok := <-lq; ok {
					do(i)
					continue
				}
				// Only heavy jobs are left: take turns.
				slot <- struct{}{}
				for i := range hq {
					do(i)
				}
				<-slot
				return
			}
		}()
	}
	wg.Wait()
}

package publish

import (
	"bytes"
	"compress/flate"
	"io"
	"runtime"
	"sync"
)

// The offline ZIP deflates the whole attendee site, which one core did
// after every page was written: on a large kit, the longest step of a
// build. Entries are read and deflated on all cores instead, a few ahead
// of the ZIP writer, which takes them in order and writes the deflated
// bytes it is handed (precompressed) in place of compressing again. The
// bytes are the same: one flate writer per entry at the same level either
// way.

// zipLevel is archive/zip's own for Deflate entries.
const zipLevel = 5

// zipEntry is one entry's content, and its deflated form when it is to be
// deflated.
type zipEntry struct {
	data, deflated []byte
	err            error
}

// deflateAhead loads (and, where load says so, deflates) entries 0..n-1 on
// all cores. next returns them in order; stop ends the work early.
func deflateAhead(n int, load func(i int) (data []byte, deflate bool, err error)) (next func() zipEntry, stop func()) {
	ahead := 4 * runtime.GOMAXPROCS(0)
	results := make([]chan zipEntry, n)
	for i := range results {
		results[i] = make(chan zipEntry, 1)
	}
	slots := make(chan struct{}, ahead)
	quit := make(chan struct{})
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case slots <- struct{}{}:
			case <-quit:
				return
			}
			select {
			case jobs <- i:
			case <-quit:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			fw, _ := flate.NewWriter(&buf, zipLevel)
			for i := range jobs {
				data, deflate, err := load(i)
				e := zipEntry{data: data, err: err}
				if err == nil && deflate {
					buf.Reset()
					fw.Reset(&buf)
					fw.Write(data)
					fw.Close()
					e.deflated = bytes.Clone(buf.Bytes())
				}
				results[i] <- e
			}
		}()
	}
	i := 0
	next = func() zipEntry {
		e := <-results[i]
		i++
		<-slots
		return e
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			close(quit)
			for range jobs {
			}
			wg.Wait()
		})
	}
	return next, stop
}

// precompressed is a zip Compressor's writer that ignores what it is given
// and writes bytes deflated beforehand: the zip writer still counts and
// checksums the uncompressed content passed through it.
type precompressed struct {
	out      io.Writer
	deflated []byte
}

func (p *precompressed) Write(b []byte) (int, error) { return len(b), nil }

func (p *precompressed) Close() error {
	_, err := p.out.Write(p.deflated)
	return err
}

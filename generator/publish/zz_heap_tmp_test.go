package publish

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/metrics"
	"runtime/pprof"
	"testing"
	"time"
)

func TestZZHeap(t *testing.T) {
	dir := os.Getenv("ZZKIT")
	if dir == "" {
		t.Skip()
	}
	out := filepath.Join(t.TempDir(), "public")
	Build(Options{Source: dir, Out: out})
	Build(Options{Source: dir, Out: out})
	stop := make(chan bool)
	done := make(chan bool)
	go func() {
		var max uint64
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var best bytes.Buffer
		for {
			select {
			case <-stop:
				os.WriteFile("/tmp/heap-peak.prof", best.Bytes(), 0o644)
				println("peak live", max>>20, "MB")
				close(done)
				return
			case <-time.After(5 * time.Millisecond):
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > max {
				max = v
				best.Reset()
				pprof.Lookup("heap").WriteTo(&best, 0)
			}
		}
	}()
	Build(Options{Source: dir, Out: out})
	close(stop)
	<-done
}

package publish

import (
	"fmt"
	"io"
	"os"
	"testing"
	"time"
)

func TestZZKinds(t *testing.T) {
	dir := os.Getenv("ZZKIT")
	if dir == "" {
		t.Skip()
	}
	s, _ := Load(Options{Source: dir})
	tot := map[string]time.Duration{}
	n := map[string]int{}
	for r := 0; r < 2; r++ {
		for _, p := range s.Pages() {
			t0 := time.Now()
			s.Render(io.Discard, p)
			if r == 1 {
				tot[p.Kind] += time.Since(t0)
				n[p.Kind]++
			}
		}
	}
	for k, d := range tot {
		fmt.Println(k, n[k], d, d/time.Duration(n[k]))
	}
}

package publish

import (
	"fmt"
	"os"
	"runtime/pprof"
	"path/filepath"
	"testing"
	"time"

	"lectern/generator/kit"
	"lectern/generator/render"
	"lectern/themes"
)

func TestZZPhases(t *testing.T) {
	dir := os.Getenv("ZZKIT")
	if dir == "" {
		t.Skip()
	}
	out := filepath.Join(t.TempDir(), "public")
	for i := 0; i < 5; i++ {
		if i == 2 {
			f, _ := os.Create("/tmp/cpu3.prof")
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		t0 := time.Now()
		k, _ := kit.Load(dir, kit.Options{})
		t1 := time.Now()
		th, _ := render.LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
		s, _ := render.New(k, th, render.Options{})
		t2 := time.Now()
		v := Verify(s)
		_ = v
		t3 := time.Now()
		files := s.Files()
		t4 := time.Now()
		_ = files
		if _, err := Write(s, out); err != nil {
			t.Fatal(err)
		}
		t5 := time.Now()
		fmt.Println("load", t1.Sub(t0), "new", t2.Sub(t1), "verify", t3.Sub(t2), "files", t4.Sub(t3), "write", t5.Sub(t4))
	}
}

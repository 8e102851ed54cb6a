package render

import (
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"lectern/generator/kit"
	"lectern/themes"
)

func TestZZModule(t *testing.T) {
	dir := os.Getenv("ZZKIT")
	if dir == "" {
		t.Skip()
	}
	k, _ := kit.Load(dir, kit.Options{})
	th, _ := LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
	s, _ := New(k, th, Options{})
	var a, b, c time.Duration
	for r := 0; r < 2; r++ {
		a, b, c = 0, 0, 0
		for _, p := range s.Pages() {
			if p.Kind != "module" {
				continue
			}
			t0 := time.Now()
			d := s.pageData(p)
			t1 := time.Now()
			tm := s.Theme.pages["module"]
			nav, _ := s.navHTML(tm, d)
			d.NavHTML = nav
			t2 := time.Now()
			tm.ExecuteTemplate(io.Discard, "base", d)
			t3 := time.Now()
			a += t1.Sub(t0)
			b += t2.Sub(t1)
			c += t3.Sub(t2)
		}
	}
	fmt.Println("pageData", a, "nav", b, "exec", c)
}

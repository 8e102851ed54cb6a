package check

import (
	"testing"
	"time"

	"lectern/generator/kit"
	"lectern/generator/render"
	"lectern/themes"
)

func TestScratchBig(t *testing.T) {
	t0 := time.Now()
	k, _ := kit.Load("/tmp/scr/big", kit.Options{})
	t.Log("load", time.Since(t0))
	th, _ := render.LoadTheme(themes.Default(), k.Dir, k.ThemeDir)
	t.Log("theme", time.Since(t0))
	s, errs := render.New(k, th, render.Options{})
	t.Log("new", time.Since(t0), len(errs))
	errs.Sort()
	t.Log("sort", time.Since(t0), len(errs))
	_ = s
}

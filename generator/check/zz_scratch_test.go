package check

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"lectern/generator/markdown"
)

func TestScratchDeep(t *testing.T) {
	c := markdown.New(markdown.Options{})
	fs, _ := filepath.Glob("/tmp/scr/deep/content/0*.md")
	for _, f := range fs {
		b, _ := os.ReadFile(f)
		t0 := time.Now()
		_, errs := c.Convert(markdown.Source{Path: f, Body: b, BodyLine: 1})
		t.Log(f, time.Since(t0), len(errs))
	}
}

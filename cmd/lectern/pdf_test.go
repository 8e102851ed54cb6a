package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPDFWithoutChromium runs `lectern pdf` with no Chromium to be found:
// it says what to install, exits 3 and writes nothing.
func TestPDFWithoutChromium(t *testing.T) {
	for _, c := range []struct {
		name  string
		env   string
		path  string
		flags []string
	}{
		{name: "LECTERN_CHROMIUM names a missing file", env: filepath.Join(t.TempDir(), "missing")},
		{name: "PATH is empty", path: t.TempDir()},
		{name: "--chromium names a missing file", flags: []string{"--chromium", filepath.Join(t.TempDir(), "missing")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("LECTERN_CHROMIUM", c.env)
			if c.path != "" {
				t.Setenv("PATH", c.path)
			}
			out := filepath.Join(t.TempDir(), "public")
			var stdout, stderr bytes.Buffer
			args := append([]string{"pdf", "--source", "../..", "--out", out}, c.flags...)
			code := Run(context.Background(), args, &stdout, &stderr)
			if code != exitEnv {
				t.Errorf("exit status %d, want %d\nstderr: %s", code, exitEnv, stderr.String())
			}
			if !strings.Contains(stderr.String(), "apt-get install chromium") {
				t.Errorf("stderr does not say what to install: %q", stderr.String())
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("the output folder was written")
			}
		})
	}
}

func TestPDFUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Run(context.Background(), []string{"pdf", "--nope"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("a bad flag: exit status %d, want %d", code, exitUsage)
	}
	stdout.Reset()
	if code := Run(context.Background(), []string{"help", "pdf"}, &stdout, &stderr); code != exitOK {
		t.Errorf("help pdf: exit status %d", code)
	}
	for _, want := range []string{"--chromium", "--source", "--out", "Example:"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help pdf does not mention %q:\n%s", want, stdout.String())
		}
	}
}

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBinaryLinksNoTesting: the lectern binary does not link package
// testing, which only test helpers (such as chromiumtest) may import. The
// same check on chromiumtest, which does import it, shows that it can fail.
func TestBinaryLinksNoTesting(t *testing.T) {
	const (
		binary  = "lectern/cmd/lectern"
		helpers = "lectern/generator/internal/chromiumtest"
	)
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, binary, helpers).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list: %v\n%s", err, msg)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}
	if chain := importChain(imports, binary, "testing"); chain != nil {
		t.Errorf("%s links package testing: %s", binary, strings.Join(chain, " → "))
	}
	if importChain(imports, helpers, "testing") == nil {
		t.Errorf("%s imports testing, yet the check does not find it", helpers)
	}
}

// importChain returns a chain of imports from pkg to target, or nil when
// pkg does not depend on target.
func importChain(imports map[string][]string, pkg, target string) []string {
	from := map[string]string{pkg: ""}
	queue := []string{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == target {
			var chain []string
			for ; p != ""; p = from[p] {
				chain = append([]string{p}, chain...)
			}
			return chain
		}
		for _, q := range imports[p] {
			if _, seen := from[q]; !seen {
				from[q] = p
				queue = append(queue, q)
			}
		}
	}
	return nil
}

package kit

import (
	"fmt"
	"strings"
	"testing"

	"lectern/generator/diag"
)

// TestNesting checks that deeply nested arrays and inline tables are refused
// before decoding, with their position, and that strings and comments do
// not count.
func TestNesting(t *testing.T) {
	deep := "x = " + strings.Repeat("[", 2_000_000) + strings.Repeat("]", 2_000_000) + "\n"
	var errs diag.List
	loadConfig([]byte("title = \"T\"\n"+deep), "site.toml", &errs)
	if len(errs) != 1 || errs[0].String() != fmt.Sprintf("site.toml:2:%d: error: arrays and tables are nested more than %d levels deep here: the file is not read", 5+maxNesting, maxNesting) {
		t.Errorf("got %v", errs.Error())
	}
	errs = nil
	var f moduleFront
	decodeFront([]byte("+++\ntitle = \"T\"\nmaterials = "+strings.Repeat("{a=", 100)+"1"+strings.Repeat("}", 100)+"\n+++\n"), "content/a.md", &f, &errs)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), "content/a.md:3:") {
		t.Errorf("got %v", errs.Error())
	}
	for _, ok := range []string{
		"a = \"" + strings.Repeat("[", 500) + "\"\n",
		"# " + strings.Repeat("{", 500) + "\na = 1\n",
		"a = '''\n" + strings.Repeat("[", 500) + "\n'''\n",
		"a = \"\"\"\\\"\"\"" + strings.Repeat("[", 500) + "\"\"\"\n",
		"a = [[[1]], [[2]]]\n[[b]]\nc = {d = {e = [1]}}\n",
	} {
		if l, c, deep := tooNested([]byte(ok)); deep {
			t.Errorf("%q: reported at %d:%d", ok, l, c)
		}
	}
}

// BenchmarkLinearNestedTables doubles the nesting of inline tables in front
// matter: once quadratic in the decoder, now refused after maxNesting
// levels in time linear in the size.
func BenchmarkLinearNestedTables(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000} {
		src := []byte("+++\ntitle = \"T\"\nx = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) + "\n+++\n")
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				var errs diag.List
				var f moduleFront
				decodeFront(src, "content/a.md", &f, &errs)
			}
		})
	}
}

package carpentries

import (
	"testing"

	"lectern/generator/diag"
)

// FuzzConvert: no page body makes the conversion panic, and each
// conversion of it is the same.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"::: challenge\n## T\nshould take about 5 min\n::: solution\nx\n:::\n:::\n",
		"::: tab\n### A\nx\n### B\n:::\n",
		"![c](fig/a.png){alt='x' width=3} [l](b.md#x){.c} `[x](y)` ``a`b``\n",
		"::: {#i .callout k=\"v\\\"\"}\n## H {#h -}\n:::\n:::\n",
		"```{r x}\n:::\n```\n[a]: b.html\n{{ x }} {: .c}\n",
		"::: objectives\n- a [b](c)\n  d\n:::\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		l := &lesson{files: map[string]bool{"episodes/fig/a.png": true}, linkDefs: parseLinkDefs(body)}
		b := &page{src: "episodes/b.md", kind: episode, out: "content/02-b.md"}
		l.pages = []*page{b}
		out := ""
		for i := range 2 {
			p := &page{src: "episodes/a.md", kind: episode, body: body, bodyLine: 5, exercises: 13, out: "content/01-a.md", assets: map[string]string{}}
			l.pages = []*page{p, b}
			var d diag.List
			c := &conv{l: l, p: p, d: &d}
			c.run()
			if i == 1 && c.w.String() != out {
				t.Fatalf("two conversions differ")
			}
			out = c.w.String()
		}
	})
}

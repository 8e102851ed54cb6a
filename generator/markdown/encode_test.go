package markdown

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDocRoundTrip writes every golden case's conversion and the sample
// kit's pages with AppendDoc and reads them back: the same Doc, with each
// block that was part of the page's HTML part of it again.
func TestDocRoundTrip(t *testing.T) {
	var docs []*Doc
	files, _ := filepath.Glob("testdata/*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range parseGolden(t, string(data)) {
			d, _ := New(c.options(t)).Convert(Source{Path: "content/x.md", Body: []byte(c.markdown), BodyLine: 1})
			docs = append(docs, d)
		}
	}
	sample, _ := filepath.Glob("../../content/*.md")
	if len(sample) == 0 {
		t.Fatal("no sample kit pages")
	}
	for _, f := range sample {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := New(Options{PrintSolutions: SolutionsEnd}).Convert(Source{Path: f, Body: b, BodyLine: 1})
		docs = append(docs, d)
	}
	shared := 0
	for i, d := range docs {
		b := AppendDoc([]byte("before"), d)
		got, rest, err := ReadDoc(append(b[len("before"):], "after"...))
		if err != nil || string(rest) != "after" {
			t.Fatalf("doc %d: %v, rest %q", i, err, rest)
		}
		if !reflect.DeepEqual(got, d) {
			t.Errorf("doc %d read back differs:\n%+v\nwant\n%+v", i, got, d)
		}
		was, is := blocksHTML(d), blocksHTML(got)
		for j := range was {
			if _, in := within(d.HTML.b, was[j].b); !in {
				continue
			}
			shared++
			if _, in := within(got.HTML.b, is[j].b); !in {
				t.Errorf("doc %d: block %d no longer shares the page's HTML", i, j)
			}
		}
	}
	if shared == 0 {
		t.Error("no block shared its page's HTML: the test does not test sharing")
	}
}

// TestDocRoundTripEveryField fills every field of a Doc, at any depth, and
// reads it back: a field added to Doc and not to AppendDoc fails here.
func TestDocRoundTripEveryField(t *testing.T) {
	d := new(Doc)
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		n++
		switch v.Kind() {
		case reflect.String:
			v.SetString("s" + strings.Repeat("x", n))
		case reflect.Int:
			v.SetInt(int64(n))
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem())
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := range 2 {
				fill(v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == reflect.TypeFor[HTML]() {
				v.Set(reflect.ValueOf(HTML{b: []byte("<p>a</p><p>b</p>" + strings.Repeat("c", n)), cuts: []int{8, 16}}))
				return
			}
			for i := range v.NumField() {
				fill(v.Field(i))
			}
		default:
			t.Fatalf("Doc has a %s field: teach this test and AppendDoc about it", v.Type())
		}
	}
	fill(reflect.ValueOf(d).Elem())
	got, rest, err := ReadDoc(AppendDoc(nil, d))
	if err != nil || len(rest) != 0 {
		t.Fatal(err, rest)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("read back differs:\n%+v\nwant\n%+v", got, d)
	}
}

// TestReadDocDamaged reads every truncation of a written Doc and every
// one-byte change of it: an error or a Doc, never a panic.
func TestReadDocDamaged(t *testing.T) {
	d, _ := New(Options{}).Convert(Source{Path: "content/x.md", BodyLine: 1, Body: []byte(
		"## Start\n\n::: activity {minutes=5 title=\"Pairs\"}\nTalk.\n:::\n\n::: quote {by=\"Ann\"}\nA quote.\n:::\n\n[a link](x.md)\n")})
	b := AppendDoc(nil, d)
	for n := range len(b) {
		if _, _, err := ReadDoc(b[:n:n]); err == nil {
			t.Errorf("a Doc cut at %d of %d bytes was read", n, len(b))
		}
	}
	for i := range b {
		for _, v := range []byte{0, 1, 0x7f, 0xff} {
			c := append([]byte(nil), b...)
			c[i] = v
			ReadDoc(c)
		}
	}
}

func FuzzReadDoc(f *testing.F) {
	d, _ := New(Options{}).Convert(Source{Path: "content/x.md", BodyLine: 1, Body: []byte(
		"## Start\n\n::: worksheet {title=\"W\"}\n| a | b |\n|---|---|\n| | |\n:::\n\n::: facilitator\nNote.\n:::\n")})
	f.Add(AppendDoc(nil, d))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, _, err := ReadDoc(b)
		if err == nil {
			AppendDoc(nil, d)
		}
	})
}

// blocksHTML is the HTML of every block d keeps, in order.
func blocksHTML(d *Doc) []HTML {
	var out []HTML
	for _, q := range d.Quotes {
		out = append(out, q.HTML)
	}
	for _, w := range d.Worksheets {
		out = append(out, w.HTML)
	}
	for _, g := range append(append([]Gathered(nil), d.KeyPoints...), d.Solutions...) {
		out = append(out, g.HTML)
	}
	for _, s := range d.Selfchecks {
		out = append(out, s.HTML)
	}
	for _, s := range d.Shown {
		out = append(out, s.HTML)
	}
	for _, n := range d.Notes {
		out = append(out, n.HTML)
	}
	return out
}

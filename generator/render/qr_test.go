package render

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rsc.io/qr"
)

// TestQRSVGModules reads the modules back out of the SVG path and compares
// them with the code's matrix, quiet zone and all.
func TestQRSVGModules(t *testing.T) {
	for _, text := range []string{"https://example.org/", "https://example.org/leading/task-vs-people/", strings.Repeat("x", 300)} {
		svg := string(QRSVG(text, "QR code: a page & more"))
		c, err := qr.Encode(text, qr.M)
		if err != nil {
			t.Fatal(err)
		}
		n := c.Size + 2*qrQuiet
		if !strings.Contains(svg, fmt.Sprintf(`viewBox="0 0 %d %d"`, n, n)) {
			t.Errorf("%q: viewBox is not %dx%d: %.120s", text, n, n, svg)
		}
		if !strings.Contains(svg, `aria-label="QR code: a page &amp; more"`) {
			t.Errorf("%q: label not escaped: %.200s", text, svg)
		}
		d := regexp.MustCompile(` d="([^"]*)"`).FindStringSubmatch(svg)
		if d == nil {
			t.Fatalf("%q: no path", text)
		}
		black := map[[2]int]bool{}
		for _, m := range regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`).FindAllStringSubmatch(d[1], -1) {
			x, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[2])
			run, _ := strconv.Atoi(m[3])
			if m[4] != m[3] {
				t.Fatalf("%q: run %s closed with %s", text, m[3], m[4])
			}
			for i := range run {
				black[[2]int{x + i, y}] = true
			}
		}
		for y := range n {
			for x := range n {
				want := x >= qrQuiet && y >= qrQuiet && x < qrQuiet+c.Size && y < qrQuiet+c.Size && c.Black(x-qrQuiet, y-qrQuiet)
				if black[[2]int{x, y}] != want {
					t.Fatalf("%q: module (%d,%d) black=%v, want %v", text, x, y, black[[2]int{x, y}], want)
				}
			}
		}
	}
	if QRSVG("", "x") != "" {
		t.Errorf("an empty text makes a code")
	}
	if QRSVG(strings.Repeat("x", 5000), "x") != "" {
		t.Errorf("a text too long for any code makes one")
	}
}

func TestOnlineURL(t *testing.T) {
	for _, c := range []struct{ base, dir, want, short string }{
		{"", "x/", "", ""},
		{"  ", "x/", "", ""},
		{"https://example.org", "", "https://example.org/", "example.org"},
		{"https://example.org/kit/", "day-2/feedback/", "https://example.org/kit/day-2/feedback/", "example.org/kit/day-2/feedback"},
		{"http://example.org/kit", "intro/", "http://example.org/kit/intro/", "example.org/kit/intro"},
	} {
		got := onlineURL(c.base, c.dir)
		if got != c.want {
			t.Errorf("onlineURL(%q, %q) = %q, want %q", c.base, c.dir, got, c.want)
		}
		if got != "" && shortAddress(got) != c.short {
			t.Errorf("shortAddress(%q) = %q, want %q", got, shortAddress(got), c.short)
		}
	}
}

func TestShiftHeadings(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{`<h2 id="a">A</h2><p>x</p><h3>B</h3>`, 1, `<h3 id="a">A</h3><p>x</p><h4>B</h4>`},
		{`<h2>A</h2><h5>B</h5><h6>C</h6>`, 2, `<h4>A</h4><h6>B</h6><h6>C</h6>`},
		{`<hr><p>&lt;h2&gt; <header>h</header></p><h1>T</h1>`, 1, `<hr><p>&lt;h2&gt; <header>h</header></p><h2>T</h2>`},
		{`<h2 class="worksheet-title">W</h2>`, 0, `<h2 class="worksheet-title">W</h2>`},
	} {
		b := []byte(c.in)
		if shiftHeadingsIn(b, c.n); string(b) != c.want {
			t.Errorf("shiftHeadingsIn(%q, %d) = %q, want %q", c.in, c.n, b, c.want)
		}
	}
}

func TestOutsideLinks(t *testing.T) {
	in := `<section id="m--w"><a href="#m--w">self</a> <a href="#m--agenda">up</a> <a href="#other">x</a> <a href="../a/index.html#b">y</a></section>`
	want := `<section id="m--w"><a href="#m--w">self</a> <a href="../m/index.html#agenda">up</a> <a href="#other">x</a> <a href="../a/index.html#b">y</a></section>`
	if got := string(outsideLinks(template.HTML(in), "m--", "../m/index.html")); got != want {
		t.Errorf("outsideLinks:\n got %s\nwant %s", got, want)
	}
}

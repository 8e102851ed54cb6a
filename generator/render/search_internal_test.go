package render

import (
	"slices"
	"strings"
	"testing"
)

// TestCollapse checks collapse against the words-and-join it replaces.
func TestCollapse(t *testing.T) {
	for _, s := range []string{"", " ", "a", "  a  b\t\nc ", "é\u00a0è\u0085x", "\xffa \xfe", "a\u2003b\u3000", "x\u200by"} {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// pageSectionsCases are the HTML shapes the scanner must get right: raw
// HTML (a kit with [markdown] unsafe = true), entities, comments, raw-text
// elements, odd quoting and broken input.
var pageSectionsCases = []struct {
	html string
	want []SearchSection
}{
	{"<p>a &amp; b &#39;c&#x27; d&nbsp;e &lt;f&gt;</p>", []SearchSection{{"", "", "a & b 'c' d e <f>"}}},
	{"<p>a<!-- <h2>no</h2> -->b</p><!--> c<!-- x --!> d", []SearchSection{{"", "", "ab c d"}}},
	{"<!DOCTYPE html><?xml x?><!bogus>text", []SearchSection{{"", "", "text"}}},
	{`<p>x</p><script>if (a<b) { s = "</p><h2>no</h2>" }</script><style>p<a{}</style><p>y</p>`, []SearchSection{{"", "", "x y"}}},
	{"<script><!--<script></script><h2>hidden</h2>--></script><p>after</p>", []SearchSection{{"", "", "after"}}},
	{"<textarea>no</textarea><select><option>no</select><button>no</button>ok", []SearchSection{{"", "", "ok"}}},
	{"<title>T &amp; t</title><xmp>a <b> &amp;</xmp>", []SearchSection{{"", "", "T & t a <b> &amp;"}}},
	{"<p>before<plaintext>a <b> &amp;", []SearchSection{{"", "", "before a <b> &amp;"}}},
	{`<H2 ID="Up">Upper <EM>case</EM></H2><P>Para</P>`, []SearchSection{{"Up", "Upper case", "Para"}}},
	{"<div class=minutes>5 min</div><h3 id=k class=x>Key</h3><p>v</p>", []SearchSection{{"k", "Key", "v"}}},
	{"<span class='visually-hidden'>sr</span><span aria-hidden='true'>x</span><div hidden>z</div>keep", []SearchSection{{"", "", "keep"}}},
	{`<div class="a" class="minutes">first of a repeated attribute</div>`, []SearchSection{{"", "", "first of a repeated attribute"}}},
	{"<div><span hidden x=/>no</span>yes</div><span hidden/>self-closed", []SearchSection{{"", "", "yes self-closed"}}},
	{"<p>a<br/>b<img src=x>c<a href=/>d</a></p>", []SearchSection{{"", "", "a b cd"}}},
	{"<h2>A</h2><p>a</p><h3 id=b>B</h3><p>b</p>", []SearchSection{{"", "A", "a"}, {"b", "B", "b"}}},
	{`<h2 id="a&amp;b">H</h2>`, []SearchSection{{"a&b", "H", ""}}},
	{"<div id=outer><p><h2 class=x>Inner</h2></div>", []SearchSection{{"outer", "Inner", ""}}},
	{"</p></div>stray <p>x</span> y</p>", []SearchSection{{"", "", "stray x y"}}},
	{"<div id=blk><h2>Head</h2><p>unclosed", []SearchSection{{"blk", "Head", "unclosed"}}},
	{"<p>a < b, 1<2</p>", []SearchSection{{"", "", "a < b, 1<2"}}},
	{"<p>a\r\nb</p>", []SearchSection{{"", "", "a b"}}},
	{`<p>kept</p><p>cut <a href="x`, []SearchSection{{"", "", "kept cut"}}},
	{"<p>x</", []SearchSection{{"", "", "x</"}}},
	{"<p>x <", []SearchSection{{"", "", "x <"}}},
	{"<p>x<!--", []SearchSection{{"", "", "x"}}},
	{"<p>x<!-", []SearchSection{{"", "", "x"}}},
	{"<p>x<script>never closed</p>", []SearchSection{{"", "", "x"}}},
	// Facilitator notes: sections of their own, after the section they
	// stand in, headed by their label or their first heading.
	{`<h2 id=a>A</h2><p>x</p><aside class="facilitator-note" aria-label="Facilitator note"><p class="block-label">Facilitator note</p><p>n</p></aside><p>y</p><h2 id=b>B</h2><p>z</p>`,
		[]SearchSection{{"a", "A", "x y"}, {"a", "Facilitator note", "n"}, {"b", "B", "z"}}},
	{`<section id=blk><h2>T</h2><aside class="facilitator-note" aria-label="Note"><p>n</p></aside></section>`,
		[]SearchSection{{"blk", "T", ""}, {"blk", "Note", "n"}}},
	{`<aside class="facilitator-note" id=own aria-label="Note"><p class="block-label">Note: <em>Debrief</em></p><div class="x"><p class="block-label">Activity</p><h2>Inner</h2><p>n</p></div></aside>`,
		[]SearchSection{{"own", "Note: Debrief", "Inner n"}}},
	{`<aside class="x facilitator-note"><h3 id=h>One</h3><p>a</p><h3 id=i>Two</h3><p>b</p></aside><p>after</p>`,
		[]SearchSection{{"", "", "after"}, {"h", "One", "a Two b"}}},
	{`<aside class=facilitator-note aria-label="N &amp; M"><aside class=facilitator-note><p>inner</p></aside><p>open`,
		[]SearchSection{{"", "N & M", "inner open"}}},
	{`<div hidden><aside class=facilitator-note aria-label=N><p>hidden</p></aside></div><p>shown</p>`,
		[]SearchSection{{"", "", "shown"}}},
}

func TestPageSections(t *testing.T) {
	for _, c := range pageSectionsCases {
		if got := pageSections(nil, []byte(c.html)); !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.html, got, c.want)
		}
	}
}

// FuzzPageSections checks that any input ends without a panic: every
// token moves the scanner on.
func FuzzPageSections(f *testing.F) {
	for _, c := range pageSectionsCases {
		f.Add([]byte(c.html))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		z := htmlScanner{src: b}
		for pos := -1; z.next() != eofToken; pos = z.pos {
			if z.pos <= pos || z.pos > len(b) {
				t.Fatalf("the scanner went from %d to %d of %d bytes", pos, z.pos, len(b))
			}
		}
		pageSections(nil, b)
	})
}

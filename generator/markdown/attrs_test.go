package markdown

import (
	"reflect"
	"testing"
)

func TestParseAttrs(t *testing.T) {
	tests := []struct {
		in    string
		attrs []Attr
		n     int
		err   string
		errAt int
	}{
		{in: "{}", n: 2},
		{in: "{ }", n: 3},
		{in: "{} trailing", n: 2},
		{in: `{key="v"}`, attrs: []Attr{{"key", "v", 1}}, n: 9},
		{in: `{.name key="v"}`, attrs: []Attr{{".", "name", 1}, {"key", "v", 7}}, n: 15},
		{in: `{#id .a .b}`, attrs: []Attr{{"#", "id", 1}, {".", "a", 5}, {".", "b", 8}}, n: 11},
		{in: "{minutes=10\ttitle='It''s'}", err: "put a space between attributes", errAt: 22},
		{in: `{title='It\'s' by="A \"B\" \\ C"}`, attrs: []Attr{{"title", "It's", 1}, {"by", `A "B" \ C`, 15}}, n: 33},
		{in: `{title="a\nb"}`, attrs: []Attr{{"title", `a\nb`, 1}}, n: 14},
		{in: `{title="{}=."}`, attrs: []Attr{{"title", "{}=.", 1}}, n: 14},
		{in: `{title="Café — Übung"}`, attrs: []Attr{{"title", "Café — Übung", 1}}, n: 26},
		{in: `{title=""}`, attrs: []Attr{{"title", "", 1}}, n: 10},
		{in: `{a=1 b=x-y_z.w}`, attrs: []Attr{{"a", "1", 1}, {"b", "x-y_z.w", 5}}, n: 15},

		{in: "", err: "attributes must start with {", errAt: 0},
		{in: "x", err: "attributes must start with {", errAt: 0},
		{in: "{", err: "attributes are not closed: add } at the end", errAt: 1},
		{in: `{key="v"`, err: "attributes are not closed: add } at the end", errAt: 8},
		{in: `{key="v}`, err: `the value of "key" has no closing "`, errAt: 5},
		{in: `{key='v}`, err: `the value of "key" has no closing '`, errAt: 5},
		{in: `{key="v\"}`, err: `the value of "key" has no closing "`, errAt: 5},
		{in: "{key}", err: `attribute "key" needs a value: write key="…"`, errAt: 1},
		{in: "{key=", err: `attribute "key" needs a value`, errAt: 5},
		{in: "{key=}", err: `attribute "key" needs a value`, errAt: 5},
		{in: "{key= v}", err: `attribute "key" needs a value`, errAt: 5},
		{in: `{key=a"b}`, err: `unexpected '"' in the value of "key": put the value in double quotes`, errAt: 6},
		{in: `{key=a=b}`, err: `unexpected '=' in the value of "key": put the value in double quotes`, errAt: 6},
		{in: `{key=a{b}`, err: `unexpected '{' in the value of "key": put the value in double quotes`, errAt: 6},
		{in: `{a="1"b="2"}`, err: "put a space between attributes", errAt: 6},
		{in: `{a=1 a=2}`, err: `attribute "a" is given twice`, errAt: 5},
		{in: "{.}", err: `expected a name after '.'`, errAt: 1},
		{in: "{#}", err: `expected a name after '#'`, errAt: 1},
		{in: "{@}", err: `unexpected '@' in attributes`, errAt: 1},
		{in: "{é=1}", err: `unexpected 'é' in attributes`, errAt: 1},
		{in: "{“title”=1}", err: `unexpected '“' in attributes`, errAt: 1},
	}
	for _, tt := range tests {
		attrs, n, err := parseAttrs(tt.in)
		if tt.err != "" {
			if err == nil || err.Msg != tt.err || err.Off != tt.errAt {
				t.Errorf("parseAttrs(%q): err = %+v, want %q at %d", tt.in, err, tt.err, tt.errAt)
			}
			if err != nil && err.Error() != err.Msg {
				t.Errorf("Error() = %q", err.Error())
			}
			continue
		}
		if err != nil || n != tt.n || !reflect.DeepEqual(attrs, tt.attrs) {
			t.Errorf("parseAttrs(%q) = %+v, %d, %v; want %+v, %d", tt.in, attrs, n, err, tt.attrs, tt.n)
		}
	}
}

func TestFence(t *testing.T) {
	tests := []struct {
		line   string
		colons int
		rest   string
		off    int
	}{
		{":::\n", 3, "", 3},
		{"::::::::\n", 8, "", 8},
		{"::: note\n", 3, "note", 4},
		{":::note\n", 3, "note", 3},
		{"   ::: note  \r\n", 3, "note", 7},
		{"::: note :::\n", 3, "note", 4},
		{"::: {.note} ::::  \n", 3, "{.note}", 4},
		{"::::\t\tnote\n", 4, "note", 6},
		{":::   \n", 3, "", 6},
		{"::", 0, "", 0},
		{":: note\n", 0, "", 0},
		{"    ::: note\n", 0, "", 0}, // indented code
		{"\t::: note\n", 0, "", 0},
		{"text ::: note\n", 0, "", 0},
		{"", 0, "", 0},
	}
	for _, tt := range tests {
		colons, rest, off := fence([]byte(tt.line))
		if colons != tt.colons || string(rest) != tt.rest || (colons > 0 && off != tt.off) {
			t.Errorf("fence(%q) = %d, %q, %d; want %d, %q, %d", tt.line, colons, rest, off, tt.colons, tt.rest, tt.off)
		}
	}
}

func TestIntAttr(t *testing.T) {
	d := &Div{Attrs: []Attr{{Key: "minutes", Value: "15"}, {Key: "title", Value: "x"}}}
	if d.IntAttr("minutes") != 15 || d.IntAttr("lines") != 0 || d.Attr("title") != "x" || d.Attr("nope") != "" {
		t.Errorf("IntAttr/Attr: %d %d %q", d.IntAttr("minutes"), d.IntAttr("lines"), d.Attr("title"))
	}
}

func TestIsBlock(t *testing.T) {
	for _, name := range []string{"facilitator", "note", "tip", "warning", "activity", "discussion", "quote", "worksheet", "answer", "selfcheck"} {
		if !IsBlock(name) {
			t.Errorf("IsBlock(%q) = false", name)
		}
	}
	for _, name := range []string{"", "challenge", "callout-note", "Note", "block"} {
		if IsBlock(name) {
			t.Errorf("IsBlock(%q) = true", name)
		}
	}
}

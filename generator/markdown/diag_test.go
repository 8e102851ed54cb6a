package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// convertDiags converts body as content/x.md starting on line 5 of its file
// (as after four lines of front matter) and returns the messages, sorted as
// the command line prints them.
func convertDiags(t *testing.T, o Options, body string) []string {
	t.Helper()
	_, ds := New(o).Convert(Source{Path: "content/x.md", Body: []byte(body), BodyLine: 5})
	ds.Sort()
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

const knownBlocks = "activity, answer, discussion, facilitator, hint, keypoints, note, quote, selfcheck, slide, solution, tab, tabs, tip, warning, worksheet"

func TestDiagnostics(t *testing.T) {
	// The nesting cap: maxDepth blocks open, the next one is refused.
	var deep strings.Builder
	for range maxDepth + 1 {
		deep.WriteString("::: note\n")
	}
	for range maxDepth + 1 {
		deep.WriteString(":::\n")
	}

	tests := []struct {
		name string
		body string
		o    Options
		want []string
	}{
		{
			name: "unknown block",
			body: "Intro.\n\n::: mystery\nText.\n:::\n",
			want: []string{`content/x.md:7:5: error: unknown block "mystery" (known: ` + knownBlocks + `)`},
		},
		{
			name: "block names are case-sensitive",
			body: "::: Note\nx\n:::\n",
			want: []string{`content/x.md:5:5: error: unknown block "Note" (known: ` + knownBlocks + `)`},
		},
		{
			name: "an alias needs [blocks.aliases]",
			body: "::: challenge\nx\n:::\n",
			want: []string{`content/x.md:5:5: error: unknown block "challenge" (known: ` + knownBlocks + `)`},
		},
		{
			name: "an alias maps onto a block and its attributes",
			body: "::: challenge {minutes=5 colour=red}\nx\n:::\n",
			o:    Options{Aliases: map[string]string{"challenge": "activity"}},
			want: []string{`content/x.md:5:26: error: unknown attribute "colour" for block "activity" (it takes at, minutes, title)`},
		},
		{
			name: "unknown block in {.name} form",
			body: "::: {.mystery}\nx\n:::\n",
			want: []string{`content/x.md:5:5: error: unknown block "mystery" (known: ` + knownBlocks + `)`},
		},
		{
			name: "unknown attribute",
			body: "::: note {colour=\"red\"}\nx\n:::\n",
			want: []string{`content/x.md:5:11: error: unknown attribute "colour" for block "note" (it takes title)`},
		},
		{
			name: "unknown attribute on a block that takes none of that name",
			body: "::: quote {by=\"A\" minutes=3}\nx\n:::\n",
			want: []string{`content/x.md:5:19: error: unknown attribute "minutes" for block "quote" (it takes by, where)`},
		},
		{
			name: "minutes=abc",
			body: "::: activity {minutes=abc}\nx\n:::\n",
			want: []string{`content/x.md:5:15: error: minutes must be a whole number from 1 to 600, not "abc"`},
		},
		{
			name: "minutes=0",
			body: "::: discussion {minutes=0}\nx\n:::\n",
			want: []string{`content/x.md:5:17: error: minutes must be a whole number from 1 to 600, not "0"`},
		},
		{
			name: "minutes too large",
			body: "::: worksheet {minutes=601}\nx\n:::\n",
			want: []string{`content/x.md:5:16: error: minutes must be a whole number from 1 to 600, not "601"`},
		},
		{
			name: "minutes with a sign",
			body: "::: activity {minutes=+5}\nx\n:::\n",
			want: []string{`content/x.md:5:15: error: minutes must be a whole number from 1 to 600, not "+5"`},
		},
		{
			name: "minutes quoted but not a number",
			body: "::: activity {minutes=\"ten\"}\nx\n:::\n",
			want: []string{`content/x.md:5:15: error: minutes must be a whole number from 1 to 600, not "ten"`},
		},
		{
			name: "answer lines out of range",
			body: "::: answer {lines=41}\n:::\n",
			want: []string{`content/x.md:5:13: error: lines must be a whole number from 1 to 40, not "41"`},
		},
		{
			name: "unclosed fence: the position of the opening fence",
			body: "Text.\n\n::: note\nStill in the note.\n",
			want: []string{`content/x.md:7:1: error: unclosed note block: add a line ::: to close it`},
		},
		{
			name: "unclosed indented fence points at the colons",
			body: "  ::: tip\nx\n",
			want: []string{`content/x.md:5:3: error: unclosed tip block: add a line ::: to close it`},
		},
		{
			name: "two unclosed fences",
			body: "::: worksheet\n\n::: answer\n",
			want: []string{
				`content/x.md:5:1: error: unclosed worksheet block: add a line ::: to close it`,
				`content/x.md:7:1: error: unclosed answer block: add a line ::: to close it`,
			},
		},
		{
			name: "unclosed unknown block is not called a block block",
			body: "::: mystery\nx\n",
			want: []string{
				`content/x.md:5:1: error: unclosed block: add a line ::: to close it`,
				`content/x.md:5:5: error: unknown block "mystery" (known: ` + knownBlocks + `)`,
			},
		},
		{
			name: "unclosed fence inside a blockquote",
			body: "> ::: note\n> x\n\nAfter.\n",
			want: []string{`content/x.md:5:3: error: unclosed note block: add a line ::: to close it`},
		},
		{
			// The block still opens, so its closing fence is not reported as
			// a stray one.
			name: "unterminated quoted attribute",
			body: "::: quote {by=\"Ann}\nx\n:::\n",
			want: []string{`content/x.md:5:15: error: the value of "by" has no closing "`},
		},
		{
			name: "unterminated single-quoted attribute",
			body: "::: quote {by='Ann}\nx\n:::\n",
			want: []string{`content/x.md:5:15: error: the value of "by" has no closing '`},
		},
		{
			name: "missing }",
			body: "::: quote {by=\"Ann\"\nx\n:::\n",
			want: []string{`content/x.md:5:20: error: attributes are not closed: add } at the end`},
		},
		{
			name: "text after the block name",
			body: "::: note please\nx\n:::\n",
			want: []string{`content/x.md:5:10: error: unexpected "please" after the block name: attributes go in {…}`},
		},
		{
			name: "text after the attributes",
			body: "::: note {title=\"a\"} extra\nx\n:::\n",
			want: []string{`content/x.md:5:21: error: unexpected text after the attributes`},
		},
		{
			name: "a bad header without a closing fence is one error, not two",
			body: "::: note please\nx\n",
			want: []string{`content/x.md:5:10: error: unexpected "please" after the block name: attributes go in {…}`},
		},
		{
			name: "attribute given twice",
			body: "::: activity {minutes=5 minutes=6}\n:::\n",
			want: []string{`content/x.md:5:25: error: attribute "minutes" is given twice`},
		},
		{
			name: "attribute without a value",
			body: "::: note {title}\nx\n:::\n",
			want: []string{`content/x.md:5:11: error: attribute "title" needs a value: write title="…"`},
		},
		{
			name: "attribute with an empty value",
			body: "::: activity {minutes=}\n:::\n",
			want: []string{`content/x.md:5:23: error: attribute "minutes" needs a value`},
		},
		{
			name: "quote inside an unquoted value",
			body: "::: note {title=a\"b}\nx\n:::\n",
			want: []string{`content/x.md:5:18: error: unexpected '"' in the value of "title": put the value in double quotes`},
		},
		{
			name: "no space between attributes",
			body: "::: note {title=\"a\"x=1}\nx\n:::\n",
			want: []string{`content/x.md:5:20: error: put a space between attributes`},
		},
		{
			name: "stray character in attributes",
			body: "::: note {@}\nx\n:::\n",
			want: []string{`content/x.md:5:11: error: unexpected '@' in attributes`},
		},
		{
			name: "curly quotes from a word processor",
			body: "::: note {“title”=1}\nx\n:::\n",
			want: []string{`content/x.md:5:11: error: unexpected '“' in attributes`},
		},
		{
			name: "two ids",
			body: "::: note {.wide #a #b}\nx\n:::\n",
			want: []string{`content/x.md:5:20: warning: a block has one id: #b is ignored`},
		},
		{
			name: "no name",
			body: "::: {title=\"x\"}\nx\n:::\n",
			want: []string{`content/x.md:5:5: error: a block needs a name: write ::: name or ::: {.name}`},
		},
		{
			name: "stray closing fence",
			body: "Para.\n\n:::\n",
			want: []string{`content/x.md:7:1: warning: a closing ::: with no open block: it is shown as text`},
		},
		{
			name: "one closing fence too many",
			body: "::: note\nx\n:::\n:::\n",
			want: []string{`content/x.md:8:1: warning: a closing ::: with no open block: it is shown as text`},
		},
		{
			// Line maxDepth+1 is refused and becomes text; its closing fence
			// then closes the innermost open block, so the last one is stray.
			name: "nesting deeper than the cap",
			body: deep.String(),
			want: []string{
				fmt.Sprintf(`content/x.md:%d:1: error: blocks are nested more than %d deep`, 5+maxDepth, maxDepth),
			},
		},
		{
			name: "self-check question with no poles and no labels",
			body: "::: selfcheck\n- Do I lead -- or manage?\n- How often do I praise the team?\n:::\n",
			want: []string{`content/x.md:7:3: warning: self-check question has no two answers (write "A — or B?") and the block has no left and right labels`},
		},
		{
			name: "self-check question with only one label",
			body: "::: selfcheck {left=\"Never\"}\n- How often do I praise the team?\n:::\n",
			want: []string{`content/x.md:6:3: warning: self-check question has no two answers (write "A — or B?") and the block has no left and right labels`},
		},
		{
			name: "self-check question without a split but with labels",
			body: "::: selfcheck {left=\"Never\" right=\"Always\"}\n- How often do I praise the team?\n:::\n",
		},
		{
			name: "self-check without a list",
			body: "Intro.\n\n::: selfcheck\nNo list here.\n:::\n",
			want: []string{`content/x.md:7:1: warning: self-check has no questions: put them in a list inside the block`},
		},
		{
			name: "columns count characters, not bytes",
			body: "::: note {title=\"Café Übung\" colour=1}\nx\n:::\n",
			want: []string{`content/x.md:5:30: error: unknown attribute "colour" for block "note" (it takes title)`},
		},
		{
			name: "CRLF line endings",
			body: "Intro.\r\n\r\n::: mystery\r\nx\r\n:::\r\n",
			want: []string{`content/x.md:7:5: error: unknown block "mystery" (known: ` + knownBlocks + `)`},
		},
		{
			name: "inside a blockquote and a list",
			body: "> - item\n>\n>   ::: mystery\n>   x\n>   :::\n",
			want: []string{`content/x.md:7:9: error: unknown block "mystery" (known: ` + knownBlocks + `)`},
		},
		{
			name: "every problem at once",
			body: "::: mystery\n:::\n\n::: note {colour=1}\n:::\n\n::: activity {minutes=0}\n:::\n\n:::\n",
			want: []string{
				`content/x.md:5:5: error: unknown block "mystery" (known: ` + knownBlocks + `)`,
				`content/x.md:8:11: error: unknown attribute "colour" for block "note" (it takes title)`,
				`content/x.md:11:15: error: minutes must be a whole number from 1 to 600, not "0"`,
				`content/x.md:14:1: warning: a closing ::: with no open block: it is shown as text`,
			},
		},
		{
			name: "colons in code are not fences",
			body: "```\n::: mystery\n:::\n```\n\n    ::: mystery\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := convertDiags(t, tt.o, tt.body)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Markdown:\n%s\ngot:\n  %s\nwant:\n  %s", tt.body, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestDiagnosticsSeverity checks that warnings alone do not fail a build.
func TestDiagnosticsSeverity(t *testing.T) {
	_, ds := New(Options{}).Convert(Source{Path: "x.md", Body: []byte(":::\n")})
	if len(ds) != 1 || ds.HasErrors() {
		t.Errorf("a stray fence: got %v, want one warning", ds)
	}
	_, ds = New(Options{}).Convert(Source{Path: "x.md", Body: []byte("::: mystery\n:::\n")})
	if !ds.HasErrors() {
		t.Errorf("an unknown block: got %v, want an error", ds)
	}
}

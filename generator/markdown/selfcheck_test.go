package markdown

import (
	"strings"
	"testing"
)

func TestSplitQuestion(t *testing.T) {
	tests := []struct {
		name, in    string
		left, right string
		ok          bool
	}{
		{"em dash with spaces", "Do I tell — or do I ask?", "Do I tell", "Do I ask", true},
		{"em dash without spaces", "Do my team members follow me because they have to—or because they want to?", "Because they have to", "Because they want to", true},
		{"en dash", "Do I focus on tasks – or on people?", "On tasks", "On people", true},
		{"en dash without spaces", "Tasks–or people?", "Tasks", "People", true},
		{"double hyphen", "Do I tell -- or do I ask?", "Do I tell", "Do I ask", true},
		{"double hyphen without spaces", "Do I tell--or do I ask?", "Do I tell", "Do I ask", true},
		{"triple hyphen, an em dash to smart punctuation", "Do I tell --- or do I ask?", "Do I tell", "Do I ask", true},
		{"Or capitalised", "Orders — Or questions?", "Orders", "Questions", true},
		{"OR in capitals", "Orders — OR questions?", "Orders", "Questions", true},
		{"comma before the dash", "Do I get angry, — or do I help?", "Do I get angry", "Do I help", true},
		{"full stop at the end", "Pressure — or encouragement.", "Pressure", "Encouragement", true},
		{"surrounding space", "  Pressure — or encouragement?  ", "Pressure", "Encouragement", true},
		{"stem trimmed at the right pole's first word", "When someone misses a deadline, do I get angry—or do I try to help solve the problem?", "Do I get angry", "Do I try to help solve the problem", true},
		{"stem trimmed to the right pole's length", "Do I spend more time giving orders—or asking questions and listening?", "More time giving orders", "Asking questions and listening", true},
		{"stem trimmed to two words at least", "Do I make people feel pressured—or encouraged?", "Feel pressured", "Encouraged", true},
		{"markdown emphasis dropped", "Do I **tell** — or do I *ask*?", "Do I tell", "Do I ask", true},
		{"code marks dropped", "Do I use `git push` — or `git pull`?", "Git push", "Git pull", true},
		{"underscores dropped", "Do I __tell__ — or do I ask?", "Do I tell", "Do I ask", true},
		{"stem kept when the right pole's first word starts it", "Do I get angry—or do I help?", "Do I get angry", "Do I help", true},
		{"non-ASCII first letter capitalised", "Do I praise -- or éclairer?", "I praise", "Éclairer", true},
		{"the first dash without or is skipped", "Two options — both fine — or neither?", "Both fine", "Neither", true},
		{"an en dash inside the text", "Is the 9–5 day fixed — or flexible?", "Day fixed", "Flexible", true},

		{"no split", "How often do I praise the team?", "", "", false},
		{"dash without or", "Do I — sometimes — ask?", "", "", false},
		{"or without a dash", "Do I tell or ask?", "", "", false},
		{"a word starting with or", "Do I tell — orchestrate?", "", "", false},
		{"nothing before the dash", "— or ask?", "", "", false},
		{"nothing after or", "Do I tell — or ?", "", "", false},
		{"or at the very end", "Do I tell — or", "", "", false},
		{"single hyphen", "Do I tell - or ask?", "", "", false},
		{"empty", "", "", "", false},
		{"invalid UTF-8 in the right pole", "00 --or \x850", "00", "\uFFFD0", true},
		{"invalid UTF-8 in the left pole", "\xff a -- or b", "\uFFFD a", "B", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, r, ok := SplitQuestion(tt.in)
			if l != tt.left || r != tt.right || ok != tt.ok {
				t.Errorf("SplitQuestion(%q) = %q, %q, %v; want %q, %q, %v", tt.in, l, r, ok, tt.left, tt.right, tt.ok)
			}
		})
	}
}

func TestSplitQuestionMultiLine(t *testing.T) {
	// A question continued on a second line is split on the joined text.
	doc := convert(t, Options{}, "::: selfcheck\n- Do I spend my day giving\n  orders -- or asking questions?\n:::\n")
	html := string(doc.HTML.Bytes(Attendee))
	if !contains(html, `<span class="pole pole-left">Giving orders</span>`, `<span class="pole pole-right">Asking questions</span>`) {
		t.Errorf("poles not found:\n%s", html)
	}
}

func TestSelfcheckQuestionIDs(t *testing.T) {
	// Ids number the questions of each self-check across its lists, so an
	// attendee's saved answer stays with its question.
	doc := convert(t, Options{}, "::: selfcheck {left=\"L\" right=\"R\"}\n- a\n- b\n\nText.\n\n1. c\n:::\n\n::: selfcheck {left=\"L\" right=\"R\"}\n- d\n:::\n")
	html := string(doc.HTML.Bytes(Attendee))
	if !contains(html, `data-question="selfcheck-1-q1"`, `data-question="selfcheck-1-q2"`, `data-question="selfcheck-1-q3"`, `data-question="selfcheck-2-q1"`, "<ol>\n<li class=\"question\"") {
		t.Errorf("question ids:\n%s", html)
	}
}

func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

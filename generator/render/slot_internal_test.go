package render

import "testing"

func TestBreakName(t *testing.T) {
	for title, want := range map[string]string{
		"Coffee break":   "the coffee break",
		"Break":          "the break",
		"Lunch":          "lunch",
		"Lunch at noon":  "lunch at noon",
		"The long break": "the long break",
		"Q&A with Sam":   "the Q&A with Sam",
		"AI demo":        "the AI demo",
	} {
		if got := breakName(title); got != want {
			t.Errorf("breakName(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestClockTag(t *testing.T) {
	if got, want := string(clockTag(defaultLocale, 2, 545, false)), `<time class="clock" data-day="2" data-min="545">09:05</time>`; got != want {
		t.Errorf("clockTag = %s, want %s", got, want)
	}
	if got, want := string(clockTag(defaultLocale, 1, 600, true)), `<time class="clock" data-day="1" data-min="600" data-est>≈10:00</time>`; got != want {
		t.Errorf("clockTag estimated = %s, want %s", got, want)
	}
}

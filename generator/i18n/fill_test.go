package i18n

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

var updateClock = flag.Bool("update-clock", false, "rewrite testdata/clock-phrases.txt")

// TestFillChoice: {N|a|b} takes a when the first number in argument N is
// 1, else b; anything else that looks like it stays as written.
func TestFillChoice(t *testing.T) {
	for _, c := range []struct {
		s    string
		args []any
		want string
	}{
		{"a {1|la|las} {1}", []any{"1:00"}, "a la 1:00"},
		{"a {1|la|las} {1}", []any{"01:30"}, "a la 01:30"},
		{"a {1|la|las} {1}", []any{"1:30\u00a0p.\u00a0m."}, "a la 1:30\u00a0p.\u00a0m."},
		{"a {1|la|las} {1}", []any{"13:00"}, "a las 13:00"},
		{"a {1|la|las} {1}", []any{"12:30\u00a0a.\u00a0m."}, "a las 12:30\u00a0a.\u00a0m."},
		{"a {1|la|las} {1}", []any{"00:15"}, "a las 00:15"},
		{"a {1|la|las} {1}", []any{"10:00"}, "a las 10:00"},
		{"{1|all’|alle }{1}", []any{"1:00"}, "all’1:00"},
		{"{1|all’|alle }{1}", []any{"11:00"}, "alle 11:00"},
		{"{2} {2|día|días}", []any{"x", 1}, "1 día"},
		{"{2} {2|día|días}", []any{"x", 21}, "21 días"},
		{"{1|واحد|غير}", []any{"١:٠٠"}, "واحد"},
		{"{1|واحد|غير}", []any{"١٣:٠٠"}, "غير"},
		{"{1|a|b}", nil, "b"},                       // no argument: not one
		{"{1|a}", []any{"1"}, "{1|a}"},              // not a choice
		{"{1|a|b|c}", []any{"1"}, "{1|a|b|c}"},      // nor this
		{"{1|a{2}|b}", []any{"1", "z"}, "{1|az|b}"}, // nor this: the {2} is filled
	} {
		if got := Fill(c.s, c.args...); got != c.want {
			t.Errorf("Fill(%q, %q) = %q, want %q", c.s, c.args, got, c.want)
		}
	}
}

// timeKeys are the strings that put a time after a preposition, with the
// number of the placeholder that holds the time.
var timeKeys = []struct {
	key string
	at  int // the time's placeholder
}{
	{"ends_at", 1}, {"planned", 1}, {"back_at", 1}, {"planned_at", 1}, {"on_plan", 1},
	{"running_late", 2}, {"running_early", 2}, {"starts_tomorrow", 1}, {"day_starts_tomorrow", 2},
	{"starts_on", 2}, {"day_ended", 1}, {"ended_at", 1}, {"until", 2},
}

// TestClockArticles: where Spanish, Portuguese and Italian put an article
// before a time, it agrees with the hour, on both clocks: "a la 1:00" and
// "a las 3:00", "à 1:00" and "às 3:00", "all’1:00" and "alle 3:00". The
// phrases of every language at 1, 3 and 13 o'clock are in a golden file.
func TestClockArticles(t *testing.T) {
	for _, c := range []struct {
		lang, clock string
		key         string
		min         int
		want        string
	}{
		{"es", "24h", "ends_at", 60, "Termina a la 01:00"},
		{"es", "24h", "ends_at", 3 * 60, "Termina a las 03:00"},
		{"es", "24h", "ends_at", 13 * 60, "Termina a las 13:00"},
		{"es", "12h", "ends_at", 13*60 + 30, "Termina a la 1:30\u00a0{pm}"},
		{"es", "12h", "ends_at", 15 * 60, "Termina a las 3:00\u00a0{pm}"},
		{"es", "12h", "until", 13 * 60, "X, hasta la 1:00\u00a0{pm}"},
		{"es", "24h", "until", 14 * 60, "X, hasta las 14:00"},
		{"es", "12h", "back_at", 60, "Volvemos a la 1:00\u00a0{am}"},
		{"pt", "24h", "ends_at", 60, "Termina à 01:00"},
		{"pt", "24h", "ends_at", 13 * 60, "Termina às 13:00"},
		{"pt", "12h", "until", 13 * 60, "X, até à 1:00\u00a0{pm}"},
		{"it", "24h", "ends_at", 60, "Finisce all’01:00"},
		{"it", "12h", "ends_at", 13 * 60, "Finisce all’1:00\u00a0{pm}"},
		{"it", "24h", "ends_at", 13 * 60, "Finisce alle 13:00"},
		{"fr", "24h", "ends_at", 60, "Fin à 01:00"},
	} {
		l, err := New(c.lang, c.clock, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if c.key == "until" {
			got = l.T(c.key, "X", l.Clock(c.min))
		} else {
			got = l.T(c.key, l.Clock(c.min))
		}
		want := strings.NewReplacer("{am}", l.T("clock_am"), "{pm}", l.T("clock_pm")).Replace(c.want)
		if got != want {
			t.Errorf("%s %s %s at %d: got %q, want %q", c.lang, c.clock, c.key, c.min, got, want)
		}
	}

	// No string of these languages puts a bare plural article before a
	// time: each chooses by the hour.
	bare := map[string]*regexp.Regexp{
		"es": regexp.MustCompile(`\blas \{\d\}`),
		"pt": regexp.MustCompile(`às \{\d\}`),
		"it": regexp.MustCompile(`\balle \{\d\}`),
	}
	for tag, re := range bare {
		for _, k := range timeKeys {
			if s := builtins[tag][k.key].Forms["other"]; re.MatchString(s) {
				t.Errorf("%s %s: %q puts an article before the time that cannot agree with 1 o'clock", tag, k.key, s)
			}
		}
	}

	var b strings.Builder
	for _, tag := range Builtin {
		for _, clock := range []string{"24h", "12h"} {
			l, _ := New(tag, clock, nil)
			for _, k := range timeKeys {
				for _, m := range []int{60, 3 * 60, 13 * 60} {
					args := []any{"X", "Y", "Z", 2}
					args[k.at-1] = l.Clock(m)
					fmt.Fprintf(&b, "%s %s %s %s\n", tag, clock, k.key, l.T(k.key, args...))
				}
			}
		}
	}
	golden := "testdata/clock-phrases.txt"
	if *updateClock {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("the clock phrases differ from %s (run with -update-clock after checking):\n%s", golden, b.String())
	}
}

// TestDigits: Arabic writes its times, dates, durations and counts in
// Arabic-Indic digits, CLDR's default numbering system for ar as
// golang.org/x/text has it; a tag may ask for 0 to 9 (-u-nu-latn), and a
// region whose default is Latin gets it (ar-MA). The other built-in
// languages write 0 to 9.
func TestDigits(t *testing.T) {
	ar, _ := New("ar", "", nil)
	if !ar.Native() || ar.Zero != '٠' {
		t.Fatalf("ar's zero is %q", ar.Zero)
	}
	for got, want := range map[string]string{
		ar.LongDate(2026, time.December, 10): "الخميس، ١٠ ديسمبر ٢٠٢٦",
		ar.Duration(95):                      "١ س ٣٥ د",
		ar.N("minutes_n", 12):                "١٢ دقيقة",
		ar.T("day_n", 2):                     ar.Digits(strings.ReplaceAll(ar.T("day_n"), "{1}", "2")),
		ar.Num(2026):                         "٢٠٢٦",
		ar.T("ends_at", ar.Clock(13*60)):     "ينتهي ١:٠٠\u00a0م",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	if !strings.Contains(ar.ScriptJSON(), `"zero":"٠"`) {
		t.Errorf("the scripts are not given Arabic's digits: %s", ar.ScriptJSON()[:80])
	}
	for _, tag := range []string{"ar-u-nu-latn", "ar-MA", "en", "es", "fr", "de", "pt", "nl", "it", "he"} {
		l, err := New(tag, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		var given struct{ Zero string }
		json.Unmarshal([]byte(l.ScriptJSON()), &given)
		if l.Native() || l.Num(2026) != "2026" || given.Zero != "" {
			t.Errorf("%s writes %q (zero %q)", tag, l.Num(2026), l.Zero)
		}
	}
	if eg, _ := New("ar-EG-u-nu-arab", "", nil); eg.Num(2026) != "٢٠٢٦" {
		t.Errorf("ar-EG-u-nu-arab writes %q", eg.Num(2026))
	}
	if fa, _ := New("fa", "", nil); fa.Num(2026) != "۲۰۲۶" {
		t.Errorf("fa writes %q", fa.Num(2026))
	}
}

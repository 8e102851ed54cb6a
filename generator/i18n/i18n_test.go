package i18n

import (
	"strings"
	"testing"
	"time"
)

// Every built-in catalogue has every key of English, a counted string has
// the forms its language's plural rules use, and no catalogue has a key
// English lacks.
func TestCataloguesComplete(t *testing.T) {
	en := builtins["en"]
	if len(en) < 150 {
		t.Fatalf("English has %d strings: the catalogue did not load", len(en))
	}
	for name, c := range builtins {
		for k := range c {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: key %q is not in English", name, k)
			}
		}
		if strings.Contains(name, "-") {
			continue // a region's catalogue changes a few strings
		}
		for k, m := range en {
			got, ok := c[k]
			if !ok {
				t.Errorf("%s: key %q is missing", name, k)
				continue
			}
			if len(m.Forms) > 1 && len(got.Forms) == 1 {
				t.Errorf("%s: key %q counts, so it needs plural forms", name, k)
			}
			for i := 1; i <= 4; i++ {
				ph := "{" + string(rune('0'+i)) + "}"
				if strings.Contains(m.Forms["other"], ph) != strings.Contains(got.Forms["other"], ph) && !(len(m.Forms) > 1) {
					t.Errorf("%s: key %q: English has %s and %q does not agree", name, k, ph, got.Forms["other"])
				}
			}
		}
	}
	for _, tag := range Builtin {
		if builtins[tag] == nil {
			t.Errorf("no built-in catalogue for %s", tag)
		}
	}
}

func TestPluralsFollowCLDR(t *testing.T) {
	ar, _ := New("ar", "", nil)
	// Arabic counts in Arabic-Indic digits, CLDR's default for ar.
	cases := map[int]string{0: "لا وحدات", 1: "وحدة واحدة", 2: "وحدتان", 3: "٣ وحدات", 11: "١١ وحدة", 100: "١٠٠ وحدة"}
	for n, want := range cases {
		if got := ar.N("modules_n", n); got != want {
			t.Errorf("ar %d: got %q, want %q", n, got, want)
		}
	}
	en, _ := New("en", "", nil)
	if got := en.N("modules_n", 1); got != "1 module" {
		t.Errorf("en 1: %q", got)
	}
	if got := en.N("modules_n", 0); got != "0 modules" {
		t.Errorf("en 0: %q", got)
	}
	fr, _ := New("fr", "", nil)
	if got := fr.N("modules_n", 0); got != "0 module" { // French counts 0 as one
		t.Errorf("fr 0: %q", got)
	}
}

func TestClockAndDate(t *testing.T) {
	for _, c := range []struct {
		lang, clock string
		min         int
		want        string
	}{
		{"en", "", 9*60 + 5, "09:05"},
		{"en-US", "", 9*60 + 5, "9:05\u00a0AM"},
		{"en-US", "", 13*60 + 30, "1:30\u00a0PM"},
		{"en-US", "", 0, "12:00\u00a0AM"},
		{"en-US", "24h", 13*60 + 30, "13:30"},
		{"es", "", 13*60 + 30, "13:30"},
		{"es", "12h", 13*60 + 30, "1:30\u00a0p.\u00a0m."},
		{"es-MX", "", 12*60 + 30, "12:30\u00a0p.\u00a0m."},
		{"de-AT", "", 12*60 + 30, "12:30"},
		{"ar", "", 9 * 60, "٩:٠٠\u00a0ص"},
		{"ar", "24h", 13*60 + 5, "١٣:٠٥"},
		{"ar-u-nu-latn", "", 9 * 60, "9:00\u00a0ص"},
		{"ar-MA", "24h", 13*60 + 5, "13:05"},
	} {
		l, err := New(c.lang, c.clock, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.ReplaceAll(c.want, "p.\u00a0m.", "p. m.")
		if got := l.Clock(c.min); got != want {
			t.Errorf("%s %s %d: got %q, want %q", c.lang, c.clock, c.min, got, want)
		}
	}
	es, _ := New("es", "", nil)
	if got := es.LongDate(2026, time.December, 10); got != "jueves, 10 de diciembre de 2026" {
		t.Errorf("es date: %q", got)
	}
	us, _ := New("en-US", "", nil)
	if got := us.LongDate(2026, time.December, 10); got != "Thursday, December 10, 2026" {
		t.Errorf("en-US date: %q", got)
	}
	en, _ := New("en-GB", "", nil)
	if got := en.LongDate(2026, time.December, 10); got != "Thursday 10 December 2026" {
		t.Errorf("en-GB date: %q", got)
	}
	if got := es.Duration(90); got != "1 h 30 min" {
		t.Errorf("es duration: %q", got)
	}
}

func TestTagsAndOverrides(t *testing.T) {
	if _, err := New("not a tag!", "", nil); err == nil {
		t.Error("a bad tag was taken")
	}
	ar, _ := New("ar-EG", "", nil)
	if !ar.RTL || ar.Dir() != "rtl" {
		t.Error("Arabic is not right to left")
	}
	he, _ := New("he", "", nil)
	if !he.RTL || he.T("contents") != "Contents" {
		t.Errorf("Hebrew: rtl %v, falls back to %q", he.RTL, he.T("contents"))
	}
	kit := Overrides{
		"es":    {"contents": {Forms: map[string]string{"other": "Sumario"}}},
		"es-MX": {"next": {Forms: map[string]string{"other": "Sigue"}}},
	}
	mx, _ := New("es-MX", "", kit)
	if mx.T("contents") != "Sumario" || mx.T("next") != "Sigue" || mx.T("previous") != "Anterior" {
		t.Errorf("overrides: %q %q %q", mx.T("contents"), mx.T("next"), mx.T("previous"))
	}
	pt, _ := New("pt-BR", "", nil)
	if pt.T("download_answers") != "Baixar minhas respostas" || pt.T("contents") != "Índice" {
		t.Errorf("pt-BR: %q %q", pt.T("download_answers"), pt.T("contents"))
	}
	if m := Missing("he", Overrides{"he": {"contents": {}}}); len(m) != len(Keys())-1 {
		t.Errorf("Hebrew lacks %d keys, want %d", len(m), len(Keys())-1)
	}
	if m := Missing("es", nil); len(m) != 0 {
		t.Errorf("Spanish lacks %v", m)
	}
	if got := fill("{1} of {2} {x} {", []any{1, "two"}); got != "1 of two {x} {" {
		t.Errorf("fill: %q", got)
	}
}

func TestScriptJSON(t *testing.T) {
	es, _ := New("es", "", nil)
	j := es.ScriptJSON()
	for _, want := range []string{`"lang":"es"`, `"download_answers":"Descargar mis respuestas"`, `"month_12":"diciembre"`} {
		if !strings.Contains(j, want) {
			t.Errorf("script strings lack %s", want)
		}
	}
	for _, k := range scriptKeys {
		if !Known(k) {
			t.Errorf("script key %q is not in the catalogue", k)
		}
	}
}

package i18n

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Clock writes minutes after midnight as the language's clock does:
// "09:30", or "9:30 AM" on a 12-hour clock, in the language's digits
// ("٩:٣٠ ص"); "" for no time.
func (l *Locale) Clock(m int) string {
	if m < 0 {
		return ""
	}
	h, min := (m/60)%24, m%60
	var b strings.Builder
	b.Grow(12)
	if !l.H12 {
		b.WriteByte(byte('0' + h/10))
		b.WriteByte(byte('0' + h%10))
	} else {
		h12 := h % 12
		if h12 == 0 {
			h12 = 12
		}
		b.WriteString(strconv.Itoa(h12))
	}
	b.WriteByte(':')
	b.WriteByte(byte('0' + min/10))
	b.WriteByte(byte('0' + min%10))
	if l.H12 {
		b.WriteString("\u00a0") // the time and its AM stay on one line
		if h < 12 {
			b.WriteString(l.T("clock_am"))
		} else {
			b.WriteString(l.T("clock_pm"))
		}
	}
	return l.Digits(b.String())
}

// Duration writes minutes for people: "45 min", "1 h 30 min".
func (l *Locale) Duration(m int) string {
	switch {
	case m < 60:
		return l.T("dur_min", m)
	case m%60 == 0:
		return l.T("dur_h", m/60)
	}
	return l.T("dur_h_min", m/60, m%60)
}

// LongDate writes a day for people in the language: "Thursday 10
// December 2026", "jueves, 10 de diciembre de 2026".
func (l *Locale) LongDate(y int, m time.Month, d int) string {
	wd := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday()
	return l.T("date_long", l.T("weekday_"+strconv.Itoa(int(wd))), d, l.T("month_"+strconv.Itoa(int(m))), y)
}

// scriptKeys are the strings the theme's scripts (lectern.js, search.js)
// show, which a page gives them (ScriptJSON) so that the scripts hold no
// words of their own.
var scriptKeys = []string{
	"ahead", "answers_cleared", "back_to_plan", "behind", "blanked", "choose_one", "clock_am",
	"clock_pm", "date_long", "date_long_this_year", "day_ended", "day_shifted", "day_start_shift",
	"day_starts_on", "day_starts_tomorrow", "download_answers", "download_note", "downloaded",
	"dur_h", "dur_h_min", "dur_min", "end_of_workshop", "ended_on", "go_to_slide", "halfway",
	"halfway_left", "left", "left_unit", "minutes_n", "my_answers", "next_end_of_day", "next_item",
	"no_date", "no_date_agenda", "not_started_hint", "nothing_written", "now_item", "now_not_started",
	"now_nothing", "of_five", "on_plan", "on_time", "on_time_drift", "over_unit", "overrun_by",
	"paused", "planned_at", "running_early", "running_late", "saved_from", "search_found",
	"search_found_more", "search_hint", "search_none", "search_page_found", "search_page_none",
	"search_searching", "search_short", "search_unavailable", "seconds_n", "selfcheck",
	"start_now", "starts_on", "starts_tomorrow", "tab_n", "table_scrolls", "tally_empty",
	"tally_lean", "ticked_all", "ticked_some", "time_up", "time_up_for", "time_up_paused",
	"time_up_said", "timer_exit_fullscreen", "timer_fullscreen", "timer_keys", "timer_label",
	"timer_label_for", "timer_mute", "timer_pause", "timer_reset", "timer_resume", "timer_start",
	"timer_unit", "today_day_status", "today_status", "until", "your_answers",
}

func init() {
	for m := 1; m <= 12; m++ {
		scriptKeys = append(scriptKeys, "month_"+strconv.Itoa(m))
	}
	for d := 0; d < 7; d++ {
		scriptKeys = append(scriptKeys, "weekday_"+strconv.Itoa(d))
	}
}

// ScriptJSON is what the theme's scripts read from the page: the
// language, its clock, its digits and its strings (a counted string as
// its forms).
func (l *Locale) ScriptJSON() string {
	type out struct {
		Lang string `json:"lang"`
		H12  bool   `json:"h12"`
		// Zero is the language's digit zero when it is not 0: the
		// scripts write times and counts in its digits, as the pages do.
		Zero    string         `json:"zero,omitempty"`
		Strings map[string]any `json:"strings"`
	}
	o := out{Lang: l.Lang, H12: l.H12, Strings: map[string]any{}}
	if l.Native() {
		o.Zero = string(l.Zero)
	}
	for _, k := range scriptKeys {
		r := l.msgs[k]
		if r == nil {
			continue
		}
		if r.forms != nil {
			o.Strings[k] = r.forms
		} else {
			o.Strings[k] = r.other
		}
	}
	b, _ := json.Marshal(o)
	// The JSON sits in a script element: no "</" may end it early.
	return strings.ReplaceAll(string(b), "</", `<\/`)
}

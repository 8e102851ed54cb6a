package kit

import (
	"fmt"
	"time"
)

// Date is a calendar day, written in TOML as a local date without quotes:
// date = 2026-12-10. The zero Date is no date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
	// bad says what the TOML held instead of a date (e.g. "text in
	// quotes"), from decoding until the loader reports it at its position:
	// failing the decode would lose every other problem of the file.
	bad string
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String is the date as TOML and the browser write it: "2026-12-10".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time is the date's midnight in UTC, for arithmetic and formatting.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays is the date n calendar days later.
func (d Date) AddDays(n int) Date { return dateOf(d.Time().AddDate(0, 0, n)) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// Weekday is the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

func dateOf(t time.Time) Date {
	y, m, day := t.Date()
	return Date{Year: y, Month: m, Day: day}
}

// UnmarshalTOML takes a TOML local date. Anything else is kept as a
// problem for the loader, which knows the file and the key's position.
func (d *Date) UnmarshalTOML(v any) error {
	*d = Date{}
	t, ok := v.(time.Time)
	switch {
	case !ok:
		d.bad = tomlKind(v)
		if s, isStr := v.(string); isStr {
			if _, err := time.Parse(time.DateOnly, s); err == nil {
				d.bad = "quoted" // the right day, written as text
			}
		}
	// BurntSushi/toml marks what a TOML value left out by the zone's name:
	// a local date carries "date-local", a time of day "time-local".
	case t.Location().String() == "date-local":
		d.Year, d.Month, d.Day = t.Date()
	case t.Location().String() == "time-local":
		d.bad = "a time of day"
	default:
		d.bad = "a date and time"
	}
	return nil
}

// problem is the message for a date that did not decode, or "".
func (d Date) problem(key string) string {
	switch d.bad {
	case "":
		return ""
	case "quoted":
		return fmt.Sprintf("%s is a date, written without quotes: %s = 2026-12-10", key, key)
	}
	return fmt.Sprintf("%s must be a date like %s = 2026-12-10 (no quotes, no time of day), not %s", key, key, d.bad)
}

// tomlKind names the type of a decoded TOML value for people, as typeName
// names Go types.
func tomlKind(v any) string {
	switch v.(type) {
	case string:
		return "text in quotes"
	case int64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

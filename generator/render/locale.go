package render

import (
	"sync"

	"lectern/generator/i18n"
	"lectern/generator/markdown"
)

// The words the renderer writes itself (page titles, the tools' names,
// the notes that place a module in the day) come from the site's Locale,
// like the theme's: t is the one lookup.

// t is the site's string of key (i18n.Locale.T).
func (s *Site) t(key string, args ...any) string { return s.loc.T(key, args...) }

// localTools are toolLinks in the site's language, made once per site.
type localTools struct {
	once  sync.Once
	links [2][]NavItem
}

// toolLinksIn are toolLinks with each title and line about the page in
// loc's language: a tool's strings are keyed by its kind of page
// (tool_agenda, about_agenda); a kind the catalogue lacks keeps its own.
func toolLinksIn(loc *i18n.Locale) (t [2][]NavItem) {
	for _, e := range []markdown.Edition{markdown.Attendee, markdown.Facilitator} {
		t[e] = make([]NavItem, len(toolLinks[e]))
		for i, l := range toolLinks[e] {
			if k := toolKind(l.URL); k != nil && i18n.Known("tool_"+k.name) {
				l.Title = loc.T("tool_" + k.name)
				l.About = loc.T("about_" + k.name)
			}
			t[e][i] = l
		}
	}
	return t
}

// toolLinks is the tool links of edition e in the site's language.
func (s *Site) toolLinks(e markdown.Edition) []NavItem {
	s.tools18n.once.Do(func() { s.tools18n.links = toolLinksIn(s.loc) })
	return s.tools18n.links[e]
}

// perTerm is a count per person, group or another unit: "4 per person".
func (s *Site) perTerm(count int, per string) string {
	switch per {
	case "person":
		return s.t("per_person_short", count)
	case "group":
		return s.t("per_group_short", count)
	}
	return s.t("per_other", count, per)
}

// breakName is a break's title inside a sentence. English makes it a
// phrase ("after the coffee break"); the other catalogues quote it as it
// is written.
func (s *Site) breakName(title string) string {
	if base, _ := s.loc.Tag.Base(); base.String() == "en" {
		return breakName(title)
	}
	return title
}

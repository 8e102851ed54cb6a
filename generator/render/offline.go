package render

// OfflineZip is the output path of the offline copy of the attendee site
// ("save for offline"), at the output root: lectern-<kit>.zip. It is "" when
// the build has no attendee edition. The publish stage writes the ZIP; the
// attendee home page links to it.
func (s *Site) OfflineZip() string {
	if !s.hasAttendee() {
		return ""
	}
	return "lectern-" + s.kitID + ".zip"
}

// offlineLink is the link to the ZIP, relative to the page, on the page that
// offers it (PageRef.OffersOffline), or "": on other pages, and on the copy
// of that page inside the ZIP itself.
func (s *Site) offlineLink(p PageRef, up string) string {
	if !p.OffersOffline() || p.InZip {
		return ""
	}
	if z := s.OfflineZip(); z != "" {
		return up + escapePath(z)
	}
	return ""
}

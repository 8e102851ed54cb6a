package render

// searchPage is the search page: search.js reads its ?q= and lists every
// result; the page itself holds only the form.
func (s *Site) searchPage(p PageRef, d *Data) {
	d.Title = s.t("search_title")
}

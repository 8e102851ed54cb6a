// Package a11y holds the accessibility tests of the built-in theme, run in
// a real browser: axe-core (the npm package, injected into headless
// Chromium) checks its WCAG 2.2 A and AA rules on every page type (home,
// part, module, handout, worksheets, quotes, and the facilitator's module,
// run-sheet, guide, materials and projector view) in light and in dark
// mode, and the attendee search is used by keyboard alone, from file://, at
// desktop and phone widths.
//
// The package has no code of its own: start with a11y_test.go (axe) and
// search_test.go. The tests skip when Chromium or axe-core is missing, and
// fail instead when LECTERN_REQUIRE_BROWSER is set; LECTERN_AXE names
// axe.min.js (see lectern/generator/internal/chromiumtest).
package a11y

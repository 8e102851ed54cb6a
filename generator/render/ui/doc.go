// Package ui holds the real-browser tests of the built-in theme: the
// behaviour of themes/default/assets/lectern.js and the layout of style.css,
// checked in headless Chromium (driven with chromedp) on the sample kit and
// on small kits written for a test.
//
// The package has no code of its own. The tests skip when Chromium is not
// installed, and fail instead when LECTERN_REQUIRE_BROWSER is set (see
// lectern/generator/internal/chromiumtest). With LECTERN_SHOTS set to a folder,
// TestScreenshots saves screenshots of the main pages there for people to
// look at, TestTimerScreenshots those of the timers, and
// TestRunSheetScreenshots the run-sheet, the dashboard and a module page on
// the workshop's day (running late) and before it.
package ui

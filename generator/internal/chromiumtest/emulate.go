package chromiumtest

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Print makes the page use its print styles (on) or its screen styles
// again (off), as printing it would, without printing.
func Print(t testing.TB, ctx context.Context, on bool) {
	t.Helper()
	media := ""
	if on {
		media = "print"
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		t.Fatal(err)
	}
}

// NoScript turns the pages' own scripts off (on) or on again (off) for the
// pages opened next; expressions the test evaluates still run.
func NoScript(t testing.TB, ctx context.Context, on bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: on}); err != nil {
		t.Fatal(err)
	}
}

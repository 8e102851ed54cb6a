package render

import (
	"bytes"
	"testing"

	"lectern/generator/internal/kitgen"
)

// TestConversionsDamaged builds a kit from conversions written and then
// damaged, a byte at a time at places spread over them, or cut short: the
// site is always the one New makes without them. A damaged page is
// converted again; damage outside the pages means nothing is taken.
func TestConversionsDamaged(t *testing.T) {
	dir := t.TempDir()
	if err := kitgen.Write(dir, kitgen.Options{Modules: 6, Parts: 2, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	k, th := loadKitTheme(t, dir)
	want, werrs := New(k, th, Options{})
	var buf bytes.Buffer
	if _, err := want.Conversions().WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if c := ReadConversions(good); c == nil || len(c.pages) != len(want.conversions.pages) {
		t.Fatal("conversions not read back whole")
	}
	var damaged [][]byte
	for _, n := range []int{0, 10, len(good) / 2, len(good) - 1} {
		damaged = append(damaged, good[:n:n])
	}
	for i := 1; i < len(good); i += len(good)/25 + 1 {
		for _, v := range []byte{0, 0xff} {
			b := bytes.Clone(good)
			b[i] ^= v | 1
			damaged = append(damaged, b)
		}
	}
	taken := 0
	for i, b := range damaged {
		before := ReadConversions(b)
		if before != nil {
			for _, c := range before.pages {
				c.decode() // on its own too: never a panic
			}
			before = ReadConversions(bytes.Clone(b))
		}
		got, gerrs := New(k, th, Options{Before: before})
		if gerrs.Error() != werrs.Error() {
			t.Errorf("damage %d: problems %q, want %q", i, gerrs.Error(), werrs.Error())
		}
		sameSite(t, "damage", got, want)
		for src, c := range got.conversions.pages {
			if before != nil && before.pages[src] == c {
				taken++
			}
		}
	}
	if taken == 0 {
		t.Error("no damaged conversions served any page: the test does not test taking them")
	}
}

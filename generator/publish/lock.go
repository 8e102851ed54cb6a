package publish

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"lectern/generator/diag"
	"lectern/generator/render"
)

// A locked build ([facilitator] lock in site.toml) encrypts every file of
// the facilitator edition with AES-256-GCM under a key derived from a
// passphrase with PBKDF2-SHA-256: what the browser's Web Crypto API undoes,
// from a static host or from file://. A page becomes a small page that
// asks for the passphrase, holds the encrypted page and, given the right
// passphrase, writes the page in its place (lock.js); a script (the search
// index) becomes one that runs its plaintext once the page is open; any
// other file is its encrypted bytes behind lockedMagic. One salt serves a
// whole build, so that one key opens every page of it, and a new one each
// build; every file has a fresh random nonce.

// LockIterations is PBKDF2's iteration count: OWASP's figure for
// PBKDF2-HMAC-SHA-256 (2023). The locked page names it, so a later build
// may raise it.
const LockIterations = 600_000

// MinPassphrase is the shortest passphrase a locked build accepts, in
// characters. The encrypted pages can be guessed at offline, as fast as
// PBKDF2 allows: length is what holds.
const MinPassphrase = 12

// lockedMagic opens a locked file that is neither a page nor a script.
var lockedMagic = []byte("LECTERN-LOCKED\x01")

//go:embed lock.js
var lockSource string

// lockScript is lock.js without its comments and indentation: every
// locked page holds a copy.
var lockScript = sync.OnceValue(func() string {
	var b strings.Builder
	for _, l := range strings.Split(lockSource, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "//") {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
})

// locker encrypts the files of one build.
type locker struct {
	aead cipher.AEAD
	salt []byte
	// head and tail are the locked page around its encrypted page: the
	// same for every page of a build.
	head, tail []byte
}

// newLocker derives the build's key from passphrase under a fresh salt;
// title and lang are the kit's, which a locked page shows.
func newLocker(passphrase, title, lang string) (*locker, error) {
	if n := utf8.RuneCountInString(passphrase); n < MinPassphrase {
		return nil, fmt.Errorf("the facilitator passphrase has %d characters: a locked build needs at least %d (five or more random words are best)", n, MinPassphrase)
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	aead, err := gcmFor(passphrase, salt, LockIterations)
	if err != nil {
		return nil, err
	}
	if lang == "" {
		lang = "en"
	}
	// The page is rendered once, with a mark where each page's data goes.
	const mark = "\x00sealed\x00"
	var b bytes.Buffer
	if err := lockedPage.Execute(&b, struct {
		Lang, Title string
		Data        template.JS
		Script      template.JS
	}{lang, title, mark, template.JS(lockScript())}); err != nil {
		return nil, err
	}
	head, tail, ok := bytes.Cut(b.Bytes(), []byte(mark))
	if !ok {
		return nil, errors.New("the locked page has no place for the page")
	}
	return &locker{aead: aead, salt: salt, head: head, tail: tail}, nil
}

// sealed is one encrypted file as the browser reads it: base64 of the
// salt, the nonce and the ciphertext with its tag (appendSealed writes it).
type sealed struct {
	V     int    `json:"v"`
	KDF   string `json:"kdf"`
	Iter  int    `json:"iter"`
	Salt  string `json:"salt"`
	Nonce string `json:"nonce"`
	Data  string `json:"data"`
}

// nonce is a fresh random nonce: with 96 bits, two of one build's files
// sharing one is as likely as guessing the key.
func (l *locker) nonce() ([]byte, error) {
	n := make([]byte, l.aead.NonceSize())
	_, err := rand.Read(n)
	return n, err
}

// appendSealed appends plain, encrypted, to dst as the JSON of sealed.
// With inPlace, plain's bytes are overwritten (a page rendered for this
// alone): one copy less of a page that may be tens of megabytes.
func (l *locker) appendSealed(dst, plain []byte, inPlace bool) ([]byte, error) {
	nonce, err := l.nonce()
	if err != nil {
		return nil, err
	}
	var ct []byte
	if inPlace {
		ct = l.aead.Seal(plain[:0], nonce, plain, nil)
	} else {
		ct = l.aead.Seal(nil, nonce, plain, nil)
	}
	b64 := base64.StdEncoding
	dst = append(dst, `{"v":1,"kdf":"PBKDF2-SHA-256","iter":`...)
	dst = strconv.AppendInt(dst, LockIterations, 10)
	dst = append(dst, `,"salt":"`...)
	dst = b64.AppendEncode(dst, l.salt)
	dst = append(dst, `","nonce":"`...)
	dst = b64.AppendEncode(dst, nonce)
	dst = append(dst, `","data":"`...)
	dst = b64.AppendEncode(dst, ct)
	return append(dst, `"}`...), nil
}

// sealedLen bounds what appendSealed appends for n bytes.
func sealedLen(n int) int {
	return base64.StdEncoding.EncodedLen(n+16) + 160
}

// lockPage is the locked page that holds page, whose bytes it overwrites.
// The JSON holds base64 and fixed names only: nothing in it can end the
// script element it stands in.
func (l *locker) lockPage(page []byte) ([]byte, error) {
	out := make([]byte, 0, len(l.head)+sealedLen(len(page))+len(l.tail))
	out = append(out, l.head...)
	out, err := l.appendSealed(out, page, true)
	if err != nil {
		return nil, err
	}
	return append(out, l.tail...), nil
}

// lockFile is the locked form of a file of the facilitator edition at rel;
// data is left as it is (a site may keep it).
func (l *locker) lockFile(rel string, data []byte) ([]byte, error) {
	if strings.HasSuffix(rel, ".js") {
		// A script stays a script, so that a page loads it as it did,
		// from file:// too: it runs its plaintext once decrypted, with the
		// key the page was opened with (lock.js, runLocked).
		script := lockScript()
		out := make([]byte, 0, len(script)+sealedLen(len(data))+32)
		out = append(out, script...)
		out = append(out, "LECTERN_LOCK.runLocked("...)
		out, err := l.appendSealed(out, data, false)
		if err != nil {
			return nil, err
		}
		return append(out, ");\n"...), nil
	}
	nonce, err := l.nonce()
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(lockedMagic)+len(l.salt)+len(nonce)+len(data)+l.aead.Overhead())
	out = append(out, lockedMagic...)
	out = append(out, l.salt...)
	out = append(out, nonce...)
	return l.aead.Seal(out, nonce, data, nil), nil
}

// ErrLocked says a file is not one a locked build wrote.
var ErrLocked = errors.New("not a locked file")

// Unlock decrypts a file a locked build wrote (a page, a script or another
// file) with passphrase: what the browser does, for tests and tools.
func Unlock(passphrase string, file []byte) ([]byte, error) {
	var s sealed
	switch {
	case bytes.HasPrefix(file, lockedMagic):
		rest := file[len(lockedMagic):]
		if len(rest) < 16+12 {
			return nil, ErrLocked
		}
		return open(passphrase, rest[:16], rest[16:28], rest[28:], LockIterations)
	case bytes.Contains(file, []byte("LECTERN_LOCK.runLocked(")):
		i := bytes.LastIndex(file, []byte("LECTERN_LOCK.runLocked("))
		j := bytes.LastIndex(file, []byte(");"))
		if j < i {
			return nil, ErrLocked
		}
		if err := json.Unmarshal(file[i+len("LECTERN_LOCK.runLocked("):j], &s); err != nil {
			return nil, ErrLocked
		}
	default:
		const open, close = `<script id="lectern-locked" type="application/json">`, `</script>`
		i := bytes.Index(file, []byte(open))
		if i < 0 {
			return nil, ErrLocked
		}
		rest := file[i+len(open):]
		j := bytes.Index(rest, []byte(close))
		if j < 0 {
			return nil, ErrLocked
		}
		if err := json.Unmarshal(rest[:j], &s); err != nil {
			return nil, ErrLocked
		}
	}
	dec := base64.StdEncoding.DecodeString
	salt, err1 := dec(s.Salt)
	nonce, err2 := dec(s.Nonce)
	ct, err3 := dec(s.Data)
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, ErrLocked
	}
	return open(passphrase, salt, nonce, ct, s.Iter)
}

func open(passphrase string, salt, nonce, ct []byte, iter int) ([]byte, error) {
	aead, err := gcmFor(passphrase, salt, iter)
	if err != nil {
		return nil, err
	}
	if len(nonce) != aead.NonceSize() {
		return nil, ErrLocked
	}
	return aead.Open(nil, nonce, ct, nil)
}

// LockedSalt returns the salt of a locked file, for tests that compare
// builds.
func LockedSalt(file []byte) (salt, nonce []byte) {
	if bytes.HasPrefix(file, lockedMagic) && len(file) >= len(lockedMagic)+28 {
		rest := file[len(lockedMagic):]
		return rest[:16], rest[16:28]
	}
	const open = `<script id="lectern-locked" type="application/json">`
	i := bytes.Index(file, []byte(open))
	if i < 0 {
		return nil, nil
	}
	rest := file[i+len(open):]
	var s sealed
	if j := bytes.Index(rest, []byte("</script>")); j < 0 || json.Unmarshal(rest[:j], &s) != nil {
		return nil, nil
	}
	salt, _ = base64.StdEncoding.DecodeString(s.Salt)
	nonce, _ = base64.StdEncoding.DecodeString(s.Nonce)
	return salt, nonce
}

// lockedPage shows the kit's title and a passphrase field, nothing else:
// no page title, no address of another page. Its styles are its own, small
// and inline, so that it needs no file beside it.
var lockedPage = template.Must(template.New("locked").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex, nofollow">
<title>{{.Title}}</title>
<style>
:root { color-scheme: light dark; --bg: #fbfaf7; --fg: #1d1d1f; --muted: #5b5b66; --line: #c9c6bd; --accent: #1f5fa8; --bad: #a3261b; }
@media (prefers-color-scheme: dark) { :root { --bg: #17181b; --fg: #ececef; --muted: #a9a9b3; --line: #4a4b52; --accent: #8ab8ff; --bad: #ff9b8f; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--fg); font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { width: min(26rem, 100% - 2rem); padding: 2rem 0; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1.5rem; overflow-wrap: anywhere; }
label { display: block; font-weight: 600; margin-bottom: .375rem; }
.row { display: flex; gap: .5rem; }
input { flex: 1; min-width: 0; font: inherit; padding: .625rem .75rem; border: 1px solid var(--line); border-radius: .375rem; background: transparent; color: inherit; }
button { font: inherit; font-weight: 600; padding: .625rem 1.125rem; border: 0; border-radius: .375rem; background: var(--accent); color: var(--bg); cursor: pointer; }
input:focus-visible, button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
button[disabled] { opacity: .6; cursor: progress; }
#lectern-lock-status { min-height: 1.5em; margin: .75rem 0 0; color: var(--muted); }
#lectern-lock-status.bad { color: var(--bad); font-weight: 600; }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<form id="lectern-lock" hidden>
<label for="lectern-pass">Facilitator passphrase</label>
<div class="row"><input id="lectern-pass" type="password" autocomplete="current-password" required autofocus><button type="submit">Open</button></div>
<p id="lectern-lock-status" role="status" aria-live="polite"></p>
</form>
<noscript><p>This page opens with a passphrase, in a browser with JavaScript on.</p></noscript>
</main>
<script id="lectern-locked" type="application/json">{{.Data}}</script>
<script>{{.Script}}
LECTERN_LOCK.openPage();</script>
</body>
</html>
`))

// lockFor is the locker of a build of s, or nil when the build has no
// facilitator edition to lock: the kit does not lock it, or the build
// leaves it out.
func lockFor(s *render.Site, o Options) (*locker, diag.List) {
	if !s.Kit.Config.Facilitator.Lock || o.Only == "attendee" {
		return nil, nil
	}
	line, col := s.Kit.Config.KeyPos("facilitator.lock")
	var errs diag.List
	if o.Passphrase == nil {
		errs.Errorf("site.toml", line, col, "[facilitator] lock is set, and no passphrase was given")
		return nil, errs
	}
	pass, err := o.Passphrase()
	if err != nil {
		errs.Errorf("site.toml", line, col, "[facilitator] lock is set: %v", err)
		return nil, errs
	}
	lk, err := newLocker(pass, s.Kit.Config.Title, s.Kit.Config.Language)
	if err != nil {
		errs.Errorf("site.toml", line, col, "%v", err)
		return nil, errs
	}
	return lk, nil
}

// lockedPage renders p of s, whole, and writes its locked page.
func (w *writer) lockedPage(s *render.Site, p render.PageRef) error {
	var b bytes.Buffer
	if err := s.Render(&b, p); err != nil {
		return fmt.Errorf("%s: %w", p.Path, err)
	}
	data, err := w.lock.lockPage(b.Bytes())
	if err == nil {
		err = w.write(p.Path, data)
	}
	if err != nil {
		return &EnvError{err}
	}
	return nil
}

// WriteUnlocked writes the pages of s at paths, unlocked, with the files
// they may show, into dir: what `lectern pdf` prints the facilitator
// guide of a locked build from, outside the output.
func WriteUnlocked(s *render.Site, dir string, paths ...string) error {
	w := &writer{root: dir, dirs: map[string]bool{}, sums: map[string]string{}}
	want := map[string]bool{}
	for _, p := range paths {
		want[p] = true
	}
	for _, p := range s.Pages() {
		if want[p.Path] {
			if err := w.page(s, p); err != nil {
				return err
			}
		}
	}
	for _, f := range s.Files() {
		// Every file a page may show (the theme's, the kit's, its
		// modules'), not the search indexes, which printing does not use.
		if f.Make == nil || f.Path == "assets/chroma.css" {
			if err := w.file(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// gcmFor is AES-256-GCM under the key PBKDF2-SHA-256 derives from
// passphrase and salt in iter rounds: what lock.js derives with Web Crypto.
func gcmFor(passphrase string, salt []byte, iter int) (cipher.AEAD, error) {
	key, err := pbkdf2.Key(sha256.New, passphrase, salt, iter, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

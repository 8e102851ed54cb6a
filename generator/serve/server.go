package serve

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"lectern/generator/diag"
	"lectern/generator/render"
)

// Server serves the current build over HTTP and keeps the open tabs up to
// date. It is given each build by Publish and knows nothing of how builds
// are made. Pages are rendered when first asked for and kept until the next
// build; while the build has errors, every page is the error page.
type Server struct {
	id      string // this process's id: a tab from an earlier server reloads
	dir     string // the kit folder, for the source lines of the error page
	cur     atomic.Pointer[state]
	hub     hub
	closing chan struct{}
	once    sync.Once
	// LocalOnly makes the server answer only requests addressed to
	// localhost or an IP address, for a server listening on a loopback
	// address: a web page elsewhere cannot then reach it through a host
	// name of its own that it points at 127.0.0.1 (DNS rebinding).
	LocalOnly bool
}

// NewServer returns a server for the kit in dir; it serves a "no build yet"
// error until the first Publish.
func NewServer(dir string) *Server {
	var id [8]byte
	rand.Read(id[:])
	s := &Server{id: hex.EncodeToString(id[:]), dir: dir, closing: make(chan struct{})}
	s.hub.tabs = map[*tab]bool{}
	s.cur.Store(newState(Build{Diags: diag.List{{Path: "", Message: "no build yet"}}}, nil, dir))
	return s
}

// Close ends every event stream, so that an http.Server can shut down.
func (s *Server) Close() { s.once.Do(func() { close(s.closing) }) }

// Publish makes b the build served and tells every tab whose page changed
// to reload, or to swap its stylesheets when only they changed.
func (s *Server) Publish(b Build) {
	old := s.cur.Load()
	st := newState(b, old, s.dir)
	s.cur.Store(st)
	css, all := changedFiles(old, st)
	byPath := map[string][]*tab{}
	for _, t := range s.hub.list() {
		byPath[t.path] = append(byPath[t.path], t)
	}
	// Each page in its own goroutine, not waited for: a tab showing the
	// handout of a large kit must not hold up the tab showing a module, nor
	// the next rebuild.
	for p, tabs := range byPath {
		go func() {
			if all {
				for _, t := range tabs {
					t.post(true, nil)
				}
				return
			}
			// Rendering the page now also makes it ready for the reload.
			h := st.page(p).hash
			for _, t := range tabs {
				if h != t.shown() {
					t.post(true, nil)
				} else if len(css) > 0 {
					t.post(false, css)
				}
			}
		}()
	}
}

// changedFiles compares two builds' files: the URL paths of the stylesheets
// that changed, and whether any other file changed (then every tab reloads).
func changedFiles(old, cur *state) (css []string, other bool) {
	if old == nil || old.build.Site == nil || cur.build.Site == nil {
		return nil, false // the pages changed to or from the error page anyway
	}
	note := func(p string) {
		if strings.HasSuffix(p, ".css") {
			css = append(css, "/"+p)
		} else {
			other = true
		}
	}
	a, b := old.build.Site.Theme.Assets, cur.build.Site.Theme.Assets
	if old.build.Site.Theme != cur.build.Site.Theme {
		for p, data := range b {
			if od, ok := a[p]; !ok || !bytes.Equal(od, data) {
				note("assets/" + p)
			}
		}
		for p := range a {
			if _, ok := b[p]; !ok {
				note("assets/" + p)
			}
		}
	}
	for _, p := range cur.build.Touched {
		note(p)
	}
	sort.Strings(css)
	return css, other
}

// state is one build as served.
type state struct {
	build Build
	dir   string
	pages map[string]render.PageRef // nil while the build has errors
	// site serves the files: the build's site, or while it has errors the
	// last good one, so a page's stylesheet still loads.
	site  *render.Site
	cache sync.Map // output path -> *rendered
	// src lists the files (their paths, and the sources of those copied
	// from the kit): shared with the previous state while output paths stay
	// the same, as listing files builds the search index too. all lists
	// every file of this build, for the ones made from content; both are
	// made when first asked for.
	src, all *fileList
	// assets keeps the theme's files ready to serve; shared by the states
	// of one theme.
	assets  *assetCache
	errPage *rendered
	// files names the version of the files pages load (the theme's assets,
	// the static and bundle files): a tab that loaded other ones reloads
	// when it connects.
	files string
}

// blob is a file's content and its ETag.
type blob struct {
	data []byte
	etag string
}

type assetCache struct {
	site *render.Site
	m    sync.Map // output path -> *blob
}

func (c *assetCache) get(p string) (*blob, bool) {
	if c == nil {
		return nil, false // no good build yet
	}
	if v, ok := c.m.Load(p); ok {
		return v.(*blob), true
	}
	data, ok := c.site.Asset(p)
	if !ok {
		return nil, false
	}
	b := &blob{data: data, etag: `"` + hash(data) + `"`}
	c.m.Store(p, b)
	return b, true
}

type fileList struct {
	once  sync.Once
	site  *render.Site
	files map[string]render.File
}

func (l *fileList) get(p string) (render.File, bool) {
	l.once.Do(func() {
		l.files = map[string]render.File{}
		for _, f := range l.site.Files() {
			l.files[f.Path] = f
		}
	})
	f, ok := l.files[p]
	return f, ok
}

func newState(b Build, old *state, dir string) *state {
	st := &state{build: b, dir: dir, site: b.Site}
	if b.Site == nil {
		st.errPage = newRendered(http.StatusInternalServerError, errorPage(dir, b.Locale, b.Diags))
		if old != nil {
			st.site, st.src, st.all, st.files, st.assets = old.site, old.src, old.all, old.files, old.assets
		}
		return st
	}
	st.files = filesVersion(b, old)
	st.assets = &assetCache{site: b.Site}
	if old != nil && old.site != nil && old.site.Theme == b.Site.Theme {
		st.assets = old.assets
	}
	st.pages = map[string]render.PageRef{}
	for _, p := range b.Site.Pages() {
		st.pages[p.Path] = p
	}
	st.all = &fileList{site: b.Site}
	st.src = st.all
	if old != nil && old.build.Site != nil && !b.Layout {
		st.src = old.src
	}
	return st
}

// filesVersion is the state's files version: a hash of the theme's assets
// and of the files changed in place since the server started.
func filesVersion(b Build, old *state) string {
	var h [sha256.Size]byte
	if old != nil && old.site != nil && old.site.Theme == b.Site.Theme && len(b.Touched) == 0 {
		return old.files
	}
	names := make([]string, 0, len(b.Site.Theme.Assets))
	for p := range b.Site.Theme.Assets {
		names = append(names, p)
	}
	sort.Strings(names)
	d := sha256.New()
	for _, p := range names {
		fmt.Fprintf(d, "%s\x00%d\x00", p, len(b.Site.Theme.Assets[p]))
		d.Write(b.Site.Theme.Assets[p])
	}
	if old != nil {
		d.Write([]byte(old.files)) // files changed in place before
	}
	for _, p := range b.Touched {
		fmt.Fprintf(d, "%s\x00", p)
	}
	d.Sum(h[:0])
	return hex.EncodeToString(h[:12])
}

// rendered is a page as served: with the reload script, and the hash of the
// page as built, which tells a tab whether its page changed.
type rendered struct {
	once   sync.Once
	status int
	html   []byte
	hash   string
}

func newRendered(status int, page []byte) *rendered {
	return &rendered{status: status, html: page, hash: hash(page)}
}

func hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:12])
}

// page renders the page at output path p once per build.
func (st *state) page(p string) *rendered {
	if st.errPage != nil {
		return st.errPage
	}
	v, _ := st.cache.LoadOrStore(p, &rendered{})
	r := v.(*rendered)
	r.once.Do(func() {
		ref, ok := st.pages[p]
		if !ok {
			r.status, r.html = http.StatusNotFound, notFoundPage(st.build.Locale, p)
		} else {
			var buf bytes.Buffer
			if err := render1(st.build.Site, &buf, ref); err != nil {
				var l diag.List
				l.Errorf("", 0, 0, "%s: %v", p, err)
				r.status, r.html = http.StatusInternalServerError, errorPage(st.dir, st.build.Locale, l)
			} else {
				r.status, r.html = http.StatusOK, buf.Bytes()
			}
		}
		r.hash = hash(r.html)
	})
	return r
}

// render1 renders one page; a panic in a template is an error like any
// other, shown in the page rather than stopping the server.
func render1(s *render.Site, w io.Writer, ref render.PageRef) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rendering failed: %v", r)
		}
	}()
	return s.Render(w, ref)
}

// file finds a file of the site: theme assets straight from the theme,
// then files copied from the kit, then the ones made from content.
func (st *state) file(p string) (render.File, bool) {
	if st.site == nil {
		return render.File{}, false
	}
	if b, ok := st.assets.get(p); ok {
		return render.File{Path: p, Data: b.data}, true
	}
	// src knows every file's path, and the contents of those copied from
	// the kit; the ones made from content are made again for each build.
	f, ok := st.src.get(p)
	if !ok || f.Src != "" {
		return f, ok
	}
	return st.all.get(p)
}

//go:embed reload.js
var reloadJS string

// inject puts the reload script before </body>.
func (s *Server) inject(r *rendered, files string) []byte {
	script := "<script data-lectern-serve>" + reloadJS + `("` + r.hash + `","` + files + `","` + s.id + `");</script>` + "\n"
	i := bytes.LastIndex(r.html, []byte("</body>"))
	if i < 0 {
		i = len(r.html)
	}
	out := make([]byte, 0, len(r.html)+len(script))
	out = append(out, r.html[:i]...)
	out = append(out, script...)
	return append(out, r.html[i:]...)
}

// Where tabs listen, and where they find the list of the theme's files. No
// page or file of a site can be there: a slug cannot start with a dot, and
// the loader skips hidden files.
const (
	eventsPath = "/.lectern/events"
	assetsPath = "/.lectern/assets"
)

// assetMaxAge is how long a browser may use its copy of a theme file without
// asking: a reload then waits for no stylesheet or script. The reload
// script brings the browser's copies up to date before it reloads after a
// change (and a page that finds them older than itself, loaded in a tab that
// was not listening, does so too), so this only bounds how long a browser
// that ignores a fetch's cache: "reload" could show an old stylesheet.
const assetMaxAge = "max-age=60"

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if s.LocalOnly && !localHost(r.Host) {
		http.Error(w, "lectern serve answers only to localhost and IP addresses", http.StatusForbidden)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case assetsPath:
		s.assetList(w)
		return
	}
	p, ok := sitePath(r.URL.EscapedPath())
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	st := s.cur.Load()
	if _, isPage := st.pages[p]; !isPage {
		if b, ok := st.assets.get(p); ok {
			w.Header().Set("Cache-Control", assetMaxAge)
			serveFile(w, r, render.File{Path: p, Data: b.data}, b.etag)
			return
		}
		if f, ok := st.file(p); ok {
			serveFile(w, r, f, "")
			return
		}
		if _, ok := st.pages[p+"/index.html"]; ok {
			http.Redirect(w, r, "/"+p+"/", http.StatusFound) // not permanent: pages come and go
			return
		}
		if st.errPage == nil && !strings.HasSuffix(p, ".html") {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
	}
	pg := st.page(p)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// For the reload script, which patches a page in place from a fetch of
	// it: which page this is and which files it loads.
	h.Set("Lectern-Version", pg.hash)
	h.Set("Lectern-Files", st.files)
	body := s.inject(pg, st.files)
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(pg.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// localHost reports whether a Host header names localhost or an IP address.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || net.ParseIP(host) != nil
}

// sitePath turns a request's escaped path into an output path ("" is the
// home page's folder): "/x/" is "x/index.html". It refuses anything that is
// not a plain path inside the site: "." or ".." segments, empty segments,
// backslashes, control characters, and encoded slashes, which would let one
// segment look like two.
func sitePath(escaped string) (string, bool) {
	if !strings.HasPrefix(escaped, "/") {
		return "", false
	}
	low := strings.ToLower(escaped)
	if strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.Contains(low, "%00") {
		return "", false
	}
	p, err := url.PathUnescape(escaped[1:])
	if err != nil || strings.ContainsAny(p, "\\") || strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", false
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	return p, true
}

func serveFile(w http.ResponseWriter, r *http.Request, f render.File, etag string) {
	data, err := f.Content()
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	mod := time.Time{}
	if f.Src != "" {
		if st, err := os.Stat(f.Src); err == nil {
			mod = st.ModTime()
		}
	}
	// Unless said otherwise, always ask again: a file may change at the next
	// save.
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "no-cache")
	}
	if etag == "" {
		etag = `"` + hash(data) + `"`
	}
	w.Header().Set("ETag", etag)
	http.ServeContent(w, r, f.Path, mod, bytes.NewReader(data))
}

// assetList lists the URL paths of the files served with assetMaxAge, for
// the reload script to bring the browser's copies up to date.
func (s *Server) assetList(w http.ResponseWriter) {
	list := []string{}
	if site := s.cur.Load().site; site != nil {
		for p := range site.Theme.Assets {
			if _, ok := site.Asset("assets/" + p); ok {
				list = append(list, "/assets/"+p)
			}
		}
		if _, ok := site.Asset("assets/chroma.css"); ok {
			list = append(list, "/assets/chroma.css")
		}
	}
	sort.Strings(list)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(list)
}

// events is a tab's Server-Sent Events stream.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, ok := sitePath(q.Get("path")) // location.pathname: escaped
	fl, canFlush := w.(http.Flusher)
	if !ok || !canFlush {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	// Reconnect quickly after a restart.
	fmt.Fprint(w, "retry: 250\n\n")
	fl.Flush()

	t := &tab{path: p, version: q.Get("v"), wake: make(chan struct{}, 1)}
	s.hub.add(t)
	defer s.hub.remove(t)
	// Added before looking, so a build published meanwhile is not missed.
	st := s.cur.Load()
	if q.Get("s") != s.id {
		t.full = true // another server's page: load it afresh
		t.post(true, nil)
	} else if st.page(p).hash != t.version || q.Get("f") != st.files && st.errPage == nil {
		t.post(true, nil)
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-t.wake:
			reload, css := t.take()
			if reload {
				// The tab fetches its page again, and patches itself with it
				// (or reloads): from now on it shows this version.
				cur := s.cur.Load()
				v := cur.page(t.path).hash
				t.mu.Lock()
				t.version = v
				full := t.full
				t.mu.Unlock()
				b, _ := json.Marshal(struct {
					Files   string `json:"files"`
					Version string `json:"v"`
					Full    bool   `json:"full,omitempty"`
				}{cur.files, v, full})
				fmt.Fprintf(w, "event: reload\ndata: %s\n\n", b)
			} else if len(css) > 0 {
				b, _ := json.Marshal(struct {
					Paths []string `json:"paths"`
					Files string   `json:"files"`
				}{css, s.cur.Load().files})
				fmt.Fprintf(w, "event: css\ndata: %s\n\n", b)
			}
		}
		fl.Flush()
	}
}

// tab is one open page listening for changes.
type tab struct {
	path    string // output path of its page
	wake    chan struct{}
	mu      sync.Mutex
	version string // hash of the page it shows (or was last told to show)
	full    bool   // the tab must load its page afresh, not patch it
	reload  bool
	css     []string
}

// shown is the hash of the page the tab shows.
func (t *tab) shown() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.version
}

func (t *tab) post(reload bool, css []string) {
	t.mu.Lock()
	t.reload = t.reload || reload
	t.css = append(t.css, css...)
	t.mu.Unlock()
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

func (t *tab) take() (bool, []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r, c := t.reload, t.css
	t.reload, t.css = false, nil
	return r, dedupe(c)
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

type hub struct {
	mu   sync.Mutex
	tabs map[*tab]bool
}

func (h *hub) add(t *tab)    { h.mu.Lock(); h.tabs[t] = true; h.mu.Unlock() }
func (h *hub) remove(t *tab) { h.mu.Lock(); delete(h.tabs, t); h.mu.Unlock() }

func (h *hub) list() []*tab {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*tab, 0, len(h.tabs))
	for t := range h.tabs {
		out = append(out, t)
	}
	return out
}

// Tabs is the number of tabs listening.
func (s *Server) Tabs() int {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return len(s.hub.tabs)
}

package serve

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestChurn runs a real server (with fsnotify) on the sample kit while a
// seeded script makes some 300 changes in quick succession: edits in place,
// editors' atomic saves, renames and deletes of modules, new part folders
// (sometimes a module before its _index.md), deleted and renamed parts,
// editors' swap and backup files, and a few broken saves fixed by the next
// change. Meanwhile a second goroutine keeps asking for a few pages. The
// server must answer every request (a page, "not found" for the missing one,
// or the error page while the kit it last read was broken), and once the
// churn stops it must serve exactly what a cold build of the final kit makes.
func TestChurn(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: hundreds of changes to a served kit")
	}
	dir := sampleKit(t)
	url, out := startServer(t, dir, Options{})
	base := strings.TrimSuffix(url, "/")

	// The requester: asks for the same few pages over and over until the
	// churn ends.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	req := &requests{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		req.hammer(base, stop)
	}()
	stopped := false
	stopRequests := func() {
		if !stopped {
			stopped = true
			close(stop)
			wg.Wait()
		}
	}
	defer stopRequests() // also when the churn fails the test

	start := time.Now()
	c := newChurner(t, dir, churnSeed)
	for i := 0; i < churnOps; i++ {
		c.step()
		if d := time.Duration(c.rnd.Intn(3)) * time.Millisecond; d > 0 {
			time.Sleep(d)
		}
		// Now and then a breather longer than the server's quiet period, so
		// that rebuilds start in the middle of the churn and read the kit
		// while it goes on changing; without it the events would come too
		// close together for the server to rebuild before the churn ends.
		if c.rnd.Intn(12) == 0 {
			time.Sleep(DefaultQuiet + time.Duration(c.rnd.Intn(20))*time.Millisecond)
		}
	}
	c.finish()
	took := time.Since(start)
	// The requester keeps asking while the server catches up.
	cb := coldBuild(t, dir)
	if cb.files == nil {
		t.Fatalf("the final kit does not build (a bug in the churn script):\n%s", cb.diags.Error())
	}
	get := httpGetter(url)
	eventually(t, "served equals the cold build after the churn", 20*time.Second, func() string {
		return diffServed(get, cb, htmlPaths(cb))
	})
	stopRequests()
	t.Logf("%d changes in %v; %s; %d rebuilds", churnOps, took.Round(time.Millisecond), req.summary(), strings.Count(out.String(), "rebuilt "))
	t.Logf("errors on the error pages served:\n%s", req.messages())
	for _, e := range req.errs {
		t.Error(e)
	}
	if req.n[http.StatusOK] == 0 {
		t.Error("no request was answered with a page during the churn")
	}

	// Pages of modules that came and went are gone, and the model of the
	// kit the churn kept agrees with the cold build.
	for p, present := range c.pages {
		_, built := cb.files[p]
		if built != present {
			t.Errorf("%s: in the cold build %v, but the churn made it %v (a bug in the churn script)", p, built, present)
			continue
		}
		if !present {
			if code, _ := get(urlPath(p)); code != http.StatusNotFound {
				t.Errorf("/%s, a page that is gone: status %d, want 404", p, code)
			}
		}
	}
	if s := out.String(); strings.Contains(s, "panic") {
		t.Errorf("the server's output mentions a panic:\n%s", s)
	}
}

// churnOps is how many changes TestChurn makes, from the sequence seeded with
// churnSeed.
const (
	churnOps  = 300
	churnSeed = 7
)

// requests counts the answers to the requester's GETs and keeps the ones
// that are wrong.
type requests struct {
	mu    sync.Mutex
	n     map[int]int
	errs  []string
	total atomic.Int64
	msgs  map[string]int
}

var (
	errMsg = regexp.MustCompile(`<li class="error">\n<p class="msg">(.*?)</p>`)
	digits = regexp.MustCompile(`[0-9]+`)
	tags   = regexp.MustCompile(`<[^>]*>`)
)

// The pages asked for: each exists in every good state of the churned kit,
// except the last, which never does.
var churnPaths = []string{"/", "/task-vs-people/", "/handout/", "/facilitator/agenda/", "/no-such-page/"}

func (r *requests) hammer(base string, stop <-chan struct{}) {
	r.n = map[int]int{}
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	for {
		for _, p := range churnPaths {
			select {
			case <-stop:
				return
			default:
			}
			code, msg := r.get(client, base, p)
			r.total.Add(1)
			r.mu.Lock()
			r.n[code]++
			if msg != "" && len(r.errs) < 20 {
				r.errs = append(r.errs, fmt.Sprintf("GET %s: %s", p, msg))
			}
			r.mu.Unlock()
		}
	}
}

// get asks for one page and says what is wrong with the answer, if
// anything: a connection error, a status other than 200 (404 for the page
// that does not exist), or a 500 that is not the server's error page for a
// broken kit (the status it serves that page with, whatever the address).
func (r *requests) get(client *http.Client, base, p string) (int, string) {
	resp, err := client.Get(base + p)
	if err != nil {
		return 0, err.Error()
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return resp.StatusCode, "reading the body: " + err.Error()
	}
	missing := p == "/no-such-page/"
	switch {
	case resp.StatusCode == http.StatusOK && !missing:
	case resp.StatusCode == http.StatusNotFound && missing:
	case resp.StatusCode == http.StatusInternalServerError:
		if !bytes.Contains(body, []byte("data-lectern-serve-error")) {
			return resp.StatusCode, "a 500 that is not the error page: " + firstLine(body)
		}
		if bytes.Contains(body, []byte("rendering failed")) {
			return resp.StatusCode, "a page failed to render:\n" + string(body)
		}
		if !transientlyBroken(body) {
			return resp.StatusCode, "the error page for a kit the churn never broke:\n" + string(body)
		}
		for _, m := range errMsg.FindAllSubmatch(body, -1) {
			k := digits.ReplaceAllString(html.UnescapeString(tags.ReplaceAllString(string(m[1]), "")), "N")
			r.mu.Lock()
			if r.msgs == nil {
				r.msgs = map[string]int{}
			}
			r.msgs[k]++
			r.mu.Unlock()
		}
	default:
		return resp.StatusCode, fmt.Sprintf("status %d: %s", resp.StatusCode, firstLine(body))
	}
	return resp.StatusCode, ""
}

// brokenBy are the problems the churn causes, one of which an error page
// must show (others may follow from it, such as a link to a module whose
// file was read empty): its broken saves, a file read between an in-place
// save's truncation and its write, a part's module made before its
// _index.md (or a part read while it is being deleted), a file or folder
// gone while the build read it.
var brokenBy = []string{
	"unknown block &#34;nosuchblock&#34;",
	"unknown key &#34;colour&#34;",
	"missing front matter",
	"is neither a part nor a module bundle",
	"cannot read",
}

func transientlyBroken(page []byte) bool {
	for _, s := range brokenBy {
		if bytes.Contains(page, []byte(s)) {
			return true
		}
	}
	return false
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}

// messages lists the errors the error pages showed, numbers taken out, with
// how often each was seen.
func (r *requests) messages() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := make([]string, 0, len(r.msgs))
	for m, n := range r.msgs {
		l = append(l, fmt.Sprintf("%6d× %s", n, m))
	}
	sort.Strings(l)
	return strings.Join(l, "\n")
}

func (r *requests) summary() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	codes := make([]int, 0, len(r.n))
	for c := range r.n {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d× %d", r.n[c], c))
	}
	return fmt.Sprintf("%d requests (%s)", r.total.Load(), strings.Join(parts, ", "))
}

// churner makes changes to a kit as a hurried author with an editor would,
// from a seeded random sequence, and keeps a model of the kit so that every
// change but the deliberately broken saves leaves it valid. It leaves the
// sample kit's own modules in place (they link to each other) but edits
// them; the modules and parts it makes itself it also renames and deletes.
type churner struct {
	t   *testing.T
	dir string
	rnd *rand.Rand
	n   int // names made so far, for unique slugs

	own   []string // the sample kit's pages: edited only
	top   []string // modules the churn made in content/
	parts []*churnPart
	fix   func() // mends the broken save made by the last change
	edits int

	// pages holds the output paths of every module page made, true while
	// the module exists.
	pages map[string]bool
}

type churnPart struct {
	dir  string // content/NN-part-K
	mods []string
}

func newChurner(t *testing.T, dir string, seed int64) *churner {
	c := &churner{t: t, dir: dir, rnd: rand.New(rand.NewSource(seed)), pages: map[string]bool{}}
	c.own = []string{"content/_index.md", "content/01-why-it-matters.md", modTask, modVoice, modCheck,
		"content/05-manager-to-leader.md", "content/06-action-plan.md"}
	return c
}

// step makes one change.
func (c *churner) step() {
	if c.fix != nil {
		fix := c.fix
		c.fix = nil
		fix()
		return
	}
	type op struct {
		weight int
		do     func() bool // false: not possible now, pick another
	}
	ops := []op{
		{22, c.edit},
		{12, c.atomicEdit},
		{8, c.newModule},
		{6, c.renameModule},
		{5, c.deleteModule},
		{5, c.newPart},
		{4, c.addToPart},
		{3, c.renameInPart},
		{3, c.deleteInPart},
		{3, c.deletePart},
		{2, c.renamePart},
		{8, c.swapFiles},
		{3, c.brokenSave},
	}
	total := 0
	for _, o := range ops {
		total += o.weight
	}
	for {
		k := c.rnd.Intn(total)
		for _, o := range ops {
			if k < o.weight {
				if o.do() {
					return
				}
				break
			}
			k -= o.weight
		}
	}
}

// finish mends a broken save the last change may have left.
func (c *churner) finish() {
	if c.fix != nil {
		c.fix()
		c.fix = nil
	}
}

func (c *churner) name(kind string) string {
	c.n++
	return fmt.Sprintf("%02d-%s-%d", c.rnd.Intn(90)+10, kind, c.n)
}

func (c *churner) pick(l []string) string { return l[c.rnd.Intn(len(l))] }

// editable is every page file the churn may edit.
func (c *churner) editable() []string {
	l := append(append([]string(nil), c.own...), c.top...)
	for _, p := range c.parts {
		l = append(l, p.mods...)
	}
	return l
}

// edited is a file's content with one more paragraph at the end.
func (c *churner) edited(rel string) string {
	c.edits++
	return readFile(c.t, c.dir, rel) + fmt.Sprintf("\nChurn edit %d.\n", c.edits)
}

func (c *churner) edit() bool {
	rel := c.pick(c.editable())
	writeFile(c.t, c.dir, rel, c.edited(rel))
	return true
}

func (c *churner) atomicEdit() bool {
	rel := c.pick(c.editable())
	s := c.edited(rel)
	if c.rnd.Intn(2) == 0 {
		atomicSave(c.t, c.dir, rel, s) // a temporary name the loader reads
	} else {
		// vim's way: a backup beside it, the new content, the backup gone.
		writeFile(c.t, c.dir, rel+"~", readFile(c.t, c.dir, rel))
		tmp := filepath.Join(filepath.Dir(rel), "."+filepath.Base(rel)+".tmp")
		writeFile(c.t, c.dir, tmp, s)
		rename(c.t, c.dir, tmp, rel)
		remove(c.t, c.dir, rel+"~")
	}
	return true
}

func moduleText(title string, weight int) string {
	return fmt.Sprintf("+++\ntitle = %q\nweight = %d\n+++\n\nMade by the churn.\n\n::: activity {minutes=5}\nTalk in pairs.\n:::\n", title, weight)
}

// pagesOf are the output paths of a module's pages in both editions.
func pagesOf(rel string) []string {
	slug := strings.TrimSuffix(numPrefix(filepath.Base(rel)), ".md")
	if d := filepath.Dir(rel); d != "content" {
		slug = numPrefix(filepath.Base(d)) + "/" + slug
	}
	return []string{slug + "/index.html", "facilitator/" + slug + "/index.html"}
}

func numPrefix(name string) string {
	_, rest, _ := strings.Cut(name, "-")
	return rest
}

func (c *churner) made(rel string, present bool) {
	for _, p := range pagesOf(rel) {
		c.pages[p] = present
	}
}

func (c *churner) newModule() bool {
	if len(c.top) >= 12 {
		return false
	}
	rel := "content/" + c.name("churn") + ".md"
	s := moduleText("Churn "+rel, 100+c.n)
	if c.rnd.Intn(3) == 0 {
		tmp := "content/." + filepath.Base(rel) + ".tmp"
		writeFile(c.t, c.dir, tmp, s)
		rename(c.t, c.dir, tmp, rel)
	} else {
		writeFile(c.t, c.dir, rel, s)
	}
	c.top = append(c.top, rel)
	c.made(rel, true)
	return true
}

func (c *churner) renameModule() bool {
	if len(c.top) == 0 {
		return false
	}
	i := c.rnd.Intn(len(c.top))
	to := "content/" + c.name("churn") + ".md"
	rename(c.t, c.dir, c.top[i], to)
	c.made(c.top[i], false)
	c.made(to, true)
	c.top[i] = to
	return true
}

func (c *churner) deleteModule() bool {
	if len(c.top) == 0 {
		return false
	}
	i := c.rnd.Intn(len(c.top))
	remove(c.t, c.dir, c.top[i])
	c.made(c.top[i], false)
	c.top = append(c.top[:i], c.top[i+1:]...)
	return true
}

func (c *churner) newPart() bool {
	if len(c.parts) >= 5 {
		return false
	}
	p := &churnPart{dir: "content/" + c.name("part")}
	index := fmt.Sprintf("+++\ntitle = \"Part %d\"\nweight = %d\n+++\n\nA part made by the churn.\n", c.n, 500+c.n)
	mod := p.dir + "/" + c.name("m") + ".md"
	if c.rnd.Intn(3) == 0 {
		// The module first: for a moment the folder is neither a part nor a
		// bundle.
		writeFile(c.t, c.dir, mod, moduleText("Module "+mod, 10))
		writeFile(c.t, c.dir, p.dir+"/_index.md", index)
	} else {
		writeFile(c.t, c.dir, p.dir+"/_index.md", index)
		writeFile(c.t, c.dir, mod, moduleText("Module "+mod, 10))
	}
	p.mods = []string{mod}
	c.parts = append(c.parts, p)
	c.made(mod, true)
	return true
}

func (c *churner) pickPart() *churnPart {
	if len(c.parts) == 0 {
		return nil
	}
	return c.parts[c.rnd.Intn(len(c.parts))]
}

func (c *churner) addToPart() bool {
	p := c.pickPart()
	if p == nil || len(p.mods) >= 4 {
		return false
	}
	mod := p.dir + "/" + c.name("m") + ".md"
	writeFile(c.t, c.dir, mod, moduleText("Module "+mod, 10+c.n))
	p.mods = append(p.mods, mod)
	c.made(mod, true)
	return true
}

func (c *churner) renameInPart() bool {
	p := c.pickPart()
	if p == nil {
		return false
	}
	i := c.rnd.Intn(len(p.mods))
	to := p.dir + "/" + c.name("m") + ".md"
	rename(c.t, c.dir, p.mods[i], to)
	c.made(p.mods[i], false)
	c.made(to, true)
	p.mods[i] = to
	return true
}

func (c *churner) deleteInPart() bool {
	p := c.pickPart()
	if p == nil || len(p.mods) < 2 {
		return false
	}
	i := c.rnd.Intn(len(p.mods))
	remove(c.t, c.dir, p.mods[i])
	c.made(p.mods[i], false)
	p.mods = append(p.mods[:i], p.mods[i+1:]...)
	return true
}

func (c *churner) deletePart() bool {
	if len(c.parts) == 0 {
		return false
	}
	i := c.rnd.Intn(len(c.parts))
	if err := os.RemoveAll(filepath.Join(c.dir, c.parts[i].dir)); err != nil {
		c.t.Fatal(err)
	}
	for _, m := range c.parts[i].mods {
		c.made(m, false)
	}
	c.parts = append(c.parts[:i], c.parts[i+1:]...)
	return true
}

func (c *churner) renamePart() bool {
	p := c.pickPart()
	if p == nil {
		return false
	}
	to := "content/" + c.name("part")
	rename(c.t, c.dir, p.dir, to)
	for i, m := range p.mods {
		c.made(m, false)
		p.mods[i] = to + "/" + filepath.Base(m)
		c.made(p.mods[i], true)
	}
	p.dir = to
	return true
}

// swapFiles makes and removes the files editors leave beside the one they
// edit; now and then a backup stays.
func (c *churner) swapFiles() bool {
	rel := c.pick(c.editable())
	d, f := filepath.Dir(rel), filepath.Base(rel)
	swp := d + "/." + f + ".swp"
	writeFile(c.t, c.dir, swp, "swap")
	writeFile(c.t, c.dir, rel+"~", "backup")
	writeFile(c.t, c.dir, d+"/#"+f+"#", "autosave")
	remove(c.t, c.dir, swp)
	remove(c.t, c.dir, d+"/#"+f+"#")
	if c.rnd.Intn(3) != 0 {
		remove(c.t, c.dir, rel+"~")
	}
	return true
}

// brokenSave saves a page with an error in it; the next change mends it.
func (c *churner) brokenSave() bool {
	rel := c.pick(c.editable())
	s := readFile(c.t, c.dir, rel)
	if c.rnd.Intn(2) == 0 {
		writeFile(c.t, c.dir, rel, s+"\n::: nosuchblock\nBroken for a moment.\n:::\n")
		c.fix = func() { editFile(c.t, c.dir, rel, "::: nosuchblock", "::: note") }
	} else {
		writeFile(c.t, c.dir, rel, strings.Replace(s, "+++\n", "+++\ncolour = \"red\"\n", 1))
		c.fix = func() {
			fixed := strings.Replace(readFile(c.t, c.dir, rel), "colour = \"red\"\n", "", 1)
			atomicSave(c.t, c.dir, rel, fixed)
		}
	}
	return true
}

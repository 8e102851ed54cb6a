package render

import (
	"runtime"
	"strconv"
	"sync"

	"lectern/generator/markdown"
)

// searchData makes a site's indexes as their files are asked for. Each
// page's text is read once for both editions, by whichever file needs it
// first: a page's own file (search/p<n>.js), which is made from the text
// and let go, or a word shard or manifest, which needs every page's words.
// So a build that writes the files on every core reads the pages on every
// core too, and holds a page's text only until its file is written; only
// the words wait for the index. Files may be asked for more than once
// (lectern serve), and then each page is still read once.
type searchData struct {
	setup  sync.Once
	srcs   []searchSource
	layout searchLayout
	num    [][2]int // each source's page number in each edition
	src    [2][]int // each edition's sources, by page number
	pages  []searchPage
	dicts  chan *searchDict // one a reader, as many as cores
	index  [2]sync.Once
	idx    [2]*SearchIndex // manifest and shards
	once1  bool            // each file is asked for once (DropSources): let it go then
}

// searchPage is one source, read.
type searchPage struct {
	once sync.Once
	read [2]*pageRead
}

// take returns *b, and lets it go when each file is asked for once.
func (d *searchData) take(b *[]byte) []byte {
	v := *b
	if d.once1 {
		*b = nil
	}
	return v
}

func (s *Site) searchSetup() *searchData {
	d := &s.search
	d.setup.Do(func() {
		d.srcs = s.searchSources()
		d.layout = s.searchLayout(d.srcs)
		d.num = make([][2]int, len(d.srcs))
		for i := range d.srcs {
			for e := range d.src {
				if d.srcs[i].in(markdown.Edition(e)) {
					d.num[i][e] = len(d.src[e])
					d.src[e] = append(d.src[e], i)
				}
			}
		}
		d.pages = make([]searchPage, len(d.srcs))
		n := runtime.GOMAXPROCS(0)
		d.dicts = make(chan *searchDict, n)
		for range n {
			d.dicts <- newSearchDict()
		}
	})
	return d
}

// readPage reads source i, once, and makes its page files.
func (s *Site) readPage(i int) *searchPage {
	d := &s.search
	p := &d.pages[i]
	p.once.Do(func() {
		dict := <-d.dicts
		p.read = s.readSearchPage(&d.srcs[i], dict)
		for e, r := range p.read {
			if r != nil {
				r.file = pageFile(d.num[i][e], &d.srcs[i], r.sections)
				r.nsec = len(r.sections)
				dict.recycle(r.sections)
				r.sections = nil
			}
		}
		d.dicts <- dict
	})
	return p
}

// searchIndex makes edition e's manifest and word shards, once, reading
// the pages no file has read yet.
func (s *Site) searchIndex(e markdown.Edition) *SearchIndex {
	d := s.searchSetup()
	d.index[e].Do(func() {
		read := make([][2]*pageRead, len(d.srcs))
		for i := range d.srcs {
			read[i] = s.readPage(i).read
		}
		d.idx[e] = makeIndex(e, d.srcs, read, d.layout)
		if d.once1 {
			for _, r := range read {
				if r[e] != nil {
					r[e].words = nil
				}
			}
		}
	})
	return d.idx[e]
}

// SearchIndex builds edition e's index.
func (s *Site) SearchIndex(e markdown.Edition) *SearchIndex {
	idx := *s.searchIndex(e)
	d := &s.search
	for _, i := range d.src[e] {
		idx.Pages = append(idx.Pages, d.pages[i].read[e].file)
	}
	return &idx
}

// searchFiles are the files of the site's indexes: each edition's page
// files first, the two editions' in turns, as a page is read for both;
// then the shards and manifests, which wait for every page.
func (s *Site) searchFiles() []File {
	d := s.searchSetup()
	var out []File
	page := func(e markdown.Edition, n int) {
		out = append(out, File{Path: editionRoot(e) + searchDir + "p" + strconv.Itoa(n) + ".js", Make: func() []byte {
			return d.take(&s.readPage(d.src[e][n]).read[e].file)
		}})
	}
	for n := range max(len(d.src[0]), len(d.src[1])) {
		for _, e := range s.editions() {
			if n < len(d.src[e]) {
				page(e, n)
			}
		}
	}
	for _, e := range s.editions() {
		for i := range d.layout.shards[e] {
			out = append(out, File{Path: editionRoot(e) + searchDir + "w" + strconv.Itoa(i) + ".js", Make: func() []byte {
				return d.take(&s.searchIndex(e).Shards[i])
			}})
		}
		out = append(out, File{Path: SearchIndexPathOf(e), Make: func() []byte { return s.searchIndex(e).Manifest }})
	}
	return out
}

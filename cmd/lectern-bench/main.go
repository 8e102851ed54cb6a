// Command lectern-bench times `lectern build` against Hugo on the same
// generated Markdown and prints a table of medians and ratios.
//
// For each kit size it writes a Lectern kit (kitgen.Write: ~4 KB of Markdown
// a module, a part every 25 modules) and the same content as a Hugo site with
// minimal templates (kitgen.WriteHugo), through the kitgen command
// (generator/internal/kitgen/cmd/kitgen: a command outside generator/
// cannot import the package). It builds both from this module (lectern may
// be given with -lectern instead), then runs the tools in turn, -runs times each:
// first rebuilds into the existing output folder, as a writer rebuilds
// between edits (one module's text changes before each), then builds into
// an empty one. Wall time, CPU time and
// peak memory (ru_maxrss of the child) are medians; the files and bytes
// each tool wrote are counted, so the work compared is visible: Lectern
// writes two editions, the handout, guide, worksheets, quotes, run-sheet,
// search index and offline ZIP; Hugo one page per Markdown file. The floor
// (floor.go) is the least any tool on Lectern's stack does with the kit:
// decode front matter, convert with goldmark and chroma, write one bare page
// per module. It is timed into an empty folder, and every row's wall time
// is also given as a multiple of it.
//
//	go run ./cmd/lectern-bench                      # 500, 2000 and 8000 modules
//	go run ./cmd/lectern-bench -modules 2000 -runs 3
//
// No figure is asserted: the command reports, it does not judge.
//
//go:build unix

package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == floorCommand {
		if err := floor(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "lectern-bench floor:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lectern-bench:", err)
		os.Exit(1)
	}
}

type options struct {
	sizes    []int
	runs     int
	dir      string
	lectern  string
	hugo     string
	fresh    bool
	markdown bool
	floor    bool
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("lectern-bench", flag.ContinueOnError)
	var o options
	sizes := flags.String("modules", "500,2000,8000", "kit sizes in modules, comma-separated")
	flags.IntVar(&o.runs, "runs", 5, "timed runs of each tool for each size and mode")
	flags.StringVar(&o.dir, "dir", "", "work folder for the kits and outputs (default: a new temporary folder, removed after)")
	flags.StringVar(&o.lectern, "lectern", "", "lectern binary to time (default: go build this module's cmd/lectern)")
	flags.StringVar(&o.hugo, "hugo", "hugo", "hugo binary; skipped when not found")
	flags.BoolVar(&o.fresh, "fresh", true, "also time builds into an empty output folder")
	flags.BoolVar(&o.floor, "floor", true, "also time the floor, into an empty folder: front matter, goldmark and chroma alone, one bare page per module (floor.go)")
	flags.BoolVar(&o.markdown, "markdown", false, "print the tables as Markdown")
	if err := flags.Parse(args); err != nil {
		return err
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-modules: %q is not a number of modules", s)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.runs < 1 {
		return fmt.Errorf("-runs must be at least 1")
	}
	if o.dir == "" {
		d, err := os.MkdirTemp("", "lectern-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		o.dir = d
	}
	gobuild := func(bin, pkg string) error {
		cmd := exec.Command("go", "build", "-o", bin, pkg)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s (run this from inside the lectern module): %w", pkg, err)
		}
		return nil
	}
	if o.lectern == "" {
		o.lectern = filepath.Join(o.dir, "lectern")
		if err := gobuild(o.lectern, "lectern/cmd/lectern"); err != nil {
			return err
		}
	}
	kitgen := filepath.Join(o.dir, "kitgen")
	if err := gobuild(kitgen, "lectern/generator/internal/kitgen/cmd/kitgen"); err != nil {
		return err
	}
	gen := func(dir string, n int, hugo bool) error {
		args := []string{"-dir", dir, "-modules", strconv.Itoa(n), "-parts", strconv.Itoa(max(1, n/25)), "-seed", "1"}
		if hugo {
			args = append(args, "-hugo")
		}
		out, err := exec.Command(kitgen, args...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("kitgen %s: %v\n%s", dir, err, out)
		}
		return nil
	}
	self, err := os.Executable() // runs the floor (floor.go)
	if err != nil || !o.floor {
		self = ""
	}
	hugo, err := exec.LookPath(o.hugo)
	if err != nil {
		hugo = ""
	}

	fmt.Fprintf(stdout, "machine: %s/%s, %d cores (GOMAXPROCS)\n", runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0))
	fmt.Fprintf(stdout, "lectern: %s\n", version(o.lectern, "version"))
	if hugo != "" {
		fmt.Fprintf(stdout, "hugo:    %s\n", version(hugo, "version"))
	} else {
		fmt.Fprintf(stdout, "hugo:    not found (%s): Lectern only\n", o.hugo)
	}
	fmt.Fprintf(stdout, "runs:    %d of each tool, alternating, medians\n\n", o.runs)

	trash, err := os.MkdirTemp(o.dir, "trash-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(trash)

	modes := []bool{false}
	if o.fresh {
		modes = append(modes, true)
	}
	var rows []row
	for _, n := range o.sizes {
		lk := filepath.Join(o.dir, fmt.Sprintf("lectern-%d", n))
		hk := filepath.Join(o.dir, fmt.Sprintf("hugo-%d", n))
		if err := gen(lk, n, false); err != nil {
			return err
		}
		if hugo != "" {
			if err := gen(hk, n, true); err != nil {
				return err
			}
		}
		lout := filepath.Join(lk, "public")
		// Lectern keeps its spare in the user's cache folder: a cache of
		// the benchmark's own (XDG_CACHE_HOME, on Linux) is emptied with the output.
		cache := filepath.Join(o.dir, fmt.Sprintf("cache-%d", n))
		all := []tool{{name: "lectern", out: lout, spare: filepath.Join(cache, "lectern"), trash: trash, content: filepath.Join(lk, "content"),
			env: []string{"XDG_CACHE_HOME=" + cache},
			cmd: []string{o.lectern, "build", "--source", lk, "--out", lout}}}
		if self != "" {
			fout := filepath.Join(o.dir, fmt.Sprintf("floor-%d", n))
			all = append(all, tool{name: "floor", out: fout, trash: trash, emptyOnly: true,
				cmd: []string{self, floorCommand, lk, fout}})
		}
		if hugo != "" {
			all = append(all, tool{name: "hugo", out: filepath.Join(hk, "public"), trash: trash, content: filepath.Join(hk, "content"),
				cmd: []string{hugo, "--quiet", "--source", hk}})
		}
		for _, fresh := range modes {
			var tools []tool
			for _, t := range all {
				if fresh || !t.emptyOnly {
					tools = append(tools, t)
				}
			}
			// Two untimed builds first: the second leaves a rebuild's state
			// (an output folder, and Lectern's spare).
			if !fresh {
				for _, t := range tools {
					for range 2 {
						if _, err := t.run(false); err != nil {
							return err
						}
					}
				}
			}
			samples := make([][]sample, len(tools))
			for r := range o.runs {
				for j := range tools {
					// Alternate which tool goes first.
					k := j
					if r%2 == 1 {
						k = len(tools) - 1 - j
					}
					if !fresh {
						// A writer rebuilds after an edit: one module's
						// text changes before each timed rebuild.
						if err := tools[k].edit(r); err != nil {
							return err
						}
					}
					s, err := tools[k].run(fresh)
					if err != nil {
						return err
					}
					samples[k] = append(samples[k], s)
				}
			}
			for k, t := range tools {
				files, size := count(t.out)
				rows = append(rows, row{modules: n, tool: t.name, fresh: fresh, m: median(samples[k]), files: files, bytes: size})
			}
		}
	}
	report(stdout, rows, o.markdown)
	return nil
}

type tool struct {
	name, out, spare string
	content          string   // the Markdown, which edit changes; "" for none
	trash            string   // where run moves old outputs
	env              []string // added to the environment
	cmd              []string
	// emptyOnly: timed into an empty folder only. The floor writes every
	// file anew; over an existing one, that times ext4 flushing a file
	// emptied and written again (auto_da_alloc), not the stack's work.
	emptyOnly bool
}

// edit adds a paragraph to the end of one module, the n-th (modulo their
// number) in name order, as a writer's edit between two rebuilds does.
func (t tool) edit(n int) error {
	if t.content == "" {
		return nil
	}
	var mods []string
	err := filepath.WalkDir(t.content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			mods = append(mods, p)
		}
		return err
	})
	if err != nil || len(mods) == 0 {
		return fmt.Errorf("no module to edit in %s: %v", t.content, err)
	}
	slices.Sort(mods)
	p := mods[(n*7)%len(mods)]
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "\nA paragraph added before rebuild %d.\n", n+1)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// trashed numbers the outputs moved to the trash.
var trashed int

type sample struct {
	wall, cpu time.Duration
	rss       int64 // bytes
}

// run runs the tool once; fresh empties its output folder first (and
// Lectern's spare). It moves them into the trash folder rather than
// removing them: ext4 without a journal (as on some virtual machines) does
// not reuse an inode for 30 s after it is freed, and scans past every such
// inode on each file it creates, so a build just after `rm -rf` is slowed
// by the removal, more for the tool that creates more files. The trash is
// removed when all runs are done.
func (t tool) run(fresh bool) (sample, error) {
	if fresh {
		for _, p := range []string{t.out, t.spare} {
			if p == "" {
				continue
			}
			trashed++
			err := os.Rename(p, filepath.Join(t.trash, strconv.Itoa(trashed)))
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return sample{}, err
			}
		}
	}
	syncFS()
	cmd := exec.Command(t.cmd[0], t.cmd[1:]...)
	cmd.Env = append(os.Environ(), t.env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s", strings.Join(t.cmd, " "), err, stderr.String())
	}
	s := sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = int64(ru.Maxrss)
		if runtime.GOOS != "darwin" {
			s.rss *= 1024 // kilobytes on Linux and the BSDs
		}
	}
	return s, nil
}

func median(ss []sample) sample {
	pick := func(f func(sample) int64) int64 {
		v := make([]int64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return sample{
		wall: time.Duration(pick(func(s sample) int64 { return int64(s.wall) })),
		cpu:  time.Duration(pick(func(s sample) int64 { return int64(s.cpu) })),
		rss:  pick(func(s sample) int64 { return s.rss }),
	}
}

// count returns the number of files under dir and their total size.
func count(dir string) (files int, size int64) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				files++
				size += info.Size()
			}
		}
		return nil
	})
	return files, size
}

type row struct {
	modules int
	tool    string
	fresh   bool
	m       sample
	files   int
	bytes   int64
}

func report(w io.Writer, rows []row, markdown bool) {
	find := func(n int, tool string, fresh bool) *row {
		for i := range rows {
			if rows[i].modules == n && rows[i].tool == tool && rows[i].fresh == fresh {
				return &rows[i]
			}
		}
		return nil
	}
	var base *row // Lectern's smallest rebuild, for time per module
	for i := range rows {
		if rows[i].tool == "lectern" && !rows[i].fresh && (base == nil || rows[i].modules < base.modules) {
			base = &rows[i]
		}
	}
	header := []string{"modules", "output", "tool", "wall", "CPU", "peak RSS", "files", "written", "ms/module", "vs smallest", "wall ÷ Hugo", "RSS ÷ Hugo", "wall ÷ floor"}
	var table [][]string
	for _, r := range rows {
		mode := "rebuild"
		if r.fresh {
			mode = "empty"
		}
		perModule := float64(r.m.wall.Microseconds()) / 1000 / float64(r.modules)
		cells := []string{strconv.Itoa(r.modules), mode, r.tool, secs(r.m.wall), secs(r.m.cpu), mib(r.m.rss),
			strconv.Itoa(r.files), mib(r.bytes), fmt.Sprintf("%.2f", perModule), "", "", "", ""}
		if r.tool == "lectern" && base != nil && !r.fresh {
			basePer := float64(base.m.wall.Microseconds()) / 1000 / float64(base.modules)
			cells[9] = fmt.Sprintf("%+.0f%%", (perModule/basePer-1)*100)
		}
		if h := find(r.modules, "hugo", r.fresh); h != nil && r.tool != "hugo" {
			cells[10] = fmt.Sprintf("%.2f", r.m.wall.Seconds()/h.m.wall.Seconds())
			cells[11] = fmt.Sprintf("%.2f", float64(r.m.rss)/float64(h.m.rss))
		}
		if f := find(r.modules, "floor", true); f != nil && r.tool != "floor" {
			cells[12] = fmt.Sprintf("%.2f", r.m.wall.Seconds()/f.m.wall.Seconds())
		}
		table = append(table, cells)
	}
	if markdown {
		fmt.Fprintln(w, "| "+strings.Join(header, " | ")+" |")
		fmt.Fprintln(w, "|"+strings.Repeat(" --- |", len(header)))
		for _, c := range table {
			fmt.Fprintln(w, "| "+strings.Join(c, " | ")+" |")
		}
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(header, "\t")+"\t")
	for _, c := range table {
		fmt.Fprintln(tw, strings.Join(c, "\t")+"\t")
	}
	tw.Flush()
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

// version runs bin with args and returns its first line of output.
func version(bin string, args ...string) string {
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		return bin + " (version unknown)"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

// syncFS flushes written data, so one run's writeback does not land on the
// next run's time.
func syncFS() {
	exec.Command("sync").Run()
}

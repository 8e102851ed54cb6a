package publish

import (
	"bufio"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// oldOutput is what a build found in the output folder it replaces: the
// user's files, links and folders to carry into the new one, and the mode
// of every folder it keeps.
type oldOutput struct {
	out    string
	files  []string               // slash paths of the user's files and links
	dirs   map[string]fs.FileMode // every folder, by slash path, and its mode
	needed map[string]bool        // folders the build makes
	mode   fs.FileMode            // of the output folder itself; 0 when none
}

// scanOld looks at the output folder out before a build writes written
// (slash paths) and decides what to carry over. A file is Lectern's when
// the manifest lists it and it still holds what Lectern wrote (its
// checksum); anything else is the user's. It is an error, naming each path,
// when something of the user's is where the build writes a file or needs a
// folder, unless overwrite (then it is dropped), and when a folder of out
// is a mount point: nothing is moved, carried or deleted across one.
func scanOld(out string, written []string, overwrite bool) (*oldOutput, error) {
	o := &oldOutput{out: out, dirs: map[string]fs.FileMode{}, needed: map[string]bool{}}
	newSet := make(map[string]bool, len(written))
	for _, p := range written {
		newSet[p] = true
		for d := path.Dir(p); d != "." && !o.needed[d]; d = path.Dir(d) {
			o.needed[d] = true
		}
	}
	st, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return o, nil
	}
	if err != nil {
		return nil, &EnvError{err}
	}
	if !st.IsDir() {
		return nil, &EnvError{fmt.Errorf("%s exists and is not a folder", out)}
	}
	o.mode = st.Mode().Perm()
	dev, _ := device(st)
	ours, _ := readManifest(filepath.Join(out, Manifest))
	oursDirs := map[string]bool{} // folders Lectern made for its files
	for p := range ours {
		for d := path.Dir(p); d != "." && !oursDirs[d]; d = path.Dir(d) {
			oursDirs[d] = true
		}
	}
	var clash []string
	dropped := "" // a folder of the user's that overwrite drops, with what it holds
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if rel == "." {
			return nil
		}
		slash := filepath.ToSlash(rel)
		if dropped != "" && !strings.HasPrefix(slash, dropped+"/") {
			dropped = ""
		}
		if d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			if dd, ok := device(info); ok && dd != dev {
				return fmt.Errorf("%s: a mount point inside the output folder; Lectern moves, carries and deletes nothing across a mount: unmount it, or build into another folder", p)
			}
			switch {
			case dropped != "":
			case newSet[slash]:
				if !overwrite {
					clash = append(clash, slash)
				}
				dropped = slash // still walked, for mount points
			case oursDirs[slash] && !o.needed[slash]:
				// Lectern's, and no longer needed: it goes, unless a
				// file of the user's inside is carried.
			default:
				o.dirs[slash] = info.Mode().Perm()
			}
			return nil
		}
		if dropped != "" || slash == Manifest {
			return nil
		}
		if sum, ok := ours[slash]; ok && (sum == "" || newSet[slash] || sameSum(p, d, sum)) {
			return nil // Lectern's, as it wrote it, or about to be written again
		}
		if newSet[slash] || o.needed[slash] {
			if !overwrite {
				clash = append(clash, slash)
			}
			return nil
		}
		o.files = append(o.files, slash)
		return nil
	})
	if err != nil {
		return nil, &EnvError{err}
	}
	if len(clash) > 0 {
		return nil, conflicts(out, clash)
	}
	return o, nil
}

// carry links the user's files and links into stage, and makes the user's
// folders there, empty ones too.
func (o *oldOutput) carry(stage string) error {
	for rel := range o.dirs {
		if !o.needed[rel] {
			if err := os.MkdirAll(filepath.Join(stage, filepath.FromSlash(rel)), 0o755); err != nil {
				return err
			}
		}
	}
	for _, rel := range o.files {
		src := filepath.Join(o.out, filepath.FromSlash(rel))
		dst := filepath.Join(stage, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		st, err := os.Lstat(src)
		if err != nil {
			return err
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			t, err := os.Readlink(src)
			if err != nil {
				return err
			}
			if err := os.Symlink(t, dst); err != nil {
				return err
			}
			continue
		}
		if err := os.Link(src, dst); err == nil {
			continue
		}
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%s: cannot carry it into the new output", src)
		}
		if err := copyFile(src, dst); err != nil {
			return err
		}
	}
	return nil
}

// modes gives the folders of stage the modes they had in the old output,
// and stage the old output's; deepest first, so that a folder closed to its
// owner does not stop the ones inside it.
func (o *oldOutput) modes(stage string) error {
	var rels []string
	for rel, m := range o.dirs {
		if m != 0o755 || !o.needed[rel] {
			rels = append(rels, rel)
		}
	}
	sort.Slice(rels, func(i, j int) bool { return strings.Count(rels[i], "/") > strings.Count(rels[j], "/") })
	for _, rel := range rels {
		if err := os.Chmod(filepath.Join(stage, filepath.FromSlash(rel)), o.dirs[rel]); err != nil {
			return err
		}
	}
	mode := o.mode
	if mode == 0 {
		mode = 0o755
	}
	return os.Chmod(stage, mode)
}

// readManifest reads the manifest at p: each path Lectern wrote, and the
// checksum of what it wrote ("" when not known); and for a page made from
// what render.PageKey names, that key.
func readManifest(p string) (sums, keys map[string]string) {
	sums, keys = map[string]string{}, map[string]string{}
	f, err := os.Open(p)
	if err != nil {
		return sums, keys
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" {
			continue
		}
		name, sum, _ := strings.Cut(l, "\t")
		sum, key, ok := strings.Cut(sum, "\t")
		sums[name] = sum
		if ok {
			keys[name] = key
		}
	}
	return sums, keys
}

// checksum is what the manifest keeps of a file: its CRC-32 and length.
func checksum(crc, crcC uint32, n int64) string {
	return fmt.Sprintf("%08x:%d:%08x", crc, n, crcC)
}

// The manifest's checksum of a file is two CRCs of its bytes (IEEE, which
// the offline ZIP needs anyway, and Castagnoli) and its length: 64 bits
// that tell a changed file from the one recorded, so that a rebuild need
// not even open a file its spare holds as it would write it (outFile).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sumSize is the length a checksum records, or -1 for one without the
// Castagnoli CRC (written by an older Lectern), which no rebuild trusts
// without reading the file.
func sumSize(sum string) int64 {
	_, rest, _ := strings.Cut(sum, ":")
	size, c, ok := strings.Cut(rest, ":")
	if !ok || len(c) != 8 {
		return -1
	}
	n, err := strconv.ParseInt(size, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// sumCRC is the IEEE CRC and length a checksum records.
func sumCRC(sum string) (crc uint32, n int64, ok bool) {
	c, _, _ := strings.Cut(sum, ":")
	v, err := strconv.ParseUint(c, 16, 32)
	n = sumSize(sum)
	return uint32(v), n, err == nil && len(c) == 8 && n >= 0
}

// sameSum reports whether the file at p holds what has the checksum sum
// (an older Lectern's, without the Castagnoli CRC, too).
func sameSum(p string, d fs.DirEntry, sum string) bool {
	if !d.Type().IsRegular() {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	h, hc := crc32.NewIEEE(), crc32.New(castagnoli)
	n, err := io.Copy(io.MultiWriter(h, hc), f)
	if err != nil {
		return false
	}
	got := checksum(h.Sum32(), hc.Sum32(), n)
	return got == sum || sumSize(sum) < 0 && strings.HasPrefix(got, sum+":")
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_EXCL, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

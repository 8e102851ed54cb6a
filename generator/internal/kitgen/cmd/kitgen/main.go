// Command kitgen writes a synthetic workshop kit (package kitgen) for
// benchmarks and profiling by hand, as a Lectern kit or as the same
// Markdown in a Hugo site:
//
//	go run ./generator/internal/kitgen/cmd/kitgen -dir /tmp/big -modules 2000 -parts 20
//	go run ./generator/internal/kitgen/cmd/kitgen -dir /tmp/big-hugo -modules 2000 -parts 20 -hugo
//
// It lives in the generator tree because kitgen is internal to it; programs
// elsewhere (cmd/lectern-reloadbench) run it.
package main

import (
	"flag"
	"fmt"
	"os"

	"lectern/generator/internal/kitgen"
)

func main() {
	dir := flag.String("dir", "", "the folder to write the kit into (required)")
	modules := flag.Int("modules", 2000, "the number of modules")
	parts := flag.Int("parts", 20, "the number of parts (0: modules directly in content/)")
	seed := flag.Int64("seed", 1, "varies the text; the same seed gives the same kit")
	hugo := flag.Bool("hugo", false, "write a Hugo site with the same Markdown instead")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: kitgen -dir DIR [-modules N] [-parts N] [-seed N] [-hugo]")
		os.Exit(2)
	}
	o := kitgen.Options{Modules: *modules, Parts: *parts, Seed: *seed}
	write := kitgen.Write
	if *hugo {
		write = kitgen.WriteHugo
	}
	if err := write(*dir, o); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

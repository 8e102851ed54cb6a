package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"lectern/generator/diag"
	"lectern/generator/serve"
)

type serveFlags struct {
	source, bind string
	port         int
	poll         bool
}

func (f *serveFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the kit folder (the one with site.toml)")
	fs.StringVar(&f.bind, "bind", "127.0.0.1", "the address to listen on (0.0.0.0 lets other machines in)")
	fs.IntVar(&f.port, "port", 8080, "the port to listen on (0 picks a free one)")
	fs.BoolVar(&f.poll, "poll", false, "look for changes every 300 ms instead of asking the system (network shares, some containers)")
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serveFlags
	if code, ok := parse(find("serve"), f.define, args, stdout, stderr); !ok {
		return code
	}
	if f.port < 0 || f.port > 65535 {
		fmt.Fprintf(stderr, "lectern serve: --port must be a port number (0 to 65535), not %d\n", f.port)
		return exitUsage
	}
	err := serve.Run(ctx, serve.Options{
		Source: f.source,
		Bind:   f.bind,
		Port:   f.port,
		Poll:   f.poll,
		Stdout: stdout,
		Stderr: stderr,
	})
	var notKit diag.List
	if errors.As(err, &notKit) {
		report(stderr, notKit)
		return exitKit
	}
	if err != nil {
		return failure(stderr, err)
	}
	return exitOK
}

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

func serveFlags(fs *flag.FlagSet) {
	fs.String("source", ".", "the kit folder (the one with site.toml)")
	fs.String("bind", "127.0.0.1", "the address to listen on (0.0.0.0 lets other machines in)")
	fs.Int("port", 8080, "the port to listen on (0 picks a free one)")
	fs.Bool("poll", false, "look for changes every 300 ms instead of asking the system (network shares, some containers)")
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, code, ok := parse(find("serve"), args, stdout, stderr)
	if !ok {
		return code
	}
	port := fs.Lookup("port").Value.(flag.Getter).Get().(int)
	if port < 0 || port > 65535 {
		fmt.Fprintf(stderr, "lectern serve: --port must be a port number (0 to 65535), not %d\n", port)
		return exitUsage
	}
	err := serve.Run(ctx, serve.Options{
		Source: fs.Lookup("source").Value.String(),
		Bind:   fs.Lookup("bind").Value.String(),
		Port:   port,
		Poll:   fs.Lookup("poll").Value.(flag.Getter).Get().(bool),
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

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// EnvPassphrase gives the passphrase of a locked facilitator edition
// ([facilitator] lock in site.toml). Without it, a build on a terminal asks.
const EnvPassphrase = "LECTERN_FACILITATOR_PASSPHRASE"

// passphrase returns the passphrase a locked build asks for: from the
// environment, else typed twice on the terminal, unseen. It is never read
// from a file nor written anywhere. pause stops the progress line while
// the terminal asks, and returns what starts it again.
func passphrase(stderr io.Writer, pause func() (resume func())) func() (string, error) {
	return func() (string, error) {
		if p, ok := os.LookupEnv(EnvPassphrase); ok {
			return p, nil
		}
		if !isTerminal(os.Stdin) || !isTerminal(stderr) {
			return "", fmt.Errorf("give the passphrase in %s, or build on a terminal to type it", EnvPassphrase)
		}
		defer pause()()
		in := bufio.NewReader(os.Stdin)
		fmt.Fprint(stderr, "Passphrase for the facilitator edition: ")
		first, err := readHidden(os.Stdin, in)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "The same again: ")
		again, err := readHidden(os.Stdin, in)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if first != again {
			return "", errors.New("the two passphrases typed differ")
		}
		return first, nil
	}
}

// readLine reads a line without its end.
func readLine(in *bufio.Reader) (string, error) {
	line, err := in.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

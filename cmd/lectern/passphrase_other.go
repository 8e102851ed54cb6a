//go:build !linux

package main

import (
	"bufio"
	"errors"
	"os"
)

// readHidden refuses: only on Linux can the echo be turned off without a
// terminal library; the environment variable works everywhere.
func readHidden(*os.File, *bufio.Reader) (string, error) {
	return "", errors.New("typing the passphrase is not offered on this system: give it in " + EnvPassphrase)
}

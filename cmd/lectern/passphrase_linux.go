package main

import (
	"bufio"
	"os"

	"golang.org/x/sys/unix"
)

// readHidden reads a line from the terminal f with its echo off.
func readHidden(f *os.File, in *bufio.Reader) (string, error) {
	fd := int(f.Fd())
	was, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return readLine(in)
	}
	quiet := *was
	quiet.Lflag &^= unix.ECHO
	quiet.Lflag |= unix.ICANON | unix.ISIG
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &quiet); err != nil {
		return "", err
	}
	defer unix.IoctlSetTermios(fd, unix.TCSETS, was)
	return readLine(in)
}
